"""Wall times and weekdays become UTC instants, with the documented DST rules."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduler.recurrence import (
    InvalidSchedule,
    check_dates,
    clean_times,
    is_wall_time_missing,
    next_occurrence,
    zone_for,
)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LORD_HOWE = ZoneInfo("Australia/Lord_Howe")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def utc(*args: int) -> datetime:
    """Build a UTC instant."""
    return datetime(*args, tzinfo=UTC)


def nxt(
    zone: ZoneInfo,
    after: datetime,
    *walls: time,
    weekdays: int = 127,
    start: date | None = None,
    end: date | None = None,
) -> datetime | None:
    """Call next_occurrence with the usual defaults."""
    return next_occurrence(
        times=walls, weekdays=weekdays, zone=zone, after=after, start_date=start, end_date=end
    )


def series(zone: ZoneInfo, after: datetime, count: int, *walls: time) -> list[datetime]:
    """Return the next `count` occurrences after an instant."""
    found: list[datetime] = []
    for _ in range(count):
        due = nxt(zone, after, *walls)
        assert due is not None
        found.append(due)
        after = due
    return found


def test_daily_time_in_summer_berlin() -> None:
    """08:00 in Berlin in June is 06:00 UTC."""
    assert nxt(BERLIN, utc(2026, 6, 1, 5), time(8)) == utc(2026, 6, 1, 6)


def test_result_is_strictly_after() -> None:
    """An occurrence exactly at `after` is not returned again; the next day's is."""
    assert nxt(BERLIN, utc(2026, 6, 1, 6), time(8)) == utc(2026, 6, 2, 6)


def test_weekday_mask_picks_the_next_monday() -> None:
    """With only Monday set, a Wednesday asks for the following Monday."""
    wednesday = utc(2026, 6, 3, 12)
    assert nxt(BERLIN, wednesday, time(9), weekdays=0b0000001) == utc(2026, 6, 8, 7)


def test_start_and_end_dates_bound_the_series() -> None:
    """Nothing is due before the start date, and nothing after the end date."""
    assert nxt(BERLIN, utc(2026, 6, 1), time(9), start=date(2026, 7, 1)) == utc(2026, 7, 1, 7)
    assert nxt(BERLIN, utc(2026, 6, 30, 8), time(9), end=date(2026, 6, 30)) is None


def test_berlin_spring_gap_moves_forward_by_the_gap() -> None:
    """02:30 on 29 March 2026 (02:00→03:00) fires at 03:30 CEST, 01:30 UTC."""
    due = nxt(BERLIN, utc(2026, 3, 28, 12), time(2, 30))
    assert due == utc(2026, 3, 29, 1, 30)
    assert due.astimezone(BERLIN).time() == time(3, 30)
    assert is_wall_time_missing(date(2026, 3, 29), time(2, 30), BERLIN)


def test_berlin_fall_back_fires_once_at_the_first() -> None:
    """02:30 on 25 October 2026 happens twice; it fires at the first (CEST) only."""
    first, second = series(BERLIN, utc(2026, 10, 24, 12), 2, time(2, 30))
    assert first == utc(2026, 10, 25, 0, 30)
    assert second == utc(2026, 10, 26, 1, 30)


def test_berlin_wall_time_is_kept_across_both_changes() -> None:
    """08:00 stays 08:00 local on the days around both 2026 changes."""
    for start in (utc(2026, 3, 27), utc(2026, 10, 23)):
        local = [due.astimezone(BERLIN) for due in series(BERLIN, start, 4, time(8))]
        assert all(moment.time() == time(8) for moment in local)
        assert [moment.day for moment in local] == [start.day + i for i in range(4)]


def test_gap_can_reorder_times_of_one_day() -> None:
    """On the gap day 03:15 comes before 02:30-moved-to-03:30, and the series stays increasing."""
    got = series(BERLIN, utc(2026, 3, 28, 12), 3, time(2, 30), time(3, 15))
    assert got == [utc(2026, 3, 29, 1, 15), utc(2026, 3, 29, 1, 30), utc(2026, 3, 30, 0, 30)]


def test_new_york_gap_and_repeat() -> None:
    """New York: 02:30 on 8 March 2026 fires at 03:30 EDT; 01:30 on 1 November fires once."""
    assert nxt(NEW_YORK, utc(2026, 3, 7, 12), time(2, 30)) == utc(2026, 3, 8, 7, 30)
    assert series(NEW_YORK, utc(2026, 10, 31, 12), 2, time(1, 30)) == [
        utc(2026, 11, 1, 5, 30),
        utc(2026, 11, 2, 6, 30),
    ]


def test_lord_howe_half_hour_gap_and_repeat() -> None:
    """Lord Howe moves 30 minutes: 02:15 on 4 October fires at 02:45; 01:45 on 5 April once."""
    due = nxt(LORD_HOWE, utc(2026, 10, 3, 0), time(2, 15))
    assert due == utc(2026, 10, 3, 15, 45)
    assert due.astimezone(LORD_HOWE).time() == time(2, 45)
    first, second = series(LORD_HOWE, utc(2026, 4, 4, 0), 2, time(1, 45))
    assert first == utc(2026, 4, 4, 14, 45)
    assert second - first == timedelta(hours=24, minutes=30)


def test_shanghai_has_no_changes() -> None:
    """Asia/Shanghai keeps UTC+8 all year: 08:00 is midnight UTC every day."""
    got = series(SHANGHAI, utc(2026, 3, 1), 400, time(8))
    assert all(due.time() == time(0) for due in got)
    assert len(set(got)) == 400


def test_empty_times_give_nothing() -> None:
    """A schedule with no times is never due."""
    assert nxt(BERLIN, utc(2026, 6, 1)) is None


def test_naive_after_is_refused() -> None:
    """A naive `after` is a bug, not a UTC instant."""
    with pytest.raises(ValueError, match="aware"):
        nxt(BERLIN, datetime(2026, 6, 1), time(8))  # noqa: DTZ001


def test_clean_times_sorts_dedupes_and_formats() -> None:
    """Times come back as sorted distinct "HH:MM" strings from strings or time objects."""
    assert clean_times(["20:30", time(8), "08:00"]) == ["08:00", "20:30"]


@pytest.mark.parametrize("bad", [[], ["8"], ["25:00"], ["08:60"], [f"0{i}:00" for i in range(9)]])
def test_clean_times_refuses_bad_input(bad: list[str]) -> None:
    """Empty, malformed, impossible or too many times are refused."""
    with pytest.raises(InvalidSchedule):
        clean_times(bad)


def test_end_before_start_is_refused() -> None:
    """An end date before the start date cannot be planned."""
    with pytest.raises(InvalidSchedule):
        check_dates(date(2026, 5, 2), date(2026, 5, 1))


def test_unknown_zone_falls_back_to_default() -> None:
    """A zone name tzdata does not know falls back to the default zone."""
    assert zone_for("Mars/Olympus") == ZoneInfo("UTC")
    assert zone_for(None, default="Europe/Berlin") == BERLIN
