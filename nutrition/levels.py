"""How close a total is to its limit: levels, thresholds, percentages and a text bar.

Everything is integer arithmetic: in floats ``1200 * 0.81`` is ``972.0000000000001``, which
would call exactly 81 % "OK". Thresholds are read as exact fractions (``0.8`` → 4/5).
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

__all__ = [
    "NEAR_FRACTION",
    "NEAR_FRACTION_VASCULAR",
    "Level",
    "NearPolicy",
    "Nutrient",
    "headroom",
    "level",
    "near_fraction_for",
    "percent_of",
    "text_bar",
]


class Nutrient(StrEnum):
    """A nutrient with a tolerable upper intake level the checker guards."""

    CALCIUM = "calcium"
    VITAMIN_D = "vitamin_d"


class Level(StrEnum):
    """Where a day total stands against its limit."""

    OK = "ok"
    NEAR = "near"
    OVER = "over"


# Warn at 80 % of the limit: DESIGN.md §4 ("near ≈ 80 %"), a product choice, not a published
# threshold. Configurable per call.
NEAR_FRACTION = Decimal("0.80")

# Warn earlier, at 70 %, for users with vascular calcification. A product choice drawn from
# domain-facts §6 ("never let total intake approach the UL"), not a published number.
NEAR_FRACTION_VASCULAR = Decimal("0.70")


@dataclass(frozen=True)
class NearPolicy:
    """When "nearing the limit" starts, in whole percent of the limit (the operator may tune it)."""

    near_percent: int = 80  # NEAR_FRACTION
    calcification_percent: int = 70  # NEAR_FRACTION_VASCULAR

    def __post_init__(self) -> None:
        for percent in (self.near_percent, self.calcification_percent):
            if isinstance(percent, bool) or not 0 < percent < 100:
                raise ValueError(f"a near-limit percent must be between 1 and 99, got {percent}")

    def fraction_for(self, *, has_vascular_calcification: bool) -> Fraction:
        """Return the NEAR threshold: the gentler (lower) one for vascular calcification."""
        percent = self.calcification_percent if has_vascular_calcification else self.near_percent
        return Fraction(percent, 100)


def near_fraction_for(*, has_vascular_calcification: bool) -> Decimal:
    """Pick the default NEAR threshold for a user."""
    return NEAR_FRACTION_VASCULAR if has_vascular_calcification else NEAR_FRACTION


def _exact(near_fraction: Decimal | Fraction | float) -> Fraction:
    # str() first: Fraction(0.8) is the binary float just above 4/5, Fraction("0.8") is 4/5.
    if isinstance(near_fraction, float):
        exact = Fraction(str(near_fraction))
    else:
        exact = Fraction(near_fraction)
    if not 0 < exact < 1:
        raise ValueError(f"near_fraction must be between 0 and 1, got {near_fraction}")
    return exact


def _check(total: int, limit: int) -> None:
    if limit <= 0:
        raise ValueError(f"a limit must be positive, got {limit}")
    if total < 0:
        raise ValueError(f"a total cannot be negative, got {total}")


def level(
    total: int, limit: int, *, near_fraction: Decimal | Fraction | float = NEAR_FRACTION
) -> Level:
    """Classify a total: OVER from 100 % of the limit, NEAR from ``near_fraction``, else OK."""
    _check(total, limit)
    near = _exact(near_fraction)
    if total >= limit:
        return Level.OVER
    if total * near.denominator >= limit * near.numerator:
        return Level.NEAR
    return Level.OK


def percent_of(total: int, limit: int) -> int:
    """Return the whole percent of the limit reached, rounded down (1,599 of 2,000 → 79)."""
    _check(total, limit)
    return total * 100 // limit


def headroom(total: int, limit: int) -> int:
    """Return how much more fits under the limit; zero once it is reached."""
    _check(total, limit)
    return max(0, limit - total)


def text_bar(total: int, limit: int, width: int = 10) -> str:
    """Draw the share of the limit as text, e.g. ``▓▓▓▓▓▓▓▓░░ 80 %``; the bar stops at full."""
    _check(total, limit)
    if width < 1:
        raise ValueError(f"width must be at least 1, got {width}")
    filled = min(width, total * width // limit)
    return f"{'▓' * filled}{'░' * (width - filled)} {percent_of(total, limit)} %"
