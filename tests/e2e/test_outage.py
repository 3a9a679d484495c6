"""The Bot API unreachable for minutes: reminders keep retrying and go out once it is back.

The dispatcher runs on a fake clock with the real TelegramNotifier and PTB Bot; the outage is
the fake server stopped (connection refused, as when Telegram or the network is down).
"""

import random
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from telegram import Bot

from bot.notifier import TelegramNotifier
from scheduler.dispatcher import Dispatcher, DispatchReport
from storage.database import Database
from storage.models import ReminderStatus
from tests.bot.conftest import make_bot
from tests.e2e.burst import received
from tests.factories import make_user
from tests.scheduler.support import EIGHT, engine_config, exercise_schedule, reminders
from tests.support.clock import FakeClock
from tests.support.fakebot import FakeBotApi

USERS = 10
# Exercise reminders at 10:00 Berlin time, 08:00 UTC.
TEN = EIGHT + timedelta(hours=2)


@dataclass
class Totals:
    """Everything the dispatch rounds reported, added up, and when the last one ran."""

    sent: int = 0
    retried: int = 0
    missed: int = 0
    failed: int = 0
    last_round: datetime | None = None

    def add(self, report: DispatchReport, at: datetime) -> None:
        """Count one round."""
        self.sent += report.sent
        self.retried += report.retried
        self.missed += report.missed
        self.failed += report.failed
        self.last_round = at


@pytest.fixture
async def bot(fake_bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    """Give an initialised PTB Bot (getMe done while the fake is still up)."""
    ptb = make_bot(fake_bot_api)
    await ptb.initialize()
    yield ptb
    await ptb.shutdown()


async def _due_at_ten(database: Database, fake: FakeBotApi, clock: FakeClock) -> None:
    for number in range(USERS):
        await make_user(database, telegram_id=300 + number)
        fake.add_user(300 + number, started=True)
        await exercise_schedule(database, now=clock.now(), telegram_id=300 + number)


async def _run_until(
    sender: Dispatcher, clock: FakeClock, end: datetime, fake: FakeBotApi, back_at: datetime
) -> Totals:
    """Dispatch at each wake-up the dispatcher asks for until `end`; restart the fake at back_at."""
    totals = Totals()
    down = True
    while clock.now() < end:
        if down and clock.now() >= back_at:
            await fake.start()  # on the same port: the bot's requests reach it again
            down = False
        totals.add(await sender.dispatch_due(clock.now()), clock.now())
        wake = await sender.next_due_at()
        if wake is None or wake >= end:
            break
        clock.set(max(wake, clock.now()))
    return totals


async def test_ten_minute_outage_loses_nothing(
    sqlite_db: Database, fake_bot_api: FakeBotApi, bot: Bot
) -> None:
    """With the API down 08:00-08:10 every reminder is sent once, within a minute of its return."""
    clock = FakeClock(TEN - timedelta(hours=1))
    await _due_at_ten(sqlite_db, fake_bot_api, clock)
    config = engine_config()
    sender = Dispatcher(
        sqlite_db,
        TelegramNotifier(bot, per_chat_per_s=50),
        clock,
        config,
        jitter=random.Random(14).random,
    )
    await fake_bot_api.stop()
    clock.set(TEN)
    back = TEN + timedelta(minutes=10)
    totals = await _run_until(sender, clock, TEN + config.grace, fake_bot_api, back)

    rows = [row for row in await reminders(sqlite_db) if row.due_at == TEN]
    assert (totals.sent, totals.failed, totals.missed) == (USERS, 0, 0)
    assert totals.retried >= 5 * USERS  # the old five-tries limit would have failed them all
    assert {row.status for row in rows} == {ReminderStatus.SENT}
    assert sorted(received(fake_bot_api).values()) == [1] * USERS
    assert all(row.sent_at is not None for row in rows)
    assert max(row.sent_at for row in rows if row.sent_at) <= back + config.backoff_max


async def test_outage_past_the_grace_period_ends_missed_and_counted(
    sqlite_db: Database, fake_bot_api: FakeBotApi, bot: Bot
) -> None:
    """Down for longer than the grace period: every reminder retried, then missed, none failed."""
    clock = FakeClock(TEN - timedelta(hours=1))
    await _due_at_ten(sqlite_db, fake_bot_api, clock)
    config = engine_config(grace=timedelta(minutes=15))
    sender = Dispatcher(sqlite_db, TelegramNotifier(bot, per_chat_per_s=50), clock, config)
    await fake_bot_api.stop()
    clock.set(TEN)
    never = TEN + timedelta(days=1)
    totals = await _run_until(sender, clock, TEN + timedelta(hours=1), fake_bot_api, never)

    rows = [row for row in await reminders(sqlite_db) if row.due_at == TEN]
    assert (totals.sent, totals.failed, totals.missed) == (0, 0, USERS)
    assert {row.status for row in rows} == {ReminderStatus.MISSED}
    assert min(row.attempts for row in rows) > 5
    assert totals.last_round is not None and totals.last_round < TEN + config.grace
