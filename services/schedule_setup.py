"""Turn a product schedule the user described into schedule rows, splitting large doses."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from nutrition.salts import MAX_SINGLE_DOSE_MG
from services import schedules, supplements
from services.schedules import ScheduleView
from storage.database import Database

# A split dose keeps its first time and spreads the rest over the day, ten hours apart at
# most (breakfast and dinner), and never later than 22:00 so nobody is woken for a tablet.
_SPLIT_SPAN = timedelta(hours=10)
_LATEST = time(22, 0)


@dataclass(frozen=True)
class DoseSchedulePlan:
    """Units per dose, local times and weekdays for one product."""

    supplement_id: int
    units_per_dose: Decimal
    times: tuple[time, ...]
    weekdays: int
    month_day: int | None = None  # monthly on this day; the weekdays are then unused


def _spread(first: time, parts: int) -> tuple[time, ...] | None:
    start = datetime.combine(datetime(2000, 1, 1).date(), first)  # noqa: DTZ001  (wall-clock arithmetic only)
    step = _SPLIT_SPAN / (parts - 1)
    times = tuple((start + step * index).time() for index in range(parts))
    if any(value > _LATEST for value in times) or times[-1] <= first:
        return None
    return times


def split_plan(plan: DoseSchedulePlan, *, calcium_mg_per_unit: int) -> DoseSchedulePlan | None:
    """Offer the same daily tablets in doses of at most 500 mg, or None when that can't be done."""
    units = int(plan.units_per_dose)
    if len(plan.times) != 1 or units != plan.units_per_dose or calcium_mg_per_unit <= 0:
        return None
    # The fewest doses that each stay at 500 mg or less; when whole tablets cannot get there
    # (two 600 mg tablets), one tablet per dose is still the smallest split there is.
    fitting = [
        parts
        for parts in range(2, units + 1)
        if units % parts == 0 and (units // parts) * calcium_mg_per_unit <= MAX_SINGLE_DOSE_MG
    ]
    for parts in fitting[:1] or ([units] if units > 1 else []):
        per_part = units // parts
        if per_part:
            times = _spread(plan.times[0], parts)
            if times is None:
                return None
            return DoseSchedulePlan(
                supplement_id=plan.supplement_id,
                units_per_dose=Decimal(per_part),
                times=times,
                weekdays=plan.weekdays,
                month_day=plan.month_day,
            )
    return None


async def create_dose_schedules(
    database: Database,
    *,
    telegram_id: int,
    plan: DoseSchedulePlan,
    now: datetime,
) -> ScheduleView | None:
    """Save the schedule for a product the user owns (its commit wakes the dispatcher)."""
    product = await supplements.get_owned(
        database, telegram_id=telegram_id, supplement_id=plan.supplement_id
    )
    if product is None:
        return None
    return await schedules.create_dose_schedule(
        database,
        telegram_id=telegram_id,
        supplement_id=plan.supplement_id,
        units_per_dose=plan.units_per_dose,
        times=list(plan.times),
        weekdays=plan.weekdays,
        month_day=plan.month_day,
        now=now,
    )
