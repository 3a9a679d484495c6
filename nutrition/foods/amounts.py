"""Turn "2 cups", "a slice" or "100 g" of a food into grams, using the food's own SR26 weights."""

from __future__ import annotations

import re
from dataclasses import dataclass

from nutrition.foods.model import FoodRow, Portion
from nutrition.foods.units import MASS_G, VESSEL_ML, VOLUME_ML

# A food without any SR26 weight is counted by 100 g servings (the SR26 basis), marked approximate.
FALLBACK_SERVING_G = 100.0
# Water's density, used only for a volume of a food that SR26 never weighs by volume.
WATER_G_PER_ML = 1.0
# Measures that count whole things, tried for "3 shrimp" when the default serving is "3 oz".
_COUNTABLE = ("medium", "large", "small", "extra large", "piece", "fruit", "fillet", "slice")
_PIECES_IN = re.compile(r"\((?:about\s+)?(\d+(?:\.\d+)?)\s+[a-z]")  # "oz (23 whole kernels)"
_VOLUME_IN = re.compile(r"\bserving\s+(\d+(?:\.\d+)?)(?:/(\d+))?\s*(cup|tbsp|tsp|fl oz)\b")


@dataclass(frozen=True, slots=True)
class Amount:
    """Grams of a food, and whether an assumption (not an SR26 weight) went into them."""

    grams: float
    approximate: bool


def _is_count(portion: Portion) -> bool:
    return portion.unit not in VOLUME_ML and portion.unit not in MASS_G


def _serving(food: FoodRow, *, per_unit: bool) -> Amount:
    """Return one default serving; for a count measure such as "5 pieces", one piece."""
    portion = food.default()
    if portion is None:
        return Amount(FALLBACK_SERVING_G, approximate=True)
    if per_unit and _is_count(portion):
        return Amount(portion.grams_per_unit, approximate=False)
    return Amount(portion.grams, approximate=False)


def _one_item(food: FoodRow) -> Amount:
    """Return the weight of one of "3 shrimp" or "10 almonds" ("4 large", "oz (23 kernels)")."""
    default = food.default()
    if default is not None and _is_count(default):
        return Amount(default.grams_per_unit, approximate=False)
    for unit in _COUNTABLE:
        if (portion := _find(food, unit)) is not None:
            return Amount(portion.grams_per_unit, approximate=False)
    for portion in food.portions:
        if match := _PIECES_IN.search(portion.desc):
            return Amount(portion.grams_per_unit / float(match.group(1)), approximate=False)
    return _serving(food, per_unit=False)


def _measures(food: FoodRow) -> list[Portion]:
    """Return the food's measures, whipped ones last: "1 cup, whipped" cream is mostly air."""
    return sorted(food.portions, key=_whipped)


def _whipped(portion: Portion) -> bool:
    # "cup, whipped" is foam; "cup, fluid (yields 2 cups whipped)" is the liquid.
    return "whipped" in portion.desc.casefold().split("(")[0]


def _find(food: FoodRow, unit: str) -> Portion | None:
    """Return the food's measure for a unit or size word, its default measure first."""
    default = food.default()
    if default is not None and unit in (default.unit, default.size):
        return default
    for portion in _measures(food):
        if portion.unit == unit:
            return portion
    for portion in food.portions:
        if portion.size == unit:
            return portion
    return None


def _portion_ml(portion: Portion) -> float | None:
    """Return a measure's volume: "1 cup", or a serving described as "serving 1/2 cup"."""
    if portion.unit in VOLUME_ML:
        return portion.amount * VOLUME_ML[portion.unit]
    if match := _VOLUME_IN.search(portion.desc.casefold()):
        numerator, denominator, unit = match.groups()
        size = float(numerator) / float(denominator or 1)
        return portion.amount * size * VOLUME_ML[unit]
    return None


def _volume_grams(food: FoodRow, ml: float) -> Amount:
    """Weigh a volume by the density SR26 gives through the food's first volume measure."""
    for portion in _measures(food):
        volume = _portion_ml(portion)
        if volume:
            return Amount(ml * portion.grams / volume, approximate=False)
    return Amount(ml * WATER_G_PER_ML, approximate=True)


def grams_of(food: FoodRow, quantity: float | None, unit: str | None) -> Amount:
    """Return the weight of `quantity` × `unit` of `food` (no unit: the food's default serving)."""
    amount = _grams_of(food, quantity, unit)
    if food.portions_from is not None and unit not in MASS_G:
        # A China Food Composition Tables row weighed by a similar SR26 food's measures.
        return Amount(amount.grams, approximate=True)
    return amount


def _grams_of(food: FoodRow, quantity: float | None, unit: str | None) -> Amount:
    count = 1.0 if quantity is None else quantity
    if unit is None:
        one = _serving(food, per_unit=False) if quantity is None else _one_item(food)
        return Amount(count * one.grams, one.approximate)
    if unit in MASS_G:
        return Amount(count * MASS_G[unit], approximate=False)
    portion = _find(food, unit)
    if portion is None and unit == "piece":
        portion = _find(food, "block")  # 一块豆腐: a 块 of tofu is SR26's block
    if portion is not None:
        return Amount(count * portion.grams_per_unit, approximate=False)
    if unit in VOLUME_ML:
        return _volume_grams(food, count * VOLUME_ML[unit])
    if unit in VESSEL_ML:
        # A glass of wine or a bowl of soup is better read as SR26's serving than as a cup.
        measure = _find(food, "serving")
        if measure is not None:
            return Amount(count * measure.grams_per_unit, approximate=True)
        volume = _volume_grams(food, count * VESSEL_ML[unit])
        return Amount(volume.grams, approximate=True)
    if unit == "serving":
        serving = _serving(food, per_unit=False)
        return Amount(count * serving.grams, serving.approximate)
    # Another count word ("piece", "slice", "large") the food has no weight for: one default unit,
    # exact only when "a piece" of a food counted in pieces (eggs by "large") is meant.
    one = _serving(food, per_unit=True)
    default = food.default()
    exact = unit == "piece" and default is not None and _is_count(default)
    return Amount(count * one.grams, approximate=not exact)
