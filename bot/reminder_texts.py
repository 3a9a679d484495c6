"""The words and buttons of reminders, nudges, pre-dose projections and answers to them.

The engine knows nothing of words: it hands each due occurrence to `BotWording` (through its
hooks) and sends what comes back.
"""

from collections.abc import Sequence
from datetime import time
from decimal import Decimal
from html import escape

from bot import spacing_texts
from bot.callbacks import ReminderButton
from bot.i18n import N_, _, ngettext, translate_constants, use_locale, user_locale
from scheduler.config import DueItem
from scheduler.notifier import Button, OutgoingMessage
from scheduler.recurrence import format_wall_time, local_time
from services.reminders import Action, AnswerResult, amounts_of
from services.schedule_views import name_of
from storage.models import ReminderStatus, Schedule, ScheduleKind, Supplement
from storage.models.users import UserBase

# Button labels are message ids (N_), translated where the buttons are built.
_DOSE_BUTTONS = (
    (N_("✅ Taken"), Action.TAKEN),
    (N_("⏰ 15 min"), Action.SNOOZE_15),
    (N_("⏰ 1 h"), Action.SNOOZE_60),
    (N_("⏭ Skip"), Action.SKIP),
)
_EXERCISE_BUTTONS = ((N_("✅ Done"), Action.DONE), (N_("⏭ Skip"), Action.SKIP))
_EXERCISE_LATER = (
    (N_("⏰ 30 min"), Action.LATER_30),
    (N_("⏰ 1 h"), Action.LATER),
    (N_("⏰ 2 h"), Action.LATER_120),
)
_UNNAMED = {ScheduleKind.SUMMARY: N_("Daily summary"), ScheduleKind.EXERCISE: N_("Exercise")}


def units_text(units: Decimal) -> str:
    """Write a number of tablets: "1 tablet", "2 tablets", "0.5 tablet" (一片 in Chinese)."""
    # English says "0.5 tablet" and "1.5 tablets": the singular up to one, so the count that
    # picks the form is 1 up to one tablet and 2 above (ngettext takes whole numbers).
    count = 1 if units <= 1 else 2
    text = ngettext("{number} tablet", "{number} tablets", count)
    return text.format(number=f"{units.normalize():f}")


def label(kind: str, name: str | None) -> str:
    """Return the plain (unescaped) name to show: the product's or title, else the kind's."""
    if name:
        return name
    unnamed = _UNNAMED.get(ScheduleKind(kind)) or N_("Your dose")
    return _(unnamed)


def hhmm(value: time) -> str:
    """Write a local wall time as "HH:MM"."""
    return format_wall_time(value)


class WaitLine(str):
    """An extra line saying a calcium dose falls in a medicine's spacing window.

    It travels through the engine as a plain line; the reminder adds a snooze to `until`.
    """

    until: time | None = None

    @classmethod
    def of(cls, text: str, until: time | None) -> "WaitLine":
        """Return the line, remembering when the window ends."""
        line = cls(text)
        line.until = until
        return line


def buttons(
    reminder_id: int, kind: str, wait_until: time | None = None
) -> tuple[tuple[Button, ...], ...]:
    """Return the answer buttons of a dose or an exercise reminder (and a snooze to a time)."""

    def row(labels: tuple[tuple[str, Action], ...]) -> tuple[Button, ...]:
        return tuple(
            Button(_(text), ReminderButton(reminder_id, action).pack()) for text, action in labels
        )

    if kind == ScheduleKind.EXERCISE:
        return (row(_EXERCISE_BUTTONS), row(_EXERCISE_LATER))
    rows = (row(_DOSE_BUTTONS),)
    if wait_until is None:
        return rows
    snooze = ReminderButton(reminder_id, Action.SNOOZE_UNTIL).pack()
    return ((Button(spacing_texts.wait_button(wait_until), snooze),), *rows)


def dose_line(schedule: Schedule, supplement: Supplement | None) -> str:
    """Say how much one dose is: tablets, then the nutrients it carries."""
    parts = [units_text(schedule.units_per_dose)]
    if supplement is not None:
        amounts = amounts_of(supplement, schedule.units_per_dose)
        if amounts.calcium_mg:
            parts.append(_("{mg} mg calcium").format(mg=amounts.calcium_mg))
        if amounts.vitamin_d_iu:
            parts.append(_("{iu} IU vitamin D").format(iu=amounts.vitamin_d_iu))
        if amounts.vitamin_k_ug:
            parts.append(_("{ug} µg vitamin K").format(ug=amounts.vitamin_k_ug))
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
            lines.append(_("{minutes} min").format(minutes=schedule.minutes))
    else:
        lines = [f"💊 <b>{name}</b>", dose_line(schedule, supplement)]
        if supplement is not None and supplement.with_food:
            lines.append(_("🍽 Take with food"))
    due = local_time(item.reminder.due_at, item.zone)
    if item.reminder.late and due is not None:
        lines.append(_("⏰ (late: was due {time})").format(time=hhmm(due)))
    lines.extend(extra_lines)
    wait_until = next(
        (line.until for line in extra_lines if isinstance(line, WaitLine) and line.until), None
    )
    return OutgoingMessage("\n".join(lines), buttons(_reminder_id(item), schedule.kind, wait_until))


def render_nudge(item: DueItem) -> OutgoingMessage:
    """Build the one follow-up for an unanswered dose, with the same buttons."""
    schedule, supplement = item.schedule, item.supplement
    name = escape(label(schedule.kind, name_of(schedule, supplement)))
    due = local_time(item.reminder.due_at, item.zone)
    when = hhmm(due) if due is not None else ""
    text = _("🔔 Reminder: did you take <b>{name}</b> ({dose}, due {time})?").format(
        name=name, dose=dose_line(schedule, supplement), time=when
    )
    return OutgoingMessage(text, buttons(_reminder_id(item), schedule.kind))


def render_missed(item: DueItem, *, latest: bool) -> OutgoingMessage:
    """Build a missed reminder's final state; the newest message keeps one "took it" button."""
    schedule, supplement = item.schedule, item.supplement
    name = escape(label(schedule.kind, name_of(schedule, supplement)))
    if schedule.kind == ScheduleKind.EXERCISE:
        lines = [f"🏃 <b>{name}</b>"]
        took, tap = (_("✅ I did it"), Action.DONE), _("⏱ Missed — tap if you did it")
    else:
        lines = [f"💊 <b>{name}</b>", dose_line(schedule, supplement)]
        took, tap = (_("✅ I took it"), Action.TAKEN), _("⏱ Missed — tap if you took it")
    if not latest:
        return OutgoingMessage("\n".join([*lines, _("⏱ Missed")]), ())
    button = Button(took[0], ReminderButton(_reminder_id(item), took[1]).pack())
    return OutgoingMessage("\n".join([*lines, tap]), ((button,),))


def closed_text(result: AnswerResult) -> str:
    """Word a reminder message answered elsewhere (another message, or in words)."""
    icon = "🏃" if result.kind is ScheduleKind.EXERCISE else "💊"
    kind = result.kind or ScheduleKind.DOSE
    return f"{icon} <b>{escape(label(kind, result.title))}</b>\n{outcome_text(result)}"


def outcome_text(result: AnswerResult) -> str:
    """Return the line that replaces the buttons once a reminder is answered or closed."""
    status = result.status
    if status is ReminderStatus.TAKEN and result.answered_local is not None:
        done = _("✅ Done {time}") if result.kind is ScheduleKind.EXERCISE else _("✅ Taken {time}")
        return done.format(time=hhmm(result.answered_local))
    if status is ReminderStatus.SNOOZED and result.snoozed_until_local is not None:
        return _("⏰ Snoozed until {time}").format(time=hhmm(result.snoozed_until_local))
    closed = {
        ReminderStatus.SKIPPED: N_("⏭ Skipped"),
        ReminderStatus.MISSED: N_("❌ Missed"),
        ReminderStatus.CANCELLED: N_("This reminder was cancelled."),
    }
    text = closed.get(status) if status is not None else None
    return _(text) if text else ""


def already_recorded(result: AnswerResult) -> str:
    """Say, in a toast, that a later tap changed nothing: "Already recorded ✅ at 08:02"."""
    status = result.status
    if status is ReminderStatus.SNOOZED and result.snoozed_until_local is not None:
        return _("Already snoozed until {time}").format(time=hhmm(result.snoozed_until_local))
    mark = (
        {
            ReminderStatus.TAKEN: "✅",
            ReminderStatus.SKIPPED: "⏭",
            ReminderStatus.MISSED: "❌",
        }.get(status)
        if status is not None
        else None
    )
    if mark is None:
        return _("Already recorded")
    if result.answered_local is None:
        return _("Already recorded {mark}").format(mark=mark)
    return _("Already recorded {mark} at {time}").format(
        mark=mark, time=hhmm(result.answered_local)
    )


def answered_text(original_html: str, outcome: str) -> str:
    """Keep a reminder's name and dose line, drop its buttons' context, add the outcome."""
    lines = original_html.split("\n")
    kept = lines[:1]
    # The second line of a reminder is its amount ("1 tablet · 600 mg calcium", "30 min").
    if len(lines) > 1 and lines[1][:1].isdigit():
        kept.append(lines[1])
    return "\n".join([*kept, outcome])


def recipient_locale(user: UserBase) -> str:
    """Return a user's interface language: a message's recipient, not whoever caused it."""
    return user_locale(user.locale, user.language_code)


class BotWording:
    """The scheduler's `Wording`: reminders and nudges in the bot's words."""

    def reminder(self, item: DueItem, extra_lines: Sequence[str]) -> OutgoingMessage:
        """Word a due reminder, in its recipient's language, with the checker's lines."""
        with use_locale(recipient_locale(item.user)):
            return render_reminder(item, extra_lines)

    def nudge(self, item: DueItem) -> OutgoingMessage:
        """Word the one follow-up of an unanswered dose, in its recipient's language."""
        with use_locale(recipient_locale(item.user)):
            return render_nudge(item)

    def missed(self, item: DueItem, *, latest: bool) -> OutgoingMessage:
        """Word a missed reminder's final state, in its recipient's language."""
        with use_locale(recipient_locale(item.user)):
            return render_missed(item, latest=latest)


translate_constants(__name__)
