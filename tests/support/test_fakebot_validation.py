"""The fake refuses what Telegram refuses, so bot bugs fail tests instead of production."""

import pytest
from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    ReplyKeyboardMarkup,
)
from telegram.error import BadRequest

from tests.support.fakebot import FakeBotApi, FakeUser

MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton("Yes", callback_data="yes")]])


async def test_empty_text_is_refused(bot: Bot, user: FakeUser) -> None:
    """A blank message gets "message text is empty"."""
    with pytest.raises(BadRequest, match=r"(?i)message text is empty"):
        await bot.send_message(user.id, "  ")


async def test_text_over_4096_characters_is_refused(bot: Bot, user: FakeUser) -> None:
    """4,097 characters get "message is too long"."""
    with pytest.raises(BadRequest, match=r"(?i)message is too long"):
        await bot.send_message(user.id, "x" * 4097)


async def test_length_counts_text_after_entity_parsing(bot: Bot, user: FakeUser) -> None:
    """4,096 visible characters pass even when HTML tags make the raw text longer."""
    message = await bot.send_message(user.id, f"<b>{'é' * 4096}</b>", parse_mode="HTML")
    assert len(message.text or "") == 4096


async def test_callback_data_over_64_bytes_is_refused(bot: Bot, user: FakeUser) -> None:
    """callback_data is limited in UTF-8 bytes: 33 "ä" (66 bytes) get BUTTON_DATA_INVALID."""
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="ä" * 33)]])
    with pytest.raises(BadRequest, match=r"(?i)button_data_invalid"):
        await bot.send_message(user.id, "pick", reply_markup=markup)


async def test_text_only_inline_button_is_refused(bot: Bot, user: FakeUser) -> None:
    """An inline button without an action is refused as Telegram does."""
    markup = {"inline_keyboard": [[{"text": "Nothing"}]]}
    with pytest.raises(BadRequest, match=r"(?i)text buttons are unallowed"):
        await bot.send_message(user.id, "pick", reply_markup=markup)  # type: ignore[arg-type]


async def test_editing_an_unknown_message_is_refused(bot: Bot, user: FakeUser) -> None:
    """Editing a message id that does not exist gets "message to edit not found"."""
    with pytest.raises(BadRequest, match=r"(?i)message to edit not found"):
        await bot.edit_message_text("new", chat_id=user.id, message_id=999)


async def test_identical_edit_is_refused_as_not_modified(bot: Bot, user: FakeUser) -> None:
    """Re-sending the same text and keyboard gets "message is not modified"."""
    message = await bot.send_message(user.id, "same", reply_markup=MARKUP)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_text("same", user.id, message.message_id, reply_markup=MARKUP)
    with pytest.raises(BadRequest, match=r"(?i)message is not modified"):
        await bot.edit_message_reply_markup(user.id, message.message_id, reply_markup=MARKUP)


async def test_editing_text_without_markup_drops_the_keyboard(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Like Telegram, editMessageText without reply_markup removes the inline keyboard."""
    message = await bot.send_message(user.id, "pick", reply_markup=MARKUP)
    edited = await bot.edit_message_text("picked", user.id, message.message_id)
    assert getattr(edited, "reply_markup", None) is None
    with pytest.raises(AssertionError, match="no button"):
        await fake_bot_api.press(user, message.message_id, "yes")


async def test_editing_the_users_message_is_refused(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A bot cannot edit what the user wrote."""
    typed = await fake_bot_api.send_text(user, "mine")
    with pytest.raises(BadRequest, match=r"(?i)can't be edited"):
        await bot.edit_message_text("theirs", user.id, typed["message_id"])


async def test_reply_keyboard_cannot_be_attached_by_editing(bot: Bot, user: FakeUser) -> None:
    """Edits accept only inline keyboards."""
    message = await bot.send_message(user.id, "pick")
    keyboard = ReplyKeyboardMarkup([["A"]])
    with pytest.raises(BadRequest, match=r"(?i)inline keyboard expected"):
        await bot.edit_message_text("x", user.id, message.message_id, reply_markup=keyboard)  # type: ignore[arg-type]


async def test_unknown_callback_query_is_refused(bot: Bot) -> None:
    """Answering a query id the fake never issued gets "query is too old … invalid"."""
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await bot.answer_callback_query("123")


async def test_callback_query_can_be_answered_only_once(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """A second answer to the same press is refused."""
    message = await bot.send_message(user.id, "pick", reply_markup=MARKUP)
    query = await fake_bot_api.press(user, message.message_id, "yes")
    assert await bot.answer_callback_query(query["id"], text="ok")
    with pytest.raises(BadRequest, match=r"(?i)query id is invalid"):
        await bot.answer_callback_query(query["id"])


async def test_chat_that_never_wrote_is_not_found(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """The bot cannot start a chat: a user who never wrote to it is "chat not found"."""
    silent = fake_bot_api.add_user(77)
    with pytest.raises(BadRequest, match=r"(?i)chat not found"):
        await bot.send_message(silent.id, "hello?")
    await fake_bot_api.send_text(silent, "hi")
    assert (await bot.send_message(silent.id, "hello!")).text == "hello!"


async def test_caption_over_1024_characters_is_refused(bot: Bot, user: FakeUser) -> None:
    """A photo caption longer than 1,024 characters is refused."""
    with pytest.raises(BadRequest, match=r"(?i)caption is too long"):
        await bot.send_photo(user.id, photo=b"img", caption="c" * 1025)


@pytest.mark.parametrize(
    ("html", "error"),
    [
        ("<b>open", 'Can\'t find end tag corresponding to start tag "b"'),
        ("<b>a</i>", 'Can\'t find end tag corresponding to start tag "b"'),
        ("a</b>", "Unexpected end tag at byte offset 1"),
        ("<p>para</p>", 'Unsupported start tag "p" at byte offset 0'),
        ("line<br/>", 'Unsupported start tag "br/" at byte offset 4'),
        ("1 < 2", 'Unsupported start tag "" at byte offset 2'),
        ("€ <<x", 'Unsupported start tag "<x" at byte offset 4'),
    ],
)
async def test_malformed_html_cannot_be_parsed(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser, html: str, error: str
) -> None:
    """Unbalanced, unknown or unescaped HTML gets "can't parse entities" with Telegram's detail."""
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot.send_message(user.id, html, parse_mode="HTML")
    assert fake_bot_api.api_errors[-1] == (
        "sendMessage",
        400,
        f"Bad Request: can't parse entities: {error}",
    )


async def test_supported_html_becomes_entities(bot: Bot, user: FakeUser) -> None:
    """Every supported tag becomes its entity, with UTF-16 offsets."""
    html = (
        '😀 <b>b</b><i>i</i><u>u</u><s>s</s><code>c</code><a href="https://x.org">a</a>'
        "<tg-spoiler>p</tg-spoiler><blockquote>q</blockquote><pre><code "
        'class="language-python">x = 1</code></pre>'
    )
    message = await bot.send_message(user.id, html, parse_mode="HTML")
    kinds = [(e.type, e.offset, e.length) for e in message.entities]
    assert message.text == "😀 biuscapqx = 1"
    assert kinds[:3] == [("bold", 3, 1), ("italic", 4, 1), ("underline", 5, 1)]
    assert kinds[-1] == ("pre", 11, 5)
    assert message.entities[-1].language == "python"
    assert message.entities[5].url == "https://x.org"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("Take 500 mg.", "Character '.' is reserved"),
        ("*bold", "Can't find end of Bold entity at byte offset 0"),
        ("[link](https://x.org", "Can't find end of a URL"),
    ],
)
async def test_malformed_markdown_v2_is_refused(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser, text: str, error: str
) -> None:
    """MarkdownV2 needs reserved characters escaped and entities closed."""
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot.send_message(user.id, text, parse_mode="MarkdownV2")
    assert error in fake_bot_api.api_errors[-1][2]


async def test_escaped_markdown_v2_is_accepted(bot: Bot, user: FakeUser) -> None:
    """Escaped reserved characters and closed entities pass and become plain text + entities."""
    message = await bot.send_message(
        user.id, r"*Take* 500 mg\. [more](https://x.org/a\)b)", parse_mode="MarkdownV2"
    )
    assert message.text == "Take 500 mg. more"
    assert [e.type for e in message.entities] == ["bold", "text_link"]
    assert message.entities[1].url == "https://x.org/a)b"


async def test_invalid_bot_command_is_refused(bot: Bot) -> None:
    """Commands must be 1-32 lowercase letters, digits or underscores."""
    with pytest.raises(BadRequest, match=r"(?i)bot_command_invalid"):
        await bot.set_my_commands([BotCommand("Start", "Begin")])


async def test_legacy_markdown_needs_closed_entities(
    bot: Bot, fake_bot_api: FakeBotApi, user: FakeUser
) -> None:
    """Legacy Markdown accepts closed entities and refuses an unclosed one."""
    message = await bot.send_message(user.id, "*Calcium* _500_ mg.", parse_mode="Markdown")
    assert message.text == "Calcium 500 mg."
    with pytest.raises(BadRequest, match=r"(?i)parse entities"):
        await bot.send_message(user.id, "vitamin_d3 dose", parse_mode="Markdown")
    assert "can't find end of the entity" in fake_bot_api.api_errors[-1][2].lower()


async def test_plain_ampersands_and_escaped_brackets_pass_in_html(bot: Bot, user: FakeUser) -> None:
    """Properly escaped HTML and bare ampersands are not false alarms."""
    message = await bot.send_message(user.id, "D3 &amp; K2 &lt;b&gt; & more", parse_mode="HTML")
    assert message.text == "D3 & K2 <b> & more"
