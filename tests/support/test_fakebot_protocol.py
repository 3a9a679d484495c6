"""The fake speaks the Bot API over HTTP the way PTB expects it."""

import asyncio
import time

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import Conflict, EndPointNotFound, InvalidToken

from tests.support.fakebot import FakeBotApi, FakeUser

MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])


async def test_get_me_returns_the_bot_user(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """getMe answers with the bot's User, whose id is the token's numeric part."""
    me = await bot.get_me()
    assert me.is_bot
    assert me.id == int(fake_bot_api.token.split(":")[0])
    assert me.username == fake_bot_api.me["username"]


async def test_unknown_token_is_unauthorized(fake_bot_api: FakeBotApi) -> None:
    """A token the fake does not know gets 401, which PTB reports as InvalidToken."""
    with pytest.raises(InvalidToken):
        async with Bot("987654:WRONG", base_url=fake_bot_api.base_url):
            pass


async def test_unknown_method_is_not_found(bot: Bot) -> None:
    """A method the Bot API does not have gets 404 "Not Found"."""
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("noSuchMethod")


async def test_json_bodies_and_lowercase_method_names_work(
    fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A JSON body with native values is read like PTB's form bodies, and names ignore case."""
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/sendmessage"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, json={"chat_id": user.id, "text": "hi"}) as response,
    ):
        body = await response.json()
    assert body["ok"] is True
    assert body["result"]["text"] == "hi"
    assert fake_bot_api.calls["sendMessage"] == 1


async def test_error_envelope_has_telegram_shape(fake_bot_api: FakeBotApi) -> None:
    """An error answer carries ok=false, error_code and description, with the HTTP status."""
    url = f"{fake_bot_api.base_url}{fake_bot_api.token}/sendMessage"
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data={"chat_id": "1", "text": "hi"}) as response,
    ):
        body = await response.json()
    assert response.status == 400
    assert body == {"ok": False, "error_code": 400, "description": "Bad Request: chat not found"}


async def test_get_updates_delivers_until_confirmed_by_offset(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Updates are re-delivered until a later offset confirms them, then dropped."""
    await fake_bot_api.send_text(user, "second")
    first = await bot.get_updates()
    again = await bot.get_updates()
    assert [u.message.text for u in first if u.message] == ["/start", "second"]
    assert [u.update_id for u in again] == [u.update_id for u in first]
    confirmed = await bot.get_updates(offset=first[-1].update_id + 1)
    assert confirmed == ()
    assert fake_bot_api.state.pending_updates == 0


async def test_get_updates_limit_caps_the_batch(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """limit bounds how many updates one call returns."""
    for text in ("a", "b", "c"):
        await fake_bot_api.send_text(user, text)
    assert len(await bot.get_updates(limit=2)) == 2


@pytest.mark.realtime
async def test_long_poll_returns_as_soon_as_an_update_arrives(
    bot: Bot, fake_bot_api: FakeBotApi
) -> None:
    """A waiting getUpdates answers right after a user writes, well before its timeout."""
    person = fake_bot_api.add_user(7, first_name="Bo")
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=10, read_timeout=15))
    await fake_bot_api.wait_until(lambda: fake_bot_api.calls["getUpdates"] == 1)
    await fake_bot_api.send_text(person, "hello")
    updates = await poll
    assert [u.message.text for u in updates if u.message] == ["hello"]
    assert time.monotonic() - started < 5


async def test_long_poll_times_out_empty(bot: Bot) -> None:
    """With nothing to deliver, getUpdates waits its timeout and answers an empty list."""
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert time.monotonic() - started >= 0.9


async def test_a_second_poller_terminates_the_first(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """Like Telegram, a new getUpdates makes a pending one fail with 409 Conflict."""
    first = asyncio.create_task(bot.get_updates(timeout=10, read_timeout=15))
    await fake_bot_api.wait_until(lambda: fake_bot_api.calls["getUpdates"] == 1)
    async with Bot(fake_bot_api.token, base_url=fake_bot_api.base_url) as second_instance:
        await second_instance.get_updates(timeout=0)
    with pytest.raises(Conflict):
        await first


async def test_webhook_blocks_get_updates_until_deleted(bot: Bot) -> None:
    """getUpdates is refused while a webhook is set and works again after deleteWebhook."""
    await bot.set_webhook("https://example.invalid/hook")
    assert (await bot.get_webhook_info()).url == "https://example.invalid/hook"
    with pytest.raises(Conflict):
        await bot.get_updates()
    await bot.delete_webhook(drop_pending_updates=True)
    assert await bot.get_updates() == ()


async def test_allowed_updates_filters_kinds(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Update kinds left out of allowed_updates are never delivered."""
    message = await bot.send_message(user.id, "pick", reply_markup=MARKUP)
    await fake_bot_api.press(user, message.message_id, "yes")
    updates = await bot.get_updates(allowed_updates=["callback_query"])
    assert [u.callback_query.data for u in updates if u.callback_query] == ["yes"]


async def test_message_ids_grow_per_chat_across_both_sides(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Message ids count up per chat, shared by the user's and the bot's messages."""
    first = await bot.send_message(user.id, "one")
    typed = await fake_bot_api.send_text(user, "two")
    second = await bot.send_message(user.id, "three")
    assert (first.message_id, typed["message_id"], second.message_id) == (2, 3, 4)
    assert first.chat.id == user.id
    assert first.from_user
    assert first.from_user.is_bot


async def test_send_message_echoes_inline_markup_and_entities(bot: Bot, user: FakeUser) -> None:
    """The returned Message has the parsed text, its entities and the inline keyboard."""
    message = await bot.send_message(
        user.id, "<b>Dose</b> &amp; more", parse_mode="HTML", reply_markup=MARKUP
    )
    assert message.text == "Dose & more"
    assert message.entities[0].type == "bold"
    assert message.entities[0].length == 4
    assert message.reply_markup == MARKUP


async def test_send_document_stores_the_uploaded_file(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A multipart sendDocument keeps bytes, filename and caption for the test to read."""
    message = await bot.send_document(
        user.id, document=b"date,mg\n2025-01-01,500\n", filename="intake.csv", caption="Export"
    )
    (stored,) = fake_bot_api.documents(user.id)
    assert stored.content == b"date,mg\n2025-01-01,500\n"
    assert (stored.filename, stored.caption, stored.mime_type) == (
        "intake.csv",
        "Export",
        "text/csv",
    )
    assert message.document
    assert message.document.file_name == "intake.csv"


async def test_send_photo_reports_png_dimensions(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """sendPhoto returns PhotoSize with the uploaded PNG's width and height."""
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + (640).to_bytes(4) + (480).to_bytes(4)
    message = await bot.send_photo(user.id, photo=png, caption="Chart")
    assert (message.photo[-1].width, message.photo[-1].height) == (640, 480)
    assert fake_bot_api.photos(user.id)[0].content == png


async def test_a_sent_file_id_can_be_sent_again(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Re-sending a file by the file_id the fake handed out works like in Telegram."""
    first = await bot.send_document(user.id, document=b"x", filename="a.txt")
    assert first.document is not None
    await bot.send_document(user.id, document=first.document.file_id)
    assert [d.content for d in fake_bot_api.documents(user.id)] == [b"x", b"x"]


async def test_commands_are_set_read_and_deleted(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """setMyCommands stores the menu per language; getMyCommands and deleteMyCommands follow."""
    await bot.set_my_commands([("start", "Begin"), ("help", "Help")])
    await bot.set_my_commands([("start", "Anfangen")], language_code="de")
    assert [c["command"] for c in fake_bot_api.commands] == ["start", "help"]
    assert fake_bot_api.commands_for(language_code="de")[0]["description"] == "Anfangen"
    assert [c.command for c in await bot.get_my_commands()] == ["start", "help"]
    await bot.delete_my_commands()
    assert fake_bot_api.commands == []


async def test_chat_action_and_delete_are_recorded(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """sendChatAction and deleteMessage leave a trace the test can read."""
    message = await bot.send_message(user.id, "bye")
    await bot.send_chat_action(user.id, "typing")
    assert await bot.delete_message(user.id, message.message_id)
    assert fake_bot_api.chat_actions(user.id) == ["typing"]
    assert fake_bot_api.deleted(user.id) == [message.message_id]
    assert fake_bot_api.current(user.id, message.message_id) is None


async def test_log_out_and_close_succeed(bot: Bot) -> None:
    """logOut and close answer True."""
    assert await bot.log_out() is True
    assert await bot.close() is True


async def test_stopping_answers_a_pending_long_poll_at_once() -> None:
    """Stopping the server ends a waiting getUpdates with an empty result instead of hanging."""
    fake = FakeBotApi()
    await fake.start()

    async def poll(session: aiohttp.ClientSession) -> object:
        url = f"{fake.base_url}{fake.token}/getUpdates"
        async with session.post(url, data={"timeout": "30"}) as response:
            return await response.json()

    async with aiohttp.ClientSession() as session:
        waiting = asyncio.create_task(poll(session))
        await fake.wait_until(lambda: fake.calls["getUpdates"] == 1)
        started = time.monotonic()
        await fake.stop()
        assert await waiting == {"ok": True, "result": []}
    assert time.monotonic() - started < 2
