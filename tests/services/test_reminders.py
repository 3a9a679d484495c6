"""Answering reminders is owner-checked and idempotent; taken doses are logged exactly once."""

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from scheduler.dispatcher import Dispatcher
from services import reminders as service
from storage.database import Database
from storage.models import Intake, Reminder
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    RecordingNotifier,
    dose_schedule,
    engine_config,
    exercise_schedule,
    reminders,
)
from tests.support.clock import FakeClock

START = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)  # 07:00 in Berlin


@pytest.fixture
def clock() -> FakeClock:
    """Give a clock at 07:00 Berlin time on 1 June 2026."""
    return FakeClock(START)


async def send_due(database: Database, clock: FakeClock, at: datetime) -> list[Reminder]:
    """Move the clock to `at`, dispatch what is due, and return the rows sent."""
    clock.set(at)
    await Dispatcher(database, RecordingNotifier(clock=clock), clock, engine_config()).dispatch_due(
        at
    )
    return [row for row in await reminders(database) if row.status == "sent"]


async def intakes(database: Database) -> list[Intake]:
    """Return every intake row."""
    async with database.session() as session:
        return list((await session.exec(select(Intake))).all())


async def sent_dose(database: Database, clock: FakeClock) -> Reminder:
    """Create a user with a daily 08:00 dose and send today's reminder."""
    await make_user(database, telegram_id=100)
    await dose_schedule(database, now=clock.now())
    (row,) = await send_due(database, clock, EIGHT)
    return row


async def test_taken_logs_the_dose_nutrients_on_the_local_day(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """Taken at 00:30 Berlin time records the intake on the Berlin date, with dose nutrients."""
    row = await sent_dose(sqlite_db, clock)
    late_night = datetime(2026, 6, 1, 22, 30, tzinfo=UTC)  # 00:30 on 2 June in Berlin
    result = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="t", now=late_night
    )
    assert (result.ok, result.changed, result.status) == (True, True, "taken")
    assert (result.answered_local, result.chat_id, result.message_id) == (time(0, 30), 100, 1001)
    (intake,) = await intakes(sqlite_db)
    assert (intake.local_date, intake.source, intake.label) == (
        date(2026, 6, 2),
        "dose",
        "Calcium 600",
    )
    assert (intake.calcium_mg, intake.vitamin_d_iu, intake.reminder_id) == (600, 400, row.id)
    assert intake.id == result.intake_id


async def test_pressing_taken_twice_logs_once(sqlite_db: Database, clock: FakeClock) -> None:
    """A second press changes nothing and shows the outcome already recorded."""
    row = await sent_dose(sqlite_db, clock)
    first = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="t", now=EIGHT
    )
    again = await service.answer(
        sqlite_db,
        telegram_id=100,
        reminder_id=row.id or 0,
        action="t",
        now=EIGHT + timedelta(minutes=3),
    )
    assert (again.ok, again.changed, again.answered_local) == (True, False, first.answered_local)
    assert len(await intakes(sqlite_db)) == 1


async def test_concurrent_taken_presses_log_once(any_db: Database, clock: FakeClock) -> None:
    """Two presses racing in separate units of work record exactly one intake."""
    row = await sent_dose(any_db, clock)
    results = await asyncio.gather(
        *(
            service.answer(any_db, telegram_id=100, reminder_id=row.id or 0, action="t", now=EIGHT)
            for _ in range(4)
        )
    )
    assert sorted(result.changed for result in results) == [False, False, False, True]
    assert len(await intakes(any_db)) == 1


async def test_another_users_button_is_refused(sqlite_db: Database, clock: FakeClock) -> None:
    """Someone else pressing (or forging) the button changes nothing."""
    row = await sent_dose(sqlite_db, clock)
    await make_user(sqlite_db, telegram_id=200)
    result = await service.answer(
        sqlite_db, telegram_id=200, reminder_id=row.id or 0, action="t", now=EIGHT
    )
    assert (result.ok, result.reason) == (False, "not_yours")
    assert (await reminders(sqlite_db))[0].status == "sent"
    assert await intakes(sqlite_db) == []


async def test_unknown_reminder_and_bad_action_are_refused(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """An unknown id, an exercise action on a dose and garbage are each refused."""
    row = await sent_dose(sqlite_db, clock)
    unknown = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=999, action="t", now=EIGHT
    )
    results = [
        await service.answer(
            sqlite_db, telegram_id=100, reminder_id=row.id or 0, action=a, now=EIGHT
        )
        for a in ("d", "zz")
    ]
    assert unknown.reason == "not_found"
    assert [r.reason for r in results] == ["bad_action", "bad_action"]


async def test_snooze_makes_a_one_off_and_leaves_the_schedule(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """Snoozing 15 min adds a one-off at now + 15 min; tomorrow's 08:00 stays where it was."""
    row = await sent_dose(sqlite_db, clock)
    now = EIGHT + timedelta(minutes=3)
    result = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="s15", now=now
    )
    assert (result.status, result.snoozed_until_local) == ("snoozed", time(8, 18))
    pending = [(r.due_at, r.one_off) for r in await reminders(sqlite_db) if r.status == "pending"]
    assert pending == [(now + timedelta(minutes=15), True), (EIGHT + timedelta(days=1), False)]
    again = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="s60", now=now
    )
    assert (again.changed, again.snoozed_until_local) == (False, time(8, 18))


async def test_snooze_onto_a_planned_time_keeps_both(sqlite_db: Database, clock: FakeClock) -> None:
    """A snooze landing exactly on the next planned time gets its own row; both are sent."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now(), times=("08:00", "08:15"))
    (first,) = await send_due(sqlite_db, clock, EIGHT)
    await service.answer(
        sqlite_db, telegram_id=100, reminder_id=first.id or 0, action="s15", now=EIGHT
    )
    sent = await send_due(sqlite_db, clock, EIGHT + timedelta(minutes=15))
    assert sorted(row.one_off for row in sent) == [False, True]


async def test_taken_after_snooze_cancels_the_follow_up(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """Taking the dose after a snooze records it and drops the snoozed follow-up."""
    row = await sent_dose(sqlite_db, clock)
    await service.answer(
        sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="s15", now=EIGHT
    )
    taken = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="t", now=EIGHT
    )
    assert (taken.changed, taken.status) == (True, "taken")
    one_offs = [r.status for r in await reminders(sqlite_db) if r.one_off]
    assert one_offs == ["cancelled"]
    assert len(await intakes(sqlite_db)) == 1


async def test_skip_and_late_taken_on_a_missed_dose(sqlite_db: Database, clock: FakeClock) -> None:
    """Skip records skipped; a missed dose can still be marked taken later."""
    row = await sent_dose(sqlite_db, clock)
    skipped = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="k", now=EIGHT
    )
    assert (skipped.status, skipped.answered_local is not None) == ("skipped", True)
    (tomorrow,) = await send_due(sqlite_db, clock, EIGHT + timedelta(days=1))
    async with sqlite_db.session() as session:
        missed = await session.get(Reminder, tomorrow.id)
        assert missed is not None
        missed.status = "missed"
        session.add(missed)
    late = await service.answer(
        sqlite_db, telegram_id=100, reminder_id=tomorrow.id or 0, action="t", now=clock.now()
    )
    assert (late.changed, late.status, len(await intakes(sqlite_db))) == (True, "taken", 1)


async def test_exercise_done_is_taken_without_intake(sqlite_db: Database, clock: FakeClock) -> None:
    """Done on an exercise marks it taken and logs no nutrients."""
    await make_user(sqlite_db, telegram_id=100)
    await exercise_schedule(sqlite_db, now=clock.now())
    ten = EIGHT + timedelta(hours=2)
    (row,) = await send_due(sqlite_db, clock, ten)
    done = await service.answer(
        sqlite_db,
        telegram_id=100,
        reminder_id=row.id or 0,
        action="d",
        now=ten + timedelta(minutes=5),
    )
    assert (done.status, done.kind, done.answered_local) == ("taken", "exercise", time(10, 5))
    assert await intakes(sqlite_db) == []


async def test_due_now_lists_unanswered_doses_oldest_first(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """Free text can settle the waiting dose: only sent, unanswered dose reminders are listed."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now(), times=("08:00",))
    await dose_schedule(sqlite_db, now=clock.now(), times=("08:30",), name="Vitamin D3")
    await exercise_schedule(sqlite_db, now=clock.now(), times=("08:15",))
    for minute in (0, 15, 30):
        await send_due(sqlite_db, clock, EIGHT + timedelta(minutes=minute))
    waiting = await service.due_now(sqlite_db, telegram_id=100, now=clock.now())
    assert [(w.title, w.due_local, w.units) for w in waiting] == [
        ("Calcium 600", time(8, 0), Decimal(1)),
        ("Vitamin D3", time(8, 30), Decimal(1)),
    ]
    await service.answer(
        sqlite_db, telegram_id=100, reminder_id=waiting[0].reminder_id, action="t", now=clock.now()
    )
    left = await service.due_now(sqlite_db, telegram_id=100, now=clock.now())
    assert [w.title for w in left] == ["Vitamin D3"]


async def test_today_lists_answered_and_upcoming(sqlite_db: Database, clock: FakeClock) -> None:
    """/today shows the morning dose as taken and the evening one, not yet planned, as upcoming."""
    row = await sent_dose(sqlite_db, clock)
    await dose_schedule(sqlite_db, now=START, times=("13:00", "21:00"), name="Vitamin D3")
    await service.answer(sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="t", now=EIGHT)
    rows = await service.today(sqlite_db, telegram_id=100, now=EIGHT)
    assert [(r.local_time, r.title, r.status) for r in rows] == [
        (time(8, 0), "Calcium 600", "taken"),
        (time(13, 0), "Vitamin D3", "upcoming"),
        (time(21, 0), "Vitamin D3", "upcoming"),
    ]


async def test_history_counts_due_and_taken_per_schedule(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """Over three days with one dose taken, one snoozed then taken, one missed: 3 due, 2 taken."""
    row = await sent_dose(sqlite_db, clock)
    await service.answer(sqlite_db, telegram_id=100, reminder_id=row.id or 0, action="t", now=EIGHT)
    (second,) = await send_due(sqlite_db, clock, EIGHT + timedelta(days=1))
    now = clock.now()
    await service.answer(
        sqlite_db, telegram_id=100, reminder_id=second.id or 0, action="s15", now=now
    )
    (follow_up,) = await send_due(sqlite_db, clock, now + timedelta(minutes=15))
    await service.answer(
        sqlite_db, telegram_id=100, reminder_id=follow_up.id or 0, action="t", now=clock.now()
    )
    (third,) = await send_due(sqlite_db, clock, EIGHT + timedelta(days=2))
    async with sqlite_db.session() as session:
        missed = await session.get(Reminder, third.id)
        assert missed is not None
        missed.status = "missed"
        session.add(missed)
    (adherence,) = await service.history(sqlite_db, telegram_id=100, now=clock.now(), days=7)
    assert (adherence.due, adherence.taken, adherence.missed) == (3, 2, 1)
