"""Answer a reminder (taken, snooze, skip, done) and list the doses waiting for an answer.

Callback data is never trusted: every answer re-reads the reminder and checks in the
database that it belongs to the user who pressed. Answers are idempotent: a second press,
or a press on an old message, changes nothing and returns the outcome already recorded.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal
from enum import StrEnum
from uuid import uuid4

from sqlalchemy import update
from sqlmodel import col, or_
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.doses import DoseAmounts, dose_amounts
from scheduler.planner import plan_one_off
from scheduler.recurrence import local_time, zone_for
from services.adherence import Adherence, TodayRow, history, today
from services.schedule_views import name_of
from services.supply import RefillDue, use_supply
from storage.database import Database
from storage.models import (
    Intake,
    Reminder,
    ReminderStatus,
    Schedule,
    ScheduleKind,
    Supplement,
    User,
)
from storage.models.base import saved_id
from storage.queries import reminder_rows

__all__ = [
    "DOSE_ACTIONS",
    "EXERCISE_ACTIONS",
    "SNOOZE_DELAYS",
    "Action",
    "Adherence",
    "AnswerResult",
    "TodayRow",
    "WaitingDose",
    "amounts_of",
    "answer",
    "due_now",
    "history",
    "today",
]


class Action(StrEnum):
    """What a reminder button asks for; the value is what goes into callback data."""

    TAKEN = "t"
    SNOOZE_15 = "s15"
    SNOOZE_60 = "s60"
    SKIP = "k"
    DONE = "d"
    LATER_30 = "l30"
    LATER = "l"  # an hour; the code older messages carry
    LATER_120 = "l120"
    # Until a time the press supplies: the end of a medicine's spacing window.
    SNOOZE_UNTIL = "su"


DOSE_ACTIONS = frozenset(
    {Action.TAKEN, Action.SNOOZE_15, Action.SNOOZE_60, Action.SNOOZE_UNTIL, Action.SKIP}
)
EXERCISE_ACTIONS = frozenset(
    {Action.DONE, Action.LATER_30, Action.LATER, Action.LATER_120, Action.SKIP}
)
SNOOZE_DELAYS = {
    Action.SNOOZE_15: timedelta(minutes=15),
    Action.SNOOZE_60: timedelta(hours=1),
    # "Later" on an exercise: the user picks half an hour, an hour or two, to finish what
    # they are doing (a product choice; one fixed hour did not fit everyone).
    Action.LATER_30: timedelta(minutes=30),
    Action.LATER: timedelta(hours=1),
    Action.LATER_120: timedelta(hours=2),
}


def amounts_of(supplement: Supplement, units_per_dose: Decimal) -> DoseAmounts:
    """Return what one dose of a product brings (elemental calcium, vitamin D, vitamin K)."""
    return dose_amounts(
        calcium_mg=supplement.calcium_mg,
        vitamin_d_iu=supplement.vitamin_d_iu,
        vitamin_k_ug=supplement.vitamin_k_ug,
        units=units_per_dose,
    )


# States a button press may move on from. "sending" because a quick user can press before
# the dispatcher has recorded the delivery; "missed" so a late "taken" is still logged;
# "snoozed" so "taken" after a snooze counts (its follow-up is then cancelled).
_OPEN = (ReminderStatus.SENDING, ReminderStatus.SENT, ReminderStatus.MISSED)
_AFTER_SNOOZE = (*_OPEN, ReminderStatus.SNOOZED)
# A snooze's follow-up sits at snoozed_until, or a few milliseconds later after a collision.
_FOLLOW_UP_WINDOW = timedelta(seconds=1)


@dataclass(frozen=True)
class AnswerResult:
    """What a button press did, and the state the reminder is now in (the bot words it)."""

    ok: bool
    # "not_found", "not_yours", "bad_action" or "product_deleted" when ok is False
    reason: str | None = None
    changed: bool = False  # False for a repeated press: nothing new was recorded
    status: ReminderStatus | None = None
    kind: ScheduleKind | None = None
    # The user's local wall times of the answer and of a snooze's end, when there are any.
    answered_local: time | None = None
    snoozed_until_local: time | None = None
    chat_id: int | None = None
    message_id: int | None = None
    nudge_message_id: int | None = None
    title: str | None = None  # the product's name or the schedule's title
    intake_id: int | None = None
    follow_up_id: int | None = None  # the one-off occurrence a snooze made
    refill: RefillDue | None = None  # this dose brought the supply to its refill threshold


@dataclass(frozen=True)
class WaitingDose:
    """A dose reminder sent (or snoozed) and not yet answered."""

    reminder_id: int
    title: str | None  # the product's name; None when the schedule has no name of its own
    units: Decimal
    due_local: time
    status: ReminderStatus


def _target(action: Action) -> ReminderStatus:
    if action in (Action.TAKEN, Action.DONE):
        return ReminderStatus.TAKEN
    if action is Action.SKIP:
        return ReminderStatus.SKIPPED
    return ReminderStatus.SNOOZED


async def _load(
    session: AsyncSession, reminder_id: int
) -> tuple[Reminder, Schedule, User, Supplement | None] | None:
    row = (await session.exec(reminder_rows().where(col(Reminder.id) == reminder_id))).first()
    return None if row is None else (row[0], row[1], row[2], row[3])


async def answer(
    database: Database,
    *,
    telegram_id: int,
    reminder_id: int,
    action: str,
    now: datetime,
    until: datetime | None = None,
) -> AnswerResult:
    """Record a press of a reminder button by the user who owns it, exactly once.

    `until` is where SNOOZE_UNTIL snoozes to; it must lie ahead of `now`.
    """
    async with database.session() as session:
        loaded = await _load(session, reminder_id)
        if loaded is None:
            return AnswerResult(ok=False, reason="not_found")
        reminder, schedule, user, supplement = loaded
        if user.telegram_id != telegram_id:
            return AnswerResult(ok=False, reason="not_yours")
        allowed = DOSE_ACTIONS if schedule.kind == ScheduleKind.DOSE else EXERCISE_ACTIONS
        try:
            chosen = Action(action)
        except ValueError:
            chosen = None
        if chosen is None or chosen not in allowed or schedule.kind == ScheduleKind.SUMMARY:
            return AnswerResult(ok=False, reason="bad_action")
        if supplement is not None and supplement.deleted:
            return AnswerResult(ok=False, reason="product_deleted", title=supplement.name)
        target = _target(chosen)
        delay = SNOOZE_DELAYS.get(chosen)
        if chosen is Action.SNOOZE_UNTIL:
            if until is None or until <= now:
                return AnswerResult(ok=False, reason="bad_action")
            delay = until - now
        was_snoozed_until = reminder.snoozed_until
        # The conditional UPDATE is the guard: of two concurrent presses only one matches.
        won = await session.exec(
            update(Reminder)
            .where(
                col(Reminder.id) == reminder_id,
                col(Reminder.status).in_(_OPEN if delay else _AFTER_SNOOZE),
            )
            .values(
                status=target.value,
                answered_at=now,
                snoozed_until=now + delay if delay else col(Reminder.snoozed_until),
            )
            .returning(col(Reminder.id))
            .execution_options(synchronize_session=False)
        )
        changed = won.scalar_one_or_none() is not None
        intake_id = follow_up_id = None
        refill = None
        if changed and delay is not None:
            follow_up_id, _ = await plan_one_off(
                session,
                schedule_id=reminder.schedule_id,
                user_id=saved_id(user.id),
                due_at=now + delay,
            )
        if changed and delay is None and was_snoozed_until is not None:
            await _cancel_follow_up(session, reminder, was_snoozed_until)
        if changed and target is ReminderStatus.TAKEN and supplement is not None:
            intake_id = await _log_dose(session, reminder, schedule, supplement, user, now)
            refill = await use_supply(
                session, supplement=supplement, units=schedule.units_per_dose, now=now
            )
        await session.refresh(reminder)
        zone = zone_for(user.timezone)
        return AnswerResult(
            ok=True,
            changed=changed,
            status=ReminderStatus(reminder.status),
            kind=ScheduleKind(schedule.kind),
            answered_local=local_time(reminder.answered_at, zone),
            snoozed_until_local=local_time(reminder.snoozed_until, zone),
            chat_id=user.chat_id,
            message_id=reminder.message_id,
            nudge_message_id=reminder.nudge_message_id,
            title=name_of(schedule, supplement),
            intake_id=intake_id,
            follow_up_id=follow_up_id,
            refill=refill,
        )


async def _cancel_follow_up(session: AsyncSession, reminder: Reminder, until: datetime) -> None:
    await session.exec(
        update(Reminder)
        .where(
            col(Reminder.schedule_id) == reminder.schedule_id,
            col(Reminder.one_off),
            # Sent already, it would still be nudged and reported missed: close it too.
            col(Reminder.status).in_(
                [ReminderStatus.PENDING, ReminderStatus.SENDING, ReminderStatus.SENT]
            ),
            col(Reminder.due_at) >= until,
            col(Reminder.due_at) < until + _FOLLOW_UP_WINDOW,
        )
        .values(status=ReminderStatus.CANCELLED.value)
        .execution_options(synchronize_session=False)
    )


async def _log_dose(
    session: AsyncSession,
    reminder: Reminder,
    schedule: Schedule,
    supplement: Supplement,
    user: User,
    now: datetime,
) -> int | None:
    amounts = amounts_of(supplement, schedule.units_per_dose)
    intake = Intake(
        user_id=saved_id(user.id),
        group_id=str(uuid4()),
        local_date=now.astimezone(zone_for(user.timezone)).date(),
        source="dose",
        label=supplement.name[:120],
        reminder_id=reminder.id,
        supplement_id=supplement.id,
        calcium_mg=amounts.calcium_mg,
        vitamin_d_iu=amounts.vitamin_d_iu,
        vitamin_k_ug=amounts.vitamin_k_ug,
        logged_at=now,
    )
    session.add(intake)
    await session.flush()
    return intake.id


async def due_now(database: Database, *, telegram_id: int, now: datetime) -> list[WaitingDose]:
    """Return the user's dose reminders waiting for an answer, oldest first."""
    async with database.session() as session:
        rows = await session.exec(
            reminder_rows()
            .where(col(User.telegram_id) == telegram_id, col(Schedule.kind) == ScheduleKind.DOSE)
            .where(
                or_(
                    col(Reminder.status).in_([ReminderStatus.SENDING, ReminderStatus.SENT]),
                    (col(Reminder.status) == ReminderStatus.SNOOZED)
                    & (col(Reminder.snoozed_until) > now),
                )
            )
            .order_by(col(Reminder.due_at))
        )
        return [
            WaitingDose(
                reminder_id=reminder.id,
                title=name_of(schedule, supplement),
                units=schedule.units_per_dose,
                due_local=reminder.due_at.astimezone(zone_for(user.timezone)).time(),
                status=ReminderStatus(reminder.status),
            )
            for reminder, schedule, user, supplement in rows.all()
            if reminder.id is not None
        ]
