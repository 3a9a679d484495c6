"""The words and buttons of reminders, nudges, pre-dose projections and answers to them.

The engine knows nothing of words: it hands each due occurrence to `BotWording` (through its
hooks) and sends what comes back.
"""

from collections.abc import Sequence
from datetime import time
from decimal import Decimal
from html import escape

from bot.callbacks import ReminderButton
from nutrition.checker import NutrientProjection, Projection
from nutrition.levels import Level, Nutrient, percent_of
from scheduler.config import DueItem
from scheduler.notifier import Button, OutgoingMessage
from scheduler.recurrence import format_wall_time, local_time
from services.day_totals import TodaySummary
from services.reminders import Action, AnswerResult, amounts_of
from services.schedule_views import name_of
from storage.models import ReminderStatus, Schedule, ScheduleKind, Supplement

_DOSE_BUTTONS = (
    ("✅ Taken", Action.TAKEN),
    ("⏰ 15 min", Action.SNOOZE_15),
    ("⏰ 1 h", Action.SNOOZE_60),
    ("⏭ Skip", Action.SKIP),
)
_EXERCISE_BUTTONS = (("✅ Done", Action.DONE), ("⏰ Later", Action.LATER), ("⏭ Skip", Action.SKIP))
_UNNAMED = {ScheduleKind.SUMMARY: "Daily summary", ScheduleKind.EXERCISE: "Exercise"}


def units_text(units: Decimal) -> str:
    """Write a number of tablets: "1 tablet", "2 tablets", "0.5 tablet"."""
    number = f"{units.normalize():f}"
    return f"{number} tablet" if units <= 1 else f"{number} tablets"


def label(kind: str, name: str | None) -> str:
    """Return the plain (unescaped) name to show: the product's or title, else the kind's."""
    if name:
        return name
    return _UNNAMED.get(ScheduleKind(kind), "Your dose")


def hhmm(value: time) -> str:
    """Write a local wall time as "HH:MM"."""
    return format_wall_time(value)


def buttons(reminder_id: int, kind: str) -> tuple[tuple[Button, ...], ...]:
    """Return the answer buttons of a dose or an exercise reminder."""
    labels = _EXERCISE_BUTTONS if kind == ScheduleKind.EXERCISE else _DOSE_BUTTONS
    return (
        tuple(Button(text, ReminderButton(reminder_id, action).pack()) for text, action in labels),
    )


def dose_line(schedule: Schedule, supplement: Supplement | None) -> str:
    """Say how much one dose is: tablets, then the nutrients it carries."""
    parts = [units_text(schedule.units_per_dose)]
    if supplement is not None:
        amounts = amounts_of(supplement, schedule.units_per_dose)
        if amounts.calcium_mg:
            parts.append(f"{amounts.calcium_mg} mg calcium")
        if amounts.vitamin_d_iu:
            parts.append(f"{amounts.vitamin_d_iu} IU vitamin D")
        if amounts.vitamin_k_ug:
            parts.append(f"{amounts.vitamin_k_ug} µg vitamin K")
    return " · ".join(parts)


def _reminder_id(item: DueItem) -> int:
    if item.reminder.id is None:
        raise ValueError("a reminder is rendered after it has an id")
    return item.reminder.id


def render_reminder(item: DueItem, extra_lines: Sequence[str] = ()) -> OutgoingMessage:
    """Build the reminder message: what to take or do, how much, and the answer buttons."""
    schedule, supplement = item.schedule, item.supplement
    name = escape(label(schedule.kind, name_of(schedule, supplement)))
    if schedule.kind == ScheduleKind.EXERCISE:
        lines = [f"🏃 <b>{name}</b>"]
        if schedule.minutes:
            lines.append(f"{schedule.minutes} min")
    else:
        lines = [f"💊 <b>{name}</b>", dose_line(schedule, supplement)]
        if supplement is not None and supplement.with_food:
            lines.append("🍽 Take with food")
    due = local_time(item.reminder.due_at, item.zone)
    if item.reminder.late and due is not None:
        lines.append(f"⏰ (late: was due {hhmm(due)})")
    lines.extend(extra_lines)
    return OutgoingMessage("\n".join(lines), buttons(_reminder_id(item), schedule.kind))


def render_nudge(item: DueItem) -> OutgoingMessage:
    """Build the one follow-up for an unanswered dose, with the same buttons."""
    schedule, supplement = item.schedule, item.supplement
    name = escape(label(schedule.kind, name_of(schedule, supplement)))
    due = local_time(item.reminder.due_at, item.zone)
    when = hhmm(due) if due is not None else ""
    text = (
        f"🔔 Reminder: did you take <b>{name}</b> ({dose_line(schedule, supplement)}, due {when})?"
    )
    return OutgoingMessage(text, buttons(_reminder_id(item), schedule.kind))


def outcome_text(result: AnswerResult) -> str:
    """Return the line that replaces the buttons once a reminder is answered or closed."""
    status = result.status
    if status is ReminderStatus.TAKEN and result.answered_local is not None:
        verb = "Done" if result.kind is ScheduleKind.EXERCISE else "Taken"
        return f"✅ {verb} {hhmm(result.answered_local)}"
    if status is ReminderStatus.SNOOZED and result.snoozed_until_local is not None:
        return f"⏰ Snoozed until {hhmm(result.snoozed_until_local)}"
    return (
        {
            ReminderStatus.SKIPPED: "⏭ Skipped",
            ReminderStatus.MISSED: "❌ Missed",
            ReminderStatus.CANCELLED: "This reminder was cancelled.",
        }.get(status, "")
        if status is not None
        else ""
    )


_PROJECTED = {
    Nutrient.CALCIUM: ("calcium", "mg"),
    Nutrient.VITAMIN_D: ("vitamin D", "IU"),
}
PROJECTION_LINE = (
    "📊 Taking it brings today's {name} to {after:,} of your {limit:,} {unit} upper limit."
)
PROJECTION_AVERAGE_LINE = (
    "📊 Taking it brings your {days}-day average {name} to {after:,} a day, "
    "of your {limit:,} {unit} daily upper limit."
)
PROJECTION_REACHES = "⚠️ That reaches your daily upper limit for {name}."
PROJECTION_PASSES = (
    "⚠️ That would pass your daily upper limit for {name}. Consider waiting until tomorrow, "
    "or ask your doctor."
)
PROJECTION_NEAR_VASCULAR = (
    "⚠️ That brings {name} to {percent} % of your upper limit; with vascular calcification "
    "it is wiser to stay well below it."
)
PROJECTION_PRESCRIBED = "💊 {name} as prescribed by your doctor — take as told."


def _nutrient_lines(
    figures: NutrientProjection, *, vascular_calcification: bool, prescribed: bool
) -> list[str]:
    name, unit = _PROJECTED[figures.nutrient]
    line = PROJECTION_AVERAGE_LINE if figures.window_days > 1 else PROJECTION_LINE
    lines = [
        line.format(
            name=name,
            after=figures.total_after,
            limit=figures.limit,
            unit=unit,
            days=figures.window_days,
        )
    ]
    if prescribed:
        # A prescribed dose is taken as told: the UL is for intake without medical care
        # (domain-facts §4, IOM 2011), so a neutral note replaces the warning.
        if figures.level_after is not Level.OK:
            lines.append(PROJECTION_PRESCRIBED.format(name=name.capitalize()))
    elif figures.level_after is Level.OVER:
        exact = figures.total_after == figures.limit
        lines.append((PROJECTION_REACHES if exact else PROJECTION_PASSES).format(name=name))
    elif figures.level_after is Level.NEAR and vascular_calcification:
        percent = percent_of(figures.total_after, figures.limit)
        lines.append(PROJECTION_NEAR_VASCULAR.format(name=name, percent=percent))
    return lines


def projection_lines(
    projection: Projection,
    *,
    vascular_calcification: bool = False,
    prescribed_vitamin_d: bool = False,
) -> list[str]:
    """Word a pre-dose projection: only the nutrients the dose carries, each with its figures.

    With vascular calcification the NEAR level (the earlier threshold the projection was
    computed with) warns too; a prescribed vitamin D dose gets a neutral note instead.
    """
    lines: list[str] = []
    for figures in (projection.calcium, projection.vitamin_d):
        if figures.dose <= 0:
            continue
        prescribed = prescribed_vitamin_d and figures.nutrient is Nutrient.VITAMIN_D
        lines += _nutrient_lines(
            figures, vascular_calcification=vascular_calcification, prescribed=prescribed
        )
    return lines


def summary_text(day: TodaySummary | None) -> str:
    """Word the daily-summary push; a short pointer to /today when the day cannot be totalled."""
    if day is None:
        return "📋 Your daily summary: send /today to see your day."
    calcium = day.calcium
    return (
        f"📋 <b>Your day</b>: calcium {calcium.total:,} mg of a {calcium.target:,} mg target "
        f"(upper limit {calcium.limit:,}); vitamin D {day.vitamin_d.total:,} IU.\n"
        "Send /today for details."
    )


class BotWording:
    """The scheduler's `Wording`: reminders and nudges in the bot's words."""

    def reminder(self, item: DueItem, extra_lines: Sequence[str]) -> OutgoingMessage:
        """Word a due reminder with the lines the checker added."""
        return render_reminder(item, extra_lines)

    def nudge(self, item: DueItem) -> OutgoingMessage:
        """Word the one follow-up of an unanswered dose."""
        return render_nudge(item)
