"""A default exercise plan for people with osteoporosis (its words and safety notes: bot/).

The plan follows domain-facts §7: weight-bearing activity about 30 minutes on most days
[S42, S44], strength training on 2–3 non-consecutive days a week with 2 sets of 8–12
repetitions [S42, S44], and balance training every day, 15–20 minutes [S44, S45b]. It is
low-impact only: with osteoporosis high-impact exercise "may need to be avoided" [S43].
"""

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

__all__ = [
    "ExerciseKind",
    "ExercisePlanItem",
    "default_plan",
    "weekly_minutes",
]

MONDAY, WEDNESDAY, FRIDAY, SUNDAY = 0, 2, 4, 6  # as date.weekday() counts them
EVERY_DAY = frozenset(range(MONDAY, SUNDAY + 1))


class ExerciseKind(StrEnum):
    """The three components of a bone-health programme [S44]."""

    WEIGHT_BEARING = "weight_bearing"
    STRENGTH = "strength"
    BALANCE = "balance"


@dataclass(frozen=True, kw_only=True)
class ExercisePlanItem:
    """One kind of exercise: how long, on which weekdays (0 = Monday), at what local time."""

    kind: ExerciseKind
    minutes: int
    weekdays: frozenset[int]
    default_time: time  # wall-clock time in the user's own zone; the scheduler localises it
    sources: tuple[str, ...]

    def __post_init__(self) -> None:
        """Refuse a plan item no scheduler could run."""
        if self.minutes <= 0:
            raise ValueError(f"minutes must be positive, got {self.minutes}")
        if not self.weekdays or not self.weekdays <= EVERY_DAY:
            raise ValueError(f"weekdays must be a non-empty subset of 0–6, got {self.weekdays}")
        if self.default_time.tzinfo is not None:
            raise ValueError("default_time is a local wall-clock time and carries no zone")


def default_plan() -> list[ExercisePlanItem]:
    """Return the starting plan a user can then change: walking, strength, balance."""
    return [
        ExercisePlanItem(
            kind=ExerciseKind.WEIGHT_BEARING,
            # 30 min, at once or in 10-minute bouts, almost every day [S42]; 5 days × 30 min
            # gives the 150 min a week of Too Fit To Fracture and NIAMS [S44, S46].
            minutes=30,
            weekdays=frozenset(range(MONDAY, FRIDAY + 1)),
            default_time=time(10, 0),  # product choice; the user picks their own time
            sources=("S42", "S43", "S44", "S46"),
        ),
        ExercisePlanItem(
            kind=ExerciseKind.STRENGTH,
            # Product estimate of the time 2 sets × 8–12 reps for the major muscle groups take;
            # the sources give sets, reps and days (2–3 a week, ≥ 2 [S42, S44]), not minutes.
            minutes=20,
            weekdays=frozenset({MONDAY, WEDNESDAY, FRIDAY}),  # non-consecutive: muscles rest
            default_time=time(17, 0),  # product choice
            sources=("S42", "S43", "S44", "S45"),
        ),
        ExercisePlanItem(
            kind=ExerciseKind.BALANCE,
            # 15–20 min a day, accumulating 2 h a week [S44, S45b]: 7 × 20 = 140 min ≥ 120,
            # which 15 min a day (105 min) would miss.
            minutes=20,
            weekdays=EVERY_DAY,
            default_time=time(9, 0),  # product choice
            sources=("S43", "S44", "S45b"),
        ),
    ]


def weekly_minutes(plan: list[ExercisePlanItem], kind: ExerciseKind) -> int:
    """Add up the minutes a week a plan gives to one kind of exercise."""
    return sum(item.minutes * len(item.weekdays) for item in plan if item.kind is kind)
