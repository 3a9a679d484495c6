"""The reminder engine: the database is the truth, APScheduler (PTB's JobQueue) is the clock.

One one-shot job is armed for the next moment anything is due (a reminder, a retry, a
nudge or a missed mark) and re-armed after every tick; `wake()` re-arms it for now when a
schedule changes. A slow repeating job is the safety net for a lost wake-up and runs one
bounded repair batch. Start-up reads two indexed minimums, whatever the number of schedules.
"""

import asyncio
import logging
from collections.abc import Callable, Coroutine
from datetime import datetime, timedelta
from typing import Any, Protocol

from scheduler.clock import Clock
from scheduler.config import EngineConfig
from scheduler.dispatcher import Dispatcher, DispatchReport
from scheduler.escalation import Escalation
from scheduler.notifier import Notifier
from scheduler.planner import repair_batch
from storage.database import Database

log = logging.getLogger(__name__)

JobCallback = Callable[[Any], Coroutine[Any, Any, None]]
WAKE_JOB_ID = "calcibot-reminders-wake"
SAFETY_JOB_ID = "calcibot-reminders-safety-net"
# Rounds of a tick in a row that see something due yet claim nothing: past this the engine
# waits a second, so a fault (a row the claim never takes) cannot spin. Rounds that send or
# escalate are real work and never count, so a busy engine is not made to sleep while work is due.
MAX_STALLED_ROUNDS = 10
BACK_OFF = timedelta(seconds=1)
# After a failed tick (database unreachable, say) try again later than that, not every second.
_AFTER_FAILURE = timedelta(seconds=30)
# At shutdown, sends in flight get this long to finish before they are abandoned: a send to
# Telegram takes well under a second, and Docker's stop waits 10 s before SIGKILL.
SHUTDOWN_SENDS = timedelta(seconds=2)
# ... and the tick this long more to hand back what it did not send and return.
_SHUTDOWN_TICK = timedelta(seconds=1.5)


class JobQueueLike(Protocol):
    """The part of PTB's JobQueue the engine uses (so scheduler/ never imports telegram)."""

    def run_once(
        self,
        callback: JobCallback,
        when: datetime,
        *,
        name: str | None = None,
        job_kwargs: dict[str, Any] | None = None,
    ) -> object:
        """Run a callback once at an instant."""
        ...

    def run_repeating(
        self,
        callback: JobCallback,
        interval: timedelta,
        *,
        first: timedelta | None = None,
        name: str | None = None,
        job_kwargs: dict[str, Any] | None = None,
    ) -> object:
        """Run a callback every `interval`."""
        ...


def _job_options(job_id: str) -> dict[str, Any]:
    # A fixed id with replace_existing keeps exactly one job of each kind. APScheduler skips
    # a job that runs more than 1 s late unless misfire_grace_time is None; a tick that is
    # finishing still counts as running, so allow a few instances (ticks serialise on a lock).
    return {
        "id": job_id,
        "replace_existing": True,
        "misfire_grace_time": None,
        "coalesce": True,
        "max_instances": 3,
    }


class ReminderEngine:
    """Dispatches due reminders and escalates unanswered ones, waking exactly when needed."""

    def __init__(
        self,
        database: Database,
        notifier: Notifier,
        clock: Clock,
        config: EngineConfig,
    ) -> None:
        self.config = config
        self.clock = clock
        self._database = database
        self.dispatcher = Dispatcher(database, notifier, clock, self.config)
        self.escalation = Escalation(database, notifier, clock, self.config)
        self._lock = asyncio.Lock()
        self._dirty = False
        self._jobs: JobQueueLike | None = None
        self._repair_cursor = 0
        self._stopping = False
        self.next_wake: datetime | None = None
        self.last_report = DispatchReport()
        # When the last tick ended (health checks read it) and who is told of each dispatch.
        self.last_tick_at: datetime | None = None
        self.on_report: Callable[[DispatchReport], None] | None = None

    def start(self, jobs: JobQueueLike) -> None:
        """Arm a first tick now and the safety net; no work here grows with the schedules."""
        self._jobs = jobs
        jobs.run_repeating(
            self._on_safety_net,
            self.config.safety_interval,
            first=self.config.safety_interval,
            name=SAFETY_JOB_ID,
            job_kwargs=_job_options(SAFETY_JOB_ID),
        )
        self._arm(self.clock.now())

    def wake(self) -> None:
        """Tick as soon as possible, because a schedule changed or a reminder was added."""
        self._dirty = True
        self._arm(self.clock.now())

    async def stop(self, abandon_after: timedelta = SHUTDOWN_SENDS) -> None:
        """Stop claiming and escalating; finish or abandon the sends in flight; hand back the rest.

        Claimed rows not sent go back to the queue at once, for another process or the next
        start, so a shutdown neither drains the backlog first nor leaves rows to a lease.
        """
        self._stopping = True
        await self.dispatcher.stop(abandon_after)
        try:
            async with asyncio.timeout(_SHUTDOWN_TICK.total_seconds()), self._lock:
                pass
        except TimeoutError:
            log.warning("reminder tick still running at shutdown")

    async def tick(self) -> datetime | None:
        """Escalate and dispatch everything due now; arm the next wake-up and return it."""
        async with self._lock:
            stalled = 0
            while not self._stopping:
                self._dirty = False
                now = self.clock.now()
                self.last_report = await self.dispatcher.dispatch_due(now)
                self.last_tick_at = self.clock.now()
                if self.on_report is not None:
                    self.on_report(self.last_report)
                if self._stopping:
                    break
                escalated = await self.escalation.run(now)
                next_at = _earliest(
                    await self.dispatcher.next_due_at(), await self.escalation.next_at()
                )
                if not self._dirty and (next_at is None or next_at > self.clock.now()):
                    return self._arm(next_at)
                worked = self.last_report.batches or escalated.nudged or escalated.missed
                stalled = 0 if worked else stalled + 1
                if stalled >= MAX_STALLED_ROUNDS:
                    log.warning("reminder tick stalled: work is due but none was claimed")
                    return self._arm(self.clock.now() + BACK_OFF)
                if worked and not self._dirty and self.clock.now() < now + self.config.round_gap:
                    # More fell due while this round sent: gather it for one round at the gap.
                    return self._arm(now + self.config.round_gap)
            return None

    async def repair(self) -> int:
        """Run one bounded repair batch; return how many schedules got their next occurrence."""
        report = await repair_batch(
            self._database,
            now=self.clock.now(),
            cursor=self._repair_cursor,
            limit=self.config.repair_batch,
            default_zone=self.config.default_zone,
        )
        self._repair_cursor = report.cursor
        return report.planned

    def _arm(self, at: datetime | None) -> datetime | None:
        self.next_wake = at
        if self._jobs is not None and at is not None and not self._stopping:
            self._jobs.run_once(
                self._on_wake, at, name=WAKE_JOB_ID, job_kwargs=_job_options(WAKE_JOB_ID)
            )
        return at

    async def _on_wake(self, _context: object) -> None:
        if self._stopping:
            return
        if self._lock.locked():
            # The running tick sees the flag and goes round once more.
            self._dirty = True
            return
        try:
            await self.tick()
        except Exception:
            log.exception("reminder tick failed; retrying shortly")
            self._arm(self.clock.now() + _AFTER_FAILURE)

    async def _on_safety_net(self, context: object) -> None:
        if self._stopping:
            return
        try:
            if await self.repair():
                self._dirty = True
        except Exception:
            log.exception("reminder repair batch failed")
        await self._on_wake(context)


def _earliest(*moments: datetime | None) -> datetime | None:
    present = [moment for moment in moments if moment is not None]
    return min(present) if present else None
