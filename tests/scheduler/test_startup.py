"""Start-up does a fixed amount of work, so a million schedules do not delay the first reminder."""

import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event, text

from scheduler.engine import WAKE_JOB_ID, ReminderEngine
from scheduler.planner import Occurrence, insert_occurrence
from storage.database import Database
from tests.factories import make_user
from tests.scheduler.support import FakeJobQueue, RecordingNotifier, engine_config
from tests.support.clock import FakeClock

# Both statements count 1..n with a recursive CTE; all values are bound parameters.
_SCHEDULES = text(
    "WITH RECURSIVE n(x) AS (SELECT :first UNION ALL SELECT x + 1 FROM n WHERE x < :last) "
    "INSERT INTO schedule (id, user_id, kind, units_per_dose, title, times, weekdays, active,"
    " created_at) SELECT x, :user_id, 'exercise', 1, 'Walk', '[\"08:00\"]', 127, 1,"
    " '2026-06-01 00:00:00.000000' FROM n"
)
_REMINDERS = text(
    "WITH RECURSIVE n(x) AS (SELECT :first UNION ALL SELECT x + 1 FROM n WHERE x < :last) "
    "INSERT INTO reminder (schedule_id, user_id, due_at, status, one_off, attempts, late)"
    " SELECT x, :user_id, '2026-06-02 06:00:00.000000', 'pending', 0, 0, 0 FROM n"
)


async def add_schedules(database: Database, *, user_id: int, count: int) -> None:
    """Insert `count` daily schedules, each with its next occurrence planned, in bulk SQL."""
    first = 1 + int(await _scalar(database, "SELECT coalesce(max(id), 0) FROM schedule"))
    params = {"first": first, "last": first + count - 1, "user_id": user_id}
    async with database.session() as session:
        await session.exec(_SCHEDULES, params=params)  # type: ignore[call-overload]
        await session.exec(_REMINDERS, params=params)  # type: ignore[call-overload]


async def _scalar(database: Database, sql: str) -> Any:
    async with database.session() as session:
        return (await session.exec(text(sql))).scalar()  # type: ignore[call-overload]


@contextmanager
def counted_statements(database: Database) -> Iterator[list[str]]:
    """Collect every SQL statement the engine sends while the block runs."""
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(database.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(database.engine.sync_engine, "before_cursor_execute", record)


async def start_and_tick(database: Database, clock: FakeClock) -> RecordingNotifier:
    """Start a fresh engine as a booting process would and run its first tick."""
    notifier = RecordingNotifier(clock=clock)
    jobs = FakeJobQueue()
    ReminderEngine(database, notifier, clock, engine_config()).start(jobs)
    await jobs.callbacks[WAKE_JOB_ID](None)
    return notifier


async def test_start_up_statements_do_not_grow_with_schedules(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """Booting with 10 or with 2,010 schedules runs the very same number of statements."""
    user = await make_user(sqlite_db, telegram_id=100)
    await add_schedules(sqlite_db, user_id=user.id or 0, count=10)
    with counted_statements(sqlite_db) as few:
        await start_and_tick(sqlite_db, clock)
    await add_schedules(sqlite_db, user_id=user.id or 0, count=2000)
    with counted_statements(sqlite_db) as many:
        await start_and_tick(sqlite_db, clock)
    assert len(few) == len(many) < 12


@pytest.mark.realtime
async def test_first_due_reminder_goes_out_fast_with_a_million_schedules(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """With 1,000,000 schedules planned, a boot sends the one due reminder well within a second."""
    user = await make_user(sqlite_db, telegram_id=100)
    await add_schedules(sqlite_db, user_id=user.id or 0, count=1_000_000)
    async with sqlite_db.session() as session:
        due = clock.now() - timedelta(seconds=1)
        await insert_occurrence(session, Occurrence(1, user.id or 0, due, one_off=True))
    started = time.perf_counter()
    notifier = await start_and_tick(sqlite_db, clock)
    elapsed = time.perf_counter() - started
    assert len(notifier.sent) == 1
    assert elapsed < 3.0  # generous: a loaded CI machine, not the target (bench/)
    assert notifier.sent[0].at == datetime(2026, 6, 1, 5, 0, tzinfo=UTC)
