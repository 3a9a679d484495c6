"""Property tests: whatever a patient types, the parser neither crashes nor invents amounts."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nutrition.foods import ParsedMeal, estimate, parse_meal

FOOD_WORDS = ["milk", "tofu", "cheddar", "apple", "eggs", "牛奶", "豆腐", "米饭", "sardines"]
UNITS = ["", "g", "kg", "ml", "cups", "tbsp", "slices", "oz", "lb", "杯", "克", "个", "碗"]
SEPARATORS = [", ", " and ", "; ", "\n", "，", "、", "和", " with ", " plus "]
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def assert_sane(meal: ParsedMeal) -> None:
    """Check what must hold for any parse: finite non-negative grams, problems never counted."""
    for item in meal.items:
        assert math.isfinite(item.grams)
        assert item.grams >= 0
        assert item.grams <= 3000
        if item.problem is not None:
            assert item.grams == 0
            assert item.calcium_mg is None
            assert not item.confident
        for value in (item.calcium_mg, item.vitamin_d_iu, item.vitamin_k_ug):
            assert value is None or (math.isfinite(value) and value >= 0)
        if item.food is None:
            assert item.text in meal.unmatched
    assert math.isfinite(meal.total_calcium_mg)
    assert meal.total_calcium_mg >= 0


@SETTINGS
@given(st.text(max_size=300))
def test_random_unicode_never_crashes(text: str) -> None:
    """Arbitrary Unicode text parses without an exception and with sane numbers."""
    assert_sane(parse_meal(text))


@SETTINGS
@given(
    st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**30), max_value=10**30),
    ),
    st.sampled_from(UNITS),
    st.sampled_from(FOOD_WORDS),
)
def test_any_number_is_counted_or_flagged(number: float, unit: str, food: str) -> None:
    """Huge, negative, tiny and non-finite amounts give a plausible weight or a problem flag."""
    meal = parse_meal(f"{number} {unit} {food}")
    assert_sane(meal)
    for item in meal.items:
        if item.food is not None and not math.isfinite(number):
            assert item.problem in ("not_a_number", "too_much")
        elif item.food is not None and number < 0:
            assert item.problem == "negative"


@SETTINGS
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=5),
            st.sampled_from(UNITS),
            st.sampled_from([*FOOD_WORDS, ""]),
        ),
        max_size=8,
    ),
    st.sampled_from(SEPARATORS),
)
def test_lists_with_empty_items(parts: list[tuple[int, str, str]], separator: str) -> None:
    """Lists of items, some empty or amount-only, keep every count finite and nothing negative."""
    text = separator.join(f"{count} {unit} {food}".strip() for count, unit, food in parts)
    assert_sane(parse_meal(text))


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=120))
def test_estimate_always_has_its_three_keys(text: str) -> None:
    """The CLI estimate returns exactly items, total and unmatched for any input."""
    result = estimate(text)
    assert set(result) == {"items", "total_calcium_mg", "unmatched"}
    assert result["total_calcium_mg"] == round(sum(i["calcium_mg"] for i in result["items"]), 1)
    keys = {"text", "food", "ndb", "grams", "calcium_mg"}
    assert all(keys <= set(item) for item in result["items"])
