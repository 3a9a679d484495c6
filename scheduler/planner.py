"""Keep the next occurrence of every active schedule in the reminder table, idempotently."""

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exists, false, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from scheduler.moves import Moved as Moved  # re-exported: replan's answer is made of these
from scheduler.moves import Replanned as Replanned
from scheduler.moves import todays_moves
from scheduler.recurrence import zone_for
from scheduler.slots import REACH, Slot, done_slots, load_came_due
from scheduler.slots import schedule_next as schedule_next  # re-exported: planned from here
from scheduler.slots import slot_taken as slot_taken
from storage.database import Database, mark_plan_changed
from storage.models import Reminder, ReminderStatus, Schedule, User

log = logging.getLogger(__name__)

# Two snoozes of one schedule to the same microsecond are told apart by this much.
_ONE_OFF_NUDGE = timedelta(milliseconds=1)
_ONE_OFF_TRIES = 10
# A row planned afresh over a cancelled one starts its life again.
_REVIVED: dict[str, Any] = {
    "status": ReminderStatus.PENDING.value,
    "attempts": 0,
    "lease_until": None,
    "message_id": None,
    "sent_at": None,
    "late": False,
    "nudged_at": None,
    "answered_at": None,
    "snoozed_until": None,
}


@dataclass(frozen=True)
class Occurrence:
    """A due moment to materialise: the reminder table's unique key plus its owner."""

    schedule_id: int
    user_id: int
    due_at: datetime
    one_off: bool = False
    zone: str | None = None  # the zone the schedule's times were read in; None for a snooze


async def insert_occurrences(session: AsyncSession, occurrences: Sequence[Occurrence]) -> list[int]:
    """Insert pending occurrences unless they exist (cancelled ones are revived); return new ids."""
    # One row per key: PostgreSQL refuses an upsert that touches a row twice.
    unique = {(o.schedule_id, o.due_at, o.one_off): o for o in occurrences}
    if not unique:
        return []
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Reminder).values(
        [
            {
                "schedule_id": o.schedule_id,
                "user_id": o.user_id,
                "due_at": o.due_at,
                "one_off": o.one_off,
                "status": ReminderStatus.PENDING.value,
                "zone": o.zone,
            }
            for o in unique.values()
        ]
    )
    upsert = statement.on_conflict_do_update(
        index_elements=["schedule_id", "due_at", "one_off"],
        set_={**_REVIVED, "zone": statement.excluded.zone},
        where=col(Reminder.status) == ReminderStatus.CANCELLED,
    ).returning(col(Reminder.id))
    return [int(new_id) for new_id in (await session.exec(upsert)).scalars().all()]


async def insert_occurrence(session: AsyncSession, occurrence: Occurrence) -> int | None:
    """Insert one occurrence unless it exists; return its id when it was inserted or revived."""
    inserted = await insert_occurrences(session, [occurrence])
    return inserted[0] if inserted else None


async def _done(
    session: AsyncSession, *, schedule: Schedule, zone: ZoneInfo, after: datetime
) -> frozenset[Slot]:
    if schedule.id is None:
        return frozenset()
    past = await load_came_due(
        session, schedule_ids=[schedule.id], since=after - REACH, default_zone=zone.key
    )
    return done_slots(past.get(schedule.id, ()), zone=zone, times=schedule.times)


async def _plan(
    session: AsyncSession,
    *,
    schedule: Schedule,
    zone: ZoneInfo,
    after: datetime,
    done: Collection[Slot],
) -> datetime | None:
    due = schedule_next(schedule, zone=zone, after=after, done=done)
    if due is None or schedule.id is None:
        return None
    await insert_occurrence(session, Occurrence(schedule.id, schedule.user_id, due, zone=zone.key))
    mark_plan_changed(session)
    return due


async def plan_next(
    session: AsyncSession, *, schedule: Schedule, zone: ZoneInfo, after: datetime
) -> datetime | None:
    """Materialise the schedule's first occurrence after `after` in a slot not done yet."""
    if not schedule.active:
        return None
    done = await _done(session, schedule=schedule, zone=zone, after=after)
    return await _plan(session, schedule=schedule, zone=zone, after=after, done=done)


async def plan_one_off(
    session: AsyncSession, *, schedule_id: int, user_id: int, due_at: datetime
) -> tuple[int, datetime]:
    """Insert a one-off occurrence (a snooze) at or just after `due_at`; return id and time."""
    for _ in range(_ONE_OFF_TRIES):
        reminder_id = await insert_occurrence(
            session, Occurrence(schedule_id, user_id, due_at, one_off=True)
        )
        if reminder_id is not None:
            mark_plan_changed(session)
            return reminder_id, due_at
        due_at += _ONE_OFF_NUDGE
    raise RuntimeError("no free instant for a one-off occurrence")


async def cancel_pending(session: AsyncSession, *, schedule_id: int, include_one_off: bool) -> int:
    """Cancel a schedule's occurrences that have not gone out; return how many."""
    statement = (
        update(Reminder)
        .where(col(Reminder.schedule_id) == schedule_id)
        .where(col(Reminder.status) == ReminderStatus.PENDING)
        .values(status=ReminderStatus.CANCELLED.value, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    if not include_one_off:
        statement = statement.where(col(Reminder.one_off) == false())
    result = await session.exec(statement)
    mark_plan_changed(session)
    return int(result.rowcount)


async def replan(
    session: AsyncSession, *, schedule: Schedule, zone: ZoneInfo, now: datetime
) -> Replanned:
    """Drop the planned (not snoozed) occurrences of a changed schedule and plan the next one.

    A slot of today (in `zone`) that already came due is not planned again; what the change
    did to the rest of today's reminders comes back as `moved`.
    """
    if schedule.id is None:
        return Replanned(next_due=None, moved=())
    planned = await session.exec(
        select(Reminder.zone).where(
            col(Reminder.schedule_id) == schedule.id,
            col(Reminder.status) == ReminderStatus.PENDING,
            col(Reminder.one_off) == false(),
            col(Reminder.zone).is_not(None),
        )
    )
    old_zones = {name for name in planned.all() if name is not None}
    await cancel_pending(session, schedule_id=schedule.id, include_one_off=not schedule.active)
    if not schedule.active:
        return Replanned(next_due=None, moved=())
    done = await _done(session, schedule=schedule, zone=zone, after=now)
    due = await _plan(session, schedule=schedule, zone=zone, after=now, done=done)
    if len(old_zones) != 1:
        return Replanned(next_due=due, moved=())  # nothing was planned, or by whom is unclear
    was = zone_for(old_zones.pop(), default=zone.key)
    return Replanned(
        next_due=due, moved=todays_moves(schedule, was=was, zone=zone, now=now, done=done)
    )


@dataclass(frozen=True)
class RepairReport:
    """What one repair batch looked at and fixed, and where the next batch starts."""

    examined: int
    planned: int
    cursor: int


def _has_upcoming() -> Any:
    return exists().where(
        col(Reminder.schedule_id) == col(Schedule.id),
        col(Reminder.one_off) == false(),
        col(Reminder.status).in_([ReminderStatus.PENDING, ReminderStatus.SENDING]),
    )


async def repair_batch(
    database: Database, *, now: datetime, cursor: int, limit: int, default_zone: str
) -> RepairReport:
    """Plan the next occurrence of active schedules that have none, one window of ids at a time."""
    async with database.session() as session:
        # A window of ids, not "the first `limit` broken ones": the cost stays bounded even
        # when nearly every schedule is healthy.
        window = select(Schedule.id).where(col(Schedule.id) > cursor)
        ids = list((await session.exec(window.order_by(col(Schedule.id)).limit(limit))).all())
        if not ids:
            return RepairReport(examined=0, planned=0, cursor=0)
        broken = (
            select(Schedule, User.timezone)
            .join(User, col(User.id) == col(Schedule.user_id))
            .where(col(Schedule.id).in_(ids), col(Schedule.active), col(User.active))
            .where(~_has_upcoming())
        )
        planned = 0
        for schedule, zone_name in (await session.exec(broken)).all():
            zone = zone_for(zone_name, default=default_zone)
            if await plan_next(session, schedule=schedule, zone=zone, after=now) is not None:
                planned += 1
                log.info("repair planned schedule_id=%s", schedule.id)
        last = ids[-1]
        return RepairReport(examined=len(ids), planned=planned, cursor=last or 0)
