"""Days and times of day as the bot writes them."""

from collections.abc import Sequence
from datetime import time

from bot.i18n import N_, _
from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS, format_wall_time

WEEKDAY_NAMES = (N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun"))


def describe_weekdays(mask: int) -> str:
    """Name the days of a bitmask the way people say them."""
    if mask == EVERY_DAY:
        return _("every day")
    if mask == WEEKDAYS:
        return _("Mon–Fri")
    if mask == WEEKENDS:
        return _("Sat–Sun")
    names = [_(name) for index, name in enumerate(WEEKDAY_NAMES) if mask & (1 << index)]
    return _(" ").join(names)


def format_times(times: Sequence[time]) -> str:
    """Join times as HH:MM."""
    return ", ".join(format_wall_time(value) for value in times)
