"""Fuzzy food matching: names and aliases in two languages, layers of extra rows, speed."""

from __future__ import annotations

import time

import pytest

from nutrition.foods import (
    FoodMatcher,
    FoodRow,
    Portion,
    builtin_foods,
    custom_food,
    default_matcher,
)


def usda_row(ndb: str, name: str, calcium_mg: float = 100.0) -> FoodRow:
    """Build a row as `load_sr_release` would, for layering tests."""
    return FoodRow(name=name, ndb=ndb, calcium_mg=calcium_mg, source="usda", sr_name=name,
                   portions=(Portion(1.0, "cup", 240.0, "cup"),))  # fmt: skip


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("skim milk", "ndb:01085"),
        ("nonfat milk", "ndb:01085"),
        ("fat free milk", "ndb:01085"),
        ("Whole Milk", "ndb:01077"),
        ("yoghurt", "ndb:01116"),
        ("brocoli", "ndb:11090"),
        ("chiken breast", "ndb:05064"),
        ("牛奶", "ndb:01077"),
        ("豆腐", "cfct:031301x"),
        ("北豆腐", "cfct:031306"),
        ("石膏豆腐", "ndb:16426"),
        ("虾", "ndb:15151"),
        ("虾皮", "cfct:122205"),
        ("芝麻酱", "ndb:12169"),
        ("西蓝花", "ndb:11090"),
        ("calcium-fortified orange juice", "ndb:09211"),
        ("sardines with bones", "ndb:15088"),
        ("1 % cottage cheese", "ndb:01016"),
    ],
)
def test_names_aliases_and_misspellings_find_the_food(text: str, key: str) -> None:
    """English, Chinese, aliases and small misspellings all reach the intended food."""
    best = default_matcher().match(text).best
    assert best is not None
    assert best.food.key == key


def test_candidates_are_three_distinct_foods_best_first() -> None:
    """At most three candidates come back, one per food, ordered by rank."""
    candidates = default_matcher().match("tofu").candidates
    assert len(candidates) == 3
    assert len({c.food.key for c in candidates}) == 3
    assert [c.rank for c in candidates] == sorted((c.rank for c in candidates), reverse=True)


def test_nonsense_has_no_food() -> None:
    """Text unlike any food name yields no accepted food."""
    assert default_matcher().match("xqzvbn").best is None
    assert default_matcher().match("").candidates == ()


def test_lookup_finds_exact_names_only() -> None:
    """`lookup` answers exact names and aliases and nothing fuzzy."""
    matcher = default_matcher()
    assert (food := matcher.lookup("mac and cheese")) is not None
    assert food.ndb == "22247"
    assert matcher.lookup("mac and chees") is None


def test_imported_rows_are_searched_but_rank_below_built_in() -> None:
    """An SR-imported row is found by its own words; a built-in duplicate NDB is skipped."""
    matcher = default_matcher().with_rows(
        [usda_row("01079", "Milk, reduced fat"), usda_row("99001", "Lambsquarters, raw")]
    )
    assert sum(row.ndb == "01079" for row in matcher.rows) == 1
    best = matcher.match("lambsquarters").best
    assert best is not None
    assert best.food.ndb == "99001"
    milk = matcher.match("milk").best
    assert milk is not None
    assert milk.food.source == "builtin"


def test_custom_rows_are_found_by_key_and_name() -> None:
    """A custom food is searchable by name and retrievable by its short key."""
    mine = custom_food("grandma's sesame paste", calcium_mg=150, grams=15, unit="tbsp",
                       custom_id="42")  # fmt: skip
    matcher = default_matcher().with_rows([mine])
    assert matcher.get("custom:42") == mine
    best = matcher.match("grandmas sesame paste").best
    assert best is not None
    assert best.food == mine


def test_layers_share_the_built_in_index() -> None:
    """Adding rows leaves the base matcher unchanged."""
    base = FoodMatcher(builtin_foods())
    extended = base.with_rows([custom_food("x food", calcium_mg=1, grams=10)])
    assert len(extended.rows) == len(base.rows) + 1
    assert base.lookup("x food") is None


def test_household_units_come_from_sr_weights() -> None:
    """The matcher knows each food's own measure words, such as "stalk" and "clove"."""
    assert {"stalk", "clove", "slice", "container"} <= default_matcher().household_units


@pytest.mark.realtime
def test_matching_is_fast_on_the_built_in_table() -> None:
    """A cold search of the built-in table takes well under two milliseconds."""
    matcher = FoodMatcher(builtin_foods())
    start = time.perf_counter()
    for text in ("calcium fortified soy milk", "steamed bok choy", "greek yoghurt", "炒青菜"):
        matcher.match(text)
    assert (time.perf_counter() - start) / 4 < 0.02  # generous; bench/meals.py measures
