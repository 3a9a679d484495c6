"""Spinach, rhubarb, chard and amaranth: counted, with a note that little calcium is absorbed."""

from __future__ import annotations

import pytest

from nutrition.foods import default_matcher, parse_meal
from nutrition.foods.absorption import LOW_ABSORPTION_OXALATE, OXALATE_KEYS


@pytest.mark.parametrize(
    "text",
    [
        "a cup of cooked spinach",
        "2 cups raw spinach",
        "一斤菠菜",
        "a stalk of rhubarb",
        "a cup of cooked swiss chard",
        "chard",
        "200克苋菜",
    ],
)
def test_oxalate_greens_are_counted_with_a_flag(text: str) -> None:
    """Their calcium stays in the total, and the item carries the low-absorption flag."""
    (item,) = parse_meal(text).items
    assert item.calcium_mg is not None and item.calcium_mg > 0
    assert item.flags == (LOW_ABSORPTION_OXALATE,)


@pytest.mark.parametrize("text", ["a cup of milk", "a cup of cooked kale", "200克小白菜"])
def test_other_calcium_foods_carry_no_flag(text: str) -> None:
    """Milk, kale and bok choy are well absorbed and carry no note."""
    (item,) = parse_meal(text).items
    assert item.flags == ()


def test_every_flagged_key_is_a_built_in_row() -> None:
    """The flag list names only rows of the packaged table (no stale keys)."""
    matcher = default_matcher()
    assert all(matcher.get(key) is not None for key in OXALATE_KEYS)
