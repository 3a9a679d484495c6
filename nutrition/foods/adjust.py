"""The last steps of parsing an item: a remembered or asked choice, the country's row, notes.

Each step takes a parsed item and returns a new one with its food, grams and nutrients kept
consistent, and what was assumed appended to `ParsedItem.assumptions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from nutrition.foods.absorption import flags_of
from nutrition.foods.amounts import grams_of
from nutrition.foods.assumptions import Assumption, ModifierPortion
from nutrition.foods.choices import group_of, preferred
from nutrition.foods.index import Candidate
from nutrition.foods.items import MAX_ITEM_GRAMS, ParsedItem
from nutrition.foods.matcher import FoodMatcher
from nutrition.foods.model import FoodRow
from nutrition.foods.regions import assumed_country, regional_key


def with_food(item: ParsedItem, food: FoodRow, grams: float | None = None) -> ParsedItem:
    """Return the item as `grams` (default: the same grams) of another food."""
    weight = item.grams if grams is None else grams
    nutrients = food.per_grams(weight)
    return replace(
        item,
        food=food,
        grams=weight,
        calcium_mg=nutrients["calcium_mg"],
        vitamin_d_iu=nutrients["vitamin_d_iu"],
        vitamin_k_ug=nutrients["vitamin_k_ug"],
    )


def weighed(item: ParsedItem, food: FoodRow, assumed: ModifierPortion) -> ParsedItem:
    """Return the item counted at a modifier portion: its assumed ml of `food`, approximate.

    The item's quantity and unit become the assumed ml, so a candidate chosen instead (skim
    for whole milk) is weighed at the same small amount, not at a cup.
    """
    amount = grams_of(food, assumed.ml, "ml")
    counted = with_food(item, food, amount.grams)
    return replace(counted, approximate=True, modifier=assumed, quantity=assumed.ml, unit="ml")


def with_modifier_ml(item: ParsedItem, ml: float) -> ParsedItem:
    """Return a modifier item recounted at the ml the user gave instead of the assumption."""
    if item.food is None or item.modifier is None or not 0 < ml <= MAX_ITEM_GRAMS:
        raise ValueError("only a modifier item can be recounted, at a plausible volume")
    servings = ml / item.modifier.ml_per_serving
    return weighed(item, item.food, replace(item.modifier, servings=servings))


def choose(
    item: ParsedItem, matcher: FoodMatcher, preferences: Mapping[str, str] | None
) -> ParsedItem:
    """Settle a bare "tofu" on the user's earlier choice, or offer the group's rows to ask."""
    if item.food is None or item.modifier is not None:
        return item
    group = group_of(item.food.key)
    if group is None:
        return item
    chosen = preferred(group, preferences)
    row = matcher.get(chosen) if chosen else None
    if row is not None:
        amount = grams_of(row, item.quantity, item.unit)
        remembered = Assumption("remembered_choice", group.name)
        settled = with_food(item, row, amount.grams)
        assumptions = (*item.assumptions, remembered)
        return replace(settled, choice_group=group.name, assumptions=assumptions)
    rows = (matcher.get(key) for key in group.options)
    options = tuple(Candidate(row, 100.0, False, 1.0) for row in rows if row is not None)
    return replace(item, candidates=options, confident=False, choice_group=group.name)


def regionalise(item: ParsedItem, matcher: FoodMatcher, country: str | None) -> ParsedItem:
    """Swap a fortified milk or bread for the country's own, keeping the grams; say which."""
    if item.food is None:
        return item
    food = item.food
    key, assumption = regional_key(food.key, assumed_country(country, item.text), item.text)
    regional = matcher.get(key) if key != food.key else None
    if regional is not None:
        options = tuple(
            replace(option, food=regional) if option.food.key == food.key else option
            for option in item.candidates
        )
        item = replace(with_food(item, regional), candidates=options)
    if assumption is not None and (regional is not None or assumption.kind == "fortified"):
        item = replace(item, assumptions=(*item.assumptions, assumption))
    return item


def finish(
    item: ParsedItem,
    matcher: FoodMatcher,
    *,
    country: str | None,
    preferences: Mapping[str, str] | None,
) -> ParsedItem:
    """Apply the choice, the country's row and the absorption note to a found item."""
    if item.food is None or item.problem is not None:
        return item
    item = regionalise(choose(item, matcher, preferences), matcher, country)
    return replace(item, flags=flags_of(item.food.key)) if item.food else item
