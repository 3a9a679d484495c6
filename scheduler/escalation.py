"""Follow up unanswered reminders: one nudge for a dose, then missed (and the on_missed hook).

The nudge is a new message rather than an edit, because an edit makes no sound on the
phone; its id is kept apart (`nudge_message_id`). A reminder that becomes missed is not left
silent with live buttons: both its messages are edited to say so, the newest keeping one
"took it" button (a late "taken" is still logged).
"""

import asyncio
import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import and_, update
from sqlmodel import col, func, select

from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig
from scheduler.notifier import Blocked, Delivered, Failed, Notifier, SendResult
from scheduler.outcomes import deactivate_user
from scheduler.recurrence import zone_for
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind
from storage.queries import reminder_rows

log = logging.getLogger(__name__)


@dataclass
class EscalationReport:
    """How many reminders were nudged and how many became missed."""

    nudged: int = 0
    missed: int = 0


def _awaiting() -> Any:
    return col(Reminder.status) == ReminderStatus.SENT


def _nudgeable() -> Any:
    # Kept in one place: the sweep and the next wake-up time must agree, or the engine spins.
    return and_(
        _awaiting(), col(Reminder.nudged_at).is_(None), col(Schedule.kind) == ScheduleKind.DOSE
    )


def _with_schedule(statement: Any) -> Any:
    return statement.select_from(Reminder).join(
        Schedule, col(Schedule.id) == col(Reminder.schedule_id)
    )


class Escalation:
    """Sends nudges and marks unanswered reminders missed."""

    def __init__(
        self, database: Database, notifier: Notifier, clock: Clock, config: EngineConfig
    ) -> None:
        self._database = database
        self._notifier = notifier
        self._clock = clock
        self._config = config
        self._limit = asyncio.Semaphore(config.concurrency)

    async def run(self, now: datetime) -> EscalationReport:
        """Mark overdue reminders missed, then nudge the doses due a nudge."""
        report = EscalationReport()
        report.missed = await self._mark_missed(now)
        items = await self._claim_nudges(now)
        results = await asyncio.gather(*(self._nudge(item) for item in items))
        report.nudged = sum(results)
        return report

    async def _mark_missed(self, now: datetime) -> int:
        statement = (
            update(Reminder)
            .where(_awaiting(), col(Reminder.sent_at) <= now - self._config.missed_after)
            .values(status=ReminderStatus.MISSED.value)
            .returning(col(Reminder.user_id), col(Reminder.id))
            .execution_options(synchronize_session=False)
        )
        async with self._database.session() as session:
            missed = list((await session.exec(statement)).all())
            rows = await session.exec(
                reminder_rows().where(col(Reminder.id).in_([r for _, r in missed]))
            )
            items = [
                DueItem(r, s, p, u, zone_for(u.timezone, default=self._config.default_zone))
                for r, s, u, p in rows.all()
            ]
        await asyncio.gather(*(self._close_missed(item) for item in items))
        for user_id, reminder_id in missed:
            log.info("reminder missed reminder_id=%s", reminder_id)
            try:
                await self._config.hooks.on_missed(user_id, reminder_id)
            except Exception:  # one failing alert must not hold back the others
                log.exception("on_missed hook failed reminder_id=%s", reminder_id)
        return len(missed)

    async def _close_missed(self, item: DueItem) -> None:
        """Edit the reminder and its nudge to their missed state; best effort, not retried."""
        reminder = item.reminder
        ids = [i for i in (reminder.message_id, reminder.nudge_message_id) if i is not None]
        if not item.user.active:
            return
        for message_id in ids:
            wording = self._config.hooks.wording.missed(item, latest=message_id == ids[-1])
            try:
                async with self._limit:
                    result = await self._notifier.edit(item.user.chat_id, message_id, wording)
            except Exception as error:  # the missed mark stands whatever the edit does
                result = Failed(reason=type(error).__name__, retryable=False)
            if isinstance(result, Failed):
                log.info(
                    "missed edit not made reminder_id=%s reason=%s", reminder.id, result.reason
                )

    async def _claim_nudges(self, now: datetime) -> list[DueItem]:
        cutoff = now - self._config.nudge_after
        due = _with_schedule(select(Reminder.id)).where(
            _nudgeable(), col(Reminder.sent_at) <= cutoff
        )
        claim = (
            update(Reminder)
            # Checked again on the row itself: another process, or the user's answer, may
            # have got there first.
            .where(
                col(Reminder.id).in_(due.scalar_subquery()),
                _awaiting(),
                col(Reminder.nudged_at).is_(None),
            )
            .values(nudged_at=now)
            .returning(col(Reminder.id))
            .execution_options(synchronize_session=False)
        )
        async with self._database.session() as session:
            ids = list((await session.exec(claim)).scalars().all())
            if not ids:
                return []
            rows = await session.exec(reminder_rows().where(col(Reminder.id).in_(ids)))
            return [
                DueItem(r, s, p, u, zone_for(u.timezone, default=self._config.default_zone))
                for r, s, u, p in rows.all()
            ]

    async def _nudge(self, item: DueItem) -> bool:
        if not item.user.active:
            return False
        async with self._limit:
            result = await self._send(item)
        if isinstance(result, Delivered):
            async with self._database.session() as session:
                await session.exec(
                    update(Reminder)
                    .where(col(Reminder.id) == item.reminder.id)
                    .values(nudge_message_id=result.message_id)
                    .execution_options(synchronize_session=False)
                )
            log.info("reminder nudged reminder_id=%s", item.reminder.id)
            return True
        if isinstance(result, Blocked):
            await deactivate_user(self._database, user_id=item.user.id, reminder=item.reminder)
        else:
            log.warning("nudge not sent reminder_id=%s reason=%s", item.reminder.id, result.reason)
        return False

    async def _send(self, item: DueItem) -> SendResult:
        try:
            return await self._notifier.send(
                item.user.chat_id, self._config.hooks.wording.nudge(item)
            )
        except Exception as error:  # one nudge is best effort; it is not retried
            log.warning("nudge raised %s reminder_id=%s", type(error).__name__, item.reminder.id)
            return Failed(reason=type(error).__name__, retryable=False)

    async def next_at(self) -> datetime | None:
        """Return when the next nudge or missed mark falls due."""
        nudge = _with_schedule(select(func.min(Reminder.sent_at))).where(_nudgeable())
        missed = select(func.min(Reminder.sent_at)).where(_awaiting())
        async with self._database.session() as session:
            row = (
                await session.exec(select(nudge.scalar_subquery(), missed.scalar_subquery()))
            ).one()
        times = []
        if row[0] is not None:
            times.append(row[0] + self._config.nudge_after)
        if row[1] is not None:
            times.append(row[1] + self._config.missed_after)
        return min(times) if times else None
