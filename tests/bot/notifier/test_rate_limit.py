"""The bot-wide rate limiter: bursts start at the rate, and a 429 stops every send, everywhere."""

import asyncio
import contextlib
import time
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import pytest
from telegram.ext import AIORateLimiter, BaseRateLimiter, ExtBot
from telegram.request import HTTPXRequest

from bot.rate_limit import BotRateLimiter
from storage.database import Database, make_engine
from storage.send_pause import SharedPause
from tests.support.fakebot import FakeBotApi

FIRST_CHAT = 7000
RETRY_AFTER_S = 2
# The fake answers each send after this, so sends are in flight when the 429 is answered.
ANSWER_DELAY_S = 0.05
# Scheduling slack between the fake's clock reading and the bot's.
SLACK_S = 0.03

LimiterFactory = Callable[[], BaseRateLimiter[int]]


@contextlib.asynccontextmanager
async def extbot(fake: FakeBotApi, limiter: BaseRateLimiter[int]) -> AsyncIterator[ExtBot[int]]:
    """Give an initialised PTB ExtBot that sends through `limiter`, many requests at once."""
    request = HTTPXRequest(connection_pool_size=64, read_timeout=10.0)
    bot: ExtBot[int] = ExtBot(
        fake.token, base_url=fake.base_url, request=request, rate_limiter=limiter
    )
    await bot.initialize()
    try:
        yield bot
    finally:
        await bot.shutdown()


def _chats(fake: FakeBotApi, count: int) -> list[int]:
    return [fake.add_user(FIRST_CHAT + n, started=True).id for n in range(count)]


def _arrivals(fake: FakeBotApi) -> list[float]:
    return [call.at for call in fake.requests if call.method == "sendMessage"]


async def _burst(fake: FakeBotApi, limiter: BaseRateLimiter[int], count: int) -> list[float]:
    chats = _chats(fake, count)
    async with extbot(fake, limiter) as bot:
        await asyncio.gather(*(bot.send_message(chat, "hello") for chat in chats))
    return _arrivals(fake)


@pytest.mark.parametrize(
    ("make_limiter", "at_most"),
    [
        pytest.param(lambda: BotRateLimiter(overall_per_s=25), 26, id="ours"),
        # Control: PTB's limiter lets a second's worth through at once, so the check can fail.
        pytest.param(lambda: AIORateLimiter(overall_max_rate=25), 100, id="ptb-control"),
    ],
)
async def test_a_burst_starts_at_the_configured_rate(
    fake_bot_api: FakeBotApi, make_limiter: LimiterFactory, at_most: int
) -> None:
    """Fifty sends at once at 25/s: at most 26 reach Telegram in the first second (PTB: ~50)."""
    arrivals = await _burst(fake_bot_api, make_limiter(), 50)
    first_second = sum(1 for at in arrivals if at < arrivals[0] + 1.0)
    assert len(arrivals) == 50
    assert first_second <= at_most
    if at_most > 26:
        assert first_second > 26


async def _send_through_a_429(fake: FakeBotApi, limiter: BaseRateLimiter[int]) -> list[float]:
    """Send 30 messages at 20/s while the first one draws a 429; return the arrival times."""
    fake.delay("sendMessage", ANSWER_DELAY_S)
    fake.fail_next("sendMessage", status=429, retry_after=RETRY_AFTER_S)
    return await _burst(fake, limiter, 30)


def _inside_the_wait(arrivals: list[float], refused_at: float) -> list[float]:
    answered = refused_at + ANSWER_DELAY_S
    return [at for at in arrivals if answered + SLACK_S < at < answered + RETRY_AFTER_S - SLACK_S]


async def test_a_429_pauses_every_send_until_retry_after_passes(fake_bot_api: FakeBotApi) -> None:
    """After a 429 nothing is sent to any chat until retry_after ends; then all 30 go out."""
    arrivals = await _send_through_a_429(fake_bot_api, BotRateLimiter(overall_per_s=20))
    assert _inside_the_wait(arrivals, refused_at=arrivals[0]) == []
    assert len(arrivals) == 31  # the refused one was sent again after the wait
    assert len(fake_bot_api.state.bot_log) == 30


async def test_ptb_limiter_sends_inside_the_wait(fake_bot_api: FakeBotApi) -> None:
    """Control: PTB's AIORateLimiter reopens when an in-flight send returns, inside the wait."""
    limiter = AIORateLimiter(overall_max_rate=20, max_retries=3)
    arrivals = await _send_through_a_429(fake_bot_api, limiter)
    assert _inside_the_wait(arrivals, refused_at=arrivals[0]) != []


@pytest.fixture
async def other_process(pg_db: Database) -> AsyncIterator[Database]:
    """Give a second engine on the same PostgreSQL database, as another process would have."""
    other = Database(make_engine(pg_db.engine.url.render_as_string(hide_password=False)))
    yield other
    await other.dispose()


async def test_a_429_in_one_process_pauses_the_others(
    fake_bot_api: FakeBotApi, pg_db: Database, other_process: Database
) -> None:
    """Two processes sending side by side both stop within a poll interval of either's 429."""
    poll_s = 0.05
    chats = _chats(fake_bot_api, 2)
    limiters = [
        BotRateLimiter(overall_per_s=20, board=SharedPause(database), poll_interval_s=poll_s)
        for database in (pg_db, other_process)
    ]
    async with (
        extbot(fake_bot_api, limiters[0]) as first,
        extbot(fake_bot_api, limiters[1]) as second,
    ):

        async def keep_sending(bot: ExtBot[int], chat: int) -> None:
            for _ in range(60):
                await bot.send_message(chat, "tick")

        senders = [
            asyncio.create_task(keep_sending(bot, chat))
            for bot, chat in zip((first, second), chats, strict=True)
        ]
        await asyncio.sleep(0.5)
        armed_at = time.monotonic()
        fake_bot_api.fail_next("sendMessage", status=429, retry_after=RETRY_AFTER_S)
        await asyncio.gather(*senders)

    # With no answer delay the armed 429 goes to the first send that arrives after arming.
    refused = min(at for at in _arrivals(fake_bot_api) if at >= armed_at)
    # The writer's commit and one poll of the reader: then nobody sends until the wait ends.
    settle = refused + 4 * poll_s
    inside = [at for at in _arrivals(fake_bot_api) if settle < at < refused + RETRY_AFTER_S]
    assert [error[1] for error in fake_bot_api.state.api_errors] == [429]
    assert inside == []
    assert len(fake_bot_api.state.bot_log) == 120


async def test_the_shared_pause_only_ever_grows(any_db: Database) -> None:
    """Recording a shorter pause keeps the longer one; a longer one replaces it."""
    board = SharedPause(any_db)
    soon = datetime(2026, 6, 1, 8, 0, 5, tzinfo=UTC)
    assert await board.read() is None
    await board.extend(soon)
    await board.extend(soon - timedelta(seconds=3))
    assert await board.read() == soon
    await board.extend(soon + timedelta(seconds=30))
    assert await board.read() == soon + timedelta(seconds=30)
