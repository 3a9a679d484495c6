"""Build the reminder engine for the running bot: notifier, clock, settings and hooks."""

from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from bot.settings import Settings
from scheduler.config import DueItem, EngineConfig, Hooks
from scheduler.engine import ReminderEngine
from scheduler.notifier import Notifier, OutgoingMessage
from services.checker import projection_for_user
from services.day_totals import today_summary
from services.reminder_text import dose_amounts
from storage.database import Database


class CallableClock:
    """Adapt the bot's clock function to the scheduler's Clock protocol."""

    def __init__(self, now: Callable[[], datetime]) -> None:
        self._now = now

    def now(self) -> datetime:
        """Return the current instant."""
        return self._now()


def _hooks(database: Database, settings: Settings) -> Hooks:
    async def extra_lines(item: DueItem) -> Sequence[str]:
        # The pre-dose check: what taking this dose would make today's totals (DESIGN.md §4).
        if item.supplement is None or item.user.id is None:
            return ()
        amounts = dose_amounts(item.supplement, item.schedule.units_per_dose)
        if not amounts.calcium_mg and not amounts.vitamin_d_iu:
            return ()
        # The claim already loaded the user: no second lookup per reminder.
        projection = await projection_for_user(
            database,
            user=item.user,
            now=item.reminder.due_at,
            dose_calcium_mg=amounts.calcium_mg,
            dose_vitamin_d_iu=amounts.vitamin_d_iu,
            near_percent=settings.near_limit_percent,
            calcification_percent=settings.near_limit_percent_calcification,
        )
        if projection is None:
            return ()
        calcium = projection.calcium
        lines = [
            f"📊 Taking it brings today's calcium to {calcium.total_after:,} "
            f"of {calcium.limit:,} mg."
        ]
        if projection.would_exceed:
            lines.append(
                "⚠️ That would pass your daily upper limit. Consider waiting until tomorrow, "
                "or ask your doctor."
            )
        return lines

    async def summary(item: DueItem) -> OutgoingMessage:
        day = await today_summary(
            database, telegram_id=item.user.telegram_id, now=item.reminder.due_at
        )
        if day is None:
            return OutgoingMessage("📋 Your daily summary: send /today to see your day.")
        calcium = day.calcium
        return OutgoingMessage(
            f"📋 <b>Your day</b>: calcium {calcium.total:,} mg of a {calcium.target:,} mg target "
            f"(upper limit {calcium.limit:,}); vitamin D {day.vitamin_d.total:,} IU.\n"
            "Send /today for details."
        )

    return Hooks(extra_lines=extra_lines, summary=summary)


def build_engine(
    database: Database, notifier: Notifier, settings: Settings, now: Callable[[], datetime]
) -> ReminderEngine:
    """Create the reminder engine with the operator's grace, nudge and missed settings."""
    config = EngineConfig(
        grace=timedelta(minutes=settings.reminder_grace_minutes),
        nudge_after=timedelta(minutes=settings.nudge_after_minutes),
        missed_after=timedelta(minutes=settings.missed_after_minutes),
        default_zone=settings.default_timezone,
        hooks=_hooks(database, settings),
    )
    return ReminderEngine(database, notifier, CallableClock(now), config)
