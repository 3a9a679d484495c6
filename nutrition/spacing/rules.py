"""How far apart calcium and each medicine must be taken: the rules as data, with sources.

Policy (domain-facts §5): where sources give different intervals we take the longest as the
default, and a prescriber's or label's instruction that the user enters wins over it, direction
by direction. Source tags [S..] are those of ../shared/reference/domain-facts.md.

Directions matter: `calcium_after_min` is the least time from a medicine dose to a later
calcium dose, `calcium_before_min` the least time from a calcium dose to a later medicine dose.
An oral bisphosphonate is also the first intake of its day: no calcium earlier that day at all.
Thiazide diuretics and digoxin need no spacing but one caution, given once (a note code).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from nutrition.medicines import BISPHOSPHONATES, MedicineKind

__all__ = [
    "MAX_GAP_MIN",
    "Caution",
    "Override",
    "ReminderHint",
    "Spacing",
    "caution_for",
    "reminder_hint",
    "spacing_for",
]

# A gap of a whole day or more would forbid daily calcium on any day the medicine is taken; such
# an instruction is a typing slip, and the conflict finder looks one day either side only.
MAX_GAP_MIN = 24 * 60 - 1


@dataclass(frozen=True, slots=True)
class Spacing:
    """The least minutes between calcium and a medicine, by which of the two comes first."""

    calcium_after_min: int  # medicine first: calcium waits at least this long
    calcium_before_min: int  # calcium first: the medicine waits at least this long
    first_of_day: bool = False  # the medicine comes before any calcium on its day
    overridden: bool = False  # a figure here is the user's prescriber's or label's

    def __post_init__(self) -> None:
        for gap in (self.calcium_after_min, self.calcium_before_min):
            if not 0 <= gap <= MAX_GAP_MIN:
                raise ValueError(f"a gap must be 0–{MAX_GAP_MIN} minutes, got {gap}")

    @property
    def spaced(self) -> bool:
        """Tell whether this rule keeps calcium away from the medicine at all."""
        return self.first_of_day or self.calcium_after_min > 0 or self.calcium_before_min > 0


@dataclass(frozen=True, slots=True)
class Override:
    """A prescriber's or label's instruction entered by the user; None keeps the default."""

    calcium_after_min: int | None = None
    calcium_before_min: int | None = None
    first_of_day: bool | None = None  # e.g. delayed-release risedronate is taken after breakfast


_NONE = Spacing(0, 0)
# 2 h either way: iron, zinc and strontium ranelate "≥2 h before or after" calcium [S34, S35].
_TWO_HOURS = Spacing(120, 120)

_RULES: dict[MedicineKind, Spacing] = {
    # "At least 4 h" apart, either order: Kalcipos-D SmPC [S34], MIMS [S35], Mayo Clinic [S37];
    # taken together, calcium cuts levothyroxine absorption by ≈ 20–25 % [S38].
    MedicineKind.THYROID: Spacing(240, 240),
    # After the bisphosphonate: the longest of 30 min (label [S36]), 1 h (SmPC [S34]), 2 h
    # (monograph [S40b]) and 3 h (MIMS, chewable carbonate [S35]) is 3 h. Before it: the label
    # has it taken on rising before any food, drink or medicine of the day [S36], so no calcium
    # earlier that day; across midnight the 2 h "before or after" of [S40b] still holds.
    MedicineKind.BISPHOSPHONATE_DAILY: Spacing(180, 120, first_of_day=True),
    MedicineKind.BISPHOSPHONATE_WEEKLY: Spacing(180, 120, first_of_day=True),
    MedicineKind.IRON: _TWO_HOURS,
    MedicineKind.ZINC: _TWO_HOURS,
    MedicineKind.STRONTIUM: _TWO_HOURS,
    # Tetracycline "≥2 h before, or 4–6 h after" calcium [S34, S35]: 6 h is the longer end.
    MedicineKind.TETRACYCLINE: Spacing(120, 360),
    # Quinolones "2 h before or after" calcium [S35]; ciprofloxacin "≥2 h before or 6 h after"
    # mineral supplements [S39]. The longest of each direction applies to the whole family.
    MedicineKind.QUINOLONE: Spacing(120, 360),
    # Fluoride "≥3 h before" calcium [S34]. No source gives a figure with calcium first, and none
    # says sooner is safe, so the same 3 h applies that way too (a policy choice).
    MedicineKind.FLUORIDE: Spacing(180, 180),
    # Caution-only kinds: no absorption interaction in §5, so no spacing.
    MedicineKind.THIAZIDE: _NONE,
    MedicineKind.DIGOXIN: _NONE,
    MedicineKind.OTHER: _NONE,
}


def spacing_for(kind: MedicineKind, override: Override | None = None) -> Spacing:
    """Return the rule for a kind, with the user's entered instruction laid over the default."""
    rule = _RULES[kind]
    if override is None:
        return rule
    given = (override.calcium_after_min, override.calcium_before_min, override.first_of_day)
    if all(value is None for value in given):
        return rule
    return Spacing(
        calcium_after_min=_pick(override.calcium_after_min, rule.calcium_after_min),
        calcium_before_min=_pick(override.calcium_before_min, rule.calcium_before_min),
        first_of_day=rule.first_of_day if override.first_of_day is None else override.first_of_day,
        overridden=True,
    )


def _pick(given: int | None, default: int) -> int:
    return default if given is None else given


class Caution(StrEnum):
    """A one-time note for a medicine that calcium and vitamin D do not space but affect."""

    # Thiazides cut urinary calcium excretion: hypercalcaemia risk, monitor serum calcium
    # [S34, S35]; with vitamin D supplements calcium "can potentially" get dangerously high [S41].
    THIAZIDE = "thiazide"
    # Hypercalcaemia increases digoxin toxicity; monitor ECG and serum calcium [S34].
    DIGOXIN = "digoxin"


_CAUTIONS = {MedicineKind.THIAZIDE: Caution.THIAZIDE, MedicineKind.DIGOXIN: Caution.DIGOXIN}


def caution_for(kind: MedicineKind) -> Caution | None:
    """Return the note to show once when such a medicine is added, or None."""
    return _CAUTIONS.get(kind)


class ReminderHint(StrEnum):
    """What a medicine's own reminder should add about calcium."""

    # On rising, plain water only, ≥ 30 min before the first food, drink or medicine (calcium
    # included), stay upright ≥ 30 min [S36].
    ON_RISING = "on_rising"
    # Taking the medicine first needs the shorter wait (tetracycline, quinolone [S34, S35, S39];
    # fluoride "≥3 h before calcium" [S34]).
    BEFORE_CALCIUM = "before_calcium"


_HINTS = {
    MedicineKind.TETRACYCLINE: ReminderHint.BEFORE_CALCIUM,
    MedicineKind.QUINOLONE: ReminderHint.BEFORE_CALCIUM,
    MedicineKind.FLUORIDE: ReminderHint.BEFORE_CALCIUM,
} | dict.fromkeys(BISPHOSPHONATES, ReminderHint.ON_RISING)


def reminder_hint(kind: MedicineKind) -> ReminderHint | None:
    """Return what the medicine's reminder should say about calcium, or None."""
    return _HINTS.get(kind)
