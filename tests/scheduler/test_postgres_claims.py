"""On PostgreSQL several dispatching processes share the work and never send a reminder twice."""

import asyncio
from collections.abc import AsyncIterator

import pytest

from scheduler.dispatcher import Dispatcher
from scheduler.planner import plan_next
from scheduler.recurrence import zone_for
from storage.database import Database, make_engine
from storage.models import Schedule, ScheduleKind, User
from tests.scheduler.support import EIGHT, RecordingNotifier, engine_config, reminders
from tests.support.clock import FakeClock

USERS = 300


@pytest.fixture
async def second_process(pg_db: Database) -> AsyncIterator[Database]:
    """Give another engine (its own connection pool) on the same database, like a 2nd process."""
    other = Database(make_engine(pg_db.engine.url.render_as_string(hide_password=False)))
    yield other
    await other.dispose()


async def _many_due(database: Database) -> None:
    async with database.session() as session:
        for number in range(USERS):
            user = User(
                telegram_id=10_000 + number, chat_id=10_000 + number, timezone="Europe/Berlin"
            )
            session.add(user)
            await session.flush()
            schedule = Schedule(
                user_id=user.id or 0, kind=ScheduleKind.EXERCISE, title="Walk", times=["08:00"]
            )
            session.add(schedule)
            await session.flush()
            await plan_next(
                session,
                schedule=schedule,
                zone=zone_for(user.timezone),
                after=EIGHT.replace(hour=5),
            )


def _reminder_ids(notifier: RecordingNotifier) -> list[str]:
    return [item.message.buttons[0][0].data.split(":")[1] for item in notifier.sent]


async def test_two_processes_never_send_the_same_reminder(
    pg_db: Database, second_process: Database
) -> None:
    """Two dispatchers claiming at once with SKIP LOCKED send each of 300 reminders exactly once."""
    await _many_due(pg_db)
    clock = FakeClock(EIGHT)
    config = engine_config(batch_size=20)
    first, second = (
        RecordingNotifier(clock=clock, delay=0.001),
        RecordingNotifier(clock=clock, delay=0.001),
    )
    reports = await asyncio.gather(
        Dispatcher(pg_db, first, clock, config).dispatch_due(EIGHT),
        Dispatcher(second_process, second, clock, config).dispatch_due(EIGHT),
    )
    sent = _reminder_ids(first) + _reminder_ids(second)
    assert len(sent) == len(set(sent)) == USERS
    assert all(report.sent > 0 for report in reports)
    rows = await reminders(pg_db)
    assert sum(r.status == "sent" for r in rows) == USERS
    assert sum(r.status == "pending" for r in rows) == USERS  # tomorrow's, planned once each
