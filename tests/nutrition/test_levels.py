"""Levels against a limit: thresholds, percentages, headroom and the text bar."""

from decimal import Decimal
from fractions import Fraction

import pytest

from nutrition.levels import (
    NEAR_FRACTION,
    NEAR_FRACTION_VASCULAR,
    Level,
    headroom,
    level,
    near_fraction_for,
    percent_of,
    text_bar,
)


@pytest.mark.parametrize(
    ("total", "near_fraction", "expected"),
    [
        (0, NEAR_FRACTION, Level.OK),
        (1_580, NEAR_FRACTION, Level.OK),  # 79 %
        (1_599, NEAR_FRACTION, Level.OK),  # 79.95 %
        (1_600, NEAR_FRACTION, Level.NEAR),  # 80 %
        (1_999, NEAR_FRACTION, Level.NEAR),
        (2_000, NEAR_FRACTION, Level.OVER),  # 100 %
        (2_500, NEAR_FRACTION, Level.OVER),
        (1_399, NEAR_FRACTION_VASCULAR, Level.OK),
        (1_400, NEAR_FRACTION_VASCULAR, Level.NEAR),  # 70 %
    ],
)
def test_level_boundaries(total: int, near_fraction: Decimal, expected: Level) -> None:
    """79 % is OK, 80 % is NEAR and 100 % is OVER against a 2,000 mg limit."""
    assert level(total, 2_000, near_fraction=near_fraction) is expected


@pytest.mark.parametrize("near_fraction", [0.81, Decimal("0.81"), Fraction(81, 100)])
def test_level_uses_exact_arithmetic(near_fraction: float | Decimal | Fraction) -> None:
    """Exactly 81 % of 1,200 is NEAR although float math puts 0.81 × 1,200 above 972."""
    assert 1_200 * 0.81 > 972
    assert level(972, 1_200, near_fraction=near_fraction) is Level.NEAR


@pytest.mark.parametrize("near_fraction", [0, 1, 1.5, Decimal(-1)])
def test_near_fraction_must_be_between_zero_and_one(near_fraction: float | Decimal) -> None:
    """A threshold outside (0, 1) raises ValueError."""
    with pytest.raises(ValueError, match="between 0 and 1"):
        level(1, 10, near_fraction=near_fraction)


def test_level_refuses_a_zero_limit() -> None:
    """A zero limit raises ValueError instead of dividing by zero."""
    with pytest.raises(ValueError, match="positive"):
        level(1, 0)


def test_near_fraction_for_vascular_calcification() -> None:
    """Users with vascular calcification are warned at 70 %, others at 80 %."""
    assert near_fraction_for(has_vascular_calcification=True) == Decimal("0.70")
    assert near_fraction_for(has_vascular_calcification=False) == Decimal("0.80")


@pytest.mark.parametrize(("total", "expected"), [(1_599, 79), (1_600, 80), (3_000, 150)])
def test_percent_rounds_down(total: int, expected: int) -> None:
    """The percent shown rounds down, so it never says 80 % while the level is OK."""
    assert percent_of(total, 2_000) == expected


@pytest.mark.parametrize(("total", "expected"), [(0, 2_000), (1_500, 500), (2_000, 0), (2_600, 0)])
def test_headroom(total: int, expected: int) -> None:
    """Headroom is what still fits under the limit, never negative."""
    assert headroom(total, 2_000) == expected


@pytest.mark.parametrize(
    ("total", "width", "expected"),
    [
        (1_600, 10, "▓▓▓▓▓▓▓▓░░ 80 %"),
        (0, 10, "░░░░░░░░░░ 0 %"),
        (1_599, 10, "▓▓▓▓▓▓▓░░░ 79 %"),
        (3_000, 10, "▓▓▓▓▓▓▓▓▓▓ 150 %"),
        (1_000, 4, "▓▓░░ 50 %"),
    ],
)
def test_text_bar(total: int, width: int, expected: str) -> None:
    """The bar fills by tenths of the limit, stops at full, and prints the whole percent."""
    assert text_bar(total, 2_000, width=width) == expected
