"""Fixtures and helpers of the TelegramNotifier tests: the fake, a paced notifier, clean logs."""

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import pytest
from telegram import Bot

from bot.notifier import TelegramNotifier
from scheduler.notifier import Button, Delivered, OutgoingMessage, SendResult
from tests.bot.conftest import make_bot
from tests.support.fakebot import FakeBotApi

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
    assert_clean(caplog.get_records("call"), fake_bot_api.token)


def assert_clean(records: list[logging.LogRecord], token: str) -> None:
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


async def send_with(
    notifier: TelegramNotifier, fake: FakeBotApi, chat: int, arm: Fault
) -> SendResult:
    arm(fake, "sendMessage", chat)
    return await notifier.send(chat, reminder("Evening dose"))


async def edit_with(
    notifier: TelegramNotifier, fake: FakeBotApi, chat: int, arm: Fault
) -> SendResult:
    seeded = await notifier.send(chat, reminder())  # the message to edit exists before the fault
    assert isinstance(seeded, Delivered)
    arm(fake, "editMessageText", chat)
    return await notifier.edit(
        chat, seeded.message_id, reminder("✅ Taken at 08:05", buttons=False)
    )


OPERATIONS = [pytest.param(send_with, id="send"), pytest.param(edit_with, id="edit")]


def method_of(operation: Operation) -> str:
    return "sendMessage" if operation is send_with else "editMessageText"


def bot_output(fake: FakeBotApi, chat: int) -> int:
    """Count every send and edit the fake stored for the chat."""
    return sum(1 for entry in fake.state.bot_log if entry.chat_id == chat)
