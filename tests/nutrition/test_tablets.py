"""Tablets per dose as people type them."""

from decimal import Decimal

import pytest

from nutrition.tablets import parse_tablets


@pytest.mark.parametrize(
    ("text", "tablets"),
    [
        ("1", Decimal(1)),
        ("1.5", Decimal("1.5")),
        ("1,5", Decimal("1.5")),
        ("½", Decimal("0.5")),
        ("1½", Decimal("1.5")),
        ("1 ½", Decimal("1.5")),
        ("1 1/2", Decimal("1.5")),
        ("3/4", Decimal("0.75")),
        ("half", Decimal("0.5")),
        ("半", Decimal("0.5")),
        ("2 tablets", Decimal(2)),
        ("10", Decimal(10)),
    ],
)
def test_reads_whole_half_and_quarter_tablets(text: str, tablets: Decimal) -> None:
    """Whole, decimal, vulgar-fraction and worded halves are read as tablets per dose."""
    assert parse_tablets(text) == tablets


@pytest.mark.parametrize("text", ["0", "-1", "11", "1.3", "0.1", "nan", "inf", "1/0", "abc", ""])
def test_refuses_what_is_no_quarter_from_a_quarter_to_ten(text: str) -> None:
    """Zero, negatives, more than ten, pieces finer than a quarter and words are refused."""
    assert parse_tablets(text) is None
