"""The words of /history: one line per schedule, with its times and what became of its doses."""

from bot.time_texts import describe_weekdays
from scheduler.recurrence import EVERY_DAY
from services.reminders import Adherence
from services.vocabulary import ScheduleKind


def history_line(row: Adherence, name_html: str) -> str:
    """Word one schedule's week: "• Caltrate (08:00, 20:00): 12/14 taken (86 %), 2 missed"."""
    when = ", ".join(row.times)
    if row.weekdays != EVERY_DAY:
        when += f" {describe_weekdays(row.weekdays)}"
    verb = "done" if row.kind == ScheduleKind.EXERCISE else "taken"
    percent = round(100 * row.taken / row.due) if row.due else 0
    line = f"• <b>{name_html}</b> ({when}): {row.taken}/{row.due} {verb} ({percent} %)"
    line += f", {row.skipped} skipped" if row.skipped else ""
    line += f", {row.missed} missed" if row.missed else ""
    if row.product_deleted:
        line += " · 🗑 product deleted"
    elif not row.active:
        line += " · ⏸ paused"
    return line
