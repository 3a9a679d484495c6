"""The engine fires every occurrence once, on time, in order, and survives a restart."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from scheduler.dispatcher import DispatchReport
from scheduler.engine import (
    BACK_OFF,
    MAX_STALLED_ROUNDS,
    SAFETY_JOB_ID,
    WAKE_JOB_ID,
    ReminderEngine,
)
from services import schedules
from storage.database import Database
from tests.factories import make_user
from tests.scheduler.support import (
    FakeJobQueue,
    RecordingNotifier,
    dose_schedule,
    engine_config,
    exercise_schedule,
    reminders,
)
from tests.support.clock import FakeClock

BERLIN_DAY_END = datetime(2026, 6, 2, 4, 0, tzinfo=UTC)


async def run_until(engine: ReminderEngine, clock: FakeClock, end: datetime) -> list[datetime]:
    """Tick, then jump the clock to each wake-up the engine asks for, until `end`."""
    wakes = []
    wake = await engine.tick()
    while wake is not None and wake < end:
        wakes.append(wake)
        clock.set(wake)
        wake = await engine.tick()
    return wakes


async def started_engine(
    database: Database, notifier: RecordingNotifier, clock: FakeClock, *, with_dose: bool = False
) -> tuple[ReminderEngine, FakeJobQueue]:
    """Start an engine on a fake job queue; `with_dose` first adds a user with an 08:00 dose."""
    if with_dose:
        await make_user(database, telegram_id=100)
        await dose_schedule(database, now=clock.now())  # 08:00 in Berlin
    engine = ReminderEngine(database, notifier, clock, engine_config())
    jobs = FakeJobQueue()
    engine.start(jobs)
    return engine, jobs


async def test_a_day_of_mixed_schedules_fires_each_once_in_order_on_time(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Doses, an exercise and a summary in two zones each go out once, exactly at their time."""
    await make_user(sqlite_db, telegram_id=100)
    await make_user(sqlite_db, telegram_id=200, timezone="America/New_York")
    now = clock.now()
    await dose_schedule(sqlite_db, now=now, times=("08:00", "20:00"))
    await dose_schedule(sqlite_db, now=now, times=("13:00",), name="Vitamin D3")
    await exercise_schedule(sqlite_db, now=now, weekdays=0b0010101)  # Mon, Wed, Fri
    await schedules.create_summary_schedule(sqlite_db, telegram_id=100, times=["21:00"], now=now)
    await dose_schedule(sqlite_db, now=now, telegram_id=200, times=("07:30",))
    engine = ReminderEngine(sqlite_db, notifier, clock, engine_config())
    await run_until(engine, clock, BERLIN_DAY_END)

    firsts = [s for s in notifier.sent if not s.message.text.startswith("🔔")]
    nudges = [s for s in notifier.sent if s.message.text.startswith("🔔")]
    hours = [(s.chat_id, s.at) for s in firsts]
    expected = [(100, 6, 0), (100, 8, 0), (100, 11, 0), (200, 11, 30), (100, 18, 0), (100, 19, 0)]
    assert hours == [(chat, datetime(2026, 6, 1, h, m, tzinfo=UTC)) for chat, h, m in expected]
    assert [s.at for s in nudges] == [
        datetime(2026, 6, 1, h, m, tzinfo=UTC) for h, m in [(6, 30), (11, 30), (12, 0), (18, 30)]
    ]
    done = [r for r in await reminders(sqlite_db) if r.due_at < BERLIN_DAY_END]
    assert all(r.sent_at is not None and r.sent_at - r.due_at == timedelta(0) for r in done)
    assert Counter(r.status for r in done) == Counter({"missed": 5, "delivered": 1})


async def test_restart_sends_no_duplicates_and_applies_grace(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """After a crash and restart: nothing twice, 2 h late missed, 30 min late sent marked late."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now(), times=("08:00", "12:00", "13:30"))
    first = ReminderEngine(sqlite_db, notifier, clock, engine_config())
    await run_until(first, clock, datetime(2026, 6, 1, 7, 0, tzinfo=UTC))  # up to 09:00
    assert len([s for s in notifier.sent if not s.message.text.startswith("🔔")]) == 1
    del first  # the process dies; the database is all that is left

    clock.set(datetime(2026, 6, 1, 12, 0, tzinfo=UTC))  # 14:00 in Berlin
    after_restart = RecordingNotifier(clock=clock)
    second = ReminderEngine(sqlite_db, after_restart, clock, engine_config())
    await second.tick()
    rows = await reminders(sqlite_db)
    assert [(r.due_at.hour, r.due_at.minute, r.status, r.late) for r in rows] == [
        (6, 0, "missed", False),
        (10, 0, "missed", False),
        (11, 30, "sent", True),
        (6, 0, "pending", False),
    ]
    assert after_restart.texts() == [
        "💊 <b>Calcium 600</b>\n1 tablet · 600 mg calcium · 400 IU vitamin D\n"
        "🍽 Take with food\n⏰ (late: was due 13:30)"
    ]
    assert len({(r.schedule_id, r.due_at, r.one_off) for r in rows}) == len(rows)


async def test_start_arms_a_tick_now_and_a_slow_safety_net(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Start-up schedules one immediate tick and a 5-minute safety net, both with fixed ids."""
    jobs = FakeJobQueue()
    ReminderEngine(sqlite_db, notifier, clock, engine_config()).start(jobs)
    assert [(when, name) for when, name, _ in jobs.once] == [(clock.now(), WAKE_JOB_ID)]
    interval, first, options = jobs.repeating[0]
    assert (interval, first) == (timedelta(minutes=5), timedelta(minutes=5))
    assert (options["id"], jobs.once[0][2]["id"]) == (SAFETY_JOB_ID, WAKE_JOB_ID)
    assert (options["misfire_grace_time"], options["replace_existing"]) == (None, True)


async def test_each_tick_rearms_the_wake_up_at_the_next_due_time(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """After a tick the one-shot job is armed for the next due time, not a fixed poll."""
    _engine, jobs = await started_engine(sqlite_db, notifier, clock, with_dose=True)
    await jobs.callbacks[WAKE_JOB_ID](None)
    assert jobs.once[-1][0] == datetime(2026, 6, 1, 6, 0, tzinfo=UTC)


async def test_wake_rearms_for_now(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """wake() after a schedule change arms the one-shot job for this very moment."""
    engine, jobs = await started_engine(sqlite_db, notifier, clock)
    clock.advance(timedelta(minutes=1))
    engine.wake()
    assert jobs.once[-1][:2] == (clock.now(), WAKE_JOB_ID)


async def test_change_during_a_tick_is_picked_up_by_that_tick(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A wake() after the tick read the next due time makes it look again, so none is lost."""
    engine, jobs = await started_engine(sqlite_db, notifier, clock, with_dose=True)
    original = engine.escalation.next_at
    changed = False

    async def next_at_racing_a_change() -> datetime | None:
        nonlocal changed
        if not changed:  # the user adds a 07:10 schedule just as the tick looks ahead
            changed = True
            await dose_schedule(sqlite_db, now=clock.now(), times=("07:10",), name="Vitamin D")
            engine.wake()
        return await original()

    engine.escalation.next_at = next_at_racing_a_change  # type: ignore[method-assign]
    assert await engine.tick() == datetime(2026, 6, 1, 5, 10, tzinfo=UTC)
    assert jobs.once[-1][0] == datetime(2026, 6, 1, 5, 10, tzinfo=UTC)


async def test_failed_tick_retries_later(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A tick that raises (database down) is logged and re-armed 30 s later, not every second."""
    engine, jobs = await started_engine(sqlite_db, notifier, clock)
    await sqlite_db.engine.dispose()
    original = engine.dispatcher.dispatch_due

    async def broken(now: datetime) -> Any:
        raise OSError("database unreachable")

    engine.dispatcher.dispatch_due = broken  # type: ignore[method-assign]
    await jobs.callbacks[WAKE_JOB_ID](None)
    engine.dispatcher.dispatch_due = original  # type: ignore[method-assign]
    assert jobs.once[-1][0] == clock.now() + timedelta(seconds=30)


def busy_dispatcher(
    engine: ReminderEngine, clock: FakeClock, *, rounds: int, takes: timedelta
) -> list[int]:
    """Make the first `rounds` rounds send one reminder each, take `takes`, and leave more due.

    Returns a one-item list counting the rounds; after the busy ones the real dispatcher runs.
    """
    count = [0]
    original_dispatch, original_next = engine.dispatcher.dispatch_due, engine.dispatcher.next_due_at

    async def busy(now: datetime) -> DispatchReport:
        count[0] += 1
        if count[0] > rounds:
            return await original_dispatch(now)
        clock.advance(takes)
        return DispatchReport(sent=1, batches=1)

    async def due_while_busy() -> datetime | None:
        return clock.now() if count[0] <= rounds else await original_next()

    engine.dispatcher.dispatch_due = busy  # type: ignore[method-assign]
    engine.dispatcher.next_due_at = due_while_busy  # type: ignore[method-assign]
    return count


async def test_busy_rounds_never_back_off(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """While rounds send and outlast the round gap, the tick goes on: no pause while work is due."""
    engine, jobs = await started_engine(sqlite_db, notifier, clock, with_dose=True)
    busy = 3 * MAX_STALLED_ROUNDS
    rounds = busy_dispatcher(engine, clock, rounds=busy, takes=engine.config.round_gap)
    assert await engine.tick() == datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    assert rounds == [busy + 1]
    assert jobs.once[-1][0] == datetime(2026, 6, 1, 6, 0, tzinfo=UTC)


async def test_a_quick_round_gathers_what_fell_due_for_one_round_at_the_gap(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A round that caught up in 50 ms with more already due re-arms at its start + the gap."""
    engine, jobs = await started_engine(sqlite_db, notifier, clock, with_dose=True)
    began = clock.now()
    rounds = busy_dispatcher(engine, clock, rounds=5, takes=timedelta(milliseconds=50))
    assert engine.config.round_gap == timedelta(milliseconds=200)
    assert await engine.tick() == began + engine.config.round_gap
    assert rounds == [1]
    assert jobs.once[-1][0] == began + engine.config.round_gap


async def test_stalled_rounds_back_off_and_say_so(
    sqlite_db: Database,
    clock: FakeClock,
    notifier: RecordingNotifier,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Something "due" that no claim ever takes (a fault) makes the tick wait, not spin."""
    engine, jobs = await started_engine(sqlite_db, notifier, clock)
    rounds = 0
    original_dispatch = engine.dispatcher.dispatch_due

    async def counted(now: datetime) -> DispatchReport:
        nonlocal rounds
        rounds += 1
        return await original_dispatch(now)

    async def always_due() -> datetime | None:
        return clock.now() - timedelta(minutes=1)

    engine.dispatcher.dispatch_due = counted  # type: ignore[method-assign]
    engine.dispatcher.next_due_at = always_due  # type: ignore[method-assign]
    await engine.tick()
    assert rounds == MAX_STALLED_ROUNDS
    assert jobs.once[-1][0] == clock.now() + BACK_OFF
    assert "stalled" in caplog.text


async def test_engine_follows_both_2026_dst_changes_in_berlin(sqlite_db: Database) -> None:
    """A 02:30 dose fires at 03:30 on the spring-forward day and once on the fall-back day."""
    berlin = ZoneInfo("Europe/Berlin")
    local: list[str] = []
    for start in (datetime(2026, 3, 27, 12, tzinfo=UTC), datetime(2026, 10, 23, 12, tzinfo=UTC)):
        clock = FakeClock(start)
        notifier = RecordingNotifier(clock=clock)
        await make_user(sqlite_db, telegram_id=start.month)
        await dose_schedule(sqlite_db, now=start, telegram_id=start.month, times=("02:30",))
        engine = ReminderEngine(sqlite_db, notifier, clock, engine_config())
        await run_until(engine, clock, start + timedelta(days=3, hours=12))  # to 02:00 or 01:00
        local += [
            s.at.astimezone(berlin).strftime("%m-%d %H:%M")
            for s in notifier.sent
            if s.at is not None and s.chat_id == start.month and "🔔" not in s.message.text
        ]
    assert local == [
        "03-28 02:30",
        "03-29 03:30",
        "03-30 02:30",
        "10-24 02:30",
        "10-25 02:30",
        "10-26 02:30",
    ]
