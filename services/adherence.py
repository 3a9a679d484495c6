"""Today's reminders for /today, and how many due doses were taken over the last days."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.doses import dose_amounts
from scheduler.planner import schedule_next, slot_taken
from scheduler.recurrence import zone_for
from services.schedule_views import name_of
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, Supplement
from storage.models.base import saved_id
from storage.models.schedules import CARE_KINDS
from storage.users import get_user

# Rows still on their way have not come due as far as adherence is concerned.
_NOT_YET = (ReminderStatus.PENDING, ReminderStatus.SENDING, ReminderStatus.CANCELLED)
# /today shows "upcoming" for anything not sent yet, planned as a row or not.
UPCOMING = "upcoming"
# A time of the day that passed with nothing sent: the schedule was made (or resumed) after it,
# or the reminder is still on its way late; neither is "upcoming" nor a miss by the user.
ADDED_AFTER = "added_after"
OVERDUE = "overdue"
MISSED = str(ReminderStatus.MISSED)
_ON_THE_WAY = (ReminderStatus.PENDING, ReminderStatus.SENDING)
# A snooze's follow-up sits at snoozed_until, or a few milliseconds later after a collision.
_FOLLOW_UP_WINDOW = timedelta(seconds=1)


@dataclass(frozen=True)
class TodayRow:
    """One dose or exercise of the user's local day: planned, sent or answered."""

    schedule_id: int
    reminder_id: int | None  # None for a later occurrence not yet planned
    kind: str
    title: str | None  # the product's name or the schedule's own title; None if neither
    local_time: time
    due_at: datetime
    status: str
    one_off: bool
    calcium_mg: int = 0  # what one dose brings (0 for exercise)
    # The local time a snoozed dose comes back at, while it waits for its follow-up.
    snoozed_until_local: time | None = None


@dataclass(frozen=True)
class Adherence:
    """For one schedule over a period: how many occurrences came due and what became of them."""

    schedule_id: int
    kind: str
    title: str | None
    due: int
    taken: int
    skipped: int
    missed: int
    times: tuple[str, ...] = ()  # the schedule's "HH:MM" times, to tell two schedules apart
    weekdays: int = 0b1111111
    active: bool = True  # False: paused, or its product deleted
    product_deleted: bool = False


def _day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC)
    return start, end


async def _schedules(
    session: AsyncSession, user_id: int
) -> list[tuple[Schedule, Supplement | None]]:
    rows = await session.exec(
        select(Schedule, Supplement)
        .join(Supplement, col(Supplement.id) == col(Schedule.supplement_id), isouter=True)
        .where(col(Schedule.user_id) == user_id)
        .where(col(Schedule.kind).not_in([ScheduleKind.SUMMARY, *CARE_KINDS]))
    )
    return [(schedule, supplement) for schedule, supplement in rows.all()]


def _calcium(schedule: Schedule, supplement: Supplement | None) -> int:
    if supplement is None:
        return 0
    return dose_amounts(
        calcium_mg=supplement.calcium_mg,
        vitamin_d_iu=supplement.vitamin_d_iu,
        vitamin_k_ug=supplement.vitamin_k_ug,
        units=schedule.units_per_dose,
    ).calcium_mg


def _status(reminder: Reminder, now: datetime) -> str:
    if reminder.status in _ON_THE_WAY:
        return OVERDUE if reminder.due_at <= now else UPCOMING
    return str(reminder.status)


def _fold_snoozes(reminders: list[Reminder]) -> tuple[list[Reminder], dict[int, Reminder]]:
    """Keep one row per dose: a snooze's follow-up answers the dose it came from."""
    originals = [r for r in reminders if not r.one_off]
    follow_ups: dict[int, Reminder] = {}
    for follow_up in (r for r in reminders if r.one_off):
        source = next(
            (
                r
                for r in originals
                if r.snoozed_until is not None
                and r.snoozed_until <= follow_up.due_at < r.snoozed_until + _FOLLOW_UP_WINDOW
            ),
            None,
        )
        if source is None or source.id is None:
            originals.append(follow_up)  # a follow-up whose dose is not of this day
        elif follow_up.status is not ReminderStatus.CANCELLED:
            follow_ups[source.id] = follow_up
    return originals, follow_ups


async def today(
    database: Database, *, telegram_id: int, now: datetime, day: date | None = None
) -> list[TodayRow]:
    """Return the user's doses and exercises of one local day (today by default), in order.

    One row per dose: a snoozed dose shows its follow-up's outcome. A time already past with
    nothing sent is "added_after" when the schedule did not exist yet, "overdue" while its
    planned reminder is still on its way late, else "missed".
    """
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return []
        zone = zone_for(user.timezone)
        start, end = _day_bounds(day or now.astimezone(zone).date(), zone)
        schedules = await _schedules(session, user.id)
        reminders = await session.exec(
            select(Reminder).where(
                col(Reminder.user_id) == user.id,
                col(Reminder.due_at) >= start,
                col(Reminder.due_at) < end,
                col(Reminder.status) != ReminderStatus.CANCELLED,
            )
        )
        by_schedule: dict[int, list[Reminder]] = defaultdict(list)
        for reminder in reminders.all():
            by_schedule[reminder.schedule_id].append(reminder)
    rows: list[TodayRow] = []
    for schedule, supplement in schedules:
        title, sid = name_of(schedule, supplement), saved_id(schedule.id)
        calcium = _calcium(schedule, supplement)
        planned = {(r.due_at, r.one_off) for r in by_schedule[sid]}
        kept, follow_ups = _fold_snoozes(by_schedule[sid])
        for r in kept:
            follow_up = follow_ups.get(r.id or 0)
            shown = follow_up if follow_up is not None else r
            waiting = follow_up is not None and follow_up.status in _ON_THE_WAY
            rows.append(
                TodayRow(
                    schedule_id=sid,
                    reminder_id=shown.id,
                    kind=schedule.kind,
                    title=title,
                    local_time=r.due_at.astimezone(zone).time(),
                    due_at=r.due_at,
                    status=str(ReminderStatus.SNOOZED) if waiting else _status(shown, now),
                    one_off=r.one_off,
                    calcium_mg=calcium,
                    snoozed_until_local=shown.due_at.astimezone(zone).time() if waiting else None,
                )
            )
        # Only the next occurrence is planned; the rest of the day comes from the schedule.
        due = schedule_next(schedule, zone=zone, after=start - timedelta(microseconds=1))
        while due is not None and due < end:
            if (due, False) not in planned and not slot_taken(
                due, schedule=schedule, zone=zone, rows=by_schedule[sid]
            ):
                passed = due <= now
                rows.append(
                    TodayRow(
                        schedule_id=sid,
                        reminder_id=None,
                        kind=schedule.kind,
                        title=title,
                        local_time=due.astimezone(zone).time(),
                        due_at=due,
                        status=(
                            (ADDED_AFTER if schedule.created_at > due else MISSED)
                            if passed
                            else UPCOMING
                        ),
                        one_off=False,
                        calcium_mg=calcium,
                    )
                )
            due = schedule_next(schedule, zone=zone, after=due)
    return sorted(rows, key=lambda row: (row.due_at, row.schedule_id))


async def history(
    database: Database, *, telegram_id: int, now: datetime, days: int = 7
) -> list[Adherence]:
    """Return per schedule how many occurrences came due over the last `days` local days."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return []
        zone = zone_for(user.timezone)
        first_day = now.astimezone(zone).date() - timedelta(days=max(days, 1) - 1)
        start, _ = _day_bounds(first_day, zone)
        schedules = await _schedules(session, user.id)
        counts = await session.exec(
            select(Reminder.schedule_id, Reminder.one_off, Reminder.status, func.count())
            .where(
                col(Reminder.user_id) == user.id,
                col(Reminder.due_at) >= start,
                col(Reminder.due_at) <= now,
                col(Reminder.status).not_in(_NOT_YET),
            )
            .group_by(col(Reminder.schedule_id), col(Reminder.one_off), col(Reminder.status))
        )
        tally: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for schedule_id, one_off, status, count in counts.all():
            # A snooze's follow-up settles the same dose: its answer counts, it adds no due.
            if not one_off:
                tally[schedule_id]["due"] += count
            tally[schedule_id][status] += count
    return [
        Adherence(
            schedule_id=saved_id(schedule.id),
            kind=schedule.kind,
            title=name_of(schedule, supplement),
            due=tally[saved_id(schedule.id)]["due"],
            taken=tally[saved_id(schedule.id)][ReminderStatus.TAKEN],
            skipped=tally[saved_id(schedule.id)][ReminderStatus.SKIPPED],
            missed=tally[saved_id(schedule.id)][ReminderStatus.MISSED],
            times=tuple(schedule.times),
            weekdays=schedule.weekdays,
            active=schedule.active,
            product_deleted=supplement is not None and supplement.deleted,
        )
        for schedule, supplement in schedules
        # A schedule with nothing due in the period has nothing to report (no "0/0" rows).
        if tally[saved_id(schedule.id)]["due"]
    ]
