"""The CLI-facing estimate, its text form, and food search."""

from __future__ import annotations

from bot.food_cli import format_estimate, format_search
from nutrition.foods import (
    FoodMatcher,
    builtin_foods,
    custom_food,
    estimate,
    search,
)

FIVE = ("text", "food", "ndb", "grams", "calcium_mg")


def test_estimate_has_exactly_the_documented_shape() -> None:
    """estimate() returns items, total_calcium_mg and unmatched; items keep their five keys."""
    result = estimate("2 cups of skim milk and 100 g tofu")
    assert set(result) == {"items", "total_calcium_mg", "unmatched"}
    assert [item["ndb"] for item in result["items"]] == ["01085", "16126"]
    assert {key: result["items"][0][key] for key in FIVE} == {
        "text": "2 cups of skim milk",
        "food": "Skim milk",
        "ndb": "01085",
        "grams": 490.0,
        "calcium_mg": 597.8,
    }
    assert result["total_calcium_mg"] == 798.8
    assert result["unmatched"] == []


def test_items_add_what_was_assumed() -> None:
    """Each item adds its key, modifier, assumptions, flags, choice group and day offset."""
    milk, tofu = estimate("yesterday: coffee with milk, 100 g tofu", country="DE")["items"][1:]
    assert milk["key"] == "ndb:01174"
    assert milk["modifier"] == {"context": "coffee_tea", "host": "coffee", "ml": 40.0}
    assert milk["assumptions"] == [{"kind": "unfortified", "detail": "DE"}]
    assert (milk["day_offset"], tofu["day_offset"]) == (-1, -1)
    assert tofu["choice_group"] == "tofu"
    spinach = estimate("一斤菠菜")["items"][0]
    assert (spinach["key"], spinach["flags"]) == ("cfct:045301", ["low_absorption_oxalate"])
    assert spinach["cite"].endswith("food code 045301")


def test_implausible_and_unknown_items_are_not_counted() -> None:
    """Absurd amounts and unknown foods go to "unmatched" and stay out of the total."""
    result = estimate("a glass of milk, 5 kg of cheese, 2 zongzi")
    assert [item["ndb"] for item in result["items"]] == ["01079"]
    assert result["unmatched"] == ["5 kg of cheese", "2 zongzi"]


def test_estimate_accepts_rows_or_a_matcher() -> None:
    """`table` may be a matcher or plain rows, such as a user's custom foods."""
    mine = custom_food("my soy milk", calcium_mg=300, unit="cup", grams=243)
    by_rows = estimate("1 cup my soy milk", table=[*builtin_foods(), mine])
    by_matcher = estimate("1 cup my soy milk", table=FoodMatcher(builtin_foods()).with_rows([mine]))
    assert by_rows == by_matcher
    assert by_rows["total_calcium_mg"] == 300.0
    assert by_rows["items"][0]["ndb"] is None


def test_format_estimate_lists_items_total_and_leftovers() -> None:
    """The text form names each food, its NDB or key, grams, calcium, total and what was skipped."""
    text = format_estimate(estimate("一杯牛奶，两个馒头，一个粽子"))
    assert "Whole milk, no added vitamin D [NDB 01211]: 244 g, 275.7 mg calcium" in text
    assert "Mantou (Chinese steamed bun) [cfct:011404x]: 200 g, 76 mg calcium" in text
    assert "Total calcium: 351.7 mg" in text
    assert "一个粽子" in text


def test_search_returns_ranked_foods_with_calcium() -> None:
    """search() finds foods by name with calcium per 100 g and a default portion."""
    hits = search("tofu", limit=5)
    assert 1 <= len(hits) <= 5
    assert hits[0]["ndb"] == "16126"
    assert hits[0]["calcium_mg_per_100g"] == 201.0
    assert hits[0]["default_portion"] == "0.5 cup (126 g)"
    assert "16126  Tofu" in format_search(hits)
    assert format_search([]) == "No food found."
