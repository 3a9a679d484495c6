"""Check a user's planned supplement doses against their daily limits (on save and on change)."""

from datetime import datetime
from fractions import Fraction

from sqlmodel import col, select

from nutrition.levels import NearPolicy
from nutrition.plan_check import PlanFinding, PlannedDose, check_plan
from scheduler.recurrence import EVERY_DAY
from services.checker import vitamin_d_window_days
from services.day_totals import limits_for, local_day, near_fraction
from storage.database import Database
from storage.models import Schedule, ScheduleKind, Supplement
from storage.models.base import saved_id
from storage.users import get_user

__all__ = ["PlanFinding", "check_user_plan"]


async def check_user_plan(
    database: Database, *, telegram_id: int, now: datetime, policy: NearPolicy
) -> list[PlanFinding]:
    """Return the weekdays on which the user's active supplement schedules near or pass a limit."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return []
        limits = limits_for(user, local_day(user, now))
        if limits is None:
            return []
        rows = await session.exec(
            select(Schedule, Supplement)
            .join(Supplement, col(Supplement.id) == col(Schedule.supplement_id))
            .where(
                col(Schedule.user_id) == user.id,
                col(Schedule.active),
                col(Schedule.kind) == ScheduleKind.DOSE,
                col(Supplement.deleted) == False,  # noqa: E712
                col(Supplement.paused) == False,  # noqa: E712
            )
        )
        doses: list[PlannedDose] = []
        for schedule, supplement in rows.all():
            doses += _planned(schedule, supplement)
        return check_plan(doses, limits, near_fraction=near_fraction(user, policy))


def _planned(schedule: Schedule, supplement: Supplement) -> list[PlannedDose]:
    """Split a schedule into its calcium on its days and its vitamin D as a daily average.

    Calcium keeps its daily check. Vitamin D is judged over the schedule's interval, as the
    reminders judge it (issue 10: a weekly or monthly dose is a rolling average, not one day's
    intake); a monthly schedule's calcium is counted on every weekday, the safe side, since its
    weekday changes from month to month. A prescribed product's vitamin D is left out: the UL
    is for intake without medical care (domain-facts §4, IOM 2011).
    """
    product_id = saved_id(supplement.id)
    times = len(schedule.times)
    weekdays = EVERY_DAY if schedule.month_day is not None else schedule.weekdays
    planned = [
        PlannedDose(
            product_id=product_id,
            calcium_mg_per_unit=supplement.calcium_mg,
            vitamin_d_iu_per_unit=0,
            units=schedule.units_per_dose,
            times_per_day=times,
            weekdays=weekdays,
        )
    ]
    if supplement.vitamin_d_iu and not supplement.prescribed:
        window = vitamin_d_window_days(weekdays=schedule.weekdays, month_day=schedule.month_day)
        days_in_window = 1 if schedule.month_day is not None else _days(schedule.weekdays, window)
        average = Fraction(supplement.vitamin_d_iu * days_in_window, window)
        planned.append(
            PlannedDose(
                product_id=product_id,
                calcium_mg_per_unit=0,
                vitamin_d_iu_per_unit=round(average),
                units=schedule.units_per_dose,
                times_per_day=times,
                weekdays=EVERY_DAY,
            )
        )
    return planned


def _days(weekdays: int, window: int) -> int:
    return window if window == 1 else bin(weekdays & EVERY_DAY).count("1")
