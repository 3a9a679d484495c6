"""Read amounts as people type them from a label: "1,250 mg", "400 IU", "10 µg", "0"."""

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from nutrition.units import iu_from_ug

# Labels print numbers up to a few thousand; anything past these is a typo, not a product.
MAX_MG_PER_UNIT = 5_000
# Twice the 500 mg that is absorbed best at one time (IOM 1997 [S6a]); common tablets hold
# 200–600 mg elemental. Above this a label figure is more likely a daily total, the compound
# weight or a typo, so the user is asked to confirm it.
UNUSUAL_CALCIUM_MG_PER_UNIT = 1_000
MAX_VITAMIN_D_IU_PER_UNIT = 100_000  # weekly/monthly prescription doses reach 50,000 IU
MAX_VITAMIN_K_UG_PER_UNIT = 10_000

_NUMBER_UNIT = re.compile(
    r"^\s*(\d{1,3}(?:[ ,]\d{3})+|\d+(?:[.,]\d+)?)\s*([a-zµμ\u4e00-\u9fff]*)\s*$", re.IGNORECASE
)
# Chinese labels print 微克 (microgram), 国际单位 (international unit) and 毫克 (milligram),
# GB 28050-2011.
_MICROGRAM_UNITS = {"µg", "μg", "ug", "mcg", "microgram", "micrograms", "微克"}
_IU_UNITS = {"iu", "ie", "ui", "units", "unit", "u", "国际单位", "单位"}
_MG_UNITS = {"mg", "milligram", "milligrams", "", "毫克"}
_ZERO_WORDS = {"none", "no", "0", "-", "nothing", "zero", "无", "没有", "零"}


class AmountProblem(StrEnum):
    """Why an amount was refused."""

    NOT_A_NUMBER = "not_a_number"
    WRONG_UNIT = "wrong_unit"
    TOO_LARGE = "too_large"
    NO_UNIT = "no_unit"  # a bare vitamin D number: µg and IU differ 40×, so it is not guessed


def bare_number(text: str) -> Decimal | None:
    """Return the number of an answer typed without a unit ("25"), else None."""
    parsed = _parse(text)
    if isinstance(parsed, AmountProblem) or parsed.unit:
        return None
    return parsed.value


@dataclass(frozen=True)
class _Parsed:
    value: Decimal
    unit: str


def _parse(text: str) -> _Parsed | AmountProblem:
    if len(text) > 40:
        return AmountProblem.NOT_A_NUMBER
    match = _NUMBER_UNIT.match(text.strip().lower())
    if match is None:
        return AmountProblem.NOT_A_NUMBER
    raw, unit = match.groups()
    # "1,250" and "1 250" are thousands; "2,5" is a decimal comma.
    if re.fullmatch(r"\d{1,3}(?:[ ,]\d{3})+", raw):
        raw = raw.replace(",", "").replace(" ", "")
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return AmountProblem.NOT_A_NUMBER
    return _Parsed(value=value, unit=unit)


def _whole(value: Decimal) -> int:
    return int(value.to_integral_value())


def parse_mg(text: str) -> int | AmountProblem:
    """Read milligrams of calcium or compound per unit."""
    parsed = _parse(text)
    if isinstance(parsed, AmountProblem):
        return parsed
    if parsed.unit not in _MG_UNITS:
        return AmountProblem.WRONG_UNIT
    if parsed.value > MAX_MG_PER_UNIT:
        return AmountProblem.TOO_LARGE
    return _whole(parsed.value)


def parse_vitamin_d_iu(text: str) -> int | AmountProblem:
    """Read vitamin D per unit as IU or µg; a bare number is NO_UNIT (25 µg is 1,000 IU).

    EU and Chinese labels print µg, US labels both: taking "25" as IU would undercount a
    µg label 40× (issue #10), so the caller asks which unit the label gives.
    """
    if text.strip().lower() in _ZERO_WORDS:
        return 0
    parsed = _parse(text)
    if isinstance(parsed, AmountProblem):
        return parsed
    if parsed.unit in _MICROGRAM_UNITS:
        iu = iu_from_ug(parsed.value)
    elif parsed.unit in _IU_UNITS:
        iu = _whole(parsed.value)
    elif parsed.unit == "":
        return AmountProblem.NO_UNIT
    else:
        return AmountProblem.WRONG_UNIT
    return AmountProblem.TOO_LARGE if iu > MAX_VITAMIN_D_IU_PER_UNIT else iu


def parse_vitamin_k_ug(text: str) -> int | AmountProblem:
    """Read vitamin K per unit in µg (a bare number is taken as µg)."""
    if text.strip().lower() in _ZERO_WORDS:
        return 0
    parsed = _parse(text)
    if isinstance(parsed, AmountProblem):
        return parsed
    if parsed.unit not in _MICROGRAM_UNITS | {""}:
        return AmountProblem.WRONG_UNIT
    ug = _whole(parsed.value)
    return AmountProblem.TOO_LARGE if ug > MAX_VITAMIN_K_UG_PER_UNIT else ug
