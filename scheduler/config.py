"""Settings of the reminder engine and the hooks other features plug into it.

The engine is infrastructure: it knows when to send and how to deliver, never what to say.
Every word comes from above through `Hooks.wording` and `Hooks.summary`.
"""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from scheduler.notifier import OutgoingMessage
from scheduler.recurrence import DEFAULT_ZONE
from storage.models import Reminder, Schedule, Supplement, User


@dataclass(frozen=True)
class DueItem:
    """One occurrence about to go out, with everything needed to word it."""

    reminder: Reminder
    schedule: Schedule
    supplement: Supplement | None
    user: User
    zone: ZoneInfo


async def _no_extra_lines(_items: Sequence[DueItem]) -> Mapping[int, Sequence[str]]:
    return {}


class Wording(Protocol):
    """Words due occurrences into messages; the bot implements it."""

    def reminder(self, item: DueItem, extra_lines: Sequence[str]) -> OutgoingMessage:
        """Return the message of a due dose or exercise reminder."""
        ...

    def nudge(self, item: DueItem) -> OutgoingMessage:
        """Return the one follow-up of an unanswered dose reminder."""
        ...

    def missed(self, item: DueItem, *, latest: bool) -> OutgoingMessage:
        """Return a missed reminder's final state; the `latest` message keeps a "took it" button."""
        ...


async def _no_missed_alert(_user_id: int, _reminder_id: int) -> None:
    return None


async def _nothing_to_say(_item: DueItem) -> OutgoingMessage | None:
    return None


@dataclass(frozen=True)
class Hooks:
    """Where other features add to reminders; every optional default does the least it can."""

    # The words of reminders and nudges.
    wording: Wording
    # The message of a daily-summary schedule.
    summary: Callable[[DueItem], Awaitable[OutgoingMessage]]
    # Lines under the dose reminders of a claimed batch, by reminder id, worked out in one go
    # (the checker's "this would bring today's calcium to …" is one query for the batch).
    extra_lines: Callable[[Sequence[DueItem]], Awaitable[Mapping[int, Sequence[str]]]] = (
        _no_extra_lines
    )
    # Told once per reminder that became missed, e.g. to alert subscribed caregivers.
    on_missed: Callable[[int, int], Awaitable[None]] = _no_missed_alert
    # The message of a caregiver's occurrence (an alert or the daily digest); None when there
    # is nothing left to say (the link ended meanwhile), and the occurrence is cancelled.
    care: Callable[[DueItem], Awaitable[OutgoingMessage | None]] = _nothing_to_say


@dataclass(frozen=True)
class EngineConfig:
    """How the engine claims, sends, retries and escalates; defaults follow DESIGN.md §2–3."""

    # What the engine says and who else is told: given by the composition root.
    hooks: Hooks
    # Older than this after downtime: missed, not sent, so a restart never floods a chat.
    grace: timedelta = timedelta(hours=2)
    # Sent later than this after its due time, a reminder says it is late; rate-limit
    # queues of a minute or two are not worth a remark.
    late_after: timedelta = timedelta(minutes=5)
    # A claim outlives the slowest send of a batch under the rate limiter (200 at 25/s = 8 s).
    lease: timedelta = timedelta(minutes=2)
    batch_size: int = 200
    # A round that caught up (claimed less than a batch) is followed by the next no sooner than
    # this after it began, so reminders falling due one by one go out in small batches instead
    # of a claim, a query and a commit each: under 10,000 reminders a minute that halves the
    # bot's CPU, for at most this much added lateness. A backlog (full batches) never waits.
    round_gap: timedelta = timedelta(milliseconds=200)
    # Sends in flight at once; the rate limiter in bot/ keeps the actual pace. Eight carry
    # Telegram's ~30/s at a 250 ms round trip; more only costs CPU, as httpx's pool scans every
    # open connection for each request (bench/reminders.py lateness p99: 13.5 s at 50 in
    # flight, 0.83 s at 16, 0.33-0.58 s at 8).
    concurrency: int = 8
    # A retryable failure (timeout, 5xx, network) is tried again after a back-off that doubles
    # from this, jittered, until the grace period ends: an outage of minutes loses nothing.
    backoff_base: timedelta = timedelta(seconds=5)
    # The longest wait between tries: once Telegram is back, a reminder held up by an outage
    # goes out within about this much, and 120 tries span the 2-hour grace period at most.
    backoff_max: timedelta = timedelta(minutes=1)
    nudge_after: timedelta = timedelta(minutes=30)
    missed_after: timedelta = timedelta(hours=2)
    # The slow safety net: catches a lost wake-up and runs one bounded repair batch.
    safety_interval: timedelta = timedelta(minutes=5)
    repair_batch: int = 500
    default_zone: str = DEFAULT_ZONE
