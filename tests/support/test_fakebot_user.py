"""A test acts as a user through the fake and reads what the bot showed."""

import asyncio

import pytest
from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest

from tests.support.fakebot import FakeBotApi, FakeUser

SEX = InlineKeyboardMarkup(
    [
        [
            InlineKeyboardButton("Female", callback_data="sex:f"),
            InlineKeyboardButton("Male", callback_data="sex:m"),
        ],
        [InlineKeyboardButton("Sources", url="https://example.org/sources")],
    ]
)


async def test_commands_get_a_bot_command_entity(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """ "/start payload" arrives with a bot_command entity spanning "/start" only."""
    person = fake_bot_api.add_user(5, first_name="Cy", language_code="de")
    await fake_bot_api.send_text(person, "/start ref42")
    (update,) = await bot.get_updates()
    assert update.message is not None
    assert update.message.parse_entities() == {update.message.entities[0]: "/start"}
    assert update.message.from_user is not None
    assert update.message.from_user.language_code == "de"
    assert update.message.chat.type == "private"


async def test_plain_text_has_no_entities(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """Text without a leading slash is a plain message."""
    person = fake_bot_api.add_user(6)
    await fake_bot_api.send_text(person, "500 mg calcium")
    (update,) = await bot.get_updates()
    assert update.message is not None
    assert update.message.entities == ()


async def test_shared_location_arrives(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """share_location sends a message with a Location."""
    person = fake_bot_api.add_user(8)
    await fake_bot_api.share_location(person, 52.52, 13.405)
    (update,) = await bot.get_updates()
    assert update.message is not None
    assert update.message.location is not None
    assert (update.message.location.latitude, update.message.location.longitude) == (52.52, 13.405)


async def test_press_sends_a_callback_query_with_the_current_message(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """press() queues a CallbackQuery carrying the data and the message as it is now."""
    sent = await bot.send_message(user.id, "Your sex?", reply_markup=SEX)
    await fake_bot_api.press(user, sent.message_id, "sex:m")
    query = (await bot.get_updates())[-1].callback_query
    assert query is not None
    assert query.data == "sex:m"
    assert query.message is not None
    assert query.message.message_id == sent.message_id
    assert query.from_user.id == user.id


async def test_pressing_a_button_the_bot_never_showed_fails(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A test cannot press callback_data that is not on the message; nothing is queued."""
    sent = await bot.send_message(user.id, "Your sex?", reply_markup=SEX)
    before = fake_bot_api.state.pending_updates
    with pytest.raises(AssertionError, match="no button with callback_data 'sex:x'"):
        await fake_bot_api.press(user, sent.message_id, "sex:x")
    with pytest.raises(AssertionError, match="not in chat"):
        await fake_bot_api.press(user, 999, "sex:m")
    assert fake_bot_api.state.pending_updates == before


async def test_press_button_finds_the_label_meant(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """An exact label wins over a substring ("Male" is not "Female"); URL buttons refuse."""
    await bot.send_message(user.id, "Your sex?", reply_markup=SEX)
    shown = await fake_bot_api.wait_for_message(user.id)
    query = await fake_bot_api.press_button(user, shown, text_contains="Male")
    assert query["data"] == "sex:m"
    with pytest.raises(AssertionError, match="no buttons labelled like 'Other'"):
        await fake_bot_api.press_button(user, shown, text_contains="Other")
    with pytest.raises(AssertionError, match="not a callback button"):
        await fake_bot_api.press_button(user, shown, text_contains="Sources")


async def test_reply_keyboard_buttons_send_text_or_location(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Tapping a reply button sends its label; a location button sends the given location."""
    keyboard = ReplyKeyboardMarkup(
        [["Berlin"], [KeyboardButton("Send my location", request_location=True)]]
    )
    await bot.send_message(user.id, "Where are you?", reply_markup=keyboard)
    typed = await fake_bot_api.press_reply_button(user, text_contains="Berlin")
    shared = await fake_bot_api.press_reply_button(
        user, text_contains="location", location=(48.1, 11.6)
    )
    assert typed["text"] == "Berlin"
    assert shared["location"] == {"latitude": 48.1, "longitude": 11.6}


async def test_one_time_reply_keyboard_disappears_after_use(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A one_time_keyboard can be tapped once; afterwards the chat shows none."""
    keyboard = ReplyKeyboardMarkup([["Yes", "No"]], one_time_keyboard=True)
    await bot.send_message(user.id, "Sure?", reply_markup=keyboard)
    await fake_bot_api.press_reply_button(user, text_contains="Yes")
    with pytest.raises(AssertionError, match="shows no reply keyboard"):
        await fake_bot_api.press_reply_button(user, text_contains="No")


async def test_wait_for_message_walks_through_the_conversation(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Each wait returns the next unread message; a predicate may skip ahead."""
    for text in ("one", "two", "three"):
        await bot.send_message(user.id, text)
    third = await fake_bot_api.wait_for_message(user.id, predicate=lambda m: m.text == "three")
    first = await fake_bot_api.wait_for_message(user.id)
    second = await fake_bot_api.wait_for_message(user.id)
    assert [first.text, second.text, third.text] == ["one", "two", "three"]
    assert [m.text for m in fake_bot_api.sent(user.id)] == ["one", "two", "three"]


async def test_wait_for_message_waits_for_a_late_send(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A wait started before the bot sends returns once the message arrives."""
    waiting = asyncio.create_task(fake_bot_api.wait_for_message(user.id, timeout=5))
    await asyncio.sleep(0)
    await bot.send_message(user.id, "late", parse_mode="HTML")
    message = await waiting
    assert (message.text, message.raw_text, message.parse_mode) == ("late", "late", "HTML")


async def test_wait_timeout_reports_what_was_sent_and_refused(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """On timeout the error lists the chat's messages and the refused calls."""
    await bot.send_message(user.id, "Hello", reply_markup=SEX)
    await fake_bot_api.wait_for_message(user.id)
    with pytest.raises(BadRequest):
        await bot.send_message(user.id, "x" * 5000)
    with pytest.raises(AssertionError) as caught:
        await fake_bot_api.wait_for_message(user.id, timeout=0.1)
    report = str(caught.value)
    assert "'Hello' buttons=['Female', 'Male', 'Sources'] (already consumed)" in report
    assert "sendMessage → 400 Bad Request: message is too long" in report


async def test_wait_for_edit_returns_each_edit(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Edits of a message are returned in order, separately from new messages."""
    sent = await bot.send_message(user.id, "Your sex?", reply_markup=SEX)
    await bot.edit_message_reply_markup(user.id, sent.message_id, reply_markup=None)
    await bot.edit_message_text("Thanks", user.id, sent.message_id)
    markup_edit = await fake_bot_api.wait_for_edit(user.id, sent.message_id)
    text_edit = await fake_bot_api.wait_for_edit(user.id, sent.message_id)
    assert (markup_edit.method, markup_edit.reply_markup) == ("editMessageReplyMarkup", None)
    assert text_edit.text == "Thanks"
    assert fake_bot_api.current(user.id, sent.message_id)["text"] == "Thanks"  # type: ignore[index]
    assert len(fake_bot_api.edits(user.id)) == 2


async def test_callback_answers_can_be_read(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """The answer to a press (text, show_alert) is available to the test."""
    sent = await bot.send_message(user.id, "Your sex?", reply_markup=SEX)
    query = await fake_bot_api.press(user, sent.message_id, "sex:f")
    waiting = asyncio.create_task(fake_bot_api.wait_for_callback_answer(query))
    await bot.answer_callback_query(query["id"], text="Saved", show_alert=True)
    answer = await waiting
    assert (answer.text, answer.show_alert) == ("Saved", True)
    assert fake_bot_api.callback_answers == [answer]


async def test_expect_no_message_fails_on_an_extra_message(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """expect_no_message passes in silence and fails when the bot says more."""
    await fake_bot_api.expect_no_message(user.id, within=0.05)
    await bot.send_message(user.id, "surprise")
    with pytest.raises(AssertionError, match="unexpected message 'surprise'"):
        await fake_bot_api.expect_no_message(user.id, within=0.05)
