"""Units and numbers: SR26 measure descriptions, typed units, English and Chinese numerals."""

from __future__ import annotations

import pytest

from nutrition.foods.numbers import chinese_number, expand_vulgar_fractions, parse_leading
from nutrition.foods.units import canonical_unit, normalise_unit, unit_size


@pytest.mark.parametrize(
    ("desc", "unit"),
    [
        ("cup", "cup"),
        ("cup, chopped", "cup"),
        ("cup (8 fl oz)", "cup"),
        ("fl oz", "fl oz"),
        ("fluid ounce", "fl oz"),
        ("tbsp", "tbsp"),
        ("tablespoon", "tbsp"),
        ("slice (1 oz)", "slice"),
        ("oz", "oz"),
        ("oz, boneless", "oz"),
        ("container (6 oz)", "container"),
        ("6 oz container (6 oz)", "container"),
        ("large", "large"),
        ('medium (3" dia)', "medium"),
        ("extra large", "extra large"),
        ("NLEA serving", "serving"),
        ("pieces 1 serving", "piece"),
        ("unit (yield from 1 lb ready-to-cook chicken)", "piece"),
        ('stalk, large (11"-12" long)', "stalk"),
        ("can or bottle (12 fl oz)", "can"),
    ],
)
def test_sr_measure_descriptions_normalise(desc: str, unit: str) -> None:
    """SR26 WEIGHT.txt descriptions reduce to one unit vocabulary."""
    assert normalise_unit(desc) == unit


def test_size_words_are_kept_apart() -> None:
    """A size inside a measure ("potato large (3 in)") is recorded as its size."""
    assert unit_size('Potato large (3" to 4-1/4" dia)') == "large"
    assert unit_size("cup, chopped") is None


@pytest.mark.parametrize(
    ("word", "unit"),
    [
        *[("grams", "g"), ("Tablespoons", "tbsp"), ("tbsp.", "tbsp"), ("lbs", "lb")],
        *[("litre", "l"), ("杯", "cup"), ("克", "g"), ("碗", "bowl"), ("两", "liang")],
        *[("斤", "jin"), ("cats", None)],
    ],
)
def test_typed_units(word: str, unit: str | None) -> None:
    """Typed unit words and Chinese measure words map to unit keys; other words do not."""
    assert canonical_unit(word) == unit


@pytest.mark.parametrize(
    ("text", "value", "rest"),
    [
        ("2 cups", 2, "cups"),
        ("1 1/2 cups", 1.5, "cups"),
        ("3/4 cup", 0.75, "cup"),
        ("2-3 eggs", 2.5, "eggs"),
        ("a dozen eggs", 12, "eggs"),
        ("twenty five almonds", 25, "almonds"),
        ("two hundred grams", 200, "grams"),
        ("one and a half cups", 1.5, "cups"),
        ("an apple", 1, "apple"),
    ],
)
def test_leading_quantities(text: str, value: float, rest: str) -> None:
    """A quantity at the start of an item is read and removed."""
    quantity, remainder = parse_leading(text)
    assert quantity is not None
    assert quantity.value == pytest.approx(value)
    assert remainder == rest


def test_no_quantity_leaves_text_alone() -> None:
    """Text without a number, and "2% milk", have no quantity."""
    assert parse_leading("apple") == (None, "apple")
    assert parse_leading("2% milk")[0] is None


def test_a_few_is_approximate() -> None:
    """Guesses such as "a few" and ranges are marked approximate."""
    few, _ = parse_leading("a few grapes")
    assert few is not None
    assert few.approximate


@pytest.mark.parametrize(
    ("text", "value"),
    [
        *[("一", 1), ("两", 2), ("十", 10), ("十二", 12), ("二十", 20), ("一百五十", 150)],
        *[("两百", 200), ("1.5", 1.5), ("三万", 30000), ("猫", None)],
    ],
)
def test_chinese_numbers(text: str, value: float | None) -> None:
    """Chinese numerals up to 万 and Arabic digits are read."""
    assert chinese_number(text) == value


def test_vulgar_fractions_are_spelt_out() -> None:
    """Vulgar fractions are spelt out ("1½" → "1 1/2") before NFKC could make "11/2"."""
    assert expand_vulgar_fractions("1½ cups") == "1 1/2 cups"
    assert expand_vulgar_fractions("¾ cup").strip() == "3/4 cup"
