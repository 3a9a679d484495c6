"""A patient with a dose and caregivers in every state, built through the services."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from services.caregivers import invites, links
from services.caregivers.views import Accepted, Scope
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, User
from tests.factories import make_user
from tests.services.builders import make_product

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


@dataclass
class World:
    """Everyone of the authorisation matrix and the ids they act on."""

    patient: User
    users: dict[str, User]
    links: dict[str, int]
    missed_reminder_id: int
    invite_id: int


async def accept(database: Database, patient: User, caregiver: User, name: str = "Dana") -> int:
    """Invite and accept; return the pending link's id."""
    made = await invites.create_invite(
        database, telegram_id=patient.telegram_id, patient_name="Mum", now=NOW
    )
    assert made is not None
    accepted = await invites.accept_invite(
        database,
        token=made.token,
        caregiver_telegram_id=caregiver.telegram_id,
        caregiver_name=name,
        now=NOW,
    )
    assert isinstance(accepted, Accepted)
    return accepted.link.link_id


async def missed_dose(database: Database, patient: User) -> int:
    """Give the patient a dose schedule and one occurrence of it that was missed."""
    assert patient.id is not None
    product_id = await make_product(database, patient, calcium_mg=600, vitamin_d_iu=400)
    async with database.session() as session:
        schedule = Schedule(
            user_id=patient.id, kind=ScheduleKind.DOSE, supplement_id=product_id, times=["08:00"]
        )
        session.add(schedule)
        await session.flush()
        assert schedule.id is not None
        reminder = Reminder(
            schedule_id=schedule.id,
            user_id=patient.id,
            due_at=NOW - timedelta(hours=4),
            status=ReminderStatus.MISSED,
            sent_at=NOW - timedelta(hours=4),
        )
        session.add(reminder)
        await session.flush()
        assert reminder.id is not None
        return reminder.id


async def world(database: Database) -> World:
    """Build the patient, an approved caregiver with all scopes and one with none, a pending,
    a removed caregiver and a stranger."""
    patient = await make_user(database)
    users = {
        role: await make_user(database, timezone="Europe/London")
        for role in ("on", "off", "pending", "removed", "stranger")
    }
    ids = {role: await accept(database, patient, users[role]) for role in ("on", "off", "pending")}
    ids["removed"] = await accept(database, patient, users["removed"])
    tid = patient.telegram_id
    for role in ("on", "off", "removed"):
        assert await links.approve(database, telegram_id=tid, link_id=ids[role], now=NOW)
    for scope in (Scope.MISSED, Scope.OVER_LIMIT, Scope.DIGEST):
        await links.toggle_scope(
            database, telegram_id=tid, link_id=ids["off"], scope=scope, now=NOW
        )
    await links.toggle_scope(
        database, telegram_id=tid, link_id=ids["on"], scope=Scope.DETAILS, now=NOW
    )
    assert await links.end_link(
        database, telegram_id=tid, link_id=ids["removed"], by_patient=True, now=NOW
    )
    made = await invites.create_invite(database, telegram_id=tid, patient_name="Mum", now=NOW)
    assert made is not None
    return World(
        patient=patient,
        users={"patient": patient, **users},
        links=ids,
        missed_reminder_id=await missed_dose(database, patient),
        invite_id=made.invite_id,
    )
