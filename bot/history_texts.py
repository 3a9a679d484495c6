"""The words of /history: one line per schedule, with its times and what became of its doses."""

from bot.i18n import _
from bot.time_texts import describe_weekdays
from scheduler.recurrence import EVERY_DAY
from services.reminders import Adherence
from services.vocabulary import ScheduleKind


def history_line(row: Adherence, name_html: str) -> str:
    """Word one schedule's week: "• Caltrate (08:00, 20:00): 12/14 taken (86 %), 2 missed"."""
    when = ", ".join(row.times)
    if row.weekdays != EVERY_DAY:
        when += f" {describe_weekdays(row.weekdays)}"
    percent = round(100 * row.taken / row.due) if row.due else 0
    if row.kind == ScheduleKind.EXERCISE:
        head = _("• <b>{name}</b> ({when}): {taken}/{due} done ({percent} %)")
    else:
        head = _("• <b>{name}</b> ({when}): {taken}/{due} taken ({percent} %)")
    line = head.format(name=name_html, when=when, taken=row.taken, due=row.due, percent=percent)
    line += _(", {count} skipped").format(count=row.skipped) if row.skipped else ""
    line += _(", {count} missed").format(count=row.missed) if row.missed else ""
    if row.product_deleted:
        line += _(" · 🗑 product deleted")
    elif not row.active:
        line += _(" · ⏸ paused")
    return line
