"""Build the reminder engine for the running bot: notifier, clock, settings and hooks."""

from collections.abc import Mapping, Sequence
from datetime import timedelta

from bot.reminder_texts import BotWording, projection_lines, summary_text
from bot.settings import Settings
from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig, Hooks
from scheduler.engine import ReminderEngine
from scheduler.notifier import Notifier, OutgoingMessage
from services.checker import PlannedDose, project_doses
from services.day_totals import today_summary
from services.reminders import amounts_of
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

    async def summary(item: DueItem) -> OutgoingMessage:
        day = await today_summary(
            database, telegram_id=item.user.telegram_id, now=item.reminder.due_at
        )
        return OutgoingMessage(summary_text(day))

    return Hooks(wording=BotWording(), summary=summary, extra_lines=extra_lines)


def build_engine(
    database: Database, notifier: Notifier, settings: Settings, clock: Clock
) -> ReminderEngine:
    """Create the reminder engine with the operator's grace, nudge and missed settings."""
    config = EngineConfig(
        hooks=_hooks(database, settings),
        grace=timedelta(minutes=settings.reminder_grace_minutes),
        nudge_after=timedelta(minutes=settings.nudge_after_minutes),
        missed_after=timedelta(minutes=settings.missed_after_minutes),
        concurrency=settings.send_concurrency,
    )
    return ReminderEngine(database, notifier, clock, config)
