"""Delivery through a mix of faults: 5xx, timeouts, a 429 burst, blocked users, a short outage.

The dispatcher runs on a fake clock (the outage spans fake minutes) with the real
TelegramNotifier, PTB's ExtBot and the bot's own rate limiter, against the fake Bot API.
"""

import random
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram.ext import ExtBot
from telegram.request import HTTPXRequest

from bot.notifier import TelegramNotifier
from bot.rate_limit import BotRateLimiter
from scheduler.dispatcher import Dispatcher
from storage.database import Database
from storage.models import ReminderStatus, User
from tests.e2e.burst import received
from tests.e2e.test_outage import TEN, Totals
from tests.factories import make_user
from tests.scheduler.support import engine_config, exercise_schedule, reminders
from tests.support.clock import FakeClock
from tests.support.fakebot import FakeBotApi

USERS = 40
BLOCKED = 4
FIRST_CHAT = 700
# The mix: 10 % 5xx, 5 % timeouts (answers held past the client's read timeout).
SERVER_ERROR_RATE = 0.10
TIMEOUT_RATE = 0.05
READ_TIMEOUT_S = 0.5
RETRY_AFTER_S = 2
# A send already on the wire when the 429 came back is not "inside the wait".
IN_FLIGHT_SLACK_S = 0.25


@pytest.fixture
async def bot(fake_bot_api: FakeBotApi) -> AsyncIterator[ExtBot[None]]:
    """Give PTB's ExtBot with the bot's rate limiter and a short read timeout."""
    request = HTTPXRequest(
        connect_timeout=2.0, read_timeout=READ_TIMEOUT_S, write_timeout=2.0, pool_timeout=2.0
    )
    ptb: ExtBot[None] = ExtBot(
        fake_bot_api.token,
        base_url=fake_bot_api.base_url,
        request=request,
        rate_limiter=BotRateLimiter(overall_per_s=200, max_retries=0),
    )
    await ptb.initialize()
    yield ptb
    await ptb.shutdown()


async def test_fault_mix_delivers_every_deliverable_reminder_in_grace(
    sqlite_db: Database, fake_bot_api: FakeBotApi, bot: ExtBot[None]
) -> None:
    """Unblocked users get it in grace, blocked ones end inactive, nothing is sent in a wait."""
    clock = FakeClock(TEN - timedelta(hours=1))
    for number in range(USERS):
        chat = FIRST_CHAT + number
        await make_user(sqlite_db, telegram_id=chat)
        fake_bot_api.add_user(chat, started=True)
        await exercise_schedule(sqlite_db, now=clock.now(), telegram_id=chat)
        if number < BLOCKED:
            fake_bot_api.block(chat)
    config = engine_config(grace=timedelta(minutes=30))
    sender = Dispatcher(
        sqlite_db,
        TelegramNotifier(bot, per_chat_per_s=50),
        clock,
        config,
        jitter=random.Random(7).random,
    )
    fake_bot_api.fail_next("sendMessage", status=429, retry_after=RETRY_AFTER_S, count=3)
    fake_bot_api.fault_mix(
        "sendMessage",
        server_error_rate=SERVER_ERROR_RATE,
        timeout_rate=TIMEOUT_RATE,
        timeout_s=READ_TIMEOUT_S * 3,
        seed=14,
    )
    clock.set(TEN)
    totals = Totals()
    # A short outage (fake minutes 1-4 after the due time): the API refuses connections.
    down_at, back_at = TEN + timedelta(minutes=1), TEN + timedelta(minutes=4)
    state = "before"
    while clock.now() < TEN + config.grace:
        if state == "before" and clock.now() >= down_at:
            await fake_bot_api.stop()
            state = "down"
        if state == "down" and clock.now() >= back_at:
            await fake_bot_api.start()
            state = "after"
        totals.add(await sender.dispatch_due(clock.now()), clock.now())
        wake = await sender.next_due_at()
        if wake is None and state == "after":
            break
        clock.set(max(wake or clock.now(), clock.now() + timedelta(seconds=1)))

    rows = [row for row in await reminders(sqlite_db) if row.due_at == TEN]
    counts = received(fake_bot_api)
    delivered = {row.user_id for row in rows if row.status == ReminderStatus.SENT}
    assert len(delivered) == USERS - BLOCKED
    assert all(
        row.sent_at is not None and row.sent_at < TEN + config.grace
        for row in rows
        if row.status == ReminderStatus.SENT
    )
    assert len(counts) == USERS - BLOCKED
    assert totals.failed == 0 and totals.missed == 0
    blocked = {row.status for row in rows} - {ReminderStatus.SENT}
    assert blocked <= {ReminderStatus.CANCELLED}
    async with sqlite_db.session() as session:
        users = [await session.get(User, row.user_id) for row in rows]
    inactive = sorted(user.telegram_id for user in users if user is not None and not user.active)
    assert inactive == [FIRST_CHAT + number for number in range(BLOCKED)]
    assert fake_bot_api.flood_waits, "the 429 burst never came"
    sends = [call.at for call in fake_bot_api.requests if call.method == "sendMessage"]
    for refused_at, wait_s in fake_bot_api.flood_waits:
        inside = [at for at in sends if refused_at + IN_FLIGHT_SLACK_S < at < refused_at + wait_s]
        assert inside == [], (
            f"{[round(at - refused_at, 3) for at in inside]} {fake_bot_api.flood_waits}"
        )
