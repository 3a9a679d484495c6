"""Vitamin D units: IU and micrograms."""

from decimal import Decimal

import pytest

from nutrition import reference
from nutrition.units import IU_PER_UG_VITAMIN_D, iu_from_ug, ug_from_iu


@pytest.mark.parametrize(
    ("ug", "iu"),
    [(10, 400), (15, 600), (100, 4_000), (Decimal("12.5"), 500), (Decimal("0.0125"), 1)],
)
def test_iu_from_ug(ug: int | Decimal, iu: int) -> None:
    """µg × 40 gives IU, rounded half up to a whole IU [S1c]."""
    assert iu_from_ug(ug) == iu


@pytest.mark.parametrize(
    ("iu", "ug"), [(400, Decimal(10)), (1_000, Decimal(25)), (1, Decimal("0.025"))]
)
def test_ug_from_iu_is_exact(iu: int, ug: Decimal) -> None:
    """IU ÷ 40 gives exact micrograms."""
    assert ug_from_iu(iu) == ug


def test_unit_round_trip() -> None:
    """Converting whole IU to µg and back returns the same IU."""
    assert all(iu_from_ug(ug_from_iu(iu)) == iu for iu in range(0, 10_001, 7))


@pytest.mark.parametrize("bad", [-1, Decimal("-0.5"), Decimal("NaN")])
def test_unit_conversion_refuses_bad_amounts(bad: int | Decimal) -> None:
    """Negative or non-finite amounts raise ValueError."""
    with pytest.raises(ValueError, match="finite"):
        iu_from_ug(bad)


def test_unit_conversion_refuses_floats() -> None:
    """A float raises TypeError, so binary rounding never reaches a total."""
    with pytest.raises(TypeError):
        ug_from_iu(0.1)  # type: ignore[arg-type]


def test_reference_reexports_the_units() -> None:
    """reference offers the same conversions as units, at 40 IU per µg."""
    assert reference.IU_PER_UG_VITAMIN_D == IU_PER_UG_VITAMIN_D == 40
    assert (reference.iu_from_ug, reference.ug_from_iu) == (iu_from_ug, ug_from_iu)
