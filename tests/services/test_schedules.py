"""Schedule use cases check ownership and re-plan occurrences in the same unit of work."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlmodel import select

from scheduler.planner import Occurrence, insert_occurrence
from services import schedules
from services.schedules import InvalidSchedule, NotYours
from storage.database import Database
from storage.models import Intake, Schedule, ScheduleKind
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    dose_schedule,
    exercise_schedule,
    make_supplement,
    reminders,
)

NOW = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)  # 07:00 in Berlin


def pending(rows: list[object]) -> list[tuple[datetime, bool]]:
    """Return (due_at, one_off) of the pending rows."""
    return [(r.due_at, r.one_off) for r in rows if r.status == "pending"]  # type: ignore[attr-defined]


async def test_create_plans_the_first_dose_at_once(sqlite_db: Database) -> None:
    """A new dose schedule is listed with its product name and its first occurrence planned."""
    await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=NOW, times=("20:00", "08:00"))
    assert (view.title, view.times, view.next_due_at) == ("Calcium 600", ("08:00", "20:00"), EIGHT)
    assert pending(await reminders(sqlite_db)) == [(EIGHT, False)]


async def test_create_with_someone_elses_product_is_refused(sqlite_db: Database) -> None:
    """A product id from another user's cabinet cannot be scheduled."""
    await make_user(sqlite_db, telegram_id=100)
    other = await make_user(sqlite_db, telegram_id=200)
    theirs = await make_supplement(sqlite_db, user=other)
    with pytest.raises(NotYours):
        await schedules.create_dose_schedule(
            sqlite_db,
            telegram_id=100,
            supplement_id=theirs.id or 0,
            units_per_dose=Decimal(1),
            times=["08:00"],
            now=NOW,
        )
    assert await reminders(sqlite_db) == []


async def test_unknown_user_gets_none(sqlite_db: Database) -> None:
    """A Telegram id that never talked to the bot creates nothing."""
    view = await schedules.create_summary_schedule(
        sqlite_db, telegram_id=999, times=["21:00"], now=NOW
    )
    assert view is None


async def test_invalid_input_is_refused(sqlite_db: Database) -> None:
    """Bad times, no weekdays, reversed dates and zero units are refused before any write."""
    await make_user(sqlite_db, telegram_id=100)
    with pytest.raises(InvalidSchedule):
        await exercise_schedule(sqlite_db, now=NOW, times=("25:00",))
    with pytest.raises(InvalidSchedule):
        await exercise_schedule(sqlite_db, now=NOW, weekdays=0)
    with pytest.raises(InvalidSchedule):
        await schedules.create_dose_schedule(
            sqlite_db,
            telegram_id=100,
            supplement_id=1,
            units_per_dose=Decimal(0),
            times=["08:00"],
            now=NOW,
        )


async def test_update_replans_at_once_and_keeps_snoozes(sqlite_db: Database) -> None:
    """New times replace the planned occurrence immediately; a snoozed one-off stays."""
    user = await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=NOW)
    async with sqlite_db.session() as session:
        await insert_occurrence(
            session, Occurrence(view.id, user.id or 0, NOW + timedelta(minutes=15), one_off=True)
        )
    changed = await schedules.update_schedule(
        sqlite_db, telegram_id=100, schedule_id=view.id, now=NOW, times=["09:30"]
    )
    assert changed is not None
    nine_thirty = EIGHT + timedelta(hours=1, minutes=30)
    assert changed.next_due_at == nine_thirty
    assert pending(await reminders(sqlite_db)) == [
        (NOW + timedelta(minutes=15), True),
        (nine_thirty, False),
    ]


async def test_changing_back_revives_the_cancelled_occurrence(sqlite_db: Database) -> None:
    """Editing 08:00 → 09:00 → 08:00 plans 08:00 again despite the cancelled row with that key."""
    await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=NOW)
    for times in (["09:00"], ["08:00"]):
        await schedules.update_schedule(
            sqlite_db, telegram_id=100, schedule_id=view.id, now=NOW, times=times
        )
    assert pending(await reminders(sqlite_db)) == [(EIGHT, False)]


async def test_someone_elses_schedule_is_not_yours(sqlite_db: Database) -> None:
    """Updating or deleting another user's schedule raises NotYours; an unknown id gives None."""
    await make_user(sqlite_db, telegram_id=100)
    await make_user(sqlite_db, telegram_id=200)
    view = await dose_schedule(sqlite_db, now=NOW, telegram_id=100)
    with pytest.raises(NotYours):
        await schedules.pause_schedule(sqlite_db, telegram_id=200, schedule_id=view.id, now=NOW)
    with pytest.raises(NotYours):
        await schedules.delete_schedule(sqlite_db, telegram_id=200, schedule_id=view.id)
    assert (
        await schedules.resume_schedule(sqlite_db, telegram_id=200, schedule_id=999, now=NOW)
        is None
    )
    assert pending(await reminders(sqlite_db)) == [(EIGHT, False)]


async def test_pause_cancels_everything_and_resume_plans_ahead(sqlite_db: Database) -> None:
    """Paused, nothing stays pending (snoozes too); resumed, the next time after now is planned."""
    user = await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=NOW)
    async with sqlite_db.session() as session:
        await insert_occurrence(
            session, Occurrence(view.id, user.id or 0, NOW + timedelta(minutes=15), one_off=True)
        )
    paused = await schedules.pause_schedule(
        sqlite_db, telegram_id=100, schedule_id=view.id, now=NOW
    )
    assert paused is not None
    assert (paused.active, pending(await reminders(sqlite_db))) == (False, [])
    later = EIGHT + timedelta(hours=1)
    resumed = await schedules.resume_schedule(
        sqlite_db, telegram_id=100, schedule_id=view.id, now=later
    )
    assert resumed is not None
    assert resumed.next_due_at == EIGHT + timedelta(days=1)


async def test_delete_removes_schedule_and_keeps_intakes(sqlite_db: Database) -> None:
    """Deleting a schedule removes it and its occurrences; logged intakes remain."""
    user = await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=NOW)
    rows = await reminders(sqlite_db)
    async with sqlite_db.session() as session:
        session.add(
            Intake(
                user_id=user.id or 0,
                group_id="g",
                local_date=NOW.date(),
                source="dose",
                label="Calcium 600",
                reminder_id=rows[0].id,
                calcium_mg=600,
            )
        )
    assert await schedules.delete_schedule(sqlite_db, telegram_id=100, schedule_id=view.id)
    assert await reminders(sqlite_db) == []
    async with sqlite_db.session() as session:
        intakes = (await session.exec(select(Intake))).all()
        assert await session.get(Schedule, view.id) is None
    assert [(i.calcium_mg, i.reminder_id) for i in intakes] == [(600, None)]


async def test_time_zone_change_replans_pending(sqlite_db: Database) -> None:
    """Moving from Berlin to New York re-plans 08:00 as 08:00 New York time."""
    user = await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=NOW)
    await exercise_schedule(sqlite_db, now=NOW)
    async with sqlite_db.session() as session:
        row = await session.get(type(user), user.id)
        assert row is not None
        row.timezone = "America/New_York"
        session.add(row)
    moves = await schedules.replan_user(sqlite_db, telegram_id=100, now=NOW)
    # 07:00 Berlin is 01:00 in New York: today's 08:00 and 10:00 (02:00, 04:00 there) move.
    assert [(m.kind, m.old_local, m.new_local) for m in moves] == [
        (ScheduleKind.DOSE, time(2), time(8)),
        (ScheduleKind.EXERCISE, time(4), time(10)),
    ]
    assert pending(await reminders(sqlite_db)) == [
        (datetime(2026, 6, 1, 12, 0, tzinfo=UTC), False),
        (datetime(2026, 6, 1, 14, 0, tzinfo=UTC), False),
    ]


async def test_list_shows_only_own_schedules_active_first(sqlite_db: Database) -> None:
    """The list holds the user's own schedules, paused ones last, each with its next time."""
    await make_user(sqlite_db, telegram_id=100)
    await make_user(sqlite_db, telegram_id=200)
    first = await dose_schedule(sqlite_db, now=NOW)
    walk = await exercise_schedule(sqlite_db, now=NOW)
    await dose_schedule(sqlite_db, now=NOW, telegram_id=200)
    await schedules.pause_schedule(sqlite_db, telegram_id=100, schedule_id=first.id, now=NOW)
    listed = await schedules.list_schedules(sqlite_db, telegram_id=100)
    assert [(v.id, v.active, v.next_due_at) for v in listed] == [
        (walk.id, True, datetime(2026, 6, 1, 8, 0, tzinfo=UTC)),
        (first.id, False, None),
    ]
