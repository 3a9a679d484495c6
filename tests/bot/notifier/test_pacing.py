"""TelegramNotifier pacing per chat, its bounded limiter table, and logs free of secrets."""

import asyncio
import time

import pytest
from telegram import Bot

from bot.notifier import TelegramNotifier
from scheduler.notifier import Delivered, Failed, OutgoingMessage
from tests.bot.notifier.conftest import MARKER, assert_clean, reminder
from tests.support.fakebot import FakeBotApi

# --- pacing -----------------------------------------------------------------------------------


@pytest.mark.realtime
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


@pytest.mark.realtime
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


@pytest.mark.realtime
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
    assert_clean(caplog.records, fake_bot_api.token)
