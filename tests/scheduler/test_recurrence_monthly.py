"""Monthly schedules fall on their day of the month, the last day when shorter, across DST."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scheduler.recurrence import (
    InvalidSchedule,
    check_month_day,
    month_day_in,
    next_occurrence,
)

BERLIN = ZoneInfo("Europe/Berlin")


def monthly(after: datetime, month_day: int, wall: time = time(9), **dates: date) -> datetime:
    """Return the next due instant of a monthly schedule in Berlin."""
    due = next_occurrence(
        times=[wall],
        weekdays=127,
        zone=BERLIN,
        after=after,
        start_date=dates.get("start"),
        end_date=dates.get("end"),
        month_day=month_day,
    )
    assert due is not None
    return due


def test_monthly_schedule_is_due_on_its_day_next_month() -> None:
    """A 15th-of-the-month schedule asked on the 16th is next due on the 15th of next month."""
    due = monthly(datetime(2026, 6, 16, 12, tzinfo=UTC), 15)
    assert due == datetime(2026, 7, 15, 7, tzinfo=UTC)  # 09:00 CEST


def test_thirty_first_falls_on_the_last_day_of_a_short_month() -> None:
    """A 31st schedule fires on 28 February in a common year and 29 February in a leap year."""
    assert monthly(datetime(2027, 2, 1, tzinfo=UTC), 31).date() == date(2027, 2, 28)
    assert monthly(datetime(2028, 2, 1, tzinfo=UTC), 31).date() == date(2028, 2, 29)
    assert monthly(datetime(2026, 4, 1, tzinfo=UTC), 31).date() == date(2026, 4, 30)


def test_monthly_across_spring_forward_keeps_the_wall_time() -> None:
    """09:00 on the 29th is 08:00 UTC in winter (28 February: no 29th) and 07:00 UTC in CEST."""
    before = monthly(datetime(2026, 2, 1, tzinfo=UTC), 29)
    after = monthly(before, 29)
    assert before == datetime(2026, 2, 28, 8, tzinfo=UTC)
    assert after == datetime(2026, 3, 29, 7, tzinfo=UTC)


def test_monthly_wall_time_in_the_gap_moves_forward_by_the_gap() -> None:
    """02:30 on the spring-forward day fires at 03:30 local, as the DST policy says."""
    due = monthly(datetime(2026, 3, 1, tzinfo=UTC), 29, time(2, 30))
    local = due.astimezone(BERLIN)
    assert (local.date(), local.hour, local.minute) == (date(2026, 3, 29), 3, 30)


def test_monthly_repeated_wall_time_fires_once() -> None:
    """02:30 on the fall-back day fires at the first 02:30 only; the next is a month later."""
    first = monthly(datetime(2026, 10, 1, tzinfo=UTC), 25, time(2, 30))
    assert first == datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert monthly(first, 25, time(2, 30)) == datetime(2026, 11, 25, 1, 30, tzinfo=UTC)


def test_monthly_respects_start_and_end_dates() -> None:
    """A monthly schedule starts no earlier than its start date and ends at its end date."""
    due = monthly(datetime(2026, 1, 1, tzinfo=UTC), 5, start=date(2026, 3, 1))
    assert due.date() == date(2026, 3, 5)
    assert (
        next_occurrence(
            times=[time(9)],
            weekdays=127,
            zone=BERLIN,
            after=datetime(2026, 3, 6, tzinfo=UTC),
            start_date=None,
            end_date=date(2026, 4, 4),
            month_day=5,
        )
        is None
    )


@pytest.mark.parametrize("bad", [0, 32, -1, True])
def test_month_day_out_of_range_is_refused(bad: int) -> None:
    """Days of the month outside 1–31 are refused."""
    with pytest.raises(InvalidSchedule):
        check_month_day(bad)


@given(
    st.datetimes(
        min_value=datetime(2020, 1, 1),  # noqa: DTZ001  (hypothesis draws naive; UTC added below)
        max_value=datetime(2035, 12, 31),  # noqa: DTZ001
    ),
    st.integers(1, 31),
)
def test_monthly_next_is_later_within_a_month_and_on_its_day(moment: datetime, day: int) -> None:
    """The next monthly instant is after `after`, within 32 days, on the month's day."""
    after = moment.replace(tzinfo=UTC)
    due = monthly(after, day)
    local = due.astimezone(BERLIN).date()
    assert after < due <= after + timedelta(days=32)
    assert local == month_day_in(local.year, local.month, day)
