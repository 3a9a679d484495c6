"""Gather a caregiver's daily digest: each sharing patient's doses and calcium of the day."""

from datetime import datetime

from sqlmodel import col, select

from services.adherence import today
from services.caregivers.views import Digest, DoseLine, PatientDay
from services.day_totals import today_summary
from storage.database import Database
from storage.models import CaregiverLink, LinkStatus, ReminderStatus, ScheduleKind, User


async def digest_for(database: Database, *, caregiver_id: int, now: datetime) -> Digest:
    """Return the digest at `now`, each patient's own local day; only what they share."""
    async with database.session() as session:
        rows = await session.exec(
            select(CaregiverLink, User)
            .join(User, col(User.id) == col(CaregiverLink.patient_id))
            .where(
                col(CaregiverLink.caregiver_id) == caregiver_id,
                col(CaregiverLink.status) == LinkStatus.ACTIVE,
                col(CaregiverLink.digest),
                col(CaregiverLink.muted).is_(False),
            )
            .order_by(col(CaregiverLink.id))
        )
        shared = [(link.patient_name, link.details, user.telegram_id) for link, user in rows.all()]
    days: list[PatientDay] = []
    for name, details, telegram_id in shared:
        doses = [
            row
            for row in await today(database, telegram_id=telegram_id, now=now)
            if row.kind == ScheduleKind.DOSE
        ]
        summary = await today_summary(database, telegram_id=telegram_id, now=now)
        days.append(
            PatientDay(
                patient_name=name,
                day=summary.day if summary is not None else None,
                taken=sum(1 for row in doses if row.status == ReminderStatus.TAKEN),
                missed=sum(
                    1 for row in doses if row.status == ReminderStatus.MISSED and not row.one_off
                ),
                # A snooze or a caregiver's nudge re-reminds a dose: it adds none due.
                due=sum(1 for row in doses if not row.one_off),
                calcium_mg=summary.calcium.total if summary is not None else None,
                calcium_target_mg=summary.calcium.target if summary is not None else None,
                calcium_limit_mg=summary.calcium.limit if summary is not None else None,
                doses=tuple(DoseLine(row.title, row.local_time, str(row.status)) for row in doses)
                if details
                else (),
            )
        )
    return Digest(patients=tuple(days))
