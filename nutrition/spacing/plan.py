"""Find where a week's calcium doses come too close to medicine doses.

A plan is local wall times on weekdays (bit 0 = Monday, as in scheduler.recurrence). Each
calcium dose on each of its weekdays is compared with the medicine doses of that day and of the
day before and after, so a 23:00 calcium dose clashes with a 01:00 levothyroxine dose next
morning. Gaps are wall-clock minutes: a DST change in the night shifts real time by an hour,
which no rule here is precise enough to care about.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import time
from enum import StrEnum

from nutrition.medicines import MedicineKind
from nutrition.spacing.rules import Override, Spacing, spacing_for

__all__ = [
    "DAY_MIN",
    "EVERY_DAY",
    "CalciumDose",
    "Clash",
    "Conflict",
    "Medicine",
    "clashes_at",
    "find_conflicts",
    "minute_of",
    "wall_time",
]

EVERY_DAY = 0b1111111  # bit 0 = Monday … bit 6 = Sunday, as scheduler.recurrence
DAY_MIN = 24 * 60


def minute_of(at: time) -> int:
    """Return the minute of the day a wall time falls in (seconds are dropped)."""
    return at.hour * 60 + at.minute


def wall_time(minute: int) -> time:
    """Return the wall time of a minute of the day."""
    return time(minute // 60, minute % 60)


@dataclass(frozen=True, slots=True)
class CalciumDose:
    """One calcium dose of a schedule (`key` is the caller's id): a wall time on weekdays."""

    key: int
    at: time
    weekdays: int = EVERY_DAY


@dataclass(frozen=True, slots=True)
class Medicine:
    """One medicine schedule (`key` is the caller's id): its kind, wall times and weekdays."""

    key: int
    kind: MedicineKind
    times: tuple[time, ...]
    weekdays: int = EVERY_DAY
    override: Override | None = None
    spacing: Spacing = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "spacing", spacing_for(self.kind, self.override))


class Clash(StrEnum):
    """How a calcium dose breaks a medicine's spacing."""

    TOGETHER = "together"  # at the same minute
    AFTER = "after"  # calcium sooner after the medicine than `calcium_after_min`
    BEFORE = "before"  # calcium sooner before the medicine than `calcium_before_min`
    FIRST_OF_DAY = "first_of_day"  # calcium earlier the same day than a bisphosphonate


@dataclass(frozen=True, slots=True)
class Conflict:
    """A calcium dose too close to one medicine dose, on the calcium dose's `weekdays`."""

    calcium_key: int
    calcium_at: time
    medicine_key: int
    kind: MedicineKind
    medicine_at: time
    day_offset: int  # the medicine dose's day from the calcium dose's day: -1, 0 or +1
    clash: Clash
    gap_min: int  # minutes between the two doses
    needed_min: int | None  # minutes the rule asks for; None for FIRST_OF_DAY (the whole day)
    overridden: bool  # the rule is the user's entered instruction
    weekdays: int


def _judge(rule: Spacing, calcium: int, medicine: int, same_day: bool) -> Clash | None:
    if medicine == calcium:
        return Clash.TOGETHER if rule.spaced else None
    if medicine < calcium:
        return Clash.AFTER if calcium - medicine < rule.calcium_after_min else None
    if rule.first_of_day and same_day:
        return Clash.FIRST_OF_DAY
    return Clash.BEFORE if medicine - calcium < rule.calcium_before_min else None


def _needed(rule: Spacing, clash: Clash) -> int | None:
    if clash is Clash.AFTER:
        return rule.calcium_after_min
    if clash is Clash.BEFORE:
        return rule.calcium_before_min
    if clash is Clash.TOGETHER:
        return max(rule.calcium_after_min, rule.calcium_before_min)
    return None


def clashes_at(
    medicines: Iterable[Medicine], *, weekday: int, minute: int, calcium_key: int = 0
) -> list[Conflict]:
    """Return the conflicts calcium taken at `minute` of `weekday` (0 = Monday) would have."""
    found: list[Conflict] = []
    for medicine in medicines:
        rule = medicine.spacing
        if not rule.spaced:
            continue
        for offset in (-1, 0, 1):
            if not medicine.weekdays >> ((weekday + offset) % 7) & 1:
                continue
            for at in medicine.times:
                position = offset * DAY_MIN + minute_of(at)
                clash = _judge(rule, minute, position, same_day=offset == 0)
                if clash is None:
                    continue
                found.append(
                    Conflict(
                        calcium_key=calcium_key,
                        calcium_at=wall_time(minute),
                        medicine_key=medicine.key,
                        kind=medicine.kind,
                        medicine_at=at,
                        day_offset=offset,
                        clash=clash,
                        gap_min=abs(minute - position),
                        needed_min=_needed(rule, clash),
                        overridden=rule.overridden,
                        weekdays=1 << weekday,
                    )
                )
    return found


def find_conflicts(
    calcium: Sequence[CalciumDose], medicines: Sequence[Medicine]
) -> tuple[Conflict, ...]:
    """Return every conflict in the week's plan, one per pair of doses, weekdays merged."""
    merged: dict[Conflict, int] = {}
    for dose in calcium:
        for weekday in range(7):
            if not dose.weekdays >> weekday & 1:
                continue
            for conflict in clashes_at(
                medicines, weekday=weekday, minute=minute_of(dose.at), calcium_key=dose.key
            ):
                # Same pair and same figures on several days: one conflict listing those days.
                bare = replace(conflict, weekdays=0)
                merged[bare] = merged.get(bare, 0) | conflict.weekdays
    return tuple(replace(conflict, weekdays=days) for conflict, days in merged.items())
