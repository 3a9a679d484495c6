"""Label amounts typed by people are read into whole mg, IU and µg, or refused kindly."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nutrition.amounts import AmountProblem, parse_mg, parse_vitamin_d_iu, parse_vitamin_k_ug


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("600", 600),
        ("600 mg", 600),
        ("1,250 mg", 1250),
        ("1 250", 1250),
        ("1250MG", 1250),
        ("12.6", 13),
        ("5000", 5000),
        ("5001", AmountProblem.TOO_LARGE),
        ("abc", AmountProblem.NOT_A_NUMBER),
        ("-5", AmountProblem.NOT_A_NUMBER),
        ("600 g", AmountProblem.WRONG_UNIT),
        ("", AmountProblem.NOT_A_NUMBER),
    ],
)
def test_parse_mg(text: str, expected: int | AmountProblem) -> None:
    """Milligram amounts accept thousands separators and refuse units, signs and huge values."""
    assert parse_mg(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("400", AmountProblem.NO_UNIT),
        ("25", AmountProblem.NO_UNIT),
        ("400 IU", 400),
        ("25微克", 1000),
        ("25 微克", 1000),
        ("1000国际单位", 1000),
        ("25 mcg", 1000),
        ("25 μg", 1000),
        ("10 µg", 400),
        ("10 mcg", 400),
        ("12.5 ug", 500),
        ("0", 0),
        ("none", 0),
        ("25 mg", AmountProblem.WRONG_UNIT),
        ("200000 IU", AmountProblem.TOO_LARGE),
    ],
)
def test_parse_vitamin_d(text: str, expected: int | AmountProblem) -> None:
    """Vitamin D is read as IU, converting µg (also 微克) at 40 IU per µg; a bare number asks."""
    assert parse_vitamin_d_iu(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("90", 90), ("90 µg", 90), ("0", 0), ("90 IU", AmountProblem.WRONG_UNIT)],
)
def test_parse_vitamin_k(text: str, expected: int | AmountProblem) -> None:
    """Vitamin K is read in µg only."""
    assert parse_vitamin_k_ug(text) == expected


@given(st.text(max_size=60))
def test_any_text_gives_a_number_or_a_problem(text: str) -> None:
    """No typed text raises; every result is a non-negative whole number or a problem."""
    for parse in (parse_mg, parse_vitamin_d_iu, parse_vitamin_k_ug):
        result = parse(text)
        assert isinstance(result, AmountProblem) or (isinstance(result, int) and result >= 0)
