"""The checker's rules: limits in force, levels, once-a-day warnings, dose projections."""

import pytest

from nutrition import checker, levels
from nutrition.checker import (
    NEAR_FRACTION_VASCULAR,
    DayTotals,
    Level,
    Limits,
    LimitWarning,
    Nutrient,
    Warning,
    effective_limits,
    project_dose,
    warnings_after_intake,
)
from nutrition.reference import ReferenceSet, Sex, intakes_for

CA, D = Nutrient.CALCIUM, Nutrient.VITAMIN_D
INTAKES_US_60F = intakes_for(ReferenceSet.US, age_years=60, sex=Sex.FEMALE)


def limits(calcium_ul_mg: int = 2_000, vitamin_d_ul_iu: int = 4_000) -> Limits:
    """Build reference limits for a US woman of 60, with the ULs overridable."""
    return effective_limits(
        INTAKES_US_60F,
        doctor_calcium_limit_mg=None if calcium_ul_mg == 2_000 else calcium_ul_mg,
        doctor_vitamin_d_limit_iu=None if vitamin_d_ul_iu == 4_000 else vitamin_d_ul_iu,
    )


def calcium(total_mg: int) -> DayTotals:
    """Build a day with this much calcium, half of it from food."""
    return DayTotals(calcium_food_mg=total_mg // 2, calcium_supplement_mg=total_mg - total_mg // 2)


def test_day_totals_add_food_and_supplements() -> None:
    """Day totals count food and supplements together, as the ULs do."""
    totals = DayTotals(
        calcium_food_mg=400, calcium_supplement_mg=500, vitamin_d_food_iu=100,
        vitamin_d_supplement_iu=800, vitamin_k_ug=90,
    )  # fmt: skip
    assert (totals.calcium_mg, totals.vitamin_d_iu) == (900, 900)
    assert (totals.total(CA), totals.total(D)) == (900, 900)


def test_reference_limits_without_a_doctor() -> None:
    """With no doctor's limit the reference ULs and targets apply, citing the reference set."""
    result = effective_limits(
        INTAKES_US_60F, doctor_calcium_limit_mg=None, doctor_vitamin_d_limit_iu=None
    )
    assert (result.calcium_ul_mg, result.vitamin_d_ul_iu) == (2_000, 4_000)
    assert (result.calcium_target_mg, result.vitamin_d_target_iu) == (1_200, 600)
    assert result.source == INTAKES_US_60F.citation
    assert result.doctor_set == frozenset()


@pytest.mark.parametrize("doctor_mg", [1_500, 3_000])
def test_doctor_calcium_limit_always_wins(doctor_mg: int) -> None:
    """A doctor's calcium limit replaces the UL whether it is lower or higher."""
    result = effective_limits(
        INTAKES_US_60F, doctor_calcium_limit_mg=doctor_mg, doctor_vitamin_d_limit_iu=None
    )
    assert result.calcium_ul_mg == doctor_mg
    assert result.vitamin_d_ul_iu == 4_000
    assert result.source == "doctor"
    assert result.doctor_set == frozenset({CA})


@pytest.mark.parametrize("doctor_iu", [2_000, 10_000])
def test_doctor_vitamin_d_limit_always_wins(doctor_iu: int) -> None:
    """A doctor's vitamin D limit replaces the UL whether it is lower or higher."""
    result = effective_limits(
        INTAKES_US_60F, doctor_calcium_limit_mg=None, doctor_vitamin_d_limit_iu=doctor_iu
    )
    assert result.vitamin_d_ul_iu == doctor_iu
    assert result.doctor_set == frozenset({D})


def test_target_never_exceeds_a_lower_doctor_limit() -> None:
    """A doctor's limit below the reference target lowers the target to that limit."""
    result = effective_limits(
        INTAKES_US_60F, doctor_calcium_limit_mg=1_000, doctor_vitamin_d_limit_iu=None
    )
    assert result.calcium_target_mg == 1_000


@pytest.mark.parametrize("bad", [0, -100])
def test_doctor_limit_must_be_positive(bad: int) -> None:
    """A zero or negative doctor's limit raises ValueError; None means no limit."""
    with pytest.raises(ValueError, match="positive"):
        effective_limits(
            INTAKES_US_60F, doctor_calcium_limit_mg=bad, doctor_vitamin_d_limit_iu=None
        )


def test_no_warning_below_near() -> None:
    """A total under 80 % gives no warning."""
    assert warnings_after_intake(calcium(1_599), limits(), already_warned=set()) == []


def test_near_warning_carries_the_numbers() -> None:
    """Reaching 80 % warns NEAR with total, limit and percent."""
    assert warnings_after_intake(calcium(1_700), limits(), already_warned=set()) == [
        LimitWarning(nutrient=CA, level=Level.NEAR, total=1_700, limit=2_000, percent=85)
    ]


def test_each_level_warns_once_a_day() -> None:
    """A NEAR already sent today is not sent again; OVER still comes when reached."""
    warned = {(CA, Level.NEAR)}
    assert warnings_after_intake(calcium(1_900), limits(), already_warned=warned) == []
    over = warnings_after_intake(calcium(2_100), limits(), already_warned=warned)
    assert [(w.nutrient, w.level) for w in over] == [(CA, Level.OVER)]
    warned |= over[0].marks
    assert warnings_after_intake(calcium(2_500), limits(), already_warned=warned) == []


def test_jump_to_over_sends_over_only_and_implies_near() -> None:
    """Crossing from OK straight to OVER warns OVER only, and NEAR is not sent later that day."""
    first = warnings_after_intake(calcium(2_200), limits(), already_warned=set())
    assert [(w.nutrient, w.level) for w in first] == [(CA, Level.OVER)]
    assert first[0].marks == {(CA, Level.OVER), (CA, Level.NEAR)}
    # An intake deleted later brings the total back to 85 %: still no NEAR.
    assert warnings_after_intake(calcium(1_700), limits(), already_warned={(CA, Level.OVER)}) == []


def test_warnings_do_not_change_the_already_warned_set() -> None:
    """The caller's record of sent warnings is read, never modified."""
    warned: set[tuple[Nutrient, Level]] = set()
    warnings_after_intake(calcium(2_200), limits(), already_warned=warned)
    assert warned == set()


def test_each_nutrient_warns_on_its_own() -> None:
    """Calcium and vitamin D are judged against their own limits in one call."""
    totals = DayTotals(calcium_supplement_mg=1_000, vitamin_d_supplement_iu=4_000)
    result = warnings_after_intake(totals, limits(), already_warned={(CA, Level.NEAR)})
    assert result == [Warning(nutrient=D, level=Level.OVER, total=4_000, limit=4_000, percent=100)]


def test_vascular_threshold_warns_earlier() -> None:
    """At 75 % the 0.70 threshold warns NEAR where the default 0.80 does not."""
    totals = calcium(1_500)
    assert warnings_after_intake(totals, limits(), already_warned=set()) == []
    vascular = warnings_after_intake(
        totals, limits(), already_warned=set(), near_fraction=NEAR_FRACTION_VASCULAR
    )
    assert [w.level for w in vascular] == [Level.NEAR]


def test_doctor_limit_drives_the_warning() -> None:
    """A lower doctor's limit is the one the percentage is taken against."""
    result = warnings_after_intake(
        calcium(1_200), limits(calcium_ul_mg=1_500), already_warned=set()
    )
    assert [(w.level, w.limit, w.percent) for w in result] == [(Level.NEAR, 1_500, 80)]


@pytest.mark.parametrize(
    ("dose_mg", "total_after", "level_after", "would_exceed"),
    [
        (0, 1_200, Level.OK, False),
        (300, 1_500, Level.OK, False),
        (400, 1_600, Level.NEAR, False),
        (800, 2_000, Level.OVER, True),
        (1_000, 2_200, Level.OVER, True),
    ],
)
def test_project_calcium_dose(
    dose_mg: int, total_after: int, level_after: Level, would_exceed: bool
) -> None:
    """A projected dose reports the total and level after it, and whether it reaches the limit."""
    projection = project_dose(
        calcium(1_200), limits(), dose_calcium_mg=dose_mg, dose_vitamin_d_iu=0
    )
    assert projection.calcium.total_after == total_after
    assert projection.calcium.level_after is level_after
    assert projection.calcium.headroom_before == 800
    assert projection.would_exceed is would_exceed


def test_project_vitamin_d_dose() -> None:
    """A vitamin D dose is projected against the vitamin D limit on its own."""
    totals = DayTotals(vitamin_d_food_iu=200, vitamin_d_supplement_iu=3_000)
    projection = project_dose(totals, limits(), dose_calcium_mg=0, dose_vitamin_d_iu=1_000)
    assert (projection.vitamin_d.total_after, projection.vitamin_d.headroom_before) == (4_200, 800)
    assert projection.vitamin_d.would_exceed
    assert not projection.calcium.would_exceed
    assert projection.would_exceed


def test_project_refuses_a_negative_dose() -> None:
    """A negative dose raises ValueError."""
    with pytest.raises(ValueError, match="negative"):
        project_dose(DayTotals(), limits(), dose_calcium_mg=-1, dose_vitamin_d_iu=0)


def test_checker_exposes_the_level_helpers() -> None:
    """The level helpers are importable from the checker under the names the team calls."""
    assert (checker.level, checker.headroom, checker.text_bar) == (
        levels.level,
        levels.headroom,
        levels.text_bar,
    )
    assert checker.Warning is LimitWarning
