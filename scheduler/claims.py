"""Claim due occurrences for sending: lease them, sort out the stale ones, plan what follows."""

import logging
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from scheduler.config import DueItem, EngineConfig
from scheduler.planner import Occurrence, insert_occurrences, schedule_next
from scheduler.recurrence import zone_for
from scheduler.slots import REACH, PastOccurrence, Slot, done_slots, load_came_due
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule
from storage.models.base import saved_id
from storage.queries import reminder_rows

log = logging.getLogger(__name__)

_TINY = timedelta(microseconds=1)


@dataclass
class ClaimBatch:
    """The outcome of one claim: what to send now, and what was settled without sending."""

    to_send: list[DueItem] = field(default_factory=list)
    missed: int = 0
    cancelled: int = 0
    failed: int = 0
    # Next occurrences this claim planned that are due already (a restart catching up).
    follow_ups_due: int = 0

    @property
    def claimed(self) -> int:
        """Return how many occurrences this claim took."""
        return len(self.to_send) + self.missed + self.cancelled + self.failed


def due_pending(now: datetime) -> Any:
    """Return the condition of a pending occurrence that is due (and out of any back-off)."""
    return and_(
        col(Reminder.status) == ReminderStatus.PENDING,
        col(Reminder.due_at) <= now,
        # A retry waits out its back-off in lease_until.
        or_(col(Reminder.lease_until).is_(None), col(Reminder.lease_until) <= now),
    )


def lease_expired(now: datetime) -> Any:
    """Return the condition of an occurrence whose sender's lease ran out (it likely crashed)."""
    return and_(col(Reminder.status) == ReminderStatus.SENDING, col(Reminder.lease_until) <= now)


async def _take(session: AsyncSession, *, now: datetime, config: EngineConfig) -> list[int]:
    # Two claims, each walking one index in order and stopping at the batch size: an OR of
    # both would sort the whole backlog after a long downtime on every batch.
    expired = select(Reminder.id).where(lease_expired(now))
    due = select(Reminder.id).where(due_pending(now)).order_by(col(Reminder.due_at))
    taken: list[int] = []
    for chosen in (expired, due):
        # SKIP LOCKED lets several PostgreSQL processes claim side by side without waiting or
        # sharing a row; the locked subquery re-checks each row, so the UPDATE needs no
        # second condition. SQLite ignores it and runs the statement as one atomic write.
        subquery = chosen.limit(config.batch_size).with_for_update(skip_locked=True)
        statement = (
            update(Reminder)
            .where(col(Reminder.id).in_(subquery.scalar_subquery()))
            .values(
                status=ReminderStatus.SENDING.value,
                lease_until=now + config.lease,
                attempts=col(Reminder.attempts) + 1,
            )
            .returning(col(Reminder.id))
            .execution_options(synchronize_session=False)
        )
        taken.extend((await session.exec(statement)).scalars().all())
    return taken


def _is_current(reminder: Reminder, schedule: Schedule, item_zone: Any) -> bool:
    """Return whether a planned occurrence still matches its schedule (not stale after an edit)."""
    if reminder.one_off:
        return schedule.active
    due = schedule_next(schedule, zone=item_zone, after=reminder.due_at - _TINY)
    return due == reminder.due_at


async def claim_batch(database: Database, *, now: datetime, config: EngineConfig) -> ClaimBatch:
    """Claim one batch of due occurrences and commit, so the sends happen outside the lock."""
    batch = ClaimBatch()
    async with database.session() as session:
        ids = await _take(session, now=now, config=config)
        if not ids:
            return batch
        rows = (
            await session.exec(
                reminder_rows().where(col(Reminder.id).in_(ids)).order_by(col(Reminder.due_at))
            )
        ).all()
        # The rows are read-only copies from here; the writes below are a few set-wise UPDATEs.
        session.expunge_all()
        settled: dict[ReminderStatus, list[int]] = defaultdict(list)
        follow_ups: list[Occurrence] = []
        past = await _came_due_near(session, [(r, s) for r, s, _, _ in rows], now, config)
        for reminder, schedule, user, supplement in rows:
            zone = zone_for(user.timezone, default=config.default_zone)
            item = DueItem(reminder, schedule, supplement, user, zone)
            done = done_slots(past.get(schedule.id or 0, ()), zone=zone, times=schedule.times)
            follow_up = _follow_up(item, now=now, config=config, done=done)
            if follow_up is not None:
                follow_ups.append(follow_up)
            status = _verdict(item, now=now, config=config)
            if status is None:
                reminder.late = now - reminder.due_at > config.late_after
                batch.to_send.append(item)
            else:
                settled[status].append(saved_id(reminder.id))
        await insert_occurrences(session, follow_ups)
        batch.follow_ups_due = sum(1 for follow_up in follow_ups if follow_up.due_at <= now)
        await _write(
            session,
            settled,
            late=[saved_id(i.reminder.id) for i in batch.to_send if i.reminder.late],
        )
    batch.cancelled = len(settled[ReminderStatus.CANCELLED])
    batch.missed = len(settled[ReminderStatus.MISSED])
    batch.failed = len(settled[ReminderStatus.FAILED])
    return batch


def _needs_follow_up(reminder: Reminder, schedule: Schedule) -> bool:
    return not reminder.one_off and reminder.attempts == 1 and schedule.id is not None


async def _came_due_near(
    session: AsyncSession,
    claimed: Sequence[tuple[Reminder, Schedule]],
    now: datetime,
    config: EngineConfig,
) -> dict[int, list[PastOccurrence]]:
    """Load what came due around the follow-ups' days, so a done slot is not planned again."""
    wanted = [(r, s) for r, s in claimed if _needs_follow_up(r, s)]
    if not wanted:
        return {}
    since = min(max(r.due_at, now - config.grace) for r, _ in wanted) - REACH
    ids = {s.id or 0 for _, s in wanted}
    return await load_came_due(
        session, schedule_ids=ids, since=since, default_zone=config.default_zone
    )


def _follow_up(
    item: DueItem, *, now: datetime, config: EngineConfig, done: Collection[Slot]
) -> Occurrence | None:
    """Return the schedule's next occurrence to plan when a planned one is first claimed."""
    reminder, schedule = item.reminder, item.schedule
    if not _needs_follow_up(reminder, schedule) or schedule.id is None:
        return None
    # Occurrences older than the grace period are skipped, not planned one by one.
    after = max(reminder.due_at, now - config.grace)
    due = schedule_next(schedule, zone=item.zone, after=after, done=done)
    if due is None:
        return None
    return Occurrence(schedule.id, schedule.user_id, due, zone=item.zone.key)


def _verdict(item: DueItem, *, now: datetime, config: EngineConfig) -> ReminderStatus | None:
    """Return how a claimed occurrence ends without a send, or None to send it."""
    reminder = item.reminder
    if not item.user.active or not _is_current(reminder, item.schedule, item.zone):
        log.info("reminder cancelled as stale reminder_id=%s", reminder.id)
        return ReminderStatus.CANCELLED
    if now - reminder.due_at >= config.grace:
        log.info("reminder missed after downtime reminder_id=%s", reminder.id)
        return ReminderStatus.MISSED
    return None


async def _write(
    session: AsyncSession, settled: dict[ReminderStatus, list[int]], *, late: list[int]
) -> None:
    for status, ids in settled.items():
        await session.exec(
            update(Reminder)
            .where(col(Reminder.id).in_(ids))
            .values(status=status.value, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    if late:
        await session.exec(
            update(Reminder)
            .where(col(Reminder.id).in_(late))
            .values(late=True)
            .execution_options(synchronize_session=False)
        )
