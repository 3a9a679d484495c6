"""Calcium salts: elemental calcium from the compound weight, food needs, dose splitting.

Supplement-facts panels usually state elemental calcium; when a label gives only the weight of
the salt ("calcium citrate 950 mg"), we multiply by the salt's elemental fraction. Asking for
the label's elemental mg stays the better path (domain-facts §4.1): fractions differ by hydrate.
"""

from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

__all__ = [
    "MAX_SINGLE_DOSE_MG",
    "CalciumForm",
    "elemental_fraction",
    "elemental_mg",
    "needs_food",
    "split_suggestion",
]


class CalciumForm(StrEnum):
    """The calcium salt a product contains, as its label names it."""

    CARBONATE = "carbonate"
    CITRATE = "citrate"
    CITRATE_MALATE = "citrate_malate"
    GLUCONATE = "gluconate"
    LACTATE = "lactate"
    PHOSPHATE = "phosphate"  # tricalcium phosphate (calcium phosphate, tribasic)
    OTHER = "other"  # a salt not listed here: the user enters the label's elemental mg
    NONE = "none"  # not calcium, e.g. a vitamin D-only product or alendronate


_FRACTIONS: dict[CalciumForm, Decimal] = {
    # 40 % [S30, S31, S29]; CaCO3 is 40.0 % calcium by formula.
    CalciumForm.CARBONATE: Decimal("0.40"),
    # Tetrahydrate, the usual supplement form: 21 % [S30, S31] (anhydrous is 24.1 % [S29]).
    CalciumForm.CITRATE: Decimal("0.21"),
    # USP range 23.0–24.2 % on the dried basis [S32]. We take the top of the range: the
    # checker guards an upper limit, so when unsure we count more calcium, not less.
    CalciumForm.CITRATE_MALATE: Decimal("0.242"),
    # 9 % [S31] (9.3 % anhydrous [S29]).
    CalciumForm.GLUCONATE: Decimal("0.09"),
    # Pentahydrate: 13 % [S31] (18.4 % anhydrous [S29]).
    CalciumForm.LACTATE: Decimal("0.13"),
    # Tricalcium phosphate: 38.8 % [S29]; "39 %" [S33].
    CalciumForm.PHOSPHATE: Decimal("0.388"),
}

# Calcium is absorbed best in doses of 500 mg elemental or less at a time: IOM 1997 [S6a],
# NIH MedlinePlus [S67].
MAX_SINGLE_DOSE_MG = 500


def elemental_fraction(form: CalciumForm) -> Decimal | None:
    """Return the share of elemental calcium by weight, or None when we hold no fraction."""
    return _FRACTIONS.get(form)


def elemental_mg(form: CalciumForm, compound_mg: int | Decimal) -> int:
    """Convert a salt's weight to whole mg of elemental calcium, rounding half up."""
    fraction = elemental_fraction(form)
    if fraction is None:
        raise ValueError(f"no elemental fraction for {form!r}: ask for the label's elemental mg")
    if isinstance(compound_mg, bool) or not isinstance(compound_mg, int | Decimal):
        raise TypeError(f"compound_mg must be an int or a Decimal, not {type(compound_mg)}")
    if not Decimal(compound_mg).is_finite() or compound_mg < 0:
        raise ValueError(f"compound_mg must be zero or more, got {compound_mg}")
    elemental = Decimal(compound_mg) * fraction
    return int(elemental.to_integral_value(rounding=ROUND_HALF_UP))


def needs_food(form: CalciumForm) -> bool:
    """Tell whether the product should be taken with a meal.

    Carbonate needs stomach acid, so it goes with food [S31, S6a]; citrate and citrate malate
    are absorbed with or without food [S31, S6a]. For gluconate, lactate, phosphate and other
    salts we found no source either way and say "with a meal", which never hurts absorption
    (a product choice). Products without calcium follow their own label.
    """
    return form not in (CalciumForm.CITRATE, CalciumForm.CITRATE_MALATE, CalciumForm.NONE)


def split_suggestion(elemental_mg_per_dose: int) -> list[int] | None:
    """Split a dose into the fewest near-equal parts of at most 500 mg; None if it fits.

    1,000 mg → [500, 500]; 1,200 mg → [400, 400, 400]; 1,001 mg → [334, 334, 333].
    """
    if isinstance(elemental_mg_per_dose, bool) or not isinstance(elemental_mg_per_dose, int):
        raise TypeError("elemental_mg_per_dose must be an int")
    if elemental_mg_per_dose < 0:
        raise ValueError(f"a dose cannot be negative: {elemental_mg_per_dose}")
    if elemental_mg_per_dose <= MAX_SINGLE_DOSE_MG:
        return None
    parts = -(-elemental_mg_per_dose // MAX_SINGLE_DOSE_MG)  # ceiling division, no floats
    base, extra = divmod(elemental_mg_per_dose, parts)
    return [base + 1] * extra + [base] * (parts - extra)
