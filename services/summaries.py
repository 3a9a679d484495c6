"""The daily summary: when it comes (a SUMMARY schedule the engine plans) and what it says.

The setting is the user's summary schedule itself: its one time, and `active` for on/off, so
the summary gets every guarantee of the engine (exactly once, on time in the user's zone,
re-planned on a zone change) with no second store of the same fact.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.suggestions import FoodSuggestion, suggest_food
from scheduler.planner import plan_next, replan
from scheduler.recurrence import format_wall_time, parse_wall_time, zone_for
from services.day_totals import TodaySummary, today_summary
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, User
from storage.users import get_user

# The default the issue asks for: an evening summary, late enough that most of the day is in.
DEFAULT_SUMMARY_TIME = time(20, 0)


@dataclass(frozen=True)
class SummarySetting:
    """When the daily summary comes; `at` is None while it is switched off."""

    at: time | None


@dataclass(frozen=True)
class DailySummary:
    """The day in a few figures: totals, doses, exercise and a food that would fit."""

    day: TodaySummary
    doses_taken: int
    doses_missed: int
    doses_skipped: int
    exercise_done: int
    suggestion: FoodSuggestion | None


async def _summary_schedule(session: AsyncSession, user_id: int) -> Schedule | None:
    found = await session.exec(
        select(Schedule)
        .where(col(Schedule.user_id) == user_id, col(Schedule.kind) == ScheduleKind.SUMMARY)
        .order_by(col(Schedule.id))
        .with_for_update()
    )
    return found.first()


def _setting(schedule: Schedule | None) -> SummarySetting:
    if schedule is None or not schedule.active or not schedule.times:
        return SummarySetting(at=None)
    return SummarySetting(at=parse_wall_time(schedule.times[0]))


async def summary_setting(database: Database, *, telegram_id: int) -> SummarySetting | None:
    """Return when the user's summary comes; None for an unknown user."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return None
        return _setting(await _summary_schedule(session, user.id))


async def _apply(
    session: AsyncSession, user: User, at: time | None, now: datetime, *, keep: bool
) -> SummarySetting:
    if user.id is None:
        raise ValueError("a saved user has an id")
    schedule = await _summary_schedule(session, user.id)
    zone = zone_for(user.timezone)
    if schedule is None:
        if at is None and keep:
            return SummarySetting(at=None)
        schedule = Schedule(
            user_id=user.id,
            kind=ScheduleKind.SUMMARY,
            times=[format_wall_time(at or DEFAULT_SUMMARY_TIME)],
            active=at is not None,
        )
        session.add(schedule)
        await session.flush()
        if schedule.active:
            await plan_next(session, schedule=schedule, zone=zone, after=now)
        return _setting(schedule)
    if keep:
        return _setting(schedule)  # the user already chose; onboarding again changes nothing
    if at is not None:
        schedule.times = [format_wall_time(at)]
    schedule.active = at is not None
    session.add(schedule)
    await session.flush()
    await replan(session, schedule=schedule, zone=zone, now=now)
    return _setting(schedule)


async def set_summary(
    database: Database, *, telegram_id: int, at: time | None, now: datetime
) -> SummarySetting | None:
    """Send the summary daily at `at` (local), or switch it off with None; re-plan at once."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return None
        return await _apply(session, user, at, now, keep=False)


async def ensure_summary(
    database: Database, *, telegram_id: int, now: datetime
) -> SummarySetting | None:
    """Give a newly onboarded user the default summary, keeping any choice already made."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return None
        return await _apply(session, user, DEFAULT_SUMMARY_TIME, now, keep=True)


async def _day_counts(
    session: AsyncSession, user: User, now: datetime
) -> Counter[tuple[ScheduleKind, ReminderStatus]]:
    zone = zone_for(user.timezone)
    day = now.astimezone(zone).date()
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    rows = await session.exec(
        select(Schedule.kind, Reminder.status, Reminder.one_off)
        .join(Schedule, col(Schedule.id) == col(Reminder.schedule_id))
        .where(
            col(Reminder.user_id) == user.id,
            col(Reminder.due_at) >= start,
            col(Reminder.due_at) < end,
        )
    )
    counts: Counter[tuple[ScheduleKind, ReminderStatus]] = Counter()
    for kind, status, one_off in rows.all():
        # A snooze's follow-up answers the same dose; its own snoozed row is not a second dose.
        if status is ReminderStatus.SNOOZED or (one_off and status is ReminderStatus.CANCELLED):
            continue
        counts[(ScheduleKind(kind), ReminderStatus(status))] += 1
    return counts


async def daily_summary(
    database: Database, *, telegram_id: int, now: datetime
) -> DailySummary | None:
    """Return the user's day so far; None for an unknown or not yet onboarded user."""
    day = await today_summary(database, telegram_id=telegram_id, now=now)
    if day is None:
        return None
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return None
        counts = await _day_counts(session, user, now)
    calcium = day.calcium
    return DailySummary(
        day=day,
        doses_taken=counts[(ScheduleKind.DOSE, ReminderStatus.TAKEN)],
        doses_missed=counts[(ScheduleKind.DOSE, ReminderStatus.MISSED)],
        doses_skipped=counts[(ScheduleKind.DOSE, ReminderStatus.SKIPPED)],
        exercise_done=counts[(ScheduleKind.EXERCISE, ReminderStatus.TAKEN)],
        suggestion=suggest_food(
            missing_mg=calcium.target - calcium.total, room_mg=calcium.headroom
        ),
    )
