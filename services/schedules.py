"""Create, change, pause, delete and list a user's schedules, re-planning in the same unit of work.

Every function re-checks in the database that the acting user owns what they act on: an
unknown id gives None, someone else's raises NotYours. A unit of work that plans or cancels
occurrences wakes the reminder engine when it commits (storage.database.mark_plan_changed).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from typing import Literal

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from scheduler.planner import plan_next, replan
from scheduler.recurrence import (
    EVERY_DAY,
    check_dates,
    check_month_day,
    check_weekdays,
    clean_times,
    zone_for,
)
from scheduler.recurrence import (
    InvalidSchedule as InvalidSchedule,  # re-exported: callers catch it from here
)
from services.schedule_views import (  # re-exported: callers list and show schedules from here
    ScheduleView as ScheduleView,
)
from services.schedule_views import (
    list_schedules as list_schedules,
)
from services.schedule_views import name_of, supplement_of, view
from storage.database import Database, mark_plan_changed
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, Supplement, User
from storage.users import get_user


class NotYours(Exception):
    """The schedule or product belongs to another user."""


class _Keep(Enum):
    KEEP = "keep"


KEEP = _Keep.KEEP
Keep = Literal[_Keep.KEEP]


async def _create(
    database: Database, *, telegram_id: int, schedule: Schedule, now: datetime
) -> ScheduleView | None:
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return None
        supplement: Supplement | None = None
        if schedule.supplement_id is not None:
            supplement = await session.get(Supplement, schedule.supplement_id)
            if supplement is None or supplement.user_id != user.id or supplement.deleted:
                raise NotYours
        schedule.user_id = user.id
        session.add(schedule)
        await session.flush()
        due = await plan_next(session, schedule=schedule, zone=zone_for(user.timezone), after=now)
        return view(schedule, supplement, due)


async def create_dose_schedule(
    database: Database,
    *,
    telegram_id: int,
    supplement_id: int,
    units_per_dose: Decimal,
    times: Sequence[time | str],
    now: datetime,
    weekdays: int = EVERY_DAY,
    start_date: date | None = None,
    end_date: date | None = None,
    month_day: int | None = None,
) -> ScheduleView | None:
    """Schedule a product's doses and plan the first one; None when the user is unknown.

    With `month_day` the doses are monthly on that day of the month.
    """
    check_dates(start_date, end_date)
    schedule = Schedule(
        user_id=0,
        kind=ScheduleKind.DOSE,
        supplement_id=supplement_id,
        units_per_dose=_units(units_per_dose),
        times=clean_times(times),
        weekdays=check_weekdays(weekdays),
        month_day=check_month_day(month_day),
        start_date=start_date,
        end_date=end_date,
    )
    return await _create(database, telegram_id=telegram_id, schedule=schedule, now=now)


async def create_exercise_schedule(
    database: Database,
    *,
    telegram_id: int,
    exercise_kind: str,
    title: str,
    minutes: int | None,
    times: Sequence[time | str],
    now: datetime,
    weekdays: int = EVERY_DAY,
    start_date: date | None = None,
    end_date: date | None = None,
) -> ScheduleView | None:
    """Schedule an exercise and plan its first reminder; None when the user is unknown."""
    if not title.strip() or len(title) > 80 or (minutes is not None and not 0 < minutes <= 600):
        raise InvalidSchedule("an exercise needs a title (≤ 80 characters) and 1–600 minutes")
    check_dates(start_date, end_date)
    schedule = Schedule(
        user_id=0,
        kind=ScheduleKind.EXERCISE,
        exercise_kind=exercise_kind,
        title=title.strip(),
        minutes=minutes,
        times=clean_times(times),
        weekdays=check_weekdays(weekdays),
        start_date=start_date,
        end_date=end_date,
    )
    return await _create(database, telegram_id=telegram_id, schedule=schedule, now=now)


async def create_summary_schedule(
    database: Database,
    *,
    telegram_id: int,
    times: Sequence[time | str],
    now: datetime,
    weekdays: int = EVERY_DAY,
) -> ScheduleView | None:
    """Schedule the daily summary message; None when the user is unknown."""
    schedule = Schedule(
        user_id=0,
        kind=ScheduleKind.SUMMARY,
        title="",  # the bot names a summary by its kind
        times=clean_times(times),
        weekdays=check_weekdays(weekdays),
    )
    return await _create(database, telegram_id=telegram_id, schedule=schedule, now=now)


def _units(units_per_dose: Decimal) -> Decimal:
    # The column is NUMERIC(6, 2): at most 9999.99 units.
    if not Decimal(0) < units_per_dose < Decimal(10_000):
        raise InvalidSchedule("units per dose must be positive")
    return units_per_dose


async def _owned(
    session: AsyncSession, *, telegram_id: int, schedule_id: int
) -> tuple[Schedule, User] | None:
    # Locking the row serialises two edits of one schedule (PostgreSQL; SQLite has one writer).
    schedule = (
        await session.exec(select(Schedule).where(Schedule.id == schedule_id).with_for_update())
    ).first()
    if schedule is None:
        return None
    user = await session.get(User, schedule.user_id)
    if user is None or user.telegram_id != telegram_id:
        raise NotYours
    return schedule, user


async def update_schedule(
    database: Database,
    *,
    telegram_id: int,
    schedule_id: int,
    now: datetime,
    times: Sequence[time | str] | None = None,
    weekdays: int | None = None,
    start_date: date | Keep | None = KEEP,
    end_date: date | Keep | None = KEEP,
    units_per_dose: Decimal | None = None,
    active: bool | None = None,
) -> ScheduleView | None:
    """Change a schedule and re-plan it at once (pending planned occurrences are replaced)."""
    async with database.session() as session:
        found = await _owned(session, telegram_id=telegram_id, schedule_id=schedule_id)
        if found is None:
            return None
        schedule, user = found
        if times is not None:
            schedule.times = clean_times(times)
        if weekdays is not None:
            schedule.weekdays = check_weekdays(weekdays)
        if start_date is not KEEP:
            schedule.start_date = start_date
        if end_date is not KEEP:
            schedule.end_date = end_date
        check_dates(schedule.start_date, schedule.end_date)
        if units_per_dose is not None:
            schedule.units_per_dose = _units(units_per_dose)
        if active is not None:
            schedule.active = active
        session.add(schedule)
        await session.flush()
        due = (
            await replan(session, schedule=schedule, zone=zone_for(user.timezone), now=now)
        ).next_due
        supplement = await supplement_of(session, schedule)
        return view(schedule, supplement, due)


async def pause_schedule(
    database: Database, *, telegram_id: int, schedule_id: int, now: datetime
) -> ScheduleView | None:
    """Pause a schedule: nothing is sent (snoozes included) until it is resumed."""
    return await update_schedule(
        database, telegram_id=telegram_id, schedule_id=schedule_id, now=now, active=False
    )


async def resume_schedule(
    database: Database, *, telegram_id: int, schedule_id: int, now: datetime
) -> ScheduleView | None:
    """Resume a paused schedule from its next occurrence after now."""
    return await update_schedule(
        database, telegram_id=telegram_id, schedule_id=schedule_id, now=now, active=True
    )


async def get_owned_schedule(
    database: Database, *, telegram_id: int, schedule_id: int
) -> ScheduleView | None:
    """Return the user's schedule with its next planned occurrence; None if not theirs.

    A schedule of a deleted product is kept only for history: it is not offered for change.
    """
    async with database.session() as session:
        found = await session.get(Schedule, schedule_id)
        supplement = None if found is None else await supplement_of(session, found)
        if supplement is not None and supplement.deleted:
            return None
    for listed in await list_schedules(database, telegram_id=telegram_id):
        if listed.id == schedule_id:
            return listed
    return None


async def retire_schedule(
    database: Database, *, telegram_id: int, schedule_id: int, now: datetime
) -> bool:
    """Stop a schedule for good but keep it and its past reminders (its product was deleted).

    Nothing more is planned; reminders sent and still open are closed, so they are neither
    nudged nor reported missed.
    """
    async with database.session() as session:
        found = await _owned(session, telegram_id=telegram_id, schedule_id=schedule_id)
        if found is None:
            return False
        schedule, user = found
        schedule.active = False
        session.add(schedule)
        await session.flush()
        await replan(session, schedule=schedule, zone=zone_for(user.timezone), now=now)
        await session.exec(
            update(Reminder)
            .where(
                col(Reminder.schedule_id) == schedule_id,
                col(Reminder.status).in_([ReminderStatus.SENT, ReminderStatus.SNOOZED]),
            )
            .values(status=ReminderStatus.CANCELLED.value)
            .execution_options(synchronize_session=False)
        )
        return True


async def delete_schedule(database: Database, *, telegram_id: int, schedule_id: int) -> bool:
    """Delete a schedule and its occurrences (intakes stay); return False for an unknown id."""
    async with database.session() as session:
        found = await _owned(session, telegram_id=telegram_id, schedule_id=schedule_id)
        if found is None:
            return False
        # Reminders go with the schedule (ON DELETE CASCADE); logged intakes keep their nutrients.
        await session.delete(found[0])
        mark_plan_changed(session)  # the engine re-reads its next wake-up
        return True


@dataclass(frozen=True)
class TodayMove:
    """One of today's remaining reminders that a re-plan moved, as wall times in the new zone."""

    kind: ScheduleKind
    name: str | None  # the product's name or the schedule's title
    old_local: time | None  # None: it is new today
    new_local: time | None  # None: not today any more (that slot was already answered)


async def replan_user(
    database: Database, *, telegram_id: int, now: datetime
) -> tuple[TodayMove, ...]:
    """Re-plan a user's active schedules (new zone, back after blocking); return today's moves."""
    moves: list[TodayMove] = []
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return ()
        zone = zone_for(user.timezone)
        schedules = await session.exec(
            select(Schedule)
            .where(Schedule.user_id == user.id, col(Schedule.active))
            .with_for_update()
        )
        for schedule in schedules.all():
            replanned = await replan(session, schedule=schedule, zone=zone, now=now)
            if not replanned.moved:
                continue
            supplement = await supplement_of(session, schedule)
            moves.extend(
                TodayMove(
                    kind=ScheduleKind(schedule.kind),
                    name=name_of(schedule, supplement),
                    old_local=None if move.old_local is None else move.old_local.time(),
                    new_local=None if move.new_local is None else move.new_local.time(),
                )
                for move in replanned.moved
            )
    moves.sort(key=lambda m: (m.new_local or m.old_local or time(0), m.name or ""))
    return tuple(moves)
