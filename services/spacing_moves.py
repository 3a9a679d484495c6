"""Apply an accepted spacing move, re-checked at press time, and re-plan the reminders.

The press carries only the schedule and the dose's minute; ownership and the conflict are
checked again here, in the unit of work that moves the dose, so an old or forged button and a
plan changed since the proposal never move anything by mistake.
"""

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum

from sqlmodel import col, select

from nutrition.spacing.plan import minute_of
from scheduler.planner import plan_next, replan
from scheduler.recurrence import clean_times, zone_for
from services.spacing import load_plans, proposals
from storage.database import Database
from storage.models import Schedule, User

__all__ = ["MoveOutcome", "MoveResult", "accept_move"]


class MoveOutcome(StrEnum):
    """What pressing "move it" did."""

    MOVED = "moved"
    CLEAR = "clear"  # the dose no longer clashes: nothing to move
    NO_FIT = "no_fit"  # no time of that day fits
    NOT_YOURS = "not_yours"


@dataclass(frozen=True)
class MoveResult:
    """The outcome; `to` and `weekdays` say where the dose went."""

    outcome: MoveOutcome
    at: time | None = None
    to: time | None = None
    weekdays: int = 0
    product: str = ""  # the calcium product's name


def _moved(times: list[str], at: time, to: time) -> list[str]:
    return clean_times([to if time.fromisoformat(t) == at else t for t in times])


async def accept_move(
    database: Database, *, telegram_id: int, schedule_id: int, minute: int, now: datetime
) -> MoveResult:
    """Move the calcium dose at `minute` of the schedule to the time the check proposes now."""
    async with database.session() as session:
        schedule = (
            await session.exec(
                select(Schedule).where(col(Schedule.id) == schedule_id).with_for_update()
            )
        ).first()
        user = None if schedule is None else await session.get(User, schedule.user_id)
        if schedule is None or user is None or user.telegram_id != telegram_id:
            return MoveResult(MoveOutcome.NOT_YOURS)
        plan = (await load_plans(session, [schedule.user_id])).get(schedule.user_id)
        found = [
            p
            for p in (proposals(plan) if plan is not None else [])
            if p.schedule_id == schedule_id and minute_of(p.at) == minute
        ]
        if not found:
            return MoveResult(MoveOutcome.CLEAR)
        proposal = found[0]
        if proposal.to is None:
            return MoveResult(MoveOutcome.NO_FIT, at=proposal.at)
        zone = zone_for(user.timezone)
        moved_times = _moved(list(schedule.times), proposal.at, proposal.to)
        if proposal.weekdays == schedule.weekdays:
            schedule.times = moved_times
        else:
            # Only the clash days move: they become a schedule of their own (same product).
            split = Schedule(
                user_id=schedule.user_id,
                kind=schedule.kind,
                supplement_id=schedule.supplement_id,
                units_per_dose=schedule.units_per_dose,
                title=schedule.title,
                times=moved_times,
                weekdays=proposal.weekdays,
                start_date=schedule.start_date,
                end_date=schedule.end_date,
            )
            schedule.weekdays &= ~proposal.weekdays
            session.add(split)
            await session.flush()
            await plan_next(session, schedule=split, zone=zone, after=now)
        session.add(schedule)
        await session.flush()
        await replan(session, schedule=schedule, zone=zone, now=now)
        return MoveResult(
            MoveOutcome.MOVED,
            at=proposal.at,
            to=proposal.to,
            weekdays=proposal.weekdays,
            product=proposal.product,
        )
