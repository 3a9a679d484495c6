"""Engine stop: no new claims, sends in flight finish or are dropped, the rest handed back."""

import asyncio
from datetime import timedelta

from scheduler.engine import ReminderEngine
from storage.database import Database
from storage.models import ReminderStatus
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    FakeJobQueue,
    RecordingNotifier,
    engine_config,
    exercise_schedule,
    reminders,
)
from tests.support.clock import FakeClock

USERS = 12
TEN_BERLIN = EIGHT + timedelta(hours=2)


async def _engine_mid_burst(
    database: Database, clock: FakeClock, notifier: RecordingNotifier
) -> tuple[ReminderEngine, FakeJobQueue, asyncio.Task[object]]:
    for number in range(USERS):
        await make_user(database, telegram_id=100 + number)
        await exercise_schedule(database, now=clock.now(), telegram_id=100 + number)
    clock.set(TEN_BERLIN)
    engine = ReminderEngine(database, notifier, clock, engine_config(concurrency=2))
    jobs = FakeJobQueue()
    engine.start(jobs)
    tick = asyncio.create_task(engine.tick())
    for _ in range(500):
        if len(notifier.sent) >= 2:
            break
        await asyncio.sleep(0.01)
    return engine, jobs, tick


async def test_stop_lets_short_sends_finish_and_hands_back_the_rest(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Sends in flight complete and are recorded; unsent claimed rows are pending, unleased."""
    notifier.delay = 0.05
    engine, jobs, tick = await _engine_mid_burst(sqlite_db, clock, notifier)
    armed = len(jobs.once)
    await engine.stop(abandon_after=timedelta(seconds=2))
    await tick
    rows = [row for row in await reminders(sqlite_db) if row.due_at == TEN_BERLIN]
    sent = [row for row in rows if row.status == ReminderStatus.SENT]
    pending = [row for row in rows if row.status == ReminderStatus.PENDING]
    assert len(sent) == len(notifier.sent) < USERS
    assert len(sent) + len(pending) == USERS
    assert all(row.lease_until is None for row in pending)
    assert len(jobs.once) == armed  # no wake-up armed after the stop


async def test_stop_abandons_sends_that_hang(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A send that does not return within the allowance is cancelled and its row handed back."""
    notifier.delay = 0.05
    engine, _, tick = await _engine_mid_burst(sqlite_db, clock, notifier)
    notifier.delay = 60.0
    await asyncio.sleep(0.1)  # the next sends are now hanging
    loop = asyncio.get_running_loop()
    started = loop.time()
    await engine.stop(abandon_after=timedelta(seconds=0.2))
    await tick
    assert loop.time() - started < 1.0
    rows = [row for row in await reminders(sqlite_db) if row.due_at == TEN_BERLIN]
    assert ReminderStatus.SENDING not in {row.status for row in rows}
    assert sum(row.status == ReminderStatus.PENDING for row in rows) >= 2
