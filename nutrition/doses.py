"""What one dose of a product brings: per-unit label amounts times the units taken.

One rounding rule for every dose in the project: half up to a whole mg, IU or µg, so that
half a 600 mg tablet is 300 mg and half a 25 µg one is 13 µg, the same in a reminder, in the
logged intake and in the pre-dose projection.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

__all__ = ["DoseAmounts", "dose_amounts", "scale"]


def scale(per_unit: int, units: Decimal | int) -> int:
    """Return a per-unit amount times a number of units, rounded half up to a whole number."""
    return int((Decimal(per_unit) * Decimal(units)).to_integral_value(rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class DoseAmounts:
    """Nutrients in one dose: elemental calcium, vitamin D and vitamin K."""

    calcium_mg: int
    vitamin_d_iu: int
    vitamin_k_ug: int


def dose_amounts(
    *, calcium_mg: int, vitamin_d_iu: int, vitamin_k_ug: int, units: Decimal | int
) -> DoseAmounts:
    """Return what `units` units of a product with these per-unit amounts bring."""
    return DoseAmounts(
        calcium_mg=scale(calcium_mg, units),
        vitamin_d_iu=scale(vitamin_d_iu, units),
        vitamin_k_ug=scale(vitamin_k_ug, units),
    )
