"""Build the reminder engine for the running bot: notifier, clock, settings and hooks."""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import timedelta

from bot.records_texts import SUMMARY_UNAVAILABLE, summary_lines
from bot.reminder_texts import BotWording, projection_lines
from bot.settings import Settings
from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig, Hooks
from scheduler.engine import ReminderEngine
from scheduler.notifier import Notifier, OutgoingMessage
from services.checker import PlannedDose, project_doses
from services.reminders import amounts_of
from services.summaries import DailySummary, daily_summary
from storage.database import Database


def _hooks(database: Database, settings: Settings) -> Hooks:
    async def extra_lines(items: Sequence[DueItem]) -> Mapping[int, Sequence[str]]:
        # The pre-dose check of DESIGN.md §4, for a whole claimed batch in one totals query:
        # what taking each dose would make its user's day. The claim already holds the users.
        doses: list[tuple[int, PlannedDose]] = []
        for item in items:
            if item.supplement is None or item.reminder.id is None:
                continue
            amounts = amounts_of(item.supplement, item.schedule.units_per_dose)
            if amounts.calcium_mg or amounts.vitamin_d_iu:
                dose = PlannedDose(
                    item.user, item.reminder.due_at, amounts.calcium_mg, amounts.vitamin_d_iu
                )
                doses.append((item.reminder.id, dose))
        projections = await project_doses(
            database,
            [dose for _, dose in doses],
            policy=settings.near_policy,
        )
        return {
            doses[index][0]: projection_lines(projection)
            for index, projection in projections.items()
        }

    return Hooks(wording=BotWording(), summary=summary_hook(database), extra_lines=extra_lines)


def summary_hook(database: Database) -> Callable[[DueItem], Awaitable[OutgoingMessage]]:
    """Return the engine's summary hook: the user's day at the occurrence's due time, worded."""

    async def summary(item: DueItem) -> OutgoingMessage:
        found = await daily_summary(
            database, telegram_id=item.user.telegram_id, now=item.reminder.due_at
        )
        return OutgoingMessage(summary_message(found))

    return summary


def summary_message(found: DailySummary | None) -> str:
    """Word a daily summary (a pointer to /today when the day cannot be totalled)."""
    if found is None:
        return SUMMARY_UNAVAILABLE
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
        hooks=_hooks(database, settings),
        grace=timedelta(minutes=settings.reminder_grace_minutes),
        nudge_after=timedelta(minutes=settings.nudge_after_minutes),
        missed_after=timedelta(minutes=settings.missed_after_minutes),
    )
    return ReminderEngine(database, notifier, clock, config)
