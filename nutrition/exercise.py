"""A default exercise plan for people with osteoporosis, and the movements to avoid.

The plan follows domain-facts §7: weight-bearing activity about 30 minutes on most days
[S42, S44], strength training on 2–3 non-consecutive days a week with 2 sets of 8–12
repetitions [S42, S44], and balance training every day, 15–20 minutes [S44, S45b]. It is
low-impact only: with osteoporosis high-impact exercise "may need to be avoided" [S43].
"""

from dataclasses import dataclass
from datetime import time
from enum import StrEnum

__all__ = [
    "SAFETY_NOTES",
    "ExerciseKind",
    "ExercisePlanItem",
    "default_plan",
    "safety_notes",
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
    title: str
    minutes: int
    weekdays: frozenset[int]
    default_time: time  # wall-clock time in the user's own zone; the scheduler localises it
    how_to: str
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
            title="Brisk walk",
            # 30 min, at once or in 10-minute bouts, almost every day [S42]; 5 days × 30 min
            # gives the 150 min a week of Too Fit To Fracture and NIAMS [S44, S46].
            minutes=30,
            weekdays=frozenset(range(MONDAY, FRIDAY + 1)),
            default_time=time(10, 0),  # product choice; the user picks their own time
            how_to=(
                "Walk briskly, or use an elliptical or stair-step machine, or do low-impact "
                "aerobics. Thirty minutes at once or in 10-minute bouts is fine. Swimming and "
                "cycling are good for fitness but do not build bone, so keep some walking too."
            ),
            sources=("S42", "S43", "S44", "S46"),
        ),
        ExercisePlanItem(
            kind=ExerciseKind.STRENGTH,
            title="Strength training",
            # Product estimate of the time 2 sets × 8–12 reps for the major muscle groups take;
            # the sources give sets, reps and days (2–3 a week, ≥ 2 [S42, S44]), not minutes.
            minutes=20,
            weekdays=frozenset({MONDAY, WEDNESDAY, FRIDAY}),  # non-consecutive: muscles rest
            default_time=time(17, 0),  # product choice
            how_to=(
                "One exercise for each major muscle group, 2 sets of 8 to 12 repetitions, with "
                "weights, elastic bands, machines or your own body weight (for example rising "
                "from a chair or rising onto your toes). If 12 is easy, make it harder; if 8 is "
                "too hard, make it easier. Include back and shoulder muscles for posture."
            ),
            sources=("S42", "S43", "S44", "S45"),
        ),
        ExercisePlanItem(
            kind=ExerciseKind.BALANCE,
            title="Balance practice",
            # 15–20 min a day, accumulating 2 h a week [S44, S45b]: 7 × 20 = 140 min ≥ 120,
            # which 15 min a day (105 min) would miss.
            minutes=20,
            weekdays=EVERY_DAY,
            default_time=time(9, 0),  # product choice
            how_to=(
                "Tai Chi or other balance exercises, with a counter or a sturdy chair within "
                "reach. Posture and everyday-movement exercises count too."
            ),
            sources=("S43", "S44", "S45b"),
        ),
    ]


# Movements to avoid or change because they raise the risk of a fracture [S47, S69], and the
# caution about high-impact exercise [S43].
SAFETY_NOTES: tuple[str, ...] = (
    "Don't bend forward from the waist with a rounded back: no sit-ups, crunches or toe "
    "touches, and no picking things up from the floor that way. Bend at the hips and knees.",
    "Don't twist your spine as far as it goes (twisting yoga or Pilates poses, rotation "
    "machines). Step round to turn instead.",
    "Don't lift heavy loads overhead or from the floor, and don't try maximal lifts. Hold "
    "loads close to your body.",
    "Don't stand on unstable stools or steps.",
    "Leave out high-impact exercise such as jumping, jogging or jump rope unless your doctor "
    "or physiotherapist says it suits you: with osteoporosis or after a fracture it may need "
    "to be avoided.",
    # After a vertebral fracture see a physical therapist [S44]; talk to a provider first with
    # osteoporosis [S46].
    "Talk to your doctor or a physiotherapist before you start, especially after a fracture "
    "of the spine.",
)


def safety_notes() -> list[str]:
    """Return the safety notes to show with any exercise plan."""
    return list(SAFETY_NOTES)


def weekly_minutes(plan: list[ExercisePlanItem], kind: ExerciseKind) -> int:
    """Add up the minutes a week a plan gives to one kind of exercise."""
    return sum(item.minutes * len(item.weekdays) for item in plan if item.kind is kind)
