"""Build the reminder engine for the running bot: notifier, clock, settings and hooks."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

from bot.reminder_texts import BotWording, projection_lines, summary_text
from bot.settings import Settings
from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig, Hooks
from scheduler.engine import ReminderEngine
from scheduler.notifier import Notifier, OutgoingMessage
from services.checker import PlannedDose, project_doses, vitamin_d_window_days
from services.day_totals import today_summary
from services.reminders import amounts_of
from storage.database import Database


@dataclass(frozen=True)
class DoseNotes:
    """What changes a projection's words for one dose: the user's condition, a prescription."""

    vascular: bool
    prescribed: bool


def _hooks(database: Database, settings: Settings) -> Hooks:
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
        return {
            doses[index][0]: projection_lines(
                projection,
                vascular_calcification=doses[index][2].vascular,
                prescribed_vitamin_d=doses[index][2].prescribed,
            )
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
    )
    return ReminderEngine(database, notifier, clock, config)
