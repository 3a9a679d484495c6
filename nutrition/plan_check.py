"""Check a week of planned supplement doses against the daily limits, weekday by weekday.

Supplements alone reaching the limit leave no room for food, which brings calcium every day;
so a plan is flagged OVER from 100 % of the limit and NEAR from the user's near threshold
(nutrition.levels: 80 %, 70 % with vascular calcification), where food will take it over.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from nutrition.checker import Limits
from nutrition.doses import dose_amounts
from nutrition.levels import Level, Nutrient, level

WEEK = range(7)  # Monday = bit 0, as scheduler.recurrence masks weekdays


@dataclass(frozen=True)
class PlannedDose:
    """One schedule of a product: what a unit holds, units per dose, doses a day, which days."""

    product_id: int
    calcium_mg_per_unit: int
    vitamin_d_iu_per_unit: int
    units: Decimal
    times_per_day: int
    weekdays: int


@dataclass(frozen=True)
class PlanFinding:
    """Days of the week whose planned supplements alone are near or over a limit."""

    nutrient: Nutrient
    level: Level
    weekdays: int  # bitmask of the days this total falls on
    total: int
    limit: int
    product_ids: tuple[int, ...]  # the products that make up the total, to offer changing


def per_weekday(doses: Sequence[PlannedDose], nutrient: Nutrient) -> tuple[int, ...]:
    """Return the planned amount of a nutrient on each weekday, Monday first."""
    totals = [0] * 7
    for dose in doses:
        amounts = dose_amounts(
            calcium_mg=dose.calcium_mg_per_unit,
            vitamin_d_iu=dose.vitamin_d_iu_per_unit,
            vitamin_k_ug=0,
            units=dose.units,
        )
        each = amounts.calcium_mg if nutrient is Nutrient.CALCIUM else amounts.vitamin_d_iu
        for day in WEEK:
            if dose.weekdays & (1 << day):
                totals[day] += each * dose.times_per_day
    return tuple(totals)


def check_plan(
    doses: Sequence[PlannedDose], limits: Limits, *, near_fraction: Fraction
) -> list[PlanFinding]:
    """Return, per nutrient and distinct daily total, the weekdays near or over the limit."""
    findings: list[PlanFinding] = []
    for nutrient in (Nutrient.CALCIUM, Nutrient.VITAMIN_D):
        limit = limits.limit(nutrient)
        totals = per_weekday(doses, nutrient)
        by_total: dict[int, int] = {}
        for day, total in enumerate(totals):
            if level(total, limit, near_fraction=near_fraction) is not Level.OK:
                by_total[total] = by_total.get(total, 0) | (1 << day)
        for total, mask in sorted(by_total.items(), reverse=True):
            products = tuple(
                sorted({d.product_id for d in doses if d.weekdays & mask and _carries(d, nutrient)})
            )
            findings.append(
                PlanFinding(
                    nutrient=nutrient,
                    level=level(total, limit, near_fraction=near_fraction),
                    weekdays=mask,
                    total=total,
                    limit=limit,
                    product_ids=products,
                )
            )
    return findings


def _carries(dose: PlannedDose, nutrient: Nutrient) -> bool:
    if nutrient is Nutrient.CALCIUM:
        return dose.calcium_mg_per_unit > 0
    return dose.vitamin_d_iu_per_unit > 0
