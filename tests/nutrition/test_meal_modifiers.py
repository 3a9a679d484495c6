"""Small ingredients: milk in coffee or tea, on cereal, in a latte, counted at modifier portions."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutrition.foods import ParsedItem, parse_meal
from nutrition.foods.adjust import with_modifier_ml
from nutrition.foods.amounts import grams_of
from nutrition.foods.modifiers import PORTION_ML

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def second(text: str) -> ParsedItem:
    """Parse a two-item text and return the second item (the ingredient)."""
    items = parse_meal(text).items
    assert len(items) == 2, items
    return items[1]


@pytest.mark.parametrize(
    ("text", "context", "ml"),
    [
        ("coffee with milk", "coffee_tea", 40),
        ("tea with milk", "coffee_tea", 40),
        ("a mug of tea with some milk", "coffee_tea", 40),
        ("咖啡加牛奶", "coffee_tea", 40),
        ("咖啡加奶", "coffee_tea", 40),
        ("coffee with a splash of milk", "splash", 30),
        ("tea with a little milk", "splash", 30),
        ("红茶加一点牛奶", "splash", 30),
        ("咖啡里加了点牛奶", "splash", 30),
        ("a bowl of cereal with milk", "cereal", 125),
        ("cheerios with skim milk", "cereal", 125),
        ("oatmeal made with milk", "cereal", 125),
        ("燕麦粥加牛奶", "cereal", 125),
        ("coffee with cream", "cream", 15),
        ("coffee with half and half", "cream", 15),
    ],
)
def test_a_milk_without_its_own_amount_gets_a_modifier_portion(
    text: str, context: str, ml: float
) -> None:
    """Milk or cream beside coffee, tea or cereal counts its small portion, not a cup."""
    milk = second(text)
    assert milk.food is not None and milk.modifier is not None
    assert (milk.modifier.context, milk.modifier.ml) == (context, ml)
    assert milk.grams == pytest.approx(grams_of(milk.food, ml, "ml").grams)
    assert milk.approximate  # an assumption the bot shows and the user can change


def test_the_issue_examples_no_longer_count_a_cup_of_milk() -> None:
    """ "coffee with milk" and "tea with a splash of milk" add 30–50 ml, a cup was 244 g."""
    assert parse_meal("coffee with milk").total_calcium_mg == pytest.approx(4.74 + 49.5, abs=0.5)
    assert second("tea with a splash of milk").grams == pytest.approx(30.9, abs=0.1)


def test_an_amount_the_user_gives_is_taken_as_given() -> None:
    """ "coffee with 100 ml milk" counts 100 ml, with no modifier assumption."""
    milk = second("coffee with 100 ml milk")
    assert milk.modifier is None
    assert milk.grams == pytest.approx(100 * 244 / 236.588, rel=1e-3)


@pytest.mark.parametrize("text", ["coffee and milk", "milk, coffee", "a glass of milk"])
def test_milk_as_a_drink_of_its_own_is_a_full_portion(text: str) -> None:
    """Milk that is not added to coffee, tea or cereal is a glass of milk (244 g)."""
    milk = next(item for item in parse_meal(text).items if item.food and "milk" in item.text)
    assert milk.modifier is None
    assert milk.grams == 244.0


def test_milk_with_food_that_is_not_a_host_stays_a_food() -> None:
    """ "bread with milk" is bread and a glass of milk: only drinks and cereals take a dash."""
    assert second("bread with milk").modifier is None


def test_the_portion_follows_the_servings_of_the_host() -> None:
    """Two cups of coffee with milk hold twice the milk of one."""
    milk = second("2 cups of coffee with milk")
    assert milk.modifier is not None
    assert (milk.modifier.servings, milk.modifier.ml) == (2.0, 80.0)


def test_splashes_are_counted() -> None:
    """ "two splashes of milk" is 60 ml; a splash alone is 30 ml."""
    (item,) = parse_meal("two splashes of milk").items
    assert item.modifier is not None and item.modifier.ml == 60.0


@pytest.mark.parametrize(
    ("text", "ml"),
    [
        ("a latte", 170),
        ("two lattes", 340),
        ("a cup of latte", 170),
        ("500 ml latte", 425),
        ("a cappuccino", 85),
        ("a flat white", 140),
        ("一杯拿铁", 170),
        ("一杯卡布奇诺", 85),
    ],
)
def test_milk_drinks_count_the_milk_they_hold(text: str, ml: float) -> None:
    """A latte or cappuccino is its milk: 170 ml or 85 ml a drink, by the drink's volume."""
    (item,) = parse_meal(text).items
    assert item.food is not None and item.modifier is not None
    assert item.modifier.context == "milk_drink"
    assert item.modifier.ml == pytest.approx(ml)
    assert item.grams == pytest.approx(grams_of(item.food, ml, "ml").grams)
    assert item.confident


def test_too_many_milk_drinks_are_a_problem() -> None:
    """ "50 lattes" is flagged as too much, never counted."""
    (item,) = parse_meal("50 lattes").items
    assert item.problem == "too_much"
    assert item.calcium_mg is None


ENGLISH_HOSTS = ["coffee", "black coffee", "tea", "cereal", "cheerios", "oatmeal", "porridge"]
ENGLISH_AMOUNTS = ["", "a cup of ", "2 cups of ", "a bowl of ", "a mug of ", "3 "]
ENGLISH_JOINS = ["with", "with a splash of", "with a little", "with some", "made with"]
ENGLISH_MILKS = ["milk", "skim milk", "whole milk", "soy milk", "cream", "half and half"]
CHINESE_HOSTS = ["咖啡", "红茶", "燕麦粥", "茶"]
CHINESE_AMOUNTS = ["", "一杯", "两杯", "一碗"]
CHINESE_JOINS = ["加", "加了", "加一点", "加了点", "里加了点"]
CHINESE_MILKS = ["牛奶", "奶", "脱脂牛奶", "全脂牛奶", "豆浆", "奶油"]


@st.composite
def modified_meals(draw: st.DrawFn) -> str:
    """Draw "<amount><host> <join> <milk>" in English or in Chinese."""
    if draw(st.booleans()):
        parts = (ENGLISH_AMOUNTS, ENGLISH_HOSTS, ENGLISH_JOINS, ENGLISH_MILKS)
        amount, host, join, milk = (draw(st.sampled_from(part)) for part in parts)
        return f"{amount}{host} {join} {milk}"
    parts = (CHINESE_AMOUNTS, CHINESE_HOSTS, CHINESE_JOINS, CHINESE_MILKS)
    amount, host, join, milk = (draw(st.sampled_from(part)) for part in parts)
    return f"{amount}{host}{join}{milk}"


@SETTINGS
@given(modified_meals())
def test_a_modifier_never_adds_more_than_its_portion(text: str) -> None:
    """Whatever the host, join and milk, the added milk weighs at most its modifier portion
    per serving of the host, and never the cup it would weigh on its own."""
    host, milk = parse_meal(text).items
    assert host.food is not None and milk.food is not None, text
    assert milk.modifier is not None, text
    portion_ml = PORTION_ML[milk.modifier.context]
    assert milk.modifier.ml == pytest.approx(portion_ml * milk.modifier.servings)
    limit = grams_of(milk.food, portion_ml * milk.modifier.servings, "ml").grams
    assert milk.grams <= limit + 1e-6, text
    a_cup = grams_of(milk.food, 236.588 * milk.modifier.servings, "ml").grams
    assert milk.grams < a_cup, text
    assert milk.calcium_mg is not None and host.calcium_mg is not None
    assert (
        parse_meal(text).total_calcium_mg
        <= host.calcium_mg + milk.food.per_grams(limit)["calcium_mg"] + 1e-6
    )


def test_a_modifier_item_carries_its_assumed_volume() -> None:
    """The milk of "coffee with milk" reads as 40 ml, so another milk chosen instead is 40 ml."""
    milk = second("coffee with milk")
    assert (milk.quantity, milk.unit) == (40.0, "ml")
    skim = next(c.food for c in milk.candidates if c.food.ndb == "01085")
    assert grams_of(skim, milk.quantity, milk.unit).grams == pytest.approx(41.4, abs=0.1)


def test_the_user_can_change_the_assumed_volume() -> None:
    """Recounting the milk at 100 ml gives 100 ml's grams and calcium, still as a modifier."""
    milk = with_modifier_ml(second("coffee with milk"), 100.0)
    assert milk.modifier is not None and milk.modifier.ml == pytest.approx(100.0)
    assert milk.grams == pytest.approx(103.1, abs=0.1)
    assert milk.calcium_mg == pytest.approx(123.8, abs=0.1)
    with pytest.raises(ValueError, match="modifier item"):
        with_modifier_ml(parse_meal("a glass of milk").items[0], 100.0)
