"""Qualifiers choose the food row ("made with calcium sulfate", "1 %", "a can of salmon")."""

from __future__ import annotations

import pytest

from nutrition.foods import ParsedItem, parse_meal


def only(text: str) -> ParsedItem:
    """Parse a one-item text and return that item."""
    items = parse_meal(text).items
    assert len(items) == 1, items
    return items[0]


def test_tofu_made_with_calcium_sulfate_is_one_food() -> None:
    """The issue's example is one item of calcium-sulfate tofu: ½ cup 124 g, 434 mg (DGA)."""
    item = only("half a cup of tofu made with calcium sulfate")
    assert item.food is not None
    assert (item.food.ndb, item.grams) == ("16427", 124.0)
    assert item.calcium_mg == pytest.approx(434.0)
    assert item.text == "half a cup of tofu made with calcium sulfate"
    assert item.confident and item.choice_group is None


@pytest.mark.parametrize(
    ("text", "ndb"),
    [
        ("tofu set with calcium sulfate", "16427"),
        ("tofu prepared with calcium sulfate", "16427"),
        ("firm tofu made with calcium sulfate", "16426"),
        ("tofu made with nigari", "16159"),
        ("1 cup 1 % cottage cheese", "01016"),
        ("1 cup 1% cottage cheese", "01016"),
        ("1 % milk", "01082"),
        ("a cup of low-fat yogurt", "01117"),
        ("a cup of fortified soy milk", "16139"),
        ("salmon canned with bones", "15084"),
    ],
)
def test_qualifiers_choose_the_row(text: str, ndb: str) -> None:
    """Coagulant, fat level, fortification and "with bones" pick the row, not a new item."""
    item = only(text)
    assert item.food is not None and item.food.ndb == ndb


def test_1_percent_cottage_cheese_matches_the_published_value() -> None:
    """ "1 cup 1 % cottage cheese" is SR26 01016, 226 g, 138 mg as in the ODS table."""
    item = only("1 cup 1 % cottage cheese")
    assert item.grams == 226.0
    assert item.calcium_mg == pytest.approx(137.9, abs=0.1)


@pytest.mark.parametrize("text", ["a can of salmon", "a tin of salmon", "1 can salmon"])
def test_a_can_of_salmon_is_canned_salmon_with_bones(text: str) -> None:
    """A can of salmon is SR26's canned pink salmon with bones (1 can 411 g), said so."""
    item = only(text)
    assert item.food is not None and item.food.ndb == "15084"
    assert item.grams == 411.0
    assert [a.kind for a in item.assumptions] == ["canned"]


def test_a_can_of_a_canned_food_or_a_drink_stays_as_it_is() -> None:
    """Sardines are already the canned row, and a can of coke is not "canned coke"."""
    sardines, coke = parse_meal("a can of sardines, a can of coke").items
    assert sardines.food is not None and sardines.food.ndb == "15088"
    assert coke.food is not None and coke.food.ndb == "14148"
    assert sardines.assumptions == coke.assumptions == ()


@pytest.mark.parametrize("text", ["cereal", "a bowl of cereal", "breakfast cereal"])
def test_cereal_is_a_plain_cereal(text: str) -> None:
    """A bare "cereal" is plain corn flakes (7 mg/100 g), not calcium-rich All-Bran."""
    item = only(text)
    assert item.food is not None and item.food.ndb == "08020"
    assert item.calcium_mg is not None and item.calcium_mg < 5


def test_an_unknown_qualifier_adds_nothing_and_is_reported() -> None:
    """ "bread made with milk" is the bread: the milk in it is not a second item."""
    item = only("bread made with milk")
    assert item.food is not None and item.food.ndb == "18069"
    assert [(a.kind, a.detail) for a in item.assumptions][:1] == [("qualifier_ignored", "milk")]


def test_made_with_milk_in_oatmeal_is_a_modifier() -> None:
    """ "oatmeal made with milk" is oatmeal and 125 ml milk, not a cup of milk."""
    oatmeal, milk = parse_meal("oatmeal made with milk").items
    assert oatmeal.food is not None and oatmeal.food.ndb == "08121"
    assert milk.modifier is not None and milk.modifier.ml == 125.0


def test_a_block_of_tofu_in_chinese_is_the_block() -> None:
    """一块北豆腐 weighs a block (SR26 tofu: ¼ block 81 g), not a half-cup serving."""
    item = only("一块北豆腐")
    assert item.food is not None and item.food.key == "cfct:031306"
    assert item.grams == pytest.approx(324.0)
    assert item.approximate  # weights borrowed from the US tofu row
