"""The words and buttons of dose and exercise reminders, and of the answers to them."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from html import escape
from zoneinfo import ZoneInfo

from scheduler.notifier import Button, OutgoingMessage
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, Supplement

CALLBACK_PREFIX = "r"


class Action(StrEnum):
    """What a reminder button asks for; the value is what goes into callback data."""

    TAKEN = "t"
    SNOOZE_15 = "s15"
    SNOOZE_60 = "s60"
    SKIP = "k"
    DONE = "d"
    LATER = "l"


DOSE_ACTIONS = frozenset({Action.TAKEN, Action.SNOOZE_15, Action.SNOOZE_60, Action.SKIP})
EXERCISE_ACTIONS = frozenset({Action.DONE, Action.LATER, Action.SKIP})
SNOOZE_DELAYS = {
    Action.SNOOZE_15: timedelta(minutes=15),
    Action.SNOOZE_60: timedelta(hours=1),
    # "Later" on an exercise is an hour: long enough to finish what one is doing.
    Action.LATER: timedelta(hours=1),
}


@dataclass(frozen=True)
class DoseAmounts:
    """Nutrients in one dose: per-unit label amounts times the units per dose."""

    calcium_mg: int
    vitamin_d_iu: int
    vitamin_k_ug: int


def _times(per_unit: int, units: Decimal) -> int:
    return int((Decimal(per_unit) * units).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def dose_amounts(supplement: Supplement, units_per_dose: Decimal) -> DoseAmounts:
    """Return what one dose of a product brings (elemental calcium, vitamin D, vitamin K)."""
    return DoseAmounts(
        calcium_mg=_times(supplement.calcium_mg, units_per_dose),
        vitamin_d_iu=_times(supplement.vitamin_d_iu, units_per_dose),
        vitamin_k_ug=_times(supplement.vitamin_k_ug, units_per_dose),
    )


def units_text(units: Decimal) -> str:
    """Write a number of tablets: "1 tablet", "2 tablets", "0.5 tablet"."""
    number = f"{units.normalize():f}"
    return f"{number} tablet" if units <= 1 else f"{number} tablets"


def callback_data(reminder_id: int, action: Action) -> str:
    """Return the short callback data of one reminder button."""
    return f"{CALLBACK_PREFIX}:{reminder_id}:{action.value}"


def parse_callback(data: str) -> tuple[int, Action] | None:
    """Read "r:<id>:<action>" back; None when it is not a reminder button."""
    prefix, _, rest = data.partition(":")
    raw_id, _, raw_action = rest.partition(":")
    # Database ids are BIGINT at most: 19 ASCII digits.
    if prefix != CALLBACK_PREFIX or not (raw_id.isascii() and raw_id.isdigit()) or len(raw_id) > 19:
        return None
    try:
        return int(raw_id), Action(raw_action)
    except ValueError:
        return None


def buttons(reminder_id: int, kind: str) -> tuple[tuple[Button, ...], ...]:
    """Return the answer buttons of a dose or an exercise reminder."""
    if kind == ScheduleKind.EXERCISE:
        labels = [("✅ Done", Action.DONE), ("⏰ Later", Action.LATER), ("⏭ Skip", Action.SKIP)]
    else:
        labels = [
            ("✅ Taken", Action.TAKEN),
            ("⏰ 15 min", Action.SNOOZE_15),
            ("⏰ 1 h", Action.SNOOZE_60),
            ("⏭ Skip", Action.SKIP),
        ]
    return (tuple(Button(text, callback_data(reminder_id, action)) for text, action in labels),)


def local_hhmm(moment: datetime, zone: ZoneInfo) -> str:
    """Write an instant as the user's local "HH:MM"."""
    return moment.astimezone(zone).strftime("%H:%M")


def title_of(schedule: Schedule, supplement: Supplement | None) -> str:
    """Return the plain (unescaped) name a schedule goes by: the product, or its title."""
    if schedule.kind == ScheduleKind.DOSE and supplement is not None:
        return supplement.name
    if schedule.title:
        return schedule.title
    return {ScheduleKind.SUMMARY: "Daily summary", ScheduleKind.EXERCISE: "Exercise"}.get(
        ScheduleKind(schedule.kind), "Your dose"
    )


def _dose_line(schedule: Schedule, supplement: Supplement | None) -> str:
    parts = [units_text(schedule.units_per_dose)]
    if supplement is not None:
        amounts = dose_amounts(supplement, schedule.units_per_dose)
        if amounts.calcium_mg:
            parts.append(f"{amounts.calcium_mg} mg calcium")
        if amounts.vitamin_d_iu:
            parts.append(f"{amounts.vitamin_d_iu} IU vitamin D")
        if amounts.vitamin_k_ug:
            parts.append(f"{amounts.vitamin_k_ug} µg vitamin K")
    return " · ".join(parts)


def render_reminder(
    reminder: Reminder,
    schedule: Schedule,
    supplement: Supplement | None,
    *,
    zone: ZoneInfo,
    extra_lines: Sequence[str] = (),
) -> OutgoingMessage:
    """Build the reminder message: what to take or do, how much, and the answer buttons."""
    if reminder.id is None:
        raise ValueError("a reminder is rendered after it has an id")
    name = escape(title_of(schedule, supplement))
    if schedule.kind == ScheduleKind.EXERCISE:
        lines = [f"🏃 <b>{name}</b>"]
        if schedule.minutes:
            lines.append(f"{schedule.minutes} min")
    else:
        lines = [f"💊 <b>{name}</b>", _dose_line(schedule, supplement)]
        if supplement is not None and supplement.with_food:
            lines.append("🍽 Take with food")
    if reminder.late:
        lines.append(f"⏰ (late: was due {local_hhmm(reminder.due_at, zone)})")
    lines.extend(extra_lines)
    return OutgoingMessage("\n".join(lines), buttons(reminder.id, schedule.kind))


def render_nudge(
    reminder: Reminder, schedule: Schedule, supplement: Supplement | None, *, zone: ZoneInfo
) -> OutgoingMessage:
    """Build the one follow-up for an unanswered dose, with the same buttons."""
    if reminder.id is None:
        raise ValueError("a reminder is rendered after it has an id")
    name = escape(title_of(schedule, supplement))
    due = local_hhmm(reminder.due_at, zone)
    text = (
        f"🔔 Reminder: did you take <b>{name}</b> ({_dose_line(schedule, supplement)}, due {due})?"
    )
    return OutgoingMessage(text, buttons(reminder.id, schedule.kind))


def outcome_text(reminder: Reminder, kind: str, *, zone: ZoneInfo) -> str:
    """Return the line that replaces the buttons once a reminder is answered or closed."""
    at = reminder.answered_at
    status = reminder.status
    if status == ReminderStatus.TAKEN and at is not None:
        verb = "Done" if kind == ScheduleKind.EXERCISE else "Taken"
        return f"✅ {verb} {local_hhmm(at, zone)}"
    if status == ReminderStatus.SNOOZED and reminder.snoozed_until is not None:
        return f"⏰ Snoozed until {local_hhmm(reminder.snoozed_until, zone)}"
    return {
        ReminderStatus.SKIPPED: "⏭ Skipped",
        ReminderStatus.MISSED: "❌ Missed",
        ReminderStatus.CANCELLED: "This reminder was cancelled.",
    }.get(ReminderStatus(status), "")
