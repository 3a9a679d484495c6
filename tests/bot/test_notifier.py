"""TelegramNotifier against the fake Bot API: outcomes, fault mapping, pacing and quiet logs.

Every test drives the real notifier through a real PTB ``Bot`` over HTTP; faults are injected
in the fake server, never by mocking PTB.
"""

import asyncio
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
from telegram import Bot

from bot.notifier import TelegramNotifier
from scheduler.notifier import Blocked, Button, Delivered, Failed, OutgoingMessage, SendResult
from tests.bot.conftest import make_bot
from tests.support.fakebot import FakeBotApi, errors

# Appears in every text this module sends; no log record may ever contain it.
MARKER = "zq7secretdose"
CHAT_ID = 4242
# Fast enough that the per-chat limiter never slows the ordinary tests down.
FAST_PER_CHAT_PER_S = 50.0

Fault = Callable[[FakeBotApi, str, int], None]
Operation = Callable[[TelegramNotifier, FakeBotApi, int, Fault], Awaitable[SendResult]]


def reminder(
    text: str = "Time for <b>calcium</b> 500 mg", *, buttons: bool = True
) -> OutgoingMessage:
    """Build an HTML reminder whose text carries the marker."""
    rows = (
        (
            (Button("✅ Taken", "r:17:t"), Button("⏰ 15 min", "r:17:s")),
            (Button("Skip", "r:17:x"),),
        )
        if buttons
        else ()
    )
    return OutgoingMessage(f"{text} {MARKER}", rows)


@pytest.fixture(autouse=True)
def no_secrets_in_logs(
    caplog: pytest.LogCaptureFixture, fake_bot_api: FakeBotApi
) -> Iterator[None]:
    """Log at production levels (bot/logs.py) and fail any test whose logs leak text or token."""
    # set_level also sets the capture handler's level, so the lowest level must come last.
    caplog.set_level(logging.WARNING, logger="httpx")
    caplog.set_level(logging.WARNING, logger="httpcore")
    caplog.set_level(logging.INFO)
    caplog.set_level(logging.DEBUG, logger="bot.notifier")
    yield
    _assert_clean(caplog.get_records("call"), fake_bot_api.token)


def _assert_clean(records: list[logging.LogRecord], token: str) -> None:
    formatter = logging.Formatter()
    for record in records:
        if record.name.startswith(("aiohttp", "tests.")):
            continue  # the fake server stands in for Telegram; its logs are not the bot's
        rendered = formatter.format(record)
        assert MARKER not in rendered, f"message text leaked into {record.name}: {rendered}"
        assert token not in rendered, f"bot token leaked into {record.name}"


@pytest.fixture
def chat(fake_bot_api: FakeBotApi) -> int:
    """Give the id of a user who has started the bot, so it may write to them."""
    return fake_bot_api.add_user(CHAT_ID, first_name="Ada", started=True).id


@pytest.fixture
def notifier(ptb_bot: Bot) -> TelegramNotifier:
    """Give a TelegramNotifier over the real PTB Bot, paced fast enough not to slow tests."""
    return TelegramNotifier(ptb_bot, per_chat_per_s=FAST_PER_CHAT_PER_S)


@pytest.fixture
async def slow_bot(fake_bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    """Give a PTB Bot that gives up reading an answer after 0.3 s."""
    bot = make_bot(fake_bot_api, read_timeout=0.3)
    await bot.initialize()
    try:
        yield bot
    finally:
        await bot.shutdown()


# --- the two operations, each with a fault armed just before the call under test ---------------


async def _send(notifier: TelegramNotifier, fake: FakeBotApi, chat: int, arm: Fault) -> SendResult:
    arm(fake, "sendMessage", chat)
    return await notifier.send(chat, reminder("Evening dose"))


async def _edit(notifier: TelegramNotifier, fake: FakeBotApi, chat: int, arm: Fault) -> SendResult:
    seeded = await notifier.send(chat, reminder())  # the message to edit exists before the fault
    assert isinstance(seeded, Delivered)
    arm(fake, "editMessageText", chat)
    return await notifier.edit(
        chat, seeded.message_id, reminder("✅ Taken at 08:05", buttons=False)
    )


OPERATIONS = [pytest.param(_send, id="send"), pytest.param(_edit, id="edit")]


def _method(operation: Operation) -> str:
    return "sendMessage" if operation is _send else "editMessageText"


def _bot_output(fake: FakeBotApi, chat: int) -> int:
    """Count every send and edit the fake stored for the chat."""
    return sum(1 for entry in fake.state.bot_log if entry.chat_id == chat)


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
    before = _bot_output(fake_bot_api, chat) + (operation is _edit)  # _edit seeds one message

    result = await operation(notifier, fake_bot_api, chat, fault)

    assert result == expected
    assert fake_bot_api.calls[_method(operation)] == 1
    assert _bot_output(fake_bot_api, chat) == before


async def test_send_to_a_chat_that_never_started_the_bot_is_blocked(
    notifier: TelegramNotifier, fake_bot_api: FakeBotApi
) -> None:
    """Telegram's own "chat not found" (user never wrote first, or unknown id) gives Blocked."""
    stranger = fake_bot_api.add_user(555, started=False)

    assert await notifier.send(stranger.id, reminder()) == Blocked()
    assert await notifier.send(987_654, reminder()) == Blocked()
    assert [error[2] for error in fake_bot_api.api_errors] == [errors.CHAT_NOT_FOUND] * 2


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
    before = _bot_output(fake_bot_api, chat) + (operation is _edit)
    bad = OutgoingMessage(f"{text} {MARKER}")

    if operation is _send:
        result = await notifier.send(chat, bad)
    else:
        seeded = await notifier.send(chat, reminder())
        assert isinstance(seeded, Delivered)
        result = await notifier.edit(chat, seeded.message_id, bad)

    assert result == Failed(reason="bad_request", retryable=False, retry_after=None)
    assert fake_bot_api.api_errors[-1][1] == 400
    assert _bot_output(fake_bot_api, chat) == before


# --- pacing -----------------------------------------------------------------------------------


async def test_burst_to_one_chat_keeps_to_the_per_chat_rate(
    ptb_bot: Bot, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """Ten concurrent sends to one chat at 20/s are spaced out: no 429s, about 0.45 s in all."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=20, global_per_s=1000)
    notifier = TelegramNotifier(ptb_bot, per_chat_per_s=20)

    started = time.monotonic()
    results = await asyncio.gather(*(notifier.send(chat, reminder(f"dose {n}")) for n in range(10)))
    elapsed = time.monotonic() - started

    assert all(isinstance(result, Delivered) for result in results), results
    assert fake_bot_api.rate_limit_violations == 0
    assert len(fake_bot_api.sent(chat)) == 10
    assert elapsed >= 0.4


async def test_fake_catches_a_burst_faster_than_the_per_chat_rate(
    ptb_bot: Bot, fake_bot_api: FakeBotApi, chat: int
) -> None:
    """Control: the same burst paced at 1000/s draws 429s, so the test above is not vacuous."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=20, global_per_s=1000)
    notifier = TelegramNotifier(ptb_bot, per_chat_per_s=1000)

    results = await asyncio.gather(*(notifier.send(chat, reminder(f"dose {n}")) for n in range(10)))

    assert fake_bot_api.rate_limit_violations > 0
    assert Failed(reason="rate_limited", retryable=True, retry_after=1.0) in results


async def test_sends_to_many_chats_are_not_serialised(
    ptb_bot: Bot, fake_bot_api: FakeBotApi
) -> None:
    """One message to each of 20 chats at 1/s per chat goes out concurrently, well under 2 s."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=1, global_per_s=30)
    fake_bot_api.delay("sendMessage", 0.3)  # serialised, 20 answers would take at least 6 s
    users = [fake_bot_api.add_user(1000 + n, started=True) for n in range(20)]
    notifier = TelegramNotifier(ptb_bot, per_chat_per_s=1)

    started = time.monotonic()
    results = await asyncio.gather(*(notifier.send(user.id, reminder()) for user in users))
    elapsed = time.monotonic() - started

    assert results == [Delivered(message_id=1)] * 20
    assert fake_bot_api.rate_limit_violations == 0
    assert elapsed < 2.0


async def test_limiters_are_bounded_and_keep_the_most_recently_used_chats(
    ptb_bot: Bot, fake_bot_api: FakeBotApi
) -> None:
    """At most max_tracked_chats limiters are kept; the least recently used goes first."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=4, global_per_s=1000)
    users = [fake_bot_api.add_user(2000 + n, started=True) for n in range(10)]
    notifier = TelegramNotifier(ptb_bot, per_chat_per_s=4, max_tracked_chats=3)
    for user in users:
        assert isinstance(await notifier.send(user.id, reminder()), Delivered)
        assert notifier.tracked_chats <= 3
    assert notifier.tracked_chats == 3  # users 7, 8 and 9, oldest first
    oldest = users[7].id

    assert isinstance(await notifier.send(oldest, reminder("again")), Delivered)  # now newest
    assert isinstance(await notifier.send(users[0].id, reminder("back")), Delivered)  # evicts 8
    started = time.monotonic()
    assert isinstance(await notifier.send(oldest, reminder("third")), Delivered)

    assert notifier.tracked_chats == 3
    assert time.monotonic() - started >= 0.15  # still paced: its limiter survived the eviction
    assert fake_bot_api.rate_limit_violations == 0


@pytest.mark.parametrize(
    ("per_chat_per_s", "max_tracked_chats"), [pytest.param(0, 10, id="rate"), (1, 0)]
)
def test_nonsense_limits_are_refused(
    ptb_bot: Bot, per_chat_per_s: float, max_tracked_chats: int
) -> None:
    """A non-positive rate or an empty limiter table is refused when the notifier is built."""
    with pytest.raises(ValueError, match="must be"):
        TelegramNotifier(
            ptb_bot, per_chat_per_s=per_chat_per_s, max_tracked_chats=max_tracked_chats
        )


# --- logs -------------------------------------------------------------------------------------


async def test_no_path_logs_the_message_text_or_the_token(
    notifier: TelegramNotifier,
    slow_bot: Bot,
    fake_bot_api: FakeBotApi,
    chat: int,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Success, every refusal, a timeout and an unexpected error leave no text or token in logs."""
    sent = await notifier.send(chat, reminder())
    assert isinstance(sent, Delivered)
    await notifier.edit(chat, sent.message_id, reminder("edited"))
    await notifier.edit(chat, sent.message_id, reminder("edited"))  # not modified
    await notifier.edit(chat, 999, reminder())  # unknown message
    await notifier.send(chat, OutgoingMessage(f"dose <{MARKER}>"))  # Telegram quotes the tag
    await notifier.send(chat, OutgoingMessage(MARKER * 1000))  # too long
    await notifier.send(987_654, reminder())  # chat not found
    for status in (429, 500, 502):
        fake_bot_api.fail_next("sendMessage", status=status)
        await notifier.send(chat, reminder())
    fake_bot_api.fail_next("sendMessage", status=401)  # InvalidToken: the unexpected-error path
    unexpected = await notifier.send(chat, reminder())
    fake_bot_api.block(chat)
    await notifier.send(chat, reminder())
    fake_bot_api.unblock(chat)
    fake_bot_api.delay("sendMessage", 5.0)
    timed_out = await TelegramNotifier(slow_bot, per_chat_per_s=50).send(chat, reminder())

    assert unexpected == Failed(reason="InvalidToken", retryable=False, retry_after=None)
    assert timed_out == Failed(reason="TimedOut", retryable=True, retry_after=None)
    ours = [r for r in caplog.records if r.name == "bot.notifier"]
    assert [r.levelname for r in ours] == ["WARNING", "WARNING", "WARNING", "ERROR"]
    assert "Can't parse entities" in ours[1].getMessage()
    assert ours[3].exc_info is not None  # the traceback is kept for the unexpected error
    _assert_clean(caplog.records, fake_bot_api.token)
