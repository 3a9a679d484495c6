"""Move a calcium dose out of every spacing window; tell a late dose how long to wait.

Policy choices:
- Calcium moves, never a medicine: medicine times are the prescriber's.
- The move is the smallest on a grid of clock minutes, every `step_min` (15 by default, so
  reminders land on the quarter hours: a product choice). The dose's current time counts as a
  move of zero when it already fits, even off the grid.
- Equal moves either way go later: a dose moved earlier may fall before the user is up.
- The dose stays on its own day (00:00 up to the last grid time before midnight). When no time
  of that day fits on all its weekdays, there is no proposal (None).
- The moved dose must clash with no medicine on any of its weekdays, and must not land on the
  time of another calcium dose that shares a weekday (that would merge two doses into one, and a
  schedule holds distinct times). Nothing else moves, so no other conflict can appear.
- A late or snoozed dose waits until the first minute within a day that clashes with nothing;
  the wait is in wall-clock minutes, in the zone of the time given.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta

from nutrition.spacing.plan import (
    DAY_MIN,
    CalciumDose,
    Conflict,
    Medicine,
    clashes_at,
    minute_of,
    wall_time,
)

__all__ = [
    "DEFAULT_STEP_MIN",
    "DoseWindow",
    "Move",
    "check_dose_time",
    "propose_move",
    "propose_moves",
]

DEFAULT_STEP_MIN = 15


@dataclass(frozen=True, slots=True)
class Move:
    """A proposal for one calcium dose: from `at` to `to`, or `to` None when nothing fits."""

    key: int
    at: time
    to: time | None
    weekdays: int  # the dose's weekdays, all of which the new time fits
    clash_days: int  # those on which the old time clashes (a weekly medicine's day, say)

    @property
    def shift_min(self) -> int | None:
        """Return the signed move in minutes (later is positive), or None without a proposal."""
        return None if self.to is None else minute_of(self.to) - minute_of(self.at)


def _days(weekdays: int) -> list[int]:
    return [day for day in range(7) if weekdays >> day & 1]


def _clash_days(dose: CalciumDose, minute: int, medicines: Sequence[Medicine]) -> int:
    days = 0
    for day in _days(dose.weekdays):
        if clashes_at(medicines, weekday=day, minute=minute):
            days |= 1 << day
    return days


def _clear(dose: CalciumDose, minute: int, medicines: Sequence[Medicine]) -> bool:
    return not _clash_days(dose, minute, medicines)


def _candidates(start: int, step_min: int) -> Iterator[int]:
    for shift in range(1, DAY_MIN):
        for minute in (start + shift, start - shift):  # later first: see the module docstring
            if 0 <= minute < DAY_MIN and minute % step_min == 0:
                yield minute


def propose_move(
    dose: CalciumDose,
    *,
    calcium: Sequence[CalciumDose],
    medicines: Sequence[Medicine],
    step_min: int = DEFAULT_STEP_MIN,
) -> time | None:
    """Return the nearest time of the day `dose` fits on all its weekdays, or None if none does.

    `calcium` is the whole calcium plan (it may include `dose`); `dose.weekdays` may be a subset
    of its schedule's days, for a proposal that holds on those days only.
    """
    if not 1 <= step_min <= 60 or DAY_MIN % step_min:
        raise ValueError(f"step_min must divide a day and be 1–60, got {step_min}")
    start = minute_of(dose.at)
    if _clear(dose, start, medicines):
        return dose.at
    occupied = {
        minute_of(other.at)
        for other in calcium
        if other.weekdays & dose.weekdays and (other.key, other.at) != (dose.key, dose.at)
    }
    for minute in _candidates(start, step_min):
        if minute not in occupied and _clear(dose, minute, medicines):
            return wall_time(minute)
    return None


def propose_moves(
    calcium: Sequence[CalciumDose],
    medicines: Sequence[Medicine],
    *,
    step_min: int = DEFAULT_STEP_MIN,
) -> tuple[Move, ...]:
    """Return a move for every calcium dose in conflict, each fitting the moves before it."""
    plan = list(calcium)
    moves: list[Move] = []
    for index, dose in enumerate(calcium):
        clash_days = _clash_days(dose, minute_of(dose.at), medicines)
        if not clash_days:
            continue
        to = propose_move(dose, calcium=plan, medicines=medicines, step_min=step_min)
        moves.append(Move(dose.key, dose.at, to, weekdays=dose.weekdays, clash_days=clash_days))
        if to is not None:
            plan[index] = replace(dose, at=to)
    return tuple(moves)


@dataclass(frozen=True, slots=True)
class DoseWindow:
    """Calcium taken now would clash; wait `wait_min` until `until`, or None if no time is clear."""

    conflicts: tuple[Conflict, ...]
    wait_min: int | None
    until: datetime | None


def check_dose_time(
    medicines: Sequence[Medicine], *, at: datetime, calcium_key: int = 0
) -> DoseWindow | None:
    """Return why calcium should wait when taken at local time `at`, or None when it may go."""
    if at.utcoffset() is None:
        raise ValueError("`at` must be an aware datetime in the user's zone")
    weekday, minute = at.weekday(), at.hour * 60 + at.minute
    now = clashes_at(medicines, weekday=weekday, minute=minute, calcium_key=calcium_key)
    if not now:
        return None
    for wait in range(1, DAY_MIN + 1):
        later = minute + wait
        day = (weekday + later // DAY_MIN) % 7
        if not clashes_at(medicines, weekday=day, minute=later % DAY_MIN):
            # Aware + timedelta is wall-clock arithmetic in Python: "until 11:00" stays 11:00.
            until = at.replace(second=0, microsecond=0) + timedelta(minutes=wait)
            return DoseWindow(conflicts=tuple(now), wait_min=wait, until=until)
    return DoseWindow(conflicts=tuple(now), wait_min=None, until=None)
