"""Days and times of day as the bot writes them."""

from collections.abc import Sequence
from datetime import time
from html import escape

from bot.i18n import N_, _
from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS, format_wall_time
from services.schedules import TodayMove
from services.vocabulary import ScheduleKind

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


def describe_days(mask: int, month_day: int | None = None) -> str:
    """Name a schedule's days: a monthly day ("monthly on day 15") or its weekdays."""
    if month_day is not None:
        return f"monthly on day {month_day}"
    return describe_weekdays(mask)


def format_times(times: Sequence[time]) -> str:
    """Join times as HH:MM."""
    return ", ".join(format_wall_time(value) for value in times)


def zone_moves_text(moves: Sequence[TodayMove]) -> str:
    """Say how today's remaining reminders moved with a new time zone (times on the new clock)."""
    lines = ["🕒 Today's remaining reminders, on your new clock:"]
    for move in moves:
        name = escape(move.name or ("Exercise" if move.kind == ScheduleKind.EXERCISE else "Dose"))
        if move.old_local is None and move.new_local is not None:
            lines.append(f"• {name}: now also today at {format_wall_time(move.new_local)}")
        elif move.new_local is None and move.old_local is not None:
            lines.append(
                f"• {name}: not again today (was {format_wall_time(move.old_local)}; "
                "already answered today)"
            )
        elif move.old_local is not None and move.new_local is not None:
            lines.append(
                f"• {name}: {format_wall_time(move.old_local)} → {format_wall_time(move.new_local)}"
            )
    return "\n".join(lines)
