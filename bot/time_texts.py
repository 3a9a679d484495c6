"""Days and times of day as the bot writes them."""

from collections.abc import Sequence
from datetime import time

from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS, format_wall_time

WEEKDAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def describe_weekdays(mask: int) -> str:
    """Name the days of a bitmask the way people say them."""
    if mask == EVERY_DAY:
        return "every day"
    if mask == WEEKDAYS:
        return "Mon–Fri"
    if mask == WEEKENDS:
        return "Sat–Sun"
    return " ".join(name for index, name in enumerate(WEEKDAY_NAMES) if mask & (1 << index))


def describe_days(mask: int, month_day: int | None = None) -> str:
    """Name a schedule's days: a monthly day ("monthly on day 15") or its weekdays."""
    if month_day is not None:
        return f"monthly on day {month_day}"
    return describe_weekdays(mask)


def format_times(times: Sequence[time]) -> str:
    """Join times as HH:MM."""
    return ", ".join(format_wall_time(value) for value in times)
