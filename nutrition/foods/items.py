"""What the meal parser returns: items with their food, grams, nutrients and assumptions."""

from __future__ import annotations

import math
from dataclasses import dataclass

from nutrition.foods.absorption import Flag
from nutrition.foods.assumptions import Assumption, ModifierPortion
from nutrition.foods.index import Candidate
from nutrition.foods.model import FoodRow
from nutrition.foods.numbers import Problem, Quantity
from nutrition.foods.units import MASS_G

# Plausibility limits for one item, as the issue sets them (over 3 kg or over 20 units); beyond
# them the item is flagged, never silently counted.
MAX_ITEM_GRAMS = 3000.0
MAX_UNITS = 20.0
# Small things (an almond, a grape) are counted in larger numbers; the weight limit still holds.
SMALL_UNIT_G = 10.0
_UNCOUNTED = frozenset(MASS_G) | {"ml", "l", "fl oz"}  # units whose number is not a count


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One food mention: its text, the food found, the weight, its nutrients, what was assumed.

    `modifier` is set for a small ingredient counted at an assumed portion ("coffee with
    milk"; its quantity and unit are then the assumed ml); `assumptions` lists the rows chosen
    by country, remembered choices and ignored qualifiers; `flags` holds notes such as low
    absorption; `choice_group` names the group ("tofu") whose answer the bot may remember;
    `day_offset` is -1 for "yesterday".
    """

    text: str
    food: FoodRow | None
    candidates: tuple[Candidate, ...]
    confident: bool
    grams: float
    calcium_mg: float | None
    vitamin_d_iu: float | None
    vitamin_k_ug: float | None
    approximate: bool = False
    problem: Problem | None = None
    quantity: float | None = None
    unit: str | None = None
    modifier: ModifierPortion | None = None
    assumptions: tuple[Assumption, ...] = ()
    flags: tuple[Flag, ...] = ()
    choice_group: str | None = None
    day_offset: int = 0


@dataclass(frozen=True, slots=True)
class ParsedMeal:
    """The items of a meal text, the parts that named no known food, and the day it speaks of."""

    items: tuple[ParsedItem, ...]
    unmatched: tuple[str, ...]
    day_offset: int = 0  # the first day word's offset: -1 for "yesterday", 0 when none

    @property
    def total_calcium_mg(self) -> float:
        """Return the calcium of the items that were found and have a plausible amount."""
        return sum(item.calcium_mg or 0.0 for item in self.items if item.problem is None)

    @property
    def needs_confirmation(self) -> bool:
        """Tell whether the bot should ask before logging (unsure food, odd amount, past day)."""
        unsure = any(not item.confident or item.problem for item in self.items)
        past = any(item.day_offset != 0 for item in self.items) or self.day_offset != 0
        return unsure or past or bool(self.unmatched)


def problem_of(quantity: Quantity | None, unit: str | None, grams: float) -> Problem | None:
    """Return what makes an amount implausible (too much, negative, not a number), if anything."""
    if quantity is not None and quantity.problem is not None:
        return quantity.problem
    if quantity is not None and quantity.value < 0:
        return "negative"
    if not math.isfinite(grams):
        return "not_a_number"
    if grams > MAX_ITEM_GRAMS:
        return "too_much"
    if quantity is not None and unit not in _UNCOUNTED and quantity.value > MAX_UNITS:
        small = grams / quantity.value < SMALL_UNIT_G
        return None if small else "too_much"
    return None
