"""A caregiver's own schedules: the queue their alerts go through and their daily digest."""

from datetime import datetime, time

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from scheduler.planner import replan
from scheduler.recurrence import zone_for
from storage.models import CaregiverLink, LinkStatus, Schedule, ScheduleKind, User

# Issue #11: the digest comes at 20:00 in the caregiver's zone unless they choose otherwise.
DEFAULT_DIGEST_TIME = "20:00"


async def care_schedule(
    session: AsyncSession, *, caregiver_id: int, kind: ScheduleKind
) -> Schedule | None:
    """Return the caregiver's schedule of this kind, if made."""
    found = await session.exec(
        select(Schedule)
        .where(col(Schedule.user_id) == caregiver_id, col(Schedule.kind) == kind)
        .order_by(col(Schedule.id))
    )
    return found.first()


async def alert_schedule(session: AsyncSession, *, caregiver_id: int) -> Schedule:
    """Return the caregiver's alert queue, made on first use; its occurrences are one-offs."""
    schedule = await care_schedule(session, caregiver_id=caregiver_id, kind=ScheduleKind.CARE_ALERT)
    if schedule is None:
        schedule = Schedule(user_id=caregiver_id, kind=ScheduleKind.CARE_ALERT, times=[])
        session.add(schedule)
        await session.flush()
    return schedule


async def _wants_digest(session: AsyncSession, caregiver_id: int) -> bool:
    found = await session.exec(
        select(CaregiverLink.id).where(
            col(CaregiverLink.caregiver_id) == caregiver_id,
            col(CaregiverLink.status) == LinkStatus.ACTIVE,
            col(CaregiverLink.digest),
            col(CaregiverLink.muted).is_(False),
        )
    )
    return found.first() is not None


async def sync_digest(
    session: AsyncSession, *, caregiver_id: int, now: datetime, at: time | None = None
) -> None:
    """Keep the caregiver's digest planned exactly while some patient shares a digest."""
    wanted = await _wants_digest(session, caregiver_id)
    schedule = await care_schedule(
        session, caregiver_id=caregiver_id, kind=ScheduleKind.CARE_DIGEST
    )
    if schedule is None and not wanted and at is None:
        return
    if schedule is None:
        schedule = Schedule(
            user_id=caregiver_id,
            kind=ScheduleKind.CARE_DIGEST,
            times=[DEFAULT_DIGEST_TIME],
            active=wanted,
        )
    elif schedule.active == wanted and at is None:
        return
    schedule.active = wanted
    if at is not None:
        schedule.times = [at.strftime("%H:%M")]
    session.add(schedule)
    await session.flush()
    caregiver = await session.get(User, caregiver_id)
    zone = zone_for(caregiver.timezone if caregiver is not None else None)
    await replan(session, schedule=schedule, zone=zone, now=now)


async def digest_time(session: AsyncSession, *, caregiver_id: int) -> str:
    """Return the local time of the caregiver's digest."""
    schedule = await care_schedule(
        session, caregiver_id=caregiver_id, kind=ScheduleKind.CARE_DIGEST
    )
    if schedule is None or not schedule.times:
        return DEFAULT_DIGEST_TIME
    return str(schedule.times[0])
