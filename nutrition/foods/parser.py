"""Meal text → items: amounts, units and foods from what a patient types in English or Chinese."""

from __future__ import annotations

import math
from dataclasses import dataclass

from nutrition.foods.amounts import grams_of
from nutrition.foods.index import Candidate
from nutrition.foods.matcher import FoodMatcher, Match, default_matcher
from nutrition.foods.model import FoodRow
from nutrition.foods.numbers import Problem, Quantity
from nutrition.foods.reading import CN_SIZES, Reading, amount_only, read_chinese, read_english
from nutrition.foods.segments import prepare, split_items
from nutrition.foods.text import singular
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
    """One food mention: its text, the food found, the weight and its nutrients."""

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


@dataclass(frozen=True, slots=True)
class ParsedMeal:
    """The items of a meal text, and the parts that named no known food."""

    items: tuple[ParsedItem, ...]
    unmatched: tuple[str, ...]

    @property
    def total_calcium_mg(self) -> float:
        """Return the calcium of the items that were found and have a plausible amount."""
        return sum(item.calcium_mg or 0.0 for item in self.items if item.problem is None)

    @property
    def needs_confirmation(self) -> bool:
        """Tell whether the bot should ask before logging (unsure food, odd amount, leftovers)."""
        unsure = any(not item.confident or item.problem for item in self.items)
        return unsure or bool(self.unmatched)


class MealParser:
    """Parse meal texts against a matcher (built-in foods by default, plus any added layers)."""

    def __init__(self, matcher: FoodMatcher | None = None) -> None:
        self.matcher = matcher or default_matcher()
        self._units = self.matcher.household_units

    def parse(self, text: str) -> ParsedMeal:
        """Return the items of a meal text; never raises on odd input."""
        items: list[ParsedItem] = []
        unmatched: list[str] = []
        pieces: list[str] = []
        for piece in split_items(prepare(text), self._names_food):
            if pieces and amount_only(piece):
                pieces[-1] = f"{pieces[-1]} {piece}"  # "cheddar, 1 slice"; "kale, cooked"
            else:
                pieces.append(piece)
        for piece in pieces:
            item = self._item(piece)
            items.append(item)
            if item.food is None:
                unmatched.append(piece)
        return ParsedMeal(tuple(items), tuple(unmatched))

    def _is_name(self, text: str) -> bool:
        return self.matcher.lookup(text) is not None

    def _names_food(self, text: str) -> bool:
        """Tell whether text is a known food name, with or without an amount in front."""
        if self._is_name(text):
            return True
        reading = read_chinese(text) or read_english(text)
        return bool(reading.food_text) and self._is_name(reading.food_text)

    def _read(self, piece: str) -> Reading:
        reading = read_chinese(piece) or read_english(piece)
        food = reading.food_text
        if reading.unit == "piece" and food[:1] in CN_SIZES and not self._is_name(food):
            reading = Reading(reading.quantity, CN_SIZES[food[0]], food[1:])  # 一个大苹果
        if reading.food_text and self._is_name(reading.food_text):
            return reading
        if self._is_name(piece):  # "half and half", "三文鱼": the number is part of the name
            return Reading(None, None, piece)
        return reading

    def _item(self, piece: str) -> ParsedItem:
        reading = self._read(piece)
        unit, food_text, quantity = reading.unit, reading.food_text, reading.quantity
        if not food_text:
            return ParsedItem(piece, None, (), False, 0.0, None, None, None)
        match = self.matcher.match(food_text)
        if unit is None:
            unit, match, food_text = self._household_unit(food_text, match)
        best = match.best
        if best is None:
            return ParsedItem(piece, None, match.candidates, False, 0.0, None, None, None)
        if unit is None and quantity is not None:
            unit = self._counted_unit(best.food, food_text)
        value = None if quantity is None else quantity.value
        amount = grams_of(best.food, value, unit)
        problem = _problem(quantity, unit, amount.grams)
        ok = problem is None
        nutrients = best.food.per_grams(amount.grams if ok else 0.0)
        return ParsedItem(
            text=piece,
            food=best.food,
            candidates=match.candidates,
            confident=ok and match.confident,
            grams=amount.grams if ok else 0.0,
            calcium_mg=nutrients["calcium_mg"] if ok else None,
            vitamin_d_iu=nutrients["vitamin_d_iu"] if ok else None,
            vitamin_k_ug=nutrients["vitamin_k_ug"] if ok else None,
            approximate=amount.approximate or bool(quantity and quantity.approximate),
            problem=problem,
            quantity=value,
            unit=unit,
        )

    def _household_unit(self, text: str, match: Match) -> tuple[str | None, Match, str]:
        """Read "a stalk of celery": a first word that is one of the food's own measures."""
        head, _, rest = text.partition(" ")
        word = singular(head)
        rest = rest.removeprefix("of ").strip()
        if rest and word in self._units:
            trial = self.matcher.match(rest)
            best = trial.best
            if best is not None and any(word in (p.unit, p.size) for p in best.food.portions):
                names = " ".join((best.food.name, *best.food.aliases)).casefold()
                if word not in names:  # in "pizza slice", "pizza" is the food, not a measure
                    return word, trial, rest
        return None, match, text

    @staticmethod
    def _counted_unit(food: FoodRow, food_text: str) -> str | None:
        """Use the food's own count word: "2 sardines" → its "sardine" measure, if SR26 has one."""
        words = food_text.split()
        last = singular(words[-1]) if words else ""
        default = food.default()
        if default is not None and default.size is not None and default.unit != last:
            return None  # "a muffin" is the default medium one, not SR's odd "1 muffin" weight
        return last if any(portion.unit == last for portion in food.portions) else None


def _problem(quantity: Quantity | None, unit: str | None, grams: float) -> Problem | None:
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


def parse_meal(text: str, matcher: FoodMatcher | None = None) -> ParsedMeal:
    """Parse a meal text ("2 cups of skim milk and 100 g tofu", "一杯牛奶，两片面包")."""
    return MealParser(matcher).parse(text)
