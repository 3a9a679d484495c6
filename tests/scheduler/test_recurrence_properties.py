"""Property tests: over every IANA zone and many dates (DST days included) the rules hold."""

from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.recurrence import next_occurrence

ZONES = sorted(available_timezones())
wall_times = st.builds(time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45, 59]))


@cache
def transition_days(zone_name: str, year: int) -> tuple[date, ...]:
    """Return the local days of a year whose length is not 24 hours (offset changes)."""
    zone = ZoneInfo(zone_name)
    days = []
    day = date(year, 1, 1)
    while day.year == year:
        start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
        if end - start != timedelta(days=1):
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def valid_instants(day: date, wall: time, zone: ZoneInfo) -> list[datetime]:
    """Return every UTC instant whose local wall clock reads `wall` on `day` (0, 1 or 2)."""
    naive = datetime.combine(day, wall)
    found = set()
    for fold in (0, 1):
        instant = naive.replace(tzinfo=zone, fold=fold).astimezone(UTC)
        if instant.astimezone(zone).replace(tzinfo=None) == naive:
            found.add(instant)
    return sorted(found)


def expected_instant(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """Return the documented instant: the first valid one, or the wall time moved by the gap."""
    valid = valid_instants(day, wall, zone)
    if valid:
        return valid[0]
    naive = datetime.combine(day, wall)
    before = naive.replace(tzinfo=zone, fold=0).utcoffset()
    assert before is not None
    instant = (naive - before).replace(tzinfo=UTC)
    shifted = instant.astimezone(zone)
    after = shifted.utcoffset()
    assert after is not None
    gap = after - before
    assert gap > timedelta(0)
    assert shifted.replace(tzinfo=None) - naive == gap
    return instant


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, date, list[time], int]:
    """Draw a zone, a day (a DST day half of the time when the zone has one), times, weekdays."""
    zone = draw(st.sampled_from(ZONES))
    year = draw(st.integers(1990, 2037))
    special = transition_days(zone, year)
    if special and draw(st.booleans()):
        day = draw(st.sampled_from(special))
    else:
        day = draw(st.dates(date(year, 1, 3), date(year, 12, 28)))
    walls = draw(st.lists(wall_times, min_size=1, max_size=4, unique=True))
    weekdays = draw(st.integers(1, 127))
    return zone, day, walls, weekdays


@settings(max_examples=400, deadline=None)
@given(cases())
def test_every_requested_time_fires_once_as_documented(
    case: tuple[str, date, list[time], int],
) -> None:
    """Around any day, each wall time fires exactly once (first fold, or moved by the gap)."""
    zone_name, day, walls, weekdays = case
    zone = ZoneInfo(zone_name)
    days = [day + timedelta(days=offset) for offset in range(-3, 4)]
    window_start = expected_instant(day - timedelta(days=1), time(0), zone)
    window_end = expected_instant(day + timedelta(days=2), time(0), zone)
    got: list[datetime] = []
    after = window_start - timedelta(microseconds=1)
    while True:
        due = next_occurrence(
            times=walls, weekdays=weekdays, zone=zone, after=after, start_date=None, end_date=None
        )
        assert due is not None
        assert due > after
        if due >= window_end:
            break
        got.append(due)
        after = due
    assert got == sorted(set(got))
    expected = {
        expected_instant(d, wall, zone)
        for d in days
        if weekdays >> d.weekday() & 1
        for wall in walls
    }
    assert set(got) == {instant for instant in expected if window_start <= instant < window_end}
    for d in days:
        for wall in walls:
            repeats = valid_instants(d, wall, zone)[1:]
            assert not set(repeats) & set(got), "a repeated wall time fired twice"


@settings(max_examples=200, deadline=None)
@given(cases())
def test_local_wall_time_matches_the_request(case: tuple[str, date, list[time], int]) -> None:
    """Each occurrence reads a requested wall time locally, unless that time did not exist."""
    zone_name, day, walls, weekdays = case
    zone = ZoneInfo(zone_name)
    after = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    due = next_occurrence(
        times=walls, weekdays=weekdays, zone=zone, after=after, start_date=None, end_date=None
    )
    assert due is not None
    local = due.astimezone(zone)
    requested = {
        datetime.combine(local.date() - timedelta(days=k), w) for k in (0, 1) for w in walls
    }
    if local.replace(tzinfo=None) not in requested:
        # Only a time that did not exist may read differently, and then it reads later.
        assert any(
            not valid_instants(r.date(), r.time(), zone)
            and expected_instant(r.date(), r.time(), zone) == due
            for r in requested
        )
