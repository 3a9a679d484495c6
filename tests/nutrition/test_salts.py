"""Calcium salts: elemental calcium, food needs and splitting large doses."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.salts import (
    MAX_SINGLE_DOSE_MG,
    CalciumForm,
    elemental_fraction,
    elemental_mg,
    needs_food,
    split_suggestion,
)


@pytest.mark.parametrize(
    ("form", "compound_mg", "expected_mg"),
    [
        (CalciumForm.CARBONATE, 1_250, 500),
        (CalciumForm.CARBONATE, 1_500, 600),
        (CalciumForm.CITRATE, 1_000, 210),
        (CalciumForm.CITRATE, 950, 200),
        (CalciumForm.CITRATE_MALATE, 1_000, 242),
        (CalciumForm.GLUCONATE, 1_000, 90),
        (CalciumForm.LACTATE, 1_000, 130),
        (CalciumForm.PHOSPHATE, 1_000, 388),
        (CalciumForm.CARBONATE, Decimal("1250.4"), 500),
        (CalciumForm.CARBONATE, 0, 0),
    ],
)
def test_elemental_mg(form: CalciumForm, compound_mg: int | Decimal, expected_mg: int) -> None:
    """Compound mg × the salt's elemental fraction gives whole mg of calcium."""
    assert elemental_mg(form, compound_mg) == expected_mg


@pytest.mark.parametrize(
    ("form", "compound_mg", "expected_mg"),
    [(CalciumForm.CITRATE, 50, 11), (CalciumForm.CARBONATE, Decimal("1.25"), 1)],
)
def test_elemental_mg_rounds_half_up(
    form: CalciumForm, compound_mg: int | Decimal, expected_mg: int
) -> None:
    """An exact half rounds up (10.5 → 11), not to the even neighbour."""
    assert elemental_mg(form, compound_mg) == expected_mg


@pytest.mark.parametrize("form", [CalciumForm.OTHER, CalciumForm.NONE])
def test_forms_without_a_fraction_refuse_conversion(form: CalciumForm) -> None:
    """Other salts and non-calcium products have no fraction, so conversion raises ValueError."""
    assert elemental_fraction(form) is None
    with pytest.raises(ValueError, match="elemental"):
        elemental_mg(form, 1_000)


def test_every_listed_salt_has_a_fraction_below_one() -> None:
    """Each named salt has a fraction between 0 and 1; carbonate is the richest at 40 %."""
    named = [form for form in CalciumForm if form not in (CalciumForm.OTHER, CalciumForm.NONE)]
    fractions = {form: elemental_fraction(form) for form in named}
    assert all(f is not None and 0 < f < 1 for f in fractions.values())
    assert max(named, key=lambda form: fractions[form] or 0) is CalciumForm.CARBONATE


def test_citrate_malate_uses_the_top_of_the_usp_range() -> None:
    """CCM counts 24.2 %, the top of the USP 23.0–24.2 % range, so the UL check errs safe."""
    assert elemental_fraction(CalciumForm.CITRATE_MALATE) == Decimal("0.242")


def test_negative_compound_weight_is_refused() -> None:
    """A negative weight raises ValueError."""
    with pytest.raises(ValueError, match="zero or more"):
        elemental_mg(CalciumForm.CARBONATE, -1)


@pytest.mark.parametrize(
    ("form", "with_food"),
    [
        (CalciumForm.CARBONATE, True),
        (CalciumForm.CITRATE, False),
        (CalciumForm.CITRATE_MALATE, False),
        (CalciumForm.PHOSPHATE, True),
        (CalciumForm.OTHER, True),
        (CalciumForm.NONE, False),
    ],
)
def test_needs_food(form: CalciumForm, with_food: bool) -> None:
    """Carbonate (and undocumented salts) go with a meal; citrate forms need not."""
    assert needs_food(form) is with_food


def test_max_single_dose_is_500_mg() -> None:
    """Absorption is best at 500 mg elemental or less at a time [S6a, S67]."""
    assert MAX_SINGLE_DOSE_MG == 500


@pytest.mark.parametrize(
    ("dose_mg", "expected"),
    [
        (0, None),
        (500, None),
        (501, [251, 250]),
        (1_000, [500, 500]),
        (1_001, [334, 334, 333]),
        (1_200, [400, 400, 400]),
        (1_500, [500, 500, 500]),
    ],
)
def test_split_suggestion(dose_mg: int, expected: list[int] | None) -> None:
    """Doses above 500 mg split into the fewest near-equal parts of at most 500 mg."""
    assert split_suggestion(dose_mg) == expected


@given(st.integers(min_value=MAX_SINGLE_DOSE_MG + 1, max_value=20_000))
def test_split_parts_add_up_and_fit(dose_mg: int) -> None:
    """A split sums to the dose in the fewest parts ≤ 500 mg, within 1 mg of each other."""
    parts = split_suggestion(dose_mg)
    assert parts is not None
    assert sum(parts) == dose_mg
    assert max(parts) <= MAX_SINGLE_DOSE_MG
    assert len(parts) == -(-dose_mg // MAX_SINGLE_DOSE_MG)
    assert max(parts) - min(parts) <= 1


def test_split_refuses_a_negative_dose() -> None:
    """A negative dose raises ValueError."""
    with pytest.raises(ValueError, match="negative"):
        split_suggestion(-1)
