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
        return _("monthly on day {day}").format(day=month_day)
    return describe_weekdays(mask)


def format_times(times: Sequence[time]) -> str:
    """Join times as HH:MM."""
    return ", ".join(format_wall_time(value) for value in times)


def zone_moves_text(moves: Sequence[TodayMove]) -> str:
    """Say how today's remaining reminders moved with a new time zone (times on the new clock)."""
    lines = [_("🕒 Today's remaining reminders, on your new clock:")]
    for move in moves:
        unnamed = _("Exercise") if move.kind == ScheduleKind.EXERCISE else _("Dose")
        name = escape(move.name or unnamed)
        if move.old_local is None and move.new_local is not None:
            line = _("• {name}: now also today at {new}")
        elif move.new_local is None and move.old_local is not None:
            line = _("• {name}: not again today (was {old}; already answered today)")
        elif move.old_local is not None and move.new_local is not None:
            line = _("• {name}: {old} → {new}")
        else:
            continue
        old = format_wall_time(move.old_local) if move.old_local is not None else ""
        new = format_wall_time(move.new_local) if move.new_local is not None else ""
        lines.append(line.format(name=name, old=old, new=new))
    return "\n".join(lines)
