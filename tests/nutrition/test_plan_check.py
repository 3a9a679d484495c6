"""Planned supplement doses against the daily limits, weekday by weekday."""

from decimal import Decimal
from fractions import Fraction

from nutrition.checker import Limits
from nutrition.levels import Level, Nutrient
from nutrition.plan_check import PlannedDose, check_plan, per_weekday

EVERY_DAY, WEEKDAYS, WEEKENDS = 0b1111111, 0b0011111, 0b1100000
NEAR = Fraction(4, 5)


def _limits(calcium_mg: int, vitamin_d_iu: int = 4_000) -> Limits:
    return Limits(
        calcium_ul_mg=calcium_mg,
        vitamin_d_ul_iu=vitamin_d_iu,
        calcium_target_mg=1_200,
        vitamin_d_target_iu=800,
        source="test",
    )


def _dose(
    product_id: int, mg: int, *, times: int = 1, days: int = EVERY_DAY, iu: int = 0
) -> PlannedDose:
    return PlannedDose(product_id, mg, iu, Decimal(1), times, days)


def test_supplements_reaching_the_doctors_limit_are_over() -> None:
    """1,500 mg a day from supplements against a 1,500 mg limit is over, every day."""
    (finding,) = check_plan([_dose(1, 750, times=2)], _limits(1_500), near_fraction=NEAR)
    assert (finding.level, finding.total, finding.limit, finding.weekdays) == (
        Level.OVER,
        1_500,
        1_500,
        EVERY_DAY,
    )


def test_three_600_mg_schedules_are_near_a_2000_mg_limit() -> None:
    """Three 600 mg schedules (1,800 mg) against 2,000 mg is near: food will take it over."""
    doses = [_dose(1, 600), _dose(2, 600), _dose(3, 600)]
    (finding,) = check_plan(doses, _limits(2_000), near_fraction=NEAR)
    assert (finding.level, finding.total, finding.product_ids) == (Level.NEAR, 1_800, (1, 2, 3))


def test_days_that_differ_are_told_apart() -> None:
    """A weekday-only dose on top of a daily one flags Mon–Fri only."""
    doses = [_dose(1, 600), _dose(2, 1_000, days=WEEKDAYS)]
    assert per_weekday(doses, Nutrient.CALCIUM) == (1_600,) * 5 + (600,) * 2
    (finding,) = check_plan(doses, _limits(2_000), near_fraction=NEAR)
    assert (finding.weekdays, finding.total, finding.level) == (WEEKDAYS, 1_600, Level.NEAR)


def test_vitamin_d_is_checked_too() -> None:
    """5,000 IU of vitamin D a day passes the 4,000 IU limit."""
    findings = check_plan([_dose(1, 0, iu=5_000)], _limits(2_500), near_fraction=NEAR)
    assert [(f.nutrient, f.level, f.total) for f in findings] == [
        (Nutrient.VITAMIN_D, Level.OVER, 5_000)
    ]


def test_a_plan_well_under_the_limits_is_quiet() -> None:
    """600 mg of calcium and 800 IU of vitamin D a day raise nothing."""
    assert check_plan([_dose(1, 600, iu=800)], _limits(2_000), near_fraction=NEAR) == []
