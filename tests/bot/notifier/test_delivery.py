"""TelegramNotifier against the fake Bot API: outcomes of sends and edits, and fault mapping.

Every test drives the real notifier through a real PTB ``Bot`` over HTTP; faults are injected
in the fake server, never by mocking PTB.
"""

import time

import pytest
from telegram import Bot

from bot.notifier import TelegramNotifier
from scheduler.notifier import Blocked, Button, Delivered, Failed, OutgoingMessage, SendResult
from tests.bot.notifier.conftest import (
    CHAT_ID,
    FAST_PER_CHAT_PER_S,
    MARKER,
    OPERATIONS,
    Fault,
    Operation,
    bot_output,
    edit_with,
    method_of,
    reminder,
    send_with,
)
from tests.support.fakebot import FakeBotApi, errors

# --- successful sends and edits ---------------------------------------------------------------


async def test_send_returns_the_message_id_the_fake_assigned(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi
) -> None:
    """A send returns Delivered carrying the id Telegram gave the message, not a local count."""
    user = fake_bot_api.add_user(CHAT_ID, first_name="Ada")
    await fake_bot_api.send_text(user, "/start")  # the user's own message takes id 1

    first = await notifier.send(user.id, reminder())
    second = await notifier.send(user.id, reminder("Vitamin D"))

    assert [first, second] == [Delivered(message_id=2), Delivered(message_id=3)]
    assert [m.message_id for m in fake_bot_api.sent(user.id)] == [2, 3]


async def test_send_delivers_html_and_inline_buttons_as_built(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """The HTML text arrives in HTML parse mode and every button row keeps its labels and data."""
    message = reminder("Time for <b>calcium</b> &amp; <i>vitamin D</i>")

    result = await notifier.send(chat, message)

    [sent] = fake_bot_api.sent(chat)
    assert result == Delivered(message_id=sent.message_id)
    assert sent.raw_text == message.text
    assert sent.parse_mode == "HTML"
    assert sent.text == f"Time for calcium & vitamin D {MARKER}"
    assert [e["type"] for e in sent.message["entities"]] == ["bold", "italic"]
    assert sent.inline_keyboard == [
        [
            {"text": "✅ Taken", "callback_data": "r:17:t"},
            {"text": "⏰ 15 min", "callback_data": "r:17:s"},
        ],
        [{"text": "Skip", "callback_data": "r:17:x"}],
    ]


async def test_send_without_buttons_attaches_no_keyboard(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """A message without buttons is sent with no reply markup at all."""
    result = await notifier.send(chat, reminder(buttons=False))

    [sent] = fake_bot_api.sent(chat)
    assert result == Delivered(message_id=sent.message_id)
    assert sent.reply_markup is None


async def test_edit_replaces_text_and_buttons(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """An edit returns Delivered for the same message, which now shows the new text and buttons."""
    sent = await notifier.send(chat, reminder())
    assert isinstance(sent, Delivered)
    snoozed = OutgoingMessage(
        f"⏰ Snoozed until <b>08:15</b> {MARKER}", ((Button("Taken now", "r:17:t"),),)
    )

    result = await notifier.edit(chat, sent.message_id, snoozed)

    assert result == Delivered(message_id=sent.message_id)
    [edit] = fake_bot_api.edits(chat, sent.message_id)
    assert edit.raw_text == snoozed.text
    assert edit.parse_mode == "HTML"
    assert edit.inline_keyboard == [[{"text": "Taken now", "callback_data": "r:17:t"}]]
    current = fake_bot_api.current(chat, sent.message_id)
    assert current is not None
    assert current["text"] == f"⏰ Snoozed until 08:15 {MARKER}"


async def test_edit_without_buttons_removes_the_keyboard(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """Editing to a message without buttons takes the old inline keyboard away."""
    sent = await notifier.send(chat, reminder())
    assert isinstance(sent, Delivered)

    result = await notifier.edit(chat, sent.message_id, reminder("✅ Taken", buttons=False))

    assert result == Delivered(message_id=sent.message_id)
    current = fake_bot_api.current(chat, sent.message_id)
    assert current is not None
    assert "reply_markup" not in current


async def test_edit_with_identical_content_counts_as_delivered(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """Telegram's "message is not modified" means the user already sees it, so it is Delivered."""
    message = reminder()
    sent = await notifier.send(chat, message)
    assert isinstance(sent, Delivered)

    result = await notifier.edit(chat, sent.message_id, message)

    assert result == Delivered(message_id=sent.message_id)
    assert fake_bot_api.api_errors[-1] == ("editMessageText", 400, errors.MESSAGE_NOT_MODIFIED)
    assert fake_bot_api.edits(chat) == []


async def test_edit_of_an_unknown_message_fails_for_good(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """Editing a message Telegram does not know gives Failed that is not worth retrying."""
    result = await notifier.edit(chat, 999, reminder())

    assert result == Failed(reason="bad_request", retryable=False, retry_after=None)
    assert fake_bot_api.api_errors[-1] == ("editMessageText", 400, errors.MESSAGE_TO_EDIT_NOT_FOUND)


# --- faults -----------------------------------------------------------------------------------


def _blocked(fake: FakeBotApi, method: str, chat: int) -> None:
    fake.block(chat)


def _chat_not_found(fake: FakeBotApi, method: str, chat: int) -> None:
    fake.fail_next(method, status=400, description=errors.CHAT_NOT_FOUND)


def _flood_wait(fake: FakeBotApi, method: str, chat: int) -> None:
    fake.fail_next(method, status=429, retry_after=7)


def _server_error(status: int) -> Fault:
    def arm(fake: FakeBotApi, method: str, chat: int) -> None:
        fake.fail_next(method, status=status)

    return arm


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        pytest.param(_blocked, Blocked(), id="403-blocked"),
        pytest.param(_chat_not_found, Blocked(), id="400-chat-not-found"),
        pytest.param(
            _flood_wait, Failed(reason="rate_limited", retryable=True, retry_after=7.0), id="429"
        ),
        pytest.param(_server_error(500), Failed("NetworkError", retryable=True), id="500"),
        pytest.param(_server_error(502), Failed("NetworkError", retryable=True), id="502"),
        pytest.param(_server_error(503), Failed("NetworkError", retryable=True), id="503"),
    ],
)
async def test_telegram_errors_map_to_outcomes_without_retrying(
    notifier: TelegramNotifier,
    fake_bot_api: FakeBotApi,
    chat: int,
    operation: Operation,
    fault: Fault,
    expected: SendResult,
) -> None:
    """Each refusal maps to its outcome after exactly one call, and nothing reaches the chat."""
    before = bot_output(fake_bot_api, chat) + (
        operation is edit_with
    )  # edit_with seeds one message

    result = await operation(notifier, fake_bot_api, chat, fault)

    assert result == expected
    assert fake_bot_api.calls[method_of(operation)] == 1
    assert bot_output(fake_bot_api, chat) == before


async def test_send_to_a_chat_that_never_started_the_bot_is_blocked(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi
) -> None:
    """Telegram's own "chat not found" (user never wrote first, or unknown id) gives Blocked."""
    stranger = fake_bot_api.add_user(555, started=False)

    assert await notifier.send(stranger.id, reminder()) == Blocked()
    assert await notifier.send(987_654, reminder()) == Blocked()
    assert [error[2] for error in fake_bot_api.api_errors] == [errors.CHAT_NOT_FOUND] * 2


@pytest.mark.realtime
@pytest.mark.parametrize("operation", OPERATIONS)
async def test_slow_reply_beyond_the_read_timeout_is_retryable(
    slow_bot: Bot, fake_bot_api: FakeBotApi, chat: int, operation: Operation
) -> None:
    """An answer slower than the read timeout gives Failed(TimedOut), worth another try."""
    notifier = TelegramNotifier(slow_bot, per_chat_per_s=FAST_PER_CHAT_PER_S)

    def slow(fake: FakeBotApi, method: str, chat: int) -> None:
        fake.delay(method, 5.0)

    started = time.monotonic()
    result = await operation(notifier, fake_bot_api, chat, slow)

    assert result == Failed(reason="TimedOut", retryable=True, retry_after=None)
    assert time.monotonic() - started < 2.0  # gave up on the read timeout, not the 5 s delay


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("x" * 4097, id="text-too-long"),
        pytest.param("<b>unclosed bold", id="bad-html"),
        pytest.param(f"dose <{MARKER}>", id="unsupported-tag"),
    ],
)
async def test_other_bad_requests_are_not_retryable(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi, chat: int, operation: Operation, text: str
) -> None:
    """A 400 that is not about a gone chat gives Failed(retryable=False) and sends nothing."""
    before = bot_output(fake_bot_api, chat) + (operation is edit_with)
    bad = OutgoingMessage(f"{text} {MARKER}")

    if operation is send_with:
        result = await notifier.send(chat, bad)
    else:
        seeded = await notifier.send(chat, reminder())
        assert isinstance(seeded, Delivered)
        result = await notifier.edit(chat, seeded.message_id, bad)

    assert result == Failed(reason="bad_request", retryable=False, retry_after=None)
    assert fake_bot_api.api_errors[-1][1] == 400
    assert bot_output(fake_bot_api, chat) == before
