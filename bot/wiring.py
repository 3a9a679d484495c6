"""Build the reminder engine for the running bot: notifier, clock, settings and hooks."""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot import records_texts
from bot.care_wording import care_hook
from bot.i18n import use_locale
from bot.projection_texts import projection_lines
from bot.records_texts import summary_lines
from bot.reminder_texts import (
    BotWording,
    WaitLine,
    recipient_locale,
)
from bot.settings import Settings
from bot.spacing_texts import medicine_lines, wait_line
from nutrition.spacing import reminder_hint, spacing_for
from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig, Hooks
from scheduler.engine import ReminderEngine
from scheduler.notifier import Notifier, OutgoingMessage
from services.caregivers.alerts import enqueue_missed
from services.checker import PlannedDose, project_doses, vitamin_d_window_days
from services.reminders import amounts_of
from services.spacing import medicine_kind_of, override_of
from services.spacing_now import CalciumDue, is_calcium, windows
from services.summaries import DailySummary, daily_summary
from storage.database import Database
from storage.models.base import saved_id


async def _spacing_lines(
    database: Database, items: Sequence[DueItem], now: datetime
) -> dict[int, list[str]]:
    """Medicine reminders carry their rule; calcium ones inside a window say how long to wait.

    The windows of the whole batch come from one query (services.spacing_now.windows).
    """
    lines: dict[int, list[str]] = {}
    due: list[CalciumDue] = []
    locales: dict[int, str] = {}
    for item in items:
        reminder_id, supplement = item.reminder.id, item.supplement
        if reminder_id is None or supplement is None:
            continue
        locales[reminder_id] = recipient_locale(item.user)
        kind = medicine_kind_of(supplement)
        if kind is not None:
            spacing = spacing_for(kind, override_of(supplement))
            with use_locale(locales[reminder_id]):
                lines[reminder_id] = medicine_lines(reminder_hint(kind), spacing)
        elif is_calcium(supplement):
            # A late send is checked at the moment it goes out, a snooze at its new time.
            at = max(item.reminder.due_at, now)
            due.append(CalciumDue(reminder_id, saved_id(item.user.id), item.user.timezone, at))
    for reminder_id, wait in (await windows(database, due)).items():
        worst = wait.worst
        until = wait.window.until
        local = None if until is None else until.time()
        with use_locale(locales[reminder_id]):
            text = wait_line(worst, wait.medicine, local)
        lines.setdefault(reminder_id, []).append(WaitLine.of(text, local))
    return lines


@dataclass(frozen=True)
class DoseNotes:
    """What changes a projection's words for one dose: the user's condition, a prescription."""

    vascular: bool
    prescribed: bool


def _hooks(database: Database, settings: Settings, clock: Clock) -> Hooks:
    async def extra_lines(items: Sequence[DueItem]) -> Mapping[int, Sequence[str]]:
        # The pre-dose check of DESIGN.md §4, for a whole claimed batch in one totals query:
        # what taking each dose would make its user's day. The claim already holds the users.
        doses: list[tuple[int, PlannedDose, DoseNotes]] = []
        for item in items:
            if item.supplement is None or item.reminder.id is None:
                continue
            amounts = amounts_of(item.supplement, item.schedule.units_per_dose)
            if amounts.calcium_mg or amounts.vitamin_d_iu:
                window = vitamin_d_window_days(
                    weekdays=item.schedule.weekdays, month_day=item.schedule.month_day
                )
                dose = PlannedDose(
                    item.user,
                    item.reminder.due_at,
                    amounts.calcium_mg,
                    amounts.vitamin_d_iu,
                    window_days=window,
                )
                notes = DoseNotes(
                    vascular=bool(item.user.vascular_calcification),
                    prescribed=item.supplement.prescribed,
                )
                doses.append((item.reminder.id, dose, notes))
        projections = await project_doses(
            database,
            [dose for _, dose, _ in doses],
            policy=settings.near_policy,
        )
        found: dict[int, list[str]] = {}
        for index, projection in projections.items():
            reminder_id, dose, notes = doses[index]
            with use_locale(recipient_locale(dose.user)):
                found[reminder_id] = projection_lines(
                    projection,
                    vascular_calcification=notes.vascular,
                    prescribed_vitamin_d=notes.prescribed,
                )
        for reminder_id, lines in (await _spacing_lines(database, items, clock.now())).items():
            found.setdefault(reminder_id, []).extend(lines)
        return found

    async def on_missed(user_id: int, reminder_id: int) -> None:
        # Caregivers who follow misses get an alert queued for the engine to send.
        await enqueue_missed(database, patient_id=user_id, reminder_id=reminder_id, now=clock.now())

    return Hooks(
        wording=BotWording(),
        summary=summary_hook(database),
        extra_lines=extra_lines,
        on_missed=on_missed,
        care=care_hook(database),
    )


def summary_hook(database: Database) -> Callable[[DueItem], Awaitable[OutgoingMessage]]:
    """Return the engine's summary hook: the user's day at the occurrence's due time, worded."""

    async def summary(item: DueItem) -> OutgoingMessage:
        found = await daily_summary(
            database, telegram_id=item.user.telegram_id, now=item.reminder.due_at
        )
        with use_locale(recipient_locale(item.user)):
            return OutgoingMessage(summary_message(found))

    return summary


def summary_message(found: DailySummary | None) -> str:
    """Word a daily summary (a pointer to /today when the day cannot be totalled)."""
    if found is None:
        return records_texts.SUMMARY_UNAVAILABLE
    calcium, vitamin_d = found.day.calcium, found.day.vitamin_d
    suggestion = found.suggestion
    return summary_lines(
        calcium=(calcium.total, calcium.target, calcium.limit),
        vitamin_d=(vitamin_d.total, vitamin_d.target, vitamin_d.limit),
        doses=(found.doses_taken, found.doses_missed, found.doses_skipped),
        exercise_done=found.exercise_done,
        suggestion=(
            None
            if suggestion is None
            else (suggestion.name, suggestion.portion, suggestion.calcium_mg)
        ),
        room_mg=calcium.headroom,
    )


def build_engine(
    database: Database, notifier: Notifier, settings: Settings, clock: Clock
) -> ReminderEngine:
    """Create the reminder engine with the operator's grace, nudge and missed settings."""
    config = EngineConfig(
        hooks=_hooks(database, settings, clock),
        grace=timedelta(minutes=settings.reminder_grace_minutes),
        nudge_after=timedelta(minutes=settings.nudge_after_minutes),
        missed_after=timedelta(minutes=settings.missed_after_minutes),
        concurrency=settings.send_concurrency,
    )
    return ReminderEngine(database, notifier, clock, config)
