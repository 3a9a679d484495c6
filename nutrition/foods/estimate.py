"""Calcium estimates for the CLI: `calcibot foods estimate [--json] TEXT` and `foods search`."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from nutrition.foods.matcher import FoodMatcher, default_matcher
from nutrition.foods.model import FoodRow
from nutrition.foods.parser import MealParser, ParsedItem

Table = FoodMatcher | Iterable[FoodRow] | None


def _matcher(table: Table) -> FoodMatcher:
    if table is None:
        return default_matcher()
    if isinstance(table, FoodMatcher):
        return table
    return FoodMatcher(table)


def _counted(item: ParsedItem) -> bool:
    return item.food is not None and item.problem is None and item.calcium_mg is not None


def _entry(item: ParsedItem, food: FoodRow, calcium_mg: float) -> dict[str, Any]:
    """Return one counted item: the five original keys, then what was assumed about it."""
    return {
        "text": item.text,
        "food": food.name,
        "ndb": food.ndb,
        "grams": round(item.grams, 1),
        "calcium_mg": round(calcium_mg, 1),
        "key": food.key,
        "cite": food.cite,
        "approximate": item.approximate,
        "modifier": None if item.modifier is None else item.modifier.to_dict(),
        "assumptions": [assumption.to_dict() for assumption in item.assumptions],
        "flags": list(item.flags),
        "choice_group": item.choice_group,
        "day_offset": item.day_offset,
    }


def estimate(
    text: str,
    table: Table = None,
    *,
    country: str | None = None,
    preferences: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """Estimate the calcium of a meal text, taking each item's best food without asking.

    `country` ("US", "DE", "CN", or a reference set "us"/"eu"/"cn") picks fortified or plain
    milk and bread; without it an item is read as Chinese (CN) if written in Chinese, else US.
    Each item says what was assumed ("assumptions", "modifier") and notes ("flags").
    """
    # Items naming no food, with an implausible amount, or whose food has no calcium value in
    # SR26 are listed under "unmatched" and left out of the total rather than counted as zero.
    meal = MealParser(_matcher(table), country=country, preferences=preferences).parse(text)
    items: list[dict[str, Any]] = []
    unmatched: list[str] = []
    for item in meal.items:
        if not _counted(item) or item.food is None or item.calcium_mg is None:
            unmatched.append(item.text)
            continue
        items.append(_entry(item, item.food, item.calcium_mg))
    total = round(sum(entry["calcium_mg"] for entry in items), 1)
    return {"items": items, "total_calcium_mg": total, "unmatched": unmatched}


def search(query: str, limit: int = 10, table: Table = None) -> list[dict[str, Any]]:
    """Return up to `limit` foods matching a name, best first, with calcium per 100 g."""
    hits = _matcher(table).match(query, limit=max(1, limit)).candidates
    return [
        {
            "ndb": hit.food.ndb,
            "key": hit.food.key,
            "food": hit.food.name,
            "name_zh": hit.food.name_zh,
            "score": hit.score,
            "calcium_mg_per_100g": hit.food.calcium_mg,
            "default_portion": portion.label() if (portion := hit.food.default()) else None,
        }
        for hit in hits
    ]
