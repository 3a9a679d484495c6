"""Queue caregiver alerts as occurrences the reminder engine sends, and read them back to word.

An alert is a one-off occurrence of the caregiver's alert schedule plus a `CareAlert` row
saying what it is about, written in one unit of work: it survives a restart, and it gets the
engine's rate limits, retries, grace rule and 403 handling (a caregiver who blocked the bot
is marked inactive, and their queued alerts are cancelled, like their own reminders).
"""

import logging
from datetime import date, datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from scheduler.planner import plan_one_off
from scheduler.recurrence import zone_for
from services.caregivers.care_schedules import alert_schedule
from services.caregivers.views import MissedAlert, NudgeResult, OverLimitAlert
from services.day_totals import day_totals, limits_for
from services.reminders import amounts_of
from services.schedule_views import name_of
from storage.database import Database
from storage.models import (
    AlertKind,
    CareAlert,
    CaregiverLink,
    LinkStatus,
    Reminder,
    ScheduleKind,
    User,
)
from storage.models.base import saved_id
from storage.queries import reminder_rows
from storage.users import get_user

log = logging.getLogger(__name__)


async def _subscribed(session: AsyncSession, patient_id: int, scope: Any) -> list[CaregiverLink]:
    rows = await session.exec(
        select(CaregiverLink)
        .join(User, col(User.id) == col(CaregiverLink.caregiver_id))
        .where(
            col(CaregiverLink.patient_id) == patient_id,
            col(CaregiverLink.status) == LinkStatus.ACTIVE,
            col(CaregiverLink.muted).is_(False),
            col(scope),
            col(User.active),
        )
        .order_by(col(CaregiverLink.id))
    )
    return list(rows.all())


async def _enqueue(
    session: AsyncSession,
    link: CaregiverLink,
    *,
    kind: AlertKind,
    key: str,
    now: datetime,
    subject_reminder_id: int | None = None,
    local_date: date | None = None,
) -> bool:
    """Queue one alert unless its key was queued before; tell whether it was."""
    seen = await session.exec(select(CareAlert.id).where(col(CareAlert.key) == key))
    if seen.first() is not None:
        return False
    schedule = await alert_schedule(session, caregiver_id=link.caregiver_id)
    reminder_id, _ = await plan_one_off(
        session, schedule_id=saved_id(schedule.id), user_id=link.caregiver_id, due_at=now
    )
    session.add(
        CareAlert(
            reminder_id=reminder_id,
            link_id=saved_id(link.id),
            kind=kind,
            key=key,
            subject_reminder_id=subject_reminder_id,
            local_date=local_date,
            created_at=now,
        )
    )
    await session.flush()
    log.info("caregiver alert queued kind=%s link_id=%s", kind.value, link.id)
    return True


async def enqueue_missed(
    database: Database, *, patient_id: int, reminder_id: int, now: datetime
) -> int:
    """Queue one alert per subscribed caregiver for a dose that became missed; return how many."""
    async with database.session() as session:
        row = (await session.exec(reminder_rows().where(col(Reminder.id) == reminder_id))).first()
        if row is None or row[1].kind != ScheduleKind.DOSE or row[0].user_id != patient_id:
            return 0
        queued = 0
        for link in await _subscribed(session, patient_id, CaregiverLink.missed):
            key = f"m:{link.id}:{reminder_id}"
            if await _enqueue(
                session,
                link,
                kind=AlertKind.MISSED,
                key=key,
                now=now,
                subject_reminder_id=reminder_id,
            ):
                queued += 1
        return queued


async def enqueue_over_limit(
    session: AsyncSession, *, patient_id: int, day: date, now: datetime
) -> int:
    """Queue an over-limit alert for the patient's local day, once per day per caregiver."""
    queued = 0
    for link in await _subscribed(session, patient_id, CaregiverLink.over_limit):
        key = f"o:{link.id}:{day.isoformat()}"
        if await _enqueue(
            session, link, kind=AlertKind.OVER_LIMIT, key=key, now=now, local_date=day
        ):
            queued += 1
    return queued


async def _alert_and_link(
    session: AsyncSession, reminder_id: int
) -> tuple[CareAlert, CaregiverLink] | None:
    found = await session.exec(
        select(CareAlert, CaregiverLink)
        .join(CaregiverLink, col(CaregiverLink.id) == col(CareAlert.link_id))
        .where(col(CareAlert.reminder_id) == reminder_id)
    )
    row = found.first()
    if row is None:
        return None
    alert, link = row
    scope = link.missed if alert.kind is AlertKind.MISSED else link.over_limit
    # Checked again at send time: a link ended or muted after queueing says nothing.
    if link.status is not LinkStatus.ACTIVE or link.muted or not scope:
        return None
    return alert, link


async def alert_for(database: Database, *, reminder_id: int) -> MissedAlert | OverLimitAlert | None:
    """Return what a queued alert occurrence says; None when it must not go out any more."""
    async with database.session() as session:
        pair = await _alert_and_link(session, reminder_id)
        if pair is None:
            return None
        alert, link = pair
        caregiver = await session.get(User, link.caregiver_id)
        patient = await session.get(User, link.patient_id)
        if caregiver is None or patient is None:
            return None
        if alert.kind is AlertKind.OVER_LIMIT and alert.local_date is not None:
            return await _over_limit(session, alert, link, patient)
        if alert.subject_reminder_id is None:
            return None
        subject = (
            await session.exec(reminder_rows().where(col(Reminder.id) == alert.subject_reminder_id))
        ).first()
        if subject is None:
            return None
        reminder, schedule, _, supplement = subject
        patient_local = reminder.due_at.astimezone(zone_for(patient.timezone))
        caregiver_local = reminder.due_at.astimezone(zone_for(caregiver.timezone))
        differs = caregiver_local.utcoffset() != patient_local.utcoffset()
        amounts = amounts_of(supplement, schedule.units_per_dose) if supplement else None
        return MissedAlert(
            alert_id=saved_id(alert.id),
            patient_name=link.patient_name,
            item=name_of(schedule, supplement),
            patient_local=patient_local,
            caregiver_local=caregiver_local if differs else None,
            calcium_mg=amounts.calcium_mg if amounts and link.details else None,
            vitamin_d_iu=amounts.vitamin_d_iu if amounts and link.details else None,
            can_nudge=alert.nudged_at is None,
        )


async def _over_limit(
    session: AsyncSession, alert: CareAlert, link: CaregiverLink, patient: User
) -> OverLimitAlert:
    day = alert.local_date or date.min
    calcium: int | None = None
    limit: int | None = None
    if link.details:
        calcium, limit = await totals_for_day_in(session, patient, day)
    return OverLimitAlert(
        alert_id=saved_id(alert.id),
        patient_name=link.patient_name,
        day=day,
        calcium_mg=calcium,
        calcium_limit_mg=limit,
    )


async def totals_for_day_in(
    session: AsyncSession, patient: User, day: date
) -> tuple[int | None, int | None]:
    """Return the patient's calcium total and limit of a local day (details only)."""
    totals = await day_totals(session, user_id=saved_id(patient.id), day=day)
    limits = limits_for(patient, day)
    total = totals.calcium_food_mg + totals.calcium_supplement_mg
    return total, limits.calcium_ul_mg if limits is not None else None


async def nudge(
    database: Database, *, telegram_id: int, alert_id: int, now: datetime
) -> NudgeResult:
    """Remind the patient of a missed dose again, once per alert, for its caregiver only."""
    async with database.session() as session:
        caregiver = await get_user(session=session, telegram_id=telegram_id)
        alert = await session.get(CareAlert, alert_id, with_for_update=True)
        if caregiver is None or alert is None or alert.kind is not AlertKind.MISSED:
            return NudgeResult.NOT_ALLOWED
        link = await session.get(CaregiverLink, alert.link_id)
        if link is None or link.caregiver_id != caregiver.id:
            return NudgeResult.NOT_ALLOWED
        if link.status is not LinkStatus.ACTIVE or not link.missed:
            return NudgeResult.NOT_ALLOWED
        if alert.nudged_at is not None:
            return NudgeResult.ALREADY
        subject = (
            await session.exec(reminder_rows().where(col(Reminder.id) == alert.subject_reminder_id))
        ).first()
        if subject is None or not subject[1].active or not subject[2].active:
            return NudgeResult.GONE
        schedule = subject[1]
        await plan_one_off(
            session, schedule_id=saved_id(schedule.id), user_id=link.patient_id, due_at=now
        )
        alert.nudged_at = now
        session.add(alert)
    log.info("caregiver nudged patient alert_id=%s link_id=%s", alert_id, link.id)
    return NudgeResult.SENT
