"""Who may see and do what with a caregiver link: every use case against every kind of user."""

from collections.abc import Awaitable, Callable

import pytest
from sqlmodel import select

from services.caregivers import alerts, invites, links
from services.caregivers.digest import digest_for
from services.caregivers.views import NudgeResult, Scope
from storage.database import Database
from storage.models import CareAlert, CaregiverLink
from tests.services.caregivers.setup import NOW, World, world

ACTORS = ("patient", "on", "off", "pending", "removed", "stranger")
Action = Callable[[Database, World, str], Awaitable[bool]]


def _own_or_approved(w: World, actor: str) -> int:
    """The actor's own link if they have one, else the approved caregiver's link."""
    return w.links.get(actor, w.links["on"])


async def _see_card(db: Database, w: World, actor: str) -> bool:
    tid = w.users[actor].telegram_id
    return (
        await links.patient_link(db, telegram_id=tid, link_id=_own_or_approved(w, actor))
        is not None
    )


async def _toggle(db: Database, w: World, actor: str) -> bool:
    tid = w.users[actor].telegram_id
    link = _own_or_approved(w, actor)
    changed = await links.toggle_scope(
        db, telegram_id=tid, link_id=link, scope=Scope.DETAILS, now=NOW
    )
    return changed is not None


async def _approve(db: Database, w: World, actor: str) -> bool:
    tid = w.users[actor].telegram_id
    return await links.approve(db, telegram_id=tid, link_id=w.links["pending"], now=NOW) is not None


async def _remove(db: Database, w: World, actor: str) -> bool:
    tid = w.users[actor].telegram_id
    link = _own_or_approved(w, actor)
    return (
        await links.end_link(db, telegram_id=tid, link_id=link, by_patient=True, now=NOW)
        is not None
    )


async def _leave(db: Database, w: World, actor: str) -> bool:
    tid = w.users[actor].telegram_id
    link = _own_or_approved(w, actor)
    return (
        await links.end_link(db, telegram_id=tid, link_id=link, by_patient=False, now=NOW)
        is not None
    )


async def _mute(db: Database, w: World, actor: str) -> bool:
    tid = w.users[actor].telegram_id
    link = _own_or_approved(w, actor)
    return await links.set_muted(db, telegram_id=tid, link_id=link, muted=True, now=NOW) is not None


async def _nudge(db: Database, w: World, actor: str) -> bool:
    assert w.patient.id is not None
    await alerts.enqueue_missed(
        db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    async with db.session() as session:
        alert = (await session.exec(select(CareAlert))).one()
    assert alert.id is not None
    tid = w.users[actor].telegram_id
    return await alerts.nudge(db, telegram_id=tid, alert_id=alert.id, now=NOW) is NudgeResult.SENT


async def _revoke(db: Database, w: World, actor: str) -> bool:
    tid = w.users[actor].telegram_id
    return await invites.revoke_invite(db, telegram_id=tid, invite_id=w.invite_id, now=NOW)


async def _listed_as_following(db: Database, w: World, actor: str) -> bool:
    return bool(await links.patients_of(db, telegram_id=w.users[actor].telegram_id))


async def _gets_missed_alert(db: Database, w: World, actor: str) -> bool:
    assert w.patient.id is not None
    await alerts.enqueue_missed(
        db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    return await _queued_for(db, w, actor)


async def _gets_over_limit_alert(db: Database, w: World, actor: str) -> bool:
    assert w.patient.id is not None
    async with db.session() as session:
        await alerts.enqueue_over_limit(session, patient_id=w.patient.id, day=NOW.date(), now=NOW)
    return await _queued_for(db, w, actor)


async def _queued_for(db: Database, w: World, actor: str) -> bool:
    async with db.session() as session:
        rows = await session.exec(
            select(CaregiverLink.caregiver_id).join(
                CareAlert, CareAlert.link_id == CaregiverLink.id
            )
        )
        return w.users[actor].id in set(rows.all())


async def _in_digest(db: Database, w: World, actor: str) -> bool:
    user_id = w.users[actor].id
    assert user_id is not None
    return bool((await digest_for(db, caregiver_id=user_id, now=NOW)).patients)


ALLOWED: dict[str, tuple[Action, set[str]]] = {
    "see a caregiver's card": (_see_card, {"patient"}),
    "change a scope": (_toggle, {"patient"}),
    "approve a pending caregiver": (_approve, {"patient"}),
    "remove a caregiver": (_remove, {"patient"}),
    "revoke an unused invite": (_revoke, {"patient"}),
    "leave a patient": (_leave, {"on", "off", "pending"}),
    "mute a patient": (_mute, {"on", "off"}),
    "nudge from a missed-dose alert": (_nudge, {"on"}),
    "appear in /patients": (_listed_as_following, {"on", "off", "pending"}),
    "get a missed-dose alert": (_gets_missed_alert, {"on"}),
    "get an over-limit alert": (_gets_over_limit_alert, {"on"}),
    "get the daily digest": (_in_digest, {"on"}),
}


@pytest.mark.parametrize("actor", ACTORS)
@pytest.mark.parametrize("what", list(ALLOWED))
async def test_authorisation_matrix(sqlite_db: Database, what: str, actor: str) -> None:
    """Each use case succeeds exactly for the users the consent model allows."""
    w = await world(sqlite_db)
    action, allowed = ALLOWED[what]
    assert await action(sqlite_db, w, actor) is (actor in allowed)


@pytest.mark.parametrize("actor", ["patient", "on", "pending", "stranger"])
async def test_approve_and_end_on_postgres(any_db: Database, actor: str) -> None:
    """Approval and ending keep their rules on PostgreSQL too (row locks, enum columns)."""
    w = await world(any_db)
    assert await _approve(any_db, w, actor) is (actor == "patient")
    assert await _leave(any_db, w, actor) is (actor in {"on", "pending"})


async def test_patient_sees_live_caregivers_only(sqlite_db: Database) -> None:
    """/caregivers lists approved and pending caregivers, not removed ones or strangers."""
    w = await world(sqlite_db)
    shown = await links.caregivers_of(sqlite_db, telegram_id=w.patient.telegram_id)
    assert {view.link_id for view in shown} == {
        w.links["on"],
        w.links["off"],
        w.links["pending"],
    }


async def test_details_are_off_by_default(sqlite_db: Database) -> None:
    """A new link shares missed doses, over-limit days and the digest, never details."""
    w = await world(sqlite_db)
    view = await links.patient_link(
        sqlite_db, telegram_id=w.patient.telegram_id, link_id=w.links["pending"]
    )
    assert view is not None
    assert view.scopes == {Scope.MISSED, Scope.OVER_LIMIT, Scope.DIGEST}
