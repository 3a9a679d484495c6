"""The prescriber's spacing is understood typed in English or Chinese."""

import pytest

from bot.handlers.products.medicine import _hours


@pytest.mark.parametrize(
    ("text", "minutes"),
    [("4", 240), ("4 h", 240), ("4 hours", 240), ("0.5", 30), ("4小时", 240), ("4个小时", 240)],
)
def test_hours_apart_in_either_language(text: str, minutes: int) -> None:
    """4, 4 h, 4 hours, 4小时 and 4个小时 all mean four hours apart."""
    assert _hours(text) == minutes


@pytest.mark.parametrize("text", ["24", "-1", "四小时", "soon", "nan"])
def test_hours_out_of_range_or_unreadable_are_refused(text: str) -> None:
    """Hours outside 0–23 or not a number give None (the dialogue asks again)."""
    assert _hours(text) is None
