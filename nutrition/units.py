"""Vitamin D units: international units (IU) and micrograms (µg).

Labels and reference bodies use both: the IOM writes "400 IU (10 μg)", EFSA and the Chinese
Nutrition Society write µg. The bot keeps day totals in whole IU; one IU is 0.025 µg, far below
any label's precision, so rounding to whole IU loses nothing that matters.
"""

from decimal import ROUND_HALF_UP, Decimal

__all__ = ["IU_PER_UG_VITAMIN_D", "iu_from_ug", "ug_from_iu"]

# 1 µg vitamin D (cholecalciferol or ergocalciferol) = 40 IU: IOM 2011 summary, "400 IU (10 μg)"
# [S1c].
IU_PER_UG_VITAMIN_D = 40


def _checked(amount: int | Decimal, unit: str) -> Decimal:
    """Return the amount as a Decimal, refusing negatives, floats and non-finite values."""
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal):
        raise TypeError(f"{unit} must be an int or a Decimal, not {type(amount).__name__}")
    value = Decimal(amount)
    if not value.is_finite() or value < 0:
        raise ValueError(f"{unit} must be a finite amount of zero or more, got {amount}")
    return value


def iu_from_ug(ug: int | Decimal) -> int:
    """Convert micrograms of vitamin D to whole IU, rounding half up (12.5 µg → 500 IU)."""
    iu = _checked(ug, "µg") * IU_PER_UG_VITAMIN_D
    return int(iu.to_integral_value(rounding=ROUND_HALF_UP))


def ug_from_iu(iu: int | Decimal) -> Decimal:
    """Convert IU of vitamin D to micrograms exactly (1,000 IU → 25 µg, 1 IU → 0.025 µg)."""
    ug = _checked(iu, "IU") / IU_PER_UG_VITAMIN_D
    # IU ÷ 40 always terminates; normalise so 1000 IU reads "25", not "25.000".
    return ug.normalize() if ug != ug.to_integral_value() else ug.quantize(Decimal(1))
