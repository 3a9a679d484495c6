"""The meal parser: splitting, amounts, units, weights and the flags the bot acts on."""

from __future__ import annotations

import time

import pytest

from nutrition.foods import FoodMatcher, ParsedItem, builtin_foods, custom_food, parse_meal


def only(text: str) -> ParsedItem:
    """Parse a one-item text and return that item."""
    items = parse_meal(text).items
    assert len(items) == 1, items
    return items[0]


def test_issue_example_in_english() -> None:
    """The issue's English example gives 490 g of skim milk and 100 g of tofu."""
    milk, tofu = parse_meal("2 cups of skim milk and 100 g tofu").items
    assert (milk.food and milk.food.ndb, milk.grams) == ("01085", 490.0)
    assert (tofu.food and tofu.food.ndb, tofu.grams) == ("16126", 100.0)
    assert milk.calcium_mg == pytest.approx(2 * 245 * 1.22)


def test_issue_example_in_chinese() -> None:
    """The issue's Chinese example gives a cup of milk and two slices of bread."""
    milk, bread = parse_meal("一杯牛奶，两片面包").items
    assert (milk.unit, milk.grams) == ("cup", 244.0)
    assert (bread.unit, bread.quantity, bread.grams) == ("slice", 2.0, 56.0)


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("1/2 cup milk", 0.5),
        ("½ cup milk", 0.5),
        ("1 1/2 cups milk", 1.5),
        ("1½ cups milk", 1.5),
        ("1.5 cups milk", 1.5),
        ("1,5 cups milk", 1.5),
        ("one cup milk", 1),
        ("twelve cups milk", 12),
        ("half a cup of milk", 0.5),
        ("a cup and a half of milk", 1.5),
        ("two and a half cups of milk", 2.5),
        ("半杯牛奶", 0.5),
        ("一杯半牛奶", 1.5),
        ("十二杯牛奶", 12),
        ("两杯牛奶", 2),
    ],
)
def test_quantities(text: str, quantity: float) -> None:
    """Digits, fractions, vulgar fractions, English words and Chinese numerals are read."""
    assert only(text).quantity == pytest.approx(quantity)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("100 g tofu", "g"),
        ("0.1 kg tofu", "kg"),
        ("200 ml milk", "ml"),
        ("1 l milk", "l"),
        ("8 fl oz milk", "fl oz"),
        ("3 oz salmon", "oz"),
        ("1 lb ground beef", "lb"),
        ("2 tablespoons tahini", "tbsp"),
        ("1 tsp sugar", "tsp"),
        ("a can of sardines", "can"),
        ("a container of yogurt", "container"),
        ("a serving of rice", "serving"),
        ("a glass of milk", "glass"),
        ("a bowl of rice", "bowl"),
        ("a piece of cake", "piece"),
        ("a stalk of celery", "stalk"),
        ("一碗米饭", "bowl"),
        ("一勺芝麻", "tbsp"),
        ("200毫升牛奶", "ml"),
        ("一瓶可乐", "bottle"),
    ],
)
def test_units(text: str, unit: str) -> None:
    """Generic units, the food's own measures and Chinese measure words are recognised."""
    assert only(text).unit == unit


def test_volume_uses_the_foods_own_cup_weight() -> None:
    """250 ml of milk weighs what SR26's cup of milk implies (244 g per cup), not 250 g."""
    item = only("250 ml of milk")
    assert item.grams == pytest.approx(250 * 244 / 236.588, rel=1e-4)
    assert not item.approximate


def test_volume_without_any_volume_weight_is_approximate() -> None:
    """A volume of a food SR26 never weighs by volume assumes 1 g/ml and says so."""
    item = only("2 tbsp chia seeds")
    assert item.grams == pytest.approx(2 * 14.7868)
    assert item.approximate


def test_no_amount_means_the_default_portion() -> None:
    """A bare food name counts one default portion (SR26's first or curated measure)."""
    assert only("an apple").grams == 182.0
    assert only("a slice of cheddar").grams == 28.0
    assert only("milk").grams == 244.0


def test_counts_use_a_countable_measure() -> None:
    """Counting "6 shrimp" uses a shrimp's weight (SR26: 4 large = 22 g), not 3-oz servings."""
    assert only("6 shrimp").grams == pytest.approx(33.0)
    assert only("10 almonds").grams == pytest.approx(12.0)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1e9 cups of milk", "too_much"),
        ("5 kg of cheese", "too_much"),
        ("25 eggs", "too_much"),
        ("1e999 cups of milk", "too_much"),
        ("-2 eggs", "negative"),
        ("minus 2 eggs", "negative"),
        ("nan cups of milk", "not_a_number"),
        ("1/0 cup milk", "not_a_number"),
    ],
)
def test_absurd_amounts_are_flagged(text: str, problem: str) -> None:
    """An implausible amount is flagged, weighs nothing and is left out of the total."""
    item = only(text)
    assert item.problem == problem
    assert item.grams == 0.0
    assert item.calcium_mg is None
    assert not item.confident
    assert parse_meal(text).total_calcium_mg == 0.0


def test_many_small_things_are_not_too_much() -> None:
    """Thirty almonds are a plausible snack even though they are more than twenty units."""
    assert only("30 almonds").problem is None


@pytest.mark.parametrize("text", ["", "   ", "🍎🍌", "asdf qwerty", "ÆØÅ ∑∫", "\x00\x01", "。。。"])
def test_garbage_gives_no_items_or_unmatched_text(text: str) -> None:
    """Empty or meaningless input gives no food and no crash."""
    meal = parse_meal(text)
    assert all(item.food is None for item in meal.items)
    assert meal.total_calcium_mg == 0.0


def test_unknown_food_is_listed_as_unmatched() -> None:
    """A food the table lacks ("zongzi") is returned as unmatched text."""
    meal = parse_meal("a cup of milk and 2 zongzi")
    assert meal.unmatched == ("2 zongzi",)
    assert meal.needs_confirmation


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("milk, bread; apple", 3),
        ("milk\nbread\napple", 3),
        ("milk and bread plus an apple", 3),
        ("coffee with milk", 2),
        ("牛奶，面包、苹果", 3),
        ("牛奶和面包还有苹果", 3),
        ("牛奶及面包；苹果", 3),
        ("mac and cheese", 1),
        ("sardines with bones", 1),
        ("orange juice with calcium", 1),
        ("two and a half cups of milk", 1),
        ("cheddar, 2 slices", 1),
    ],
)
def test_items_are_split_on_separators(text: str, count: int) -> None:
    """Commas, "and", "with", "plus", newlines and Chinese separators split items, names don't."""
    assert len(parse_meal(text).items) == count


def test_filler_words_are_ignored() -> None:
    """Words such as "I had … for breakfast" and "我早餐喝了" do not hide the food."""
    assert only("I had a banana for breakfast").food is not None
    assert only("我早餐喝了一杯豆浆").unit == "cup"


def test_ambiguous_text_is_not_confident() -> None:
    """A text matching several foods equally well is left for the bot to ask about."""
    item = only("奶茶")
    assert not item.confident
    assert len(item.candidates) >= 1


def test_exact_name_is_confident() -> None:
    """A food's own name or alias is taken without asking, with up to three candidates."""
    item = only("skim milk")
    assert item.confident
    assert len(item.candidates) <= 3
    assert item.candidates[0].score == 100.0


def test_custom_food_wins_over_built_in() -> None:
    """A user's own "my soy milk" (300 mg a cup) is found and used ahead of the table."""
    mine = custom_food("my soy milk", calcium_mg=300, unit="cup", grams=243, custom_id="7")
    matcher = FoodMatcher(builtin_foods()).with_rows([mine])
    item = parse_meal("2 cups of my soy milk", matcher).items[0]
    assert item.food == mine
    assert item.calcium_mg == pytest.approx(600)
    assert item.confident


@pytest.mark.realtime
@pytest.mark.parametrize("text", ["一二三四五六七八九十" * 400, "milk and " * 600, "1 " * 2000])
def test_hostile_long_input_stays_fast(text: str) -> None:
    """A message-sized run of numerals or separators parses in well under half a second."""
    parse_meal("milk")  # build the shared matcher outside the timing
    start = time.perf_counter()
    parse_meal(text)
    assert time.perf_counter() - start < 2.0  # generous bound; bench/meals.py measures


def test_a_number_at_the_end_of_a_latin_name_is_not_an_amount() -> None:
    """Only Chinese text reads a trailing bare number as the amount ("鸡蛋 2")."""
    mine = custom_food("my food 3", calcium_mg=100, grams=100)
    matcher = FoodMatcher(builtin_foods()).with_rows([mine])
    item = parse_meal("2 cups of my food 3", matcher).items[0]
    assert (item.food, item.quantity, item.unit) == (mine, 2.0, "cup")
    assert only("鸡蛋 2").quantity == 2.0
