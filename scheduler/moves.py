"""How a re-plan moved the rest of today's reminders of a schedule, as data for the bot to say.

After a zone change the user's reminders keep their wall-clock times in the new zone, so each
of today's remaining ones moves (New York → Chicago: 20:00 comes an hour later by the user's
new clock), disappears (its slot was already done today) or appears (it is new today).
"""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from scheduler.slots import Slot, schedule_next, slot_of
from storage.models import Schedule


@dataclass(frozen=True)
class Moved:
    """One of today's reminders of a schedule before and after a re-plan, in the new zone."""

    schedule_id: int
    slot: str  # which of the schedule's "HH:MM" times
    old_local: datetime | None  # when it was due; None: it is new today
    new_local: datetime | None  # when it is due now; None: not today any more (done, or past)


@dataclass(frozen=True)
class Replanned:
    """What a re-plan left: the next due instant (UTC) and how today's reminders moved."""

    next_due: datetime | None
    moved: tuple[Moved, ...]


def _rest_of_today(
    schedule: Schedule,
    *,
    zone: ZoneInfo,
    planned_in: ZoneInfo,
    now: datetime,
    done: Collection[Slot],
) -> dict[str, datetime]:
    """Map slot to instant, the times read in `planned_in`, from now to midnight in `zone`."""
    today = now.astimezone(zone).date()
    midnight = datetime.combine(today + timedelta(days=1), time(0), tzinfo=zone)
    found: dict[str, datetime] = {}
    due = schedule_next(schedule, zone=planned_in, after=now, done=done)
    while due is not None and due < midnight:
        found.setdefault(slot_of(due, zone=planned_in, times=schedule.times), due)
        due = schedule_next(schedule, zone=planned_in, after=due, done=done)
    return found


def todays_moves(
    schedule: Schedule, *, was: ZoneInfo, zone: ZoneInfo, now: datetime, done: Collection[Slot]
) -> tuple[Moved, ...]:
    """Compare the rest of today as planned in zone `was` with the plan in `zone`."""
    if schedule.id is None or was.key == zone.key:
        return ()
    # In its own zone a slot that came due is already past, so the old plan needs no `done`.
    before = _rest_of_today(schedule, zone=zone, planned_in=was, now=now, done=())
    after = _rest_of_today(schedule, zone=zone, planned_in=zone, now=now, done=done)
    return tuple(
        Moved(schedule.id, slot, _local(before.get(slot), zone), _local(after.get(slot), zone))
        for slot in sorted(before.keys() | after.keys())
        if before.get(slot) != after.get(slot)
    )


def _local(instant: datetime | None, zone: ZoneInfo) -> datetime | None:
    return None if instant is None else instant.astimezone(zone)
