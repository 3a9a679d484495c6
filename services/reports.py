"""The figures of /report: per local day, calcium from food and supplements and missed doses."""

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlmodel import col, select

from nutrition.levels import Nutrient
from scheduler.recurrence import zone_for
from services.day_totals import limits_for, local_day, many_day_totals
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind
from storage.users import get_user

# /report covers a week by default; a month at most keeps the bars wide enough on a phone.
REPORT_DAYS = (7, 30)


@dataclass(frozen=True)
class ReportDay:
    """One local day of the report."""

    day: date
    calcium_food_mg: int
    calcium_supplement_mg: int
    vitamin_d_iu: int
    doses_taken: int
    doses_missed: int

    @property
    def calcium_mg(self) -> int:
        """Return the day's calcium from every source."""
        return self.calcium_food_mg + self.calcium_supplement_mg


@dataclass(frozen=True)
class Report:
    """The days of a report, oldest first, and the target and limit they are measured against."""

    days: tuple[ReportDay, ...]
    calcium_target_mg: int
    calcium_limit_mg: int
    doctor_limit: bool


async def report(
    database: Database, *, telegram_id: int, now: datetime, days: int
) -> Report | None:
    """Return the last `days` local days up to today; None for a user not yet onboarded."""
    if days not in REPORT_DAYS:
        raise ValueError(f"a report covers one of {REPORT_DAYS} days")
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return None
        today = local_day(user, now)
        limits = limits_for(user, today)
        if limits is None:
            return None
        first = today - timedelta(days=days - 1)
        wanted = [first + timedelta(days=offset) for offset in range(days)]
        totals = await many_day_totals(session, [(user.id, day) for day in wanted])
        zone = zone_for(user.timezone)
        start = datetime.combine(first, time(0), tzinfo=zone).astimezone(UTC)
        answered = await session.exec(
            select(Reminder.due_at, Reminder.status)
            .join(Schedule, col(Schedule.id) == col(Reminder.schedule_id))
            .where(
                col(Reminder.user_id) == user.id,
                col(Schedule.kind) == ScheduleKind.DOSE,
                col(Reminder.due_at) >= start,
                col(Reminder.status).in_([ReminderStatus.TAKEN, ReminderStatus.MISSED]),
            )
        )
        counts: Counter[tuple[date, ReminderStatus]] = Counter(
            (due_at.astimezone(zone).date(), ReminderStatus(status))
            for due_at, status in answered.all()
        )
    return Report(
        days=tuple(
            ReportDay(
                day=day,
                calcium_food_mg=totals[(user.id, day)].calcium_food_mg,
                calcium_supplement_mg=totals[(user.id, day)].calcium_supplement_mg,
                vitamin_d_iu=totals[(user.id, day)].vitamin_d_food_iu
                + totals[(user.id, day)].vitamin_d_supplement_iu,
                doses_taken=counts[(day, ReminderStatus.TAKEN)],
                doses_missed=counts[(day, ReminderStatus.MISSED)],
            )
            for day in wanted
        ),
        calcium_target_mg=limits.calcium_target_mg,
        calcium_limit_mg=limits.calcium_ul_mg,
        doctor_limit=Nutrient.CALCIUM in limits.doctor_set,
    )
