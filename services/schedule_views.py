"""Schedules as lists and confirmations show them, each with its next planned occurrence."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, Supplement
from storage.models.base import saved_id
from storage.models.schedules import CARE_KINDS
from storage.users import get_user


@dataclass(frozen=True)
class ScheduleView:
    """A schedule as lists and confirmations show it, with its next planned occurrence."""

    id: int
    kind: str
    title: str
    times: tuple[str, ...]
    weekdays: int
    start_date: date | None
    end_date: date | None
    active: bool
    units_per_dose: Decimal
    supplement_id: int | None
    exercise_kind: str | None
    minutes: int | None
    next_due_at: datetime | None
    month_day: int | None = None


async def list_schedules(database: Database, *, telegram_id: int) -> list[ScheduleView]:
    """Return the user's schedules, active first, each with its next planned occurrence."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return []
        next_due = (
            select(Reminder.schedule_id, func.min(Reminder.due_at))
            .where(Reminder.user_id == user.id, Reminder.status == ReminderStatus.PENDING)
            .group_by(col(Reminder.schedule_id))
        )
        due_by_schedule: dict[int, datetime] = dict((await session.exec(next_due)).all())
        rows = await session.exec(
            select(Schedule, Supplement)
            .join(Supplement, col(Supplement.id) == col(Schedule.supplement_id), isouter=True)
            .where(Schedule.user_id == user.id, col(Schedule.kind).not_in(CARE_KINDS))
            .order_by(col(Schedule.active).desc(), col(Schedule.id))
        )
        return [view(s, p, due_by_schedule.get(saved_id(s.id))) for s, p in rows.all()]


async def supplement_of(session: AsyncSession, schedule: Schedule) -> Supplement | None:
    """Return the product a dose schedule reminds of (None for exercise and summaries)."""
    if schedule.supplement_id is None:
        return None
    return await session.get(Supplement, schedule.supplement_id)


def name_of(schedule: Schedule, supplement: Supplement | None) -> str | None:
    """Return the name a schedule goes by: its product's, or its own title; None if neither."""
    if schedule.kind == ScheduleKind.DOSE and supplement is not None:
        return supplement.name
    return schedule.title or None


def view(schedule: Schedule, supplement: Supplement | None, due: datetime | None) -> ScheduleView:
    """Describe a saved schedule; the title is the product's name for doses."""
    if schedule.id is None:
        raise ValueError("a schedule is shown after it is saved")
    title = supplement.name if supplement is not None else schedule.title
    return ScheduleView(
        id=schedule.id,
        kind=ScheduleKind(schedule.kind),
        title=title,
        times=tuple(schedule.times),
        weekdays=schedule.weekdays,
        start_date=schedule.start_date,
        end_date=schedule.end_date,
        active=schedule.active,
        units_per_dose=schedule.units_per_dose,
        supplement_id=schedule.supplement_id,
        exercise_kind=schedule.exercise_kind,
        minutes=schedule.minutes,
        next_due_at=due,
        month_day=schedule.month_day,
    )
