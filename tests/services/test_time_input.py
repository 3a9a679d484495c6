"""Times of day and weekdays typed by people are read correctly or refused."""

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.time_texts import describe_weekdays
from scheduler.recurrence import EVERY_DAY, WEEKDAYS
from services.time_input import parse_times, parse_weekdays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8:00", [time(8)]),
        ("08:00, 20:30", [time(8), time(20, 30)]),
        ("8am and 8pm", [time(8), time(20)]),
        ("12am", [time(0)]),
        ("12pm", [time(12)]),
        ("20.15", [time(20, 15)]),
        ("7 19", [time(7), time(19)]),
        ("8:00, 8:00", [time(8)]),
        ("25:00", None),
        ("8:61", None),
        ("13pm", None),
        ("breakfast", None),
        ("", None),
        ("1,2,3,4,5,6,7,8,9", None),
        ("早上8点", [time(8)]),
        ("晚上8点半", [time(20, 30)]),
        ("8点", [time(8)]),
        ("8点15分", [time(8, 15)]),
        ("下午三点", [time(15)]),
        ("中午12点", [time(12)]),
        ("早上8点晚上8点", [time(8), time(20)]),
        ("8点、20:00", [time(8), time(20)]),
        ("早上8点，晚上九点半", [time(8), time(21, 30)]),
        ("25点", None),
        ("早饭后", None),
    ],
)
def test_parse_times(text: str, expected: list[time] | None) -> None:
    """Times in 24-hour and am/pm forms are read, deduplicated and sorted; nonsense is None."""
    assert parse_times(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("every day", EVERY_DAY),
        ("Mon-Fri", WEEKDAYS),
        ("mon wed fri", 0b0010101),
        ("Saturday, Sunday", 0b1100000),
        ("fri-mon", 0b1110001),
        ("funday", None),
        ("", None),
        ("每天", EVERY_DAY),
        ("周一到周五", WEEKDAYS),
        ("周一三五", 0b0010101),
        ("星期六、星期日", 0b1100000),
        ("周五至周一", 0b1110001),
        ("工作日", WEEKDAYS),
        ("周八", None),
    ],
)
def test_parse_weekdays(text: str, expected: int | None) -> None:
    """Weekday names, ranges and wrap-around ranges become a Monday-first bitmask."""
    assert parse_weekdays(text) == expected


def test_describe_weekdays() -> None:
    """Common day sets read naturally."""
    assert [describe_weekdays(m) for m in (EVERY_DAY, WEEKDAYS, 0b0010101)] == [
        "every day",
        "Mon–Fri",
        "Mon Wed Fri",
    ]


@given(st.text(max_size=120))
def test_any_text_is_safe(text: str) -> None:
    """Arbitrary text never raises and only ever gives valid times or None."""
    result = parse_times(text)
    assert result is None or all(isinstance(value, time) for value in result)
    mask = parse_weekdays(text)
    assert mask is None or 1 <= mask <= EVERY_DAY
