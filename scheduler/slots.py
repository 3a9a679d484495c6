"""Which of a schedule's times an occurrence stands for, and which slots of a local day are done.

A slot is one of a schedule's "HH:MM" times on one local day. Each planned occurrence keeps the
zone it was planned in, so its slot is still known after the user's zone changes. The rule
(issue #9, point 3): a slot of a local day, in the user's current zone, that already had its
occurrence (sent, answered, missed …) is never planned again for that day. Without it, New York
→ Chicago after the 02:06 dose plans 02:06 Chicago, the same dose an hour later.
"""

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import false, func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from scheduler.recurrence import (
    format_wall_time,
    next_occurrence,
    parse_wall_time,
    resolve_wall_time,
    zone_for,
)
from storage.models import Reminder, ReminderStatus, Schedule, User

# Every state but "not yet" and "never": the slot had its occurrence, whatever became of it.
_NOT_DUE = (ReminderStatus.PENDING, ReminderStatus.CANCELLED)
CAME_DUE = frozenset(ReminderStatus) - set(_NOT_DUE)
# A slot of a local day is due less than 25 h (a DST day) after the day starts; the next
# occurrence after `after` starts its day less than that before it. Two days look far enough.
REACH = timedelta(days=2)

Slot = tuple[date, str]
# A planned occurrence that came due: when, and the zone it was planned in (None: unknown).
PastOccurrence = tuple[datetime, str | None]


def slot_of(due_at: datetime, *, zone: ZoneInfo, times: Sequence[str]) -> str:
    """Return which of `times` was read in `zone` to give `due_at` (its wall time if none)."""
    local = due_at.astimezone(zone)
    # A time in a spring-forward gap fires later on the wall clock, so look it up, not read it;
    # the day before counts too, as recurrence.next_occurrence lets a gap push past midnight.
    for day in (local.date(), local.date() - timedelta(days=1)):
        for text in times:
            if resolve_wall_time(day, parse_wall_time(text), zone) == due_at:
                return text
    return format_wall_time(local.time())


def slot_in(
    due_at: datetime, *, zone: ZoneInfo, planned_in: ZoneInfo, times: Sequence[str]
) -> Slot:
    """Return the local day in `zone` and the slot of an occurrence planned in `planned_in`."""
    return due_at.astimezone(zone).date(), slot_of(due_at, zone=planned_in, times=times)


def came_due(rows: Iterable[Reminder]) -> list[PastOccurrence]:
    """Keep the planned (not snoozed) occurrences among `rows` that came due."""
    return [(row.due_at, row.zone) for row in rows if not row.one_off and row.status in CAME_DUE]


def done_slots(
    past: Iterable[PastOccurrence], *, zone: ZoneInfo, times: Sequence[str]
) -> frozenset[Slot]:
    """Return the (local day in `zone`, slot) of each occurrence planned in another zone.

    Occurrences planned in `zone` itself are left out, and so are those from before the zone
    was recorded (planned in the current zone unless it changed since): in one zone a slot of a
    day has a single instant, which the unique key already keeps from being planned twice and
    which, once it came due, lies before anything planned next. That keeps the common case free.
    """
    return frozenset(
        slot_in(due, zone=zone, planned_in=zone_for(name, default=zone.key), times=times)
        for due, name in past
        if name is not None and name != zone.key
    )


async def load_came_due(
    session: AsyncSession, *, schedule_ids: Collection[int], since: datetime, default_zone: str
) -> dict[int, list[PastOccurrence]]:
    """Return, per schedule, what came due from `since` on in a zone not its owner's now.

    Only those can fill a slot `done_slots` counts, and after no zone change there are none:
    the claim path, which asks on every batch, gets an empty answer from an indexed read.
    """
    if not schedule_ids:
        return {}
    rows = await session.exec(
        select(Reminder.schedule_id, Reminder.due_at, Reminder.zone)
        .join(User, col(User.id) == col(Reminder.user_id))
        .where(
            col(Reminder.schedule_id).in_(schedule_ids),
            col(Reminder.one_off) == false(),
            col(Reminder.due_at) >= since,
            # NOT IN, not IN (CAME_DUE): with a list of statuses SQLite reads the status index,
            # every answered row since `since` (21 ms for 200 schedules of 20,000, not 0.5 ms).
            col(Reminder.status).not_in(_NOT_DUE),
            col(Reminder.zone) != func.coalesce(col(User.timezone), default_zone),
        )
    )
    found: dict[int, list[PastOccurrence]] = {}
    for schedule_id, due_at, zone in rows.all():
        found.setdefault(schedule_id, []).append((due_at, zone))
    return found


def schedule_next(
    schedule: Schedule, *, zone: ZoneInfo, after: datetime, done: Collection[Slot] = frozenset()
) -> datetime | None:
    """Return the schedule's first due instant after `after` whose local-day slot is not done.

    None when the schedule is paused or ended. `done` comes from `done_slots`.
    """
    if not schedule.active:
        return None
    times = [parse_wall_time(text) for text in schedule.times]

    def following(instant: datetime) -> datetime | None:
        return next_occurrence(
            times=times,
            weekdays=schedule.weekdays,
            zone=zone,
            after=instant,
            start_date=schedule.start_date,
            end_date=schedule.end_date,
            month_day=schedule.month_day,
        )

    due = following(after)
    # Each skipped occurrence is a different done slot, so this ends within len(done) rounds.
    while (
        due is not None
        and done
        and slot_in(due, zone=zone, planned_in=zone, times=schedule.times) in done
    ):
        due = following(due)
    return due


def slot_taken(
    due: datetime, *, schedule: Schedule, zone: ZoneInfo, rows: Iterable[Reminder]
) -> bool:
    """Return whether `rows` (a local day's) hold an occurrence that came due in `due`'s slot."""
    done = done_slots(came_due(rows), zone=zone, times=schedule.times)
    return slot_in(due, zone=zone, planned_in=zone, times=schedule.times) in done
