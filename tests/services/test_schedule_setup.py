"""Large calcium doses are offered as smaller doses spread over the day."""

from datetime import time
from decimal import Decimal

from services.schedule_setup import DoseSchedulePlan, split_plan


def _plan(units: int, *times: time) -> DoseSchedulePlan:
    return DoseSchedulePlan(
        supplement_id=1, units_per_dose=Decimal(units), times=times, weekdays=127
    )


def test_two_tablets_of_600_are_split_one_per_dose() -> None:
    """Each tablet alone is above 500 mg; one per dose is still the smallest split on offer."""
    split = split_plan(_plan(2, time(8)), calcium_mg_per_unit=600)
    assert split is not None
    assert (split.units_per_dose, split.times) == (Decimal(1), (time(8), time(18)))


def test_one_large_tablet_has_nothing_to_split() -> None:
    """A single 600 mg tablet cannot be spread over the day in whole tablets."""
    assert split_plan(_plan(1, time(8)), calcium_mg_per_unit=600) is None


def test_two_tablets_of_400_become_two_doses() -> None:
    """Two 400 mg tablets at 08:00 become one at 08:00 and one at 18:00."""
    split = split_plan(_plan(2, time(8)), calcium_mg_per_unit=400)
    assert split is not None
    assert (split.units_per_dose, split.times) == (Decimal(1), (time(8), time(18)))


def test_four_small_tablets_split_into_the_fewest_doses() -> None:
    """Four 250 mg tablets (1,000 mg) become two doses of two tablets."""
    split = split_plan(_plan(4, time(7)), calcium_mg_per_unit=250)
    assert split is not None
    assert (split.units_per_dose, split.times) == (Decimal(2), (time(7), time(17)))


def test_late_first_dose_is_not_pushed_past_bedtime() -> None:
    """A 20:00 dose is not split into one at 06:00 the next day."""
    assert split_plan(_plan(2, time(20)), calcium_mg_per_unit=400) is None


def test_several_times_are_left_alone() -> None:
    """A schedule that already has several times is not split again."""
    assert split_plan(_plan(2, time(8), time(20)), calcium_mg_per_unit=400) is None
