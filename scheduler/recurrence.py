"""When a schedule is next due: local wall times and weekdays turned into UTC instants.

Pure functions, no database. DST rules (DESIGN.md §2): a wall time that does not exist on
a spring-forward day fires at the same wall time moved forward by the gap (02:30 on a
02:00→03:00 day fires at 03:30); a wall time that happens twice on a fall-back day fires
once, at the first of the two (fold=0).
"""

import logging
from calendar import monthrange
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

log = logging.getLogger(__name__)

# The one time policy of the project: weekdays as a bitmask with Monday = bit 0, "HH:MM"
# wall times, at most MAX_TIMES_PER_DAY a day, and UTC for a user whose zone is unset or
# unknown (onboarding asks for the zone first, so only a damaged row falls back).
EVERY_DAY = 0b1111111
WEEKDAYS = 0b0011111
WEEKENDS = 0b1100000
DEFAULT_ZONE = "UTC"
# Any weekday mask has a day within 7 days of the day before `after`; two more days cover a
# time pushed past midnight by a gap and the day after the best candidate.
_SEARCH_DAYS = 10


def parse_wall_time(text: str) -> time:
    """Read an "HH:MM" wall time; raise ValueError for anything else."""
    hours, sep, minutes = text.partition(":")
    if sep != ":" or len(minutes) != 2 or not (hours.isdigit() and minutes.isdigit()):
        raise ValueError(f"not an HH:MM time: {text!r}")
    return time(int(hours), int(minutes))


def format_wall_time(value: time) -> str:
    """Write a wall time as "HH:MM"."""
    return f"{value.hour:02d}:{value.minute:02d}"


class InvalidSchedule(ValueError):
    """A schedule's times, weekdays or dates cannot be planned."""


# More reminders a day than this is a typing slip, not a regimen.
MAX_TIMES_PER_DAY = 8


def clean_times(times: Sequence[time | str]) -> list[str]:
    """Return distinct "HH:MM" wall times in order; raise InvalidSchedule for bad or too many."""
    try:
        walls = {parse_wall_time(t) if isinstance(t, str) else t for t in times}
    except ValueError as error:
        raise InvalidSchedule(str(error)) from None
    if not 1 <= len(walls) <= MAX_TIMES_PER_DAY:
        raise InvalidSchedule(f"give between 1 and {MAX_TIMES_PER_DAY} times of day")
    return [format_wall_time(wall) for wall in sorted(walls)]


def check_weekdays(weekdays: int) -> int:
    """Return a weekday mask with at least one day and no stray bits; raise otherwise."""
    if not 1 <= weekdays <= EVERY_DAY:
        raise InvalidSchedule("pick at least one weekday")
    return weekdays


def check_dates(start_date: date | None, end_date: date | None) -> None:
    """Refuse an end date before the start date."""
    if start_date is not None and end_date is not None and end_date < start_date:
        raise InvalidSchedule("the end date is before the start date")


def zone_for(name: str | None, *, default: str = DEFAULT_ZONE) -> ZoneInfo:
    """Return the user's zone, or the default when it is unset or unknown to tzdata."""
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown time zone in database; using %s", default)
    return ZoneInfo(default)


def local_time(moment: datetime | None, zone: ZoneInfo) -> time | None:
    """Return an instant's wall time in a zone, to the minute; None for no instant."""
    if moment is None:
        return None
    return moment.astimezone(zone).time().replace(second=0, microsecond=0)


def resolve_wall_time(day: date, wall: time, zone: ZoneInfo) -> datetime:
    """Return the UTC instant a wall time on a local day fires at, by the DST rules above."""
    # PEP 495: fold=0 reads a repeated time with the earlier (pre-transition) offset, which
    # is the first of the two; and reads a time in a gap with the offset from before the gap,
    # which lands exactly `gap` later on the wall clock once converted.
    local = datetime.combine(day, wall, tzinfo=zone).replace(fold=0)
    return local.astimezone(UTC)


def is_wall_time_missing(day: date, wall: time, zone: ZoneInfo) -> bool:
    """Return whether a wall time does not exist on that local day (a spring-forward gap)."""
    naive = datetime.combine(day, wall)
    round_trip = resolve_wall_time(day, wall, zone).astimezone(zone).replace(tzinfo=None)
    return round_trip != naive


def month_day_in(year: int, month: int, month_day: int) -> date:
    """Return the day a monthly schedule falls on in a month: its day, or the last day if shorter.

    A "31st" schedule fires on 30 April and 28/29 February rather than skipping those months.
    """
    return date(year, month, min(month_day, monthrange(year, month)[1]))


def check_month_day(month_day: int | None) -> int | None:
    """Return a day of the month between 1 and 31 (or None); raise InvalidSchedule otherwise."""
    if month_day is not None and (isinstance(month_day, bool) or not 1 <= month_day <= 31):
        raise InvalidSchedule("pick a day of the month between 1 and 31")
    return month_day


def _monthly_days(first: date, month_day: int, end_date: date | None) -> Iterable[date]:
    # Three months from the day before `after` always hold the next monthly day and the one
    # after it, which a gap-shifted time may need.
    year, month = first.year, first.month
    for _ in range(3):
        day = month_day_in(year, month, month_day)
        if end_date is not None and day > end_date:
            return
        if day >= first:
            yield day
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _days_from(
    first: date, weekdays: int, end_date: date | None, month_day: int | None = None
) -> Iterable[date]:
    if month_day is not None:
        yield from _monthly_days(first, month_day, end_date)
        return
    for offset in range(_SEARCH_DAYS):
        day = first + timedelta(days=offset)
        if end_date is not None and day > end_date:
            return
        if weekdays >> day.weekday() & 1:
            yield day


def next_occurrence(
    *,
    times: Sequence[time],
    weekdays: int,
    zone: ZoneInfo,
    after: datetime,
    start_date: date | None,
    end_date: date | None,
    month_day: int | None = None,
) -> datetime | None:
    """Return the first due instant strictly after `after`, in UTC, or None when none is left.

    With `month_day` the schedule is monthly on that day (see `month_day_in`), weekdays unused.
    """
    if after.utcoffset() is None:
        raise ValueError("`after` must be an aware datetime")
    if not times or not weekdays & EVERY_DAY:
        return None
    # Start a day early: a time moved forward by a gap can land after `after` from the day before.
    first = after.astimezone(zone).date() - timedelta(days=1)
    if start_date is not None and start_date > first:
        first = start_date
    best: datetime | None = None
    best_day: date | None = None
    for day in _days_from(first, weekdays & EVERY_DAY, end_date, month_day):
        # A later day's times are all later than an earlier day's, give or take one shift.
        if best_day is not None and day > best_day + timedelta(days=1):
            break
        for wall in times:
            instant = resolve_wall_time(day, wall, zone)
            if instant > after and (best is None or instant < best):
                best, best_day = instant, day
    return best
