"""The planner keeps exactly the next occurrence of each active schedule in the table."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import update
from sqlmodel import col

from scheduler.planner import cancel_pending, plan_next, plan_one_off, repair_batch
from services import schedules
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule
from tests.factories import make_user
from tests.scheduler.conftest import START
from tests.scheduler.support import BERLIN, reminders

ZONE = ZoneInfo(BERLIN)


async def _exercise(database: Database, *, telegram_id: int = 100, times: str = "08:00") -> int:
    view = await schedules.create_exercise_schedule(
        database,
        telegram_id=telegram_id,
        exercise_kind="balance",
        title="Balance practice",
        minutes=20,
        times=[times],
        now=START,
    )
    assert view is not None
    return view.id


async def _schedule(database: Database, schedule_id: int) -> Schedule:
    async with database.session() as session:
        schedule = await session.get(Schedule, schedule_id)
    assert schedule is not None
    return schedule


async def test_creating_a_schedule_plans_its_first_occurrence(sqlite_db: Database) -> None:
    """The first occurrence exists as soon as the schedule does (same unit of work)."""
    await make_user(sqlite_db, telegram_id=100)
    schedule_id = await _exercise(sqlite_db)
    rows = await reminders(sqlite_db, schedule_id=schedule_id)
    assert [(r.due_at, r.status) for r in rows] == [
        (datetime(2026, 6, 1, 6, tzinfo=UTC), "pending")
    ]


async def test_planning_twice_makes_no_duplicate(any_db: Database) -> None:
    """Planning the same next occurrence again, in another unit of work, adds no row."""
    await make_user(any_db, telegram_id=100)
    schedule = await _schedule(any_db, await _exercise(any_db))
    for _ in range(2):
        async with any_db.session() as session:
            await plan_next(session, schedule=schedule, zone=ZONE, after=START)
    assert len(await reminders(any_db)) == 1


async def test_replanning_revives_a_cancelled_occurrence(any_db: Database) -> None:
    """A cancelled occurrence planned again comes back pending instead of being lost."""
    await make_user(any_db, telegram_id=100)
    schedule = await _schedule(any_db, await _exercise(any_db))
    async with any_db.session() as session:
        await cancel_pending(session, schedule_id=schedule.id or 0, include_one_off=True)
    async with any_db.session() as session:
        await plan_next(session, schedule=schedule, zone=ZONE, after=START)
    rows = await reminders(any_db)
    assert [r.status for r in rows] == [ReminderStatus.PENDING]


async def test_one_off_never_collides_with_a_planned_time(any_db: Database) -> None:
    """A snooze landing exactly on a planned time, or on another snooze, gets its own row."""
    user = await make_user(any_db, telegram_id=100)
    schedule_id = await _exercise(any_db)
    planned = datetime(2026, 6, 1, 6, tzinfo=UTC)
    async with any_db.session() as session:
        first = await plan_one_off(
            session, schedule_id=schedule_id, user_id=user.id or 0, due_at=planned
        )
        second = await plan_one_off(
            session, schedule_id=schedule_id, user_id=user.id or 0, due_at=planned
        )
    assert first[1] == planned
    assert second[1] == planned + timedelta(milliseconds=1)
    assert len(await reminders(any_db)) == 3


async def test_repair_plans_schedules_left_without_an_occurrence(sqlite_db: Database) -> None:
    """A schedule whose pending occurrence vanished gets its next one from the repair batch."""
    await make_user(sqlite_db, telegram_id=100)
    broken, healthy = await _exercise(sqlite_db), await _exercise(sqlite_db, times="09:00")
    async with sqlite_db.session() as session:
        await session.exec(
            update(Reminder)
            .where(col(Reminder.schedule_id) == broken)
            .values(status=ReminderStatus.CANCELLED.value)
        )
    report = await repair_batch(sqlite_db, now=START, cursor=0, limit=10, default_zone="UTC")
    assert (report.examined, report.planned) == (2, 1)
    assert [r.status for r in await reminders(sqlite_db, schedule_id=broken)] == ["pending"]
    assert len(await reminders(sqlite_db, schedule_id=healthy)) == 1


async def test_repair_walks_a_bounded_window_and_wraps(sqlite_db: Database) -> None:
    """Each repair batch looks at `limit` schedules after the cursor, then starts over."""
    await make_user(sqlite_db, telegram_id=100)
    ids = [await _exercise(sqlite_db, times=f"0{hour}:00") for hour in range(1, 6)]
    first = await repair_batch(sqlite_db, now=START, cursor=0, limit=2, default_zone="UTC")
    second = await repair_batch(
        sqlite_db, now=START, cursor=first.cursor, limit=2, default_zone="UTC"
    )
    third = await repair_batch(
        sqlite_db, now=START, cursor=second.cursor, limit=2, default_zone="UTC"
    )
    end = await repair_batch(sqlite_db, now=START, cursor=third.cursor, limit=2, default_zone="UTC")
    assert [first.cursor, second.cursor, third.cursor] == [ids[1], ids[3], ids[4]]
    assert [first.examined, second.examined, third.examined, end.examined] == [2, 2, 1, 0]
    assert end.cursor == 0
