"""Send due reminders: claim a batch, send it concurrently, record what Telegram answered."""

import asyncio
import logging
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlmodel import col, func, select

from scheduler.claims import claim_batch, due_pending
from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig, Hooks
from scheduler.notifier import Blocked, Delivered, Failed, Notifier, OutgoingMessage, SendResult
from scheduler.outcomes import (
    DeliveryLog,
    cancel_claimed,
    deactivate_user,
    hand_back,
    record_failure,
)
from storage.database import Database
from storage.models import Reminder, ReminderStatus, ScheduleKind
from storage.models.base import saved_id
from storage.models.schedules import CARE_KINDS

log = logging.getLogger(__name__)


async def render_due(
    item: DueItem, hooks: Hooks, extra: Sequence[str] = ()
) -> OutgoingMessage | None:
    """Build the message for an occurrence that is due; None when there is nothing to say."""
    if item.schedule.kind == ScheduleKind.SUMMARY:
        return await hooks.summary(item)
    if item.schedule.kind in CARE_KINDS:
        return await hooks.care(item)
    return hooks.wording.reminder(item, extra)


async def extra_lines_for(items: Sequence[DueItem], hooks: Hooks) -> Mapping[int, Sequence[str]]:
    """Ask the hook for the extra lines of a batch's doses; none at all if it fails.

    A dose reminder without its projection line still helps; a reminder held back by a
    checker fault does not, so the batch goes out and the fault is logged.
    """
    doses = [item for item in items if item.schedule.kind == ScheduleKind.DOSE]
    if not doses:
        return {}
    try:
        return await hooks.extra_lines(doses)
    except Exception:
        log.exception("reminder extra lines failed; sending %d without them", len(doses))
        return {}


@dataclass
class DispatchReport:
    """What one dispatch did, by outcome."""

    sent: int = 0
    late: int = 0
    missed: int = 0
    cancelled: int = 0
    blocked: int = 0
    retried: int = 0
    failed: int = 0
    batches: int = 0
    # Seconds from due time to Telegram's answer, one per delivery (for the lateness histogram).
    lateness_s: list[float] = field(default_factory=list)


class Dispatcher:
    """Claims due occurrences and sends them through the Notifier."""

    def __init__(
        self,
        database: Database,
        notifier: Notifier,
        clock: Clock,
        config: EngineConfig,
        *,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self._database = database
        self._notifier = notifier
        self._clock = clock
        self._config = config
        self._jitter = jitter
        self._limit = asyncio.Semaphore(config.concurrency)
        self._deliveries = DeliveryLog(database, clock)
        self._stopping = False
        # When this dispatcher last claimed (a long burst is progress, not a hung tick).
        self.last_claim_at: datetime | None = None
        self._in_flight: set[asyncio.Task[bool]] = set()

    async def dispatch_due(self, now: datetime) -> DispatchReport:
        """Send what is due at `now`, batch after batch, until a batch comes back short.

        A short batch means the backlog is gone; what fell due while it was sent waits for
        the engine's next round rather than a claim of its own at once. Occurrences a claim
        planned already due (after a restart) are part of the backlog and go on at once.
        """
        report = DispatchReport()
        while not self._stopping:
            # A long burst runs past `now`; claiming at the clock's time keeps lateness honest.
            at = max(now, self._clock.now())
            batch = await claim_batch(self._database, now=at, config=self._config)
            self.last_claim_at = at
            if not batch.claimed:
                return report
            report.batches += 1
            report.missed += batch.missed
            report.cancelled += batch.cancelled
            report.failed += batch.failed
            await self._send_batch(batch.to_send, report)
            if batch.claimed < self._config.batch_size and not batch.follow_ups_due:
                return report
        return report

    async def stop(self, abandon_after: timedelta) -> None:
        """Claim no more; give sends in flight `abandon_after` to finish, then abandon them.

        The batch being sent hands back what it did not send (see _send_batch).
        """
        self._stopping = True
        self._deliveries.close()
        running = [task for task in self._in_flight if not task.done()]
        if running:
            _, late = await asyncio.wait(running, timeout=abandon_after.total_seconds())
            for task in late:
                task.cancel()
            if late:
                log.warning("shutdown abandoned %d sends in flight", len(late))

    async def _send_batch(self, items: Sequence[DueItem], report: DispatchReport) -> None:
        if not items:
            return
        extras = await extra_lines_for(items, self._config.hooks)
        tasks = {
            asyncio.create_task(
                self._deliver(item, extras.get(saved_id(item.reminder.id), ()), report)
            ): item
            for item in items
        }
        self._in_flight.update(tasks)
        try:
            await asyncio.wait(tasks)
        finally:
            self._in_flight.difference_update(tasks)
        # Not sent (stopping) or abandoned mid-send: back to the queue at once, not after the
        # lease. An abandoned send may have reached Telegram; at-least-once means it goes again.
        unsent: list[DueItem] = []
        errors: list[BaseException] = []
        for task, item in tasks.items():
            if task.cancelled():
                unsent.append(item)
            elif (error := task.exception()) is not None:
                errors.append(error)
            elif not task.result():
                unsent.append(item)
        if unsent:
            await self._deliveries.flush()
            await hand_back(self._database, unsent)
            log.info("handed back %d claimed reminders", len(unsent))
        if errors:
            raise errors[0]

    async def _deliver(self, item: DueItem, extra: Sequence[str], report: DispatchReport) -> bool:
        """Send one occurrence and record the outcome; return False if it was not sent."""
        async with self._limit:
            if self._stopping:
                return False
            result = await self._send(item, extra)
            if isinstance(result, Delivered):
                # The slot is kept until the delivery is written, so a crash re-sends at most
                # the sends in flight. A press before the write finds the row "sending", which
                # answers accept.
                at = self._clock.now()
                await self._deliveries.record((item, result, at))
                report.lateness_s.append((at - item.reminder.due_at).total_seconds())
                report.sent += 1
                report.late += int(item.reminder.late)
                return True
        reminder = item.reminder
        if result is None:
            await cancel_claimed(self._database, reminder)
            report.cancelled += 1
        elif isinstance(result, Blocked):
            await deactivate_user(self._database, user_id=item.user.id, reminder=reminder)
            report.blocked += 1
        else:
            status = await record_failure(
                self._database,
                reminder,
                result,
                now=self._clock.now(),
                delay=self.backoff(reminder.attempts, result.retry_after),
                config=self._config,
            )
            report.retried += int(status == ReminderStatus.PENDING)
            report.missed += int(status == ReminderStatus.MISSED)
            report.failed += int(status == ReminderStatus.FAILED)
        return True

    async def _send(self, item: DueItem, extra: Sequence[str]) -> SendResult | None:
        try:
            message = await render_due(item, self._config.hooks, extra)
        except Exception as error:  # a faulty hook must not stop the other reminders
            log.exception("reminder render failed reminder_id=%s", item.reminder.id)
            return Failed(reason=type(error).__name__, retryable=False)
        if message is None:
            return None
        try:
            return await self._notifier.send(item.user.chat_id, message)
        except Exception as error:  # an unexpected error is treated as a transient one
            log.warning(
                "reminder send raised %s reminder_id=%s", type(error).__name__, item.reminder.id
            )
            return Failed(reason=type(error).__name__, retryable=True)

    def backoff(self, attempt: int, retry_after: float | None) -> timedelta:
        """Return how long to wait before the next try: exponential, jittered, capped."""
        base = self._config.backoff_base * (1 << min(max(attempt - 1, 0), 20))
        ceiling = min(base, self._config.backoff_max)
        # Equal jitter: at least half the step, so retries spread out but never bunch at 0.
        delay = ceiling / 2 + ceiling / 2 * self._jitter()
        if retry_after is not None:
            delay = max(delay, timedelta(seconds=retry_after))
        return delay

    async def due_count(self, now: datetime) -> int:
        """Return how many occurrences are due and waiting to be claimed (the queue depth)."""
        async with self._database.session() as session:
            count = await session.exec(
                select(func.count()).select_from(Reminder).where(due_pending(now))
            )
            return int(count.one())

    async def next_due_at(self) -> datetime | None:
        """Return when the next occurrence (or retry, or lease expiry) needs a dispatcher."""
        pending = col(Reminder.status) == ReminderStatus.PENDING
        due = select(func.min(Reminder.due_at)).where(pending, col(Reminder.lease_until).is_(None))
        retry = select(func.min(Reminder.lease_until)).where(pending)
        lease = select(func.min(Reminder.lease_until)).where(
            col(Reminder.status) == ReminderStatus.SENDING
        )
        async with self._database.session() as session:
            row = (
                await session.exec(
                    select(due.scalar_subquery(), retry.scalar_subquery(), lease.scalar_subquery())
                )
            ).one()
        times = [moment for moment in row if moment is not None]
        return min(times) if times else None
