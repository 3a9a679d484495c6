"""Fortification by country: fortified or plain milk and white bread, and what was assumed."""

from __future__ import annotations

import pytest

from nutrition.foods import ParsedItem, default_matcher, estimate, parse_meal
from nutrition.foods.regions import BREAD_TWINS, MILK_TWINS, country_code


def only(text: str, country: str | None = None) -> ParsedItem:
    """Parse a one-item text and return that item."""
    items = parse_meal(text, country=country).items
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize(
    ("given", "code"),
    [("de", "DE"), ("US", "US"), ("uk", "GB"), (" cn ", "CN"), ("eu", "EU"), ("us", "US")],
)
def test_countries_and_reference_sets_become_codes(given: str, code: str) -> None:
    """Country codes in any case, "uk", and the reference sets us/eu/cn are understood."""
    assert country_code(given) == code


def test_no_country_is_none() -> None:
    """An empty or missing country leaves the choice to the item's language."""
    assert country_code(None) is None
    assert country_code("  ") is None


def test_us_milk_has_vitamin_d_and_says_so() -> None:
    """In the US a cup of whole milk is SR26 01077 with 51 IU/100 g vitamin D, assumed US."""
    item = only("a cup of whole milk", "US")
    assert item.food is not None and item.food.ndb == "01077"
    assert item.vitamin_d_iu == pytest.approx(2.44 * 51)
    assert [(a.kind, a.detail) for a in item.assumptions] == [("fortified", "US")]


@pytest.mark.parametrize("country", ["DE", "CN", "eu"])
def test_milk_elsewhere_is_unfortified_with_the_same_calcium(country: str) -> None:
    """In Germany or China the same cup is 01211: same grams and calcium, almost no vitamin D."""
    us = only("a cup of whole milk", "US")
    item = only("a cup of whole milk", country)
    assert item.food is not None and item.food.ndb == "01211"
    assert (item.grams, item.calcium_mg) == (us.grams, us.calcium_mg)
    assert item.vitamin_d_iu is not None and item.vitamin_d_iu < 10
    assert [a.kind for a in item.assumptions] == ["unfortified"]


def test_us_and_uk_white_bread_is_calcium_fortified_others_not() -> None:
    """Two slices are 146 mg in the US and UK, 32 mg in Germany, on the same 56 g."""
    us, gb, de = (only("2 slices of white bread", c) for c in ("US", "GB", "DE"))
    assert us.food is not None and gb.food is not None and de.food is not None
    assert (us.food.ndb, gb.food.ndb, de.food.ndb) == ("18069", "18069", "18073")
    assert us.grams == de.grams == 56.0
    assert us.calcium_mg == pytest.approx(145.6)
    assert de.calcium_mg == pytest.approx(31.92)
    assert [a.detail for a in gb.assumptions] == ["GB"]


def test_without_a_country_chinese_text_is_read_for_china() -> None:
    """ "两片面包" is not US calcium-fortified bread; "2 slices of white bread" is."""
    chinese = only("两片面包")
    english = only("2 slices of white bread")
    assert chinese.food is not None and chinese.food.ndb == "18073"
    assert english.food is not None and english.food.ndb == "18069"
    assert [(a.kind, a.detail) for a in chinese.assumptions] == [("unfortified", "CN")]


def test_a_named_unfortified_food_and_other_foods_carry_no_country() -> None:
    """Unfortified milk named as such, and cheese, need no country assumption."""
    assert only("a cup of unfortified whole milk", "US").assumptions == ()
    assert only("100 g cheddar", "DE").assumptions == ()


def test_fortification_the_user_names_is_kept_in_any_country() -> None:
    """ "vitamin D milk" in Germany is the fortified row, as the user said."""
    item = only("a cup of vitamin d milk", "DE")
    assert item.food is not None and item.food.ndb == "01077"
    assert item.assumptions == ()


def test_twins_are_in_the_table() -> None:
    """Every fortified row and its unfortified twin are built-in rows."""
    matcher = default_matcher()
    for key, twin in (*MILK_TWINS.items(), *BREAD_TWINS.items()):
        assert matcher.get(key) is not None and matcher.get(twin) is not None


def test_estimate_takes_the_country() -> None:
    """`estimate(country=...)` reports the assumed country on the item and changes the total."""
    germany = estimate("2 slices of white bread", country="DE")
    assert germany["total_calcium_mg"] == 31.9
    assert germany["items"][0]["assumptions"] == [{"kind": "unfortified", "detail": "DE"}]
