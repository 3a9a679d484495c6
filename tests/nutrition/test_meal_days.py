"""Meals of another day: "yesterday I had …" and "昨天喝了…" report a day offset to confirm."""

from __future__ import annotations

import pytest

from nutrition.foods import parse_meal
from nutrition.foods.days import day_offset


@pytest.mark.parametrize(
    ("text", "offset"),
    [
        ("yesterday I had 2 cups of milk", -1),
        ("2 cups of milk yesterday", -1),
        ("last night I ate 100 g cheddar", -1),
        ("the day before yesterday I had yogurt", -2),
        ("昨天喝了两杯牛奶", -1),
        ("昨晚吃了一碗米饭", -1),
        ("前天吃了100克豆腐干", -2),
        ("today I had an apple", 0),
        ("今天早上喝了一杯牛奶", 0),
    ],
)
def test_day_words_give_the_meal_an_offset(text: str, offset: int) -> None:
    """English and Chinese day words set the meal's and the item's day offset."""
    meal = parse_meal(text)
    assert meal.day_offset == offset
    assert [item.day_offset for item in meal.items] == [offset]
    assert meal.items[0].food is not None


def test_yesterday_is_still_counted_but_confirmed() -> None:
    """The milk of yesterday is read as usual (488 g), and the bot is told to confirm."""
    meal = parse_meal("yesterday I had 2 cups of milk")
    assert meal.items[0].grams == 488.0
    assert meal.needs_confirmation
    assert not parse_meal("2 cups of milk").needs_confirmation


def test_a_day_word_on_its_own_applies_to_the_items_after_it() -> None:
    """ "yesterday: milk, an apple" puts both items on yesterday."""
    meal = parse_meal("yesterday: a glass of milk, an apple")
    assert [item.day_offset for item in meal.items] == [-1, -1]


def test_items_may_belong_to_different_days() -> None:
    """ "yesterday milk, today an apple" keeps each item on its own day."""
    meal = parse_meal("yesterday a glass of milk, today an apple")
    assert [item.day_offset for item in meal.items] == [-1, 0]
    assert meal.day_offset == -1


def test_no_day_word_means_today() -> None:
    """Without a day word the offset is 0 and day_offset() says there was none."""
    assert parse_meal("an apple").day_offset == 0
    assert day_offset("an apple") is None
    assert day_offset("the yesterdays") is None  # whole words only
