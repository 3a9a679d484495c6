"""Record what became of a send: delivered, blocked by the user, or failed (maybe to retry)."""

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, bindparam, case, update
from sqlmodel import col

from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig
from scheduler.notifier import Delivered, Failed
from storage.database import Database
from storage.models import Reminder, ReminderStatus, ScheduleKind, User
from storage.models.schedules import CARE_KINDS

log = logging.getLogger(__name__)


def _ours(reminder: Reminder) -> ColumnElement[bool]:
    # The attempt count is the claim's fencing token: if our lease ran out and another
    # process took the occurrence over, its claim raised the count and we write nothing.
    return and_(col(Reminder.id) == reminder.id, col(Reminder.attempts) == reminder.attempts)


Delivery = tuple[DueItem, Delivered, datetime]
# A delivery write that fails (database down or locked) is tried again after these waits.
_WRITE_RETRY_FIRST_S = 0.5
_WRITE_RETRY_MAX_S = 5.0


async def record_deliveries(database: Database, delivered: Sequence[Delivery]) -> None:
    """Mark occurrences sent with Telegram's message ids, several in one executemany."""
    if not delivered:
        return
    rows = [
        {
            "b_id": item.reminder.id,
            "b_attempts": item.reminder.attempts,
            "b_done": _done_status(item).value,
            "b_sent_at": now,
            "b_message_id": result.message_id,
        }
        for item, result, now in delivered
    ]
    async with database.session() as session:
        connection = await session.connection()
        await connection.execute(_DELIVERY_UPDATE, rows)
    for item, result, now in delivered:
        reminder = item.reminder
        reminder.status, reminder.sent_at = _done_status(item), now
        reminder.message_id = result.message_id
        log.info("reminder sent reminder_id=%s late=%s", reminder.id, reminder.late)


class DeliveryLog:
    """Write each delivery as soon as its send returns; sends that return together share a write.

    A crash loses only the deliveries not yet written, and the dispatcher keeps a send's slot
    until its write is done, so those are never more than the sends in flight. Writes that
    queue up behind a running one go out together in the next: under a burst that is one
    statement and one commit for several reminders instead of one each, which had been a large
    share of the dispatcher's CPU (bench/reminders.py).
    """

    def __init__(self, database: Database, clock: Clock) -> None:
        self._database = database
        self._clock = clock
        self._queue: list[tuple[Delivery, asyncio.Future[None]]] = []
        self._writer: asyncio.Task[None] | None = None
        self._closing = False

    def close(self) -> None:
        """Stop retrying failed writes (shutting down); a write under way still finishes."""
        self._closing = True

    async def flush(self) -> None:
        """Wait until every delivery handed in so far is written (or given up on)."""
        if self._writer is not None:
            await asyncio.shield(self._writer)

    async def record(self, delivery: Delivery) -> None:
        """Write one delivery; return once it is committed (or given up on, with its lease)."""
        done = asyncio.get_running_loop().create_future()
        self._queue.append((delivery, done))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._drain())
        # Shielded: a send abandoned at shutdown still has its delivery written.
        await asyncio.shield(done)

    async def _drain(self) -> None:
        while self._queue:
            entries, self._queue = self._queue, []
            await self._write([delivery for delivery, _ in entries])
            for _, done in entries:
                if not done.done():
                    done.set_result(None)

    async def _write(self, deliveries: list[Delivery]) -> None:
        # Until the claim's lease runs out the row is still ours and a late write still saves
        # a duplicate; after that another claim may have sent it again, so the write stops.
        leases = [item.reminder.lease_until for item, _, _ in deliveries]
        lease_end = min((lease for lease in leases if lease is not None), default=None)
        budget_s = 0.0 if lease_end is None else (lease_end - self._clock.now()).total_seconds()
        wait_s = _WRITE_RETRY_FIRST_S
        while True:
            try:
                await record_deliveries(self._database, deliveries)
                return
            except Exception as error:
                if self._closing or budget_s < wait_s:
                    log.error(
                        "could not record %d deliveries: %s", len(deliveries), type(error).__name__
                    )
                    return
                log.warning("recording deliveries failed, retrying: %s", type(error).__name__)
                await asyncio.sleep(wait_s)
                budget_s -= wait_s
                wait_s = min(wait_s * 2, _WRITE_RETRY_MAX_S)


async def hand_back(database: Database, items: Sequence[DueItem]) -> None:
    """Return claimed occurrences that were not sent to the queue now, not after the lease."""
    rows = [{"b_id": item.reminder.id, "b_attempts": item.reminder.attempts} for item in items]
    async with database.session() as session:
        connection = await session.connection()
        await connection.execute(_HAND_BACK, rows)


# Sent and needing no answer: nothing to nudge, never missed (caregivers' kinds included).
_NO_ANSWER = (ScheduleKind.SUMMARY, *CARE_KINDS)


def _done_status(item: DueItem) -> ReminderStatus:
    if item.schedule.kind in _NO_ANSWER:
        return ReminderStatus.DELIVERED
    return ReminderStatus.SENT


def _delivery_update() -> Any:
    table = Reminder.__table__  # type: ignore[attr-defined]
    columns = table.c
    # A fast user may have answered before this write; their answer stays. The attempt count
    # is the claim's fencing token, as in _ours.
    status = case(
        (columns.status == ReminderStatus.SENDING.value, bindparam("b_done")),
        else_=columns.status,
    )
    return (
        update(table)
        .where(columns.id == bindparam("b_id"), columns.attempts == bindparam("b_attempts"))
        .values(
            status=status,
            sent_at=bindparam("b_sent_at", type_=columns.sent_at.type),
            message_id=bindparam("b_message_id"),
            lease_until=None,
        )
    )


_DELIVERY_UPDATE = _delivery_update()


def _hand_back() -> Any:
    columns = Reminder.__table__.c  # type: ignore[attr-defined]
    # Only a row still ours and still "sending": a delivery written meanwhile stays sent.
    return (
        update(Reminder.__table__)  # type: ignore[attr-defined]
        .where(
            columns.id == bindparam("b_id"),
            columns.attempts == bindparam("b_attempts"),
            columns.status == ReminderStatus.SENDING.value,
        )
        .values(status=ReminderStatus.PENDING.value, lease_until=None)
    )


_HAND_BACK = _hand_back()


async def deactivate_user(database: Database, *, user_id: int | None, reminder: Reminder) -> None:
    """Mark a user who blocked the bot inactive and cancel everything still to send them."""
    async with database.session() as session:
        await session.exec(
            update(User)
            .where(col(User.id) == user_id)
            .values(active=False)
            .execution_options(synchronize_session=False)
        )
        await session.exec(
            update(Reminder)
            .where(col(Reminder.user_id) == user_id)
            .where(col(Reminder.status) == ReminderStatus.PENDING)
            .values(status=ReminderStatus.CANCELLED.value, lease_until=None)
            .execution_options(synchronize_session=False)
        )
        await session.exec(
            update(Reminder)
            .where(_ours(reminder), col(Reminder.status) == ReminderStatus.SENDING)
            .values(status=ReminderStatus.CANCELLED.value, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    log.info("user blocked the bot; marked inactive user_id=%s", user_id)


async def cancel_claimed(database: Database, reminder: Reminder) -> None:
    """End a claimed occurrence that has nothing left to say (its caregiver link ended)."""
    async with database.session() as session:
        await session.exec(
            update(Reminder)
            .where(_ours(reminder), col(Reminder.status) == ReminderStatus.SENDING)
            .values(status=ReminderStatus.CANCELLED.value, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    log.info("reminder cancelled at send, nothing to say reminder_id=%s", reminder.id)


async def record_failure(
    database: Database,
    reminder: Reminder,
    result: Failed,
    *,
    now: datetime,
    delay: timedelta,
    config: EngineConfig,
) -> ReminderStatus:
    """Put a failed send back for a retry after `delay`, or end it; return its new status.

    A retryable failure is tried again as long as the retry falls inside the reminder's grace
    period; past it the reminder is missed, as one found late after downtime would be.
    """
    status = ReminderStatus.FAILED
    if result.retryable:
        in_grace = now + delay < reminder.due_at + config.grace
        status = ReminderStatus.PENDING if in_grace else ReminderStatus.MISSED
    lease_until = now + delay if status == ReminderStatus.PENDING else None
    async with database.session() as session:
        await session.exec(
            update(Reminder)
            .where(_ours(reminder), col(Reminder.status) == ReminderStatus.SENDING)
            .values(status=status.value, lease_until=lease_until)
            .execution_options(synchronize_session=False)
        )
    if status == ReminderStatus.PENDING:
        log.info(
            "reminder send failed, will retry reminder_id=%s attempt=%s reason=%s",
            reminder.id,
            reminder.attempts,
            result.reason,
        )
    else:
        log.warning(
            "reminder send failed for good reminder_id=%s attempt=%s reason=%s status=%s",
            reminder.id,
            reminder.attempts,
            result.reason,
            status.value,
        )
    return status
