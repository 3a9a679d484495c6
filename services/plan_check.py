"""Check a user's planned supplement doses against their daily limits (on save and on change)."""

from datetime import datetime

from sqlmodel import col, select

from nutrition.levels import NearPolicy
from nutrition.plan_check import PlanFinding, PlannedDose, check_plan
from services.day_totals import limits_for, local_day, near_fraction
from storage.database import Database
from storage.models import Schedule, ScheduleKind, Supplement
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
        doses = [
            PlannedDose(
                product_id=supplement.id or 0,
                calcium_mg_per_unit=supplement.calcium_mg,
                vitamin_d_iu_per_unit=supplement.vitamin_d_iu,
                units=schedule.units_per_dose,
                times_per_day=len(schedule.times),
                weekdays=schedule.weekdays,
            )
            for schedule, supplement in rows.all()
        ]
        return check_plan(doses, limits, near_fraction=near_fraction(user, policy))
