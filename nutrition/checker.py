"""The checker's rules: compare a day's totals with the limits, warn once, project a dose.

Pure functions over plain values. Percentages and thresholds use integer arithmetic, so 80 %
is NEAR and 100 % is OVER exactly, whatever the limit.
"""

from collections.abc import Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from nutrition.levels import (
    NEAR_FRACTION,
    NEAR_FRACTION_VASCULAR,
    Level,
    Nutrient,
    headroom,
    level,
    near_fraction_for,
    percent_of,
    text_bar,
)
from nutrition.reference import Intakes

__all__ = [
    "NEAR_FRACTION",
    "NEAR_FRACTION_VASCULAR",
    "DayTotals",
    "Level",
    "LimitWarning",
    "Limits",
    "Nutrient",
    "NutrientProjection",
    "Projection",
    "Warning",
    "effective_limits",
    "headroom",
    "level",
    "near_fraction_for",
    "percent_of",
    "project_dose",
    "text_bar",
    "warnings_after_intake",
]

DOCTOR = "doctor"


@dataclass(frozen=True, kw_only=True)
class DayTotals:
    """What the user took in during one local day, split by food and supplements."""

    calcium_food_mg: int = 0
    calcium_supplement_mg: int = 0
    vitamin_d_food_iu: int = 0
    vitamin_d_supplement_iu: int = 0
    vitamin_k_ug: int = 0

    @property
    def calcium_mg(self) -> int:
        """Total calcium: the ULs count food and supplements together [S2, S13]."""
        return self.calcium_food_mg + self.calcium_supplement_mg

    @property
    def vitamin_d_iu(self) -> int:
        """Total vitamin D: the ULs count all sources [S2, S20]."""
        return self.vitamin_d_food_iu + self.vitamin_d_supplement_iu

    def total(self, nutrient: Nutrient) -> int:
        """Return the day's total of a nutrient that has an upper limit."""
        return self.calcium_mg if nutrient is Nutrient.CALCIUM else self.vitamin_d_iu


@dataclass(frozen=True, kw_only=True)
class Limits:
    """The limits and targets in force for a user: a doctor's, else the reference set's."""

    calcium_ul_mg: int
    vitamin_d_ul_iu: int
    calcium_target_mg: int
    vitamin_d_target_iu: int
    source: str  # "doctor" when any doctor's limit is in force, else the reference citation
    doctor_set: frozenset[Nutrient] = frozenset()  # which limits the doctor set

    def limit(self, nutrient: Nutrient) -> int:
        """Return the upper limit in force for a nutrient."""
        return self.calcium_ul_mg if nutrient is Nutrient.CALCIUM else self.vitamin_d_ul_iu


def _doctor_limit(value: int | None, what: str) -> int | None:
    if value is not None and (isinstance(value, bool) or value <= 0):
        raise ValueError(f"a doctor's {what} limit must be a positive whole number: {value}")
    return value


def effective_limits(
    intakes: Intakes, *, doctor_calcium_limit_mg: int | None, doctor_vitamin_d_limit_iu: int | None
) -> Limits:
    """Apply a doctor's limits over the reference ULs; the doctor always wins, higher or lower.

    A target above the doctor's limit is lowered to the limit, so the bot never urges more
    than the doctor allows.
    """
    calcium = _doctor_limit(doctor_calcium_limit_mg, "calcium")
    vitamin_d = _doctor_limit(doctor_vitamin_d_limit_iu, "vitamin D")
    doctor_set = frozenset(
        nutrient
        for nutrient, value in ((Nutrient.CALCIUM, calcium), (Nutrient.VITAMIN_D, vitamin_d))
        if value is not None
    )
    calcium_ul = intakes.calcium_ul_mg if calcium is None else calcium
    vitamin_d_ul = intakes.vitamin_d_ul_iu if vitamin_d is None else vitamin_d
    return Limits(
        calcium_ul_mg=calcium_ul,
        vitamin_d_ul_iu=vitamin_d_ul,
        calcium_target_mg=min(intakes.calcium_target_mg, calcium_ul),
        vitamin_d_target_iu=min(intakes.vitamin_d_target_iu, vitamin_d_ul),
        source=DOCTOR if doctor_set else intakes.citation,
        doctor_set=doctor_set,
    )


@dataclass(frozen=True, kw_only=True)
class LimitWarning:
    """A warning to send: a nutrient's day total reached NEAR or OVER its limit."""

    nutrient: Nutrient
    level: Level
    total: int
    limit: int
    percent: int

    @property
    def marks(self) -> frozenset[tuple[Nutrient, Level]]:
        """Return what to record as warned today; OVER also marks the NEAR it implies."""
        if self.level is Level.OVER:
            return frozenset({(self.nutrient, Level.OVER), (self.nutrient, Level.NEAR)})
        return frozenset({(self.nutrient, self.level)})


Warning = LimitWarning  # the name the brief uses; LimitWarning does not shadow the builtin


def warnings_after_intake(
    totals: DayTotals,
    limits: Limits,
    *,
    already_warned: Set[tuple[Nutrient, Level]],
    near_fraction: Decimal | Fraction | float = NEAR_FRACTION,
) -> list[LimitWarning]:
    """List the warnings due after an intake: each (nutrient, level) at most once a day.

    A jump straight to OVER gives OVER only, and an OVER already sent today silences NEAR,
    even if the total later falls back (an intake deleted). The caller records each
    warning's ``marks``; ``already_warned`` is not changed.
    """
    warnings: list[LimitWarning] = []
    for nutrient in Nutrient:
        total, limit = totals.total(nutrient), limits.limit(nutrient)
        now = level(total, limit, near_fraction=near_fraction)
        if now is Level.OK or (nutrient, Level.OVER) in already_warned:
            continue
        if now is Level.NEAR and (nutrient, Level.NEAR) in already_warned:
            continue
        percent = percent_of(total, limit)
        warnings.append(
            LimitWarning(nutrient=nutrient, level=now, total=total, limit=limit, percent=percent)
        )
    return warnings


@dataclass(frozen=True, kw_only=True)
class NutrientProjection:
    """What one dose would do to one nutrient's day total."""

    nutrient: Nutrient
    total_before: int
    dose: int
    total_after: int
    limit: int
    headroom_before: int
    level_after: Level
    # Days the totals average over: 1 for a day total, 7 or 30 for a weekly or monthly dose
    # judged as a rolling daily average (issue #10: vitamin D over the dose's interval).
    window_days: int = 1

    @property
    def would_exceed(self) -> bool:
        """Tell whether the dose would bring the total to or past the limit (OVER)."""
        return self.level_after is Level.OVER


@dataclass(frozen=True, kw_only=True)
class Projection:
    """What a dose would do to the day's calcium and vitamin D."""

    calcium: NutrientProjection
    vitamin_d: NutrientProjection

    @property
    def would_exceed(self) -> bool:
        """Tell whether the dose would take either nutrient to or past its limit."""
        return self.calcium.would_exceed or self.vitamin_d.would_exceed


def _project(
    nutrient: Nutrient, total: int, dose: int, limit: int, near: Decimal | Fraction | float
) -> NutrientProjection:
    if isinstance(dose, bool) or dose < 0:
        raise ValueError(f"a dose cannot be negative: {dose}")
    return NutrientProjection(
        nutrient=nutrient,
        total_before=total,
        dose=dose,
        total_after=total + dose,
        limit=limit,
        headroom_before=headroom(total, limit),
        level_after=level(total + dose, limit, near_fraction=near),
    )


def _average_vitamin_d(
    window: Sequence[DayTotals], dose: int, limit: int, near: Decimal | Fraction | float
) -> NutrientProjection:
    if isinstance(dose, bool) or dose < 0:
        raise ValueError(f"a dose cannot be negative: {dose}")
    days = len(window)
    before = sum(day.vitamin_d_iu for day in window)
    # Floor division keeps integer arithmetic; the level compares the exact sums (x·days).
    after_average = (before + dose) // days
    exact_level = level(before + dose, limit * days, near_fraction=near)
    return NutrientProjection(
        nutrient=Nutrient.VITAMIN_D,
        total_before=before // days,
        dose=dose,
        total_after=after_average,
        limit=limit,
        headroom_before=headroom(before // days, limit),
        level_after=exact_level,
        window_days=days,
    )


def project_dose(
    totals: DayTotals,
    limits: Limits,
    *,
    dose_calcium_mg: int,
    dose_vitamin_d_iu: int,
    near_fraction: Decimal | Fraction | float = NEAR_FRACTION,
    vitamin_d_window: Sequence[DayTotals] = (),
) -> Projection:
    """Tell what taking a dose now would do to today's totals.

    With a `vitamin_d_window` of several days (today and the days before), vitamin D is
    judged as the daily average over them; calcium keeps its daily check.
    """
    if len(vitamin_d_window) > 1:
        return Projection(
            calcium=_project(
                Nutrient.CALCIUM,
                totals.calcium_mg,
                dose_calcium_mg,
                limits.calcium_ul_mg,
                near_fraction,
            ),
            vitamin_d=_average_vitamin_d(
                vitamin_d_window, dose_vitamin_d_iu, limits.vitamin_d_ul_iu, near_fraction
            ),
        )
    return Projection(
        calcium=_project(
            Nutrient.CALCIUM,
            totals.calcium_mg,
            dose_calcium_mg,
            limits.calcium_ul_mg,
            near_fraction,
        ),
        vitamin_d=_project(
            Nutrient.VITAMIN_D,
            totals.vitamin_d_iu,
            dose_vitamin_d_iu,
            limits.vitamin_d_ul_iu,
            near_fraction,
        ),
    )
