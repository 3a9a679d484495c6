"""One-time invite links: made by a patient, redeemed once by a caregiver, stored hashed."""

import hashlib
import logging
import secrets
from datetime import datetime, timedelta

from sqlmodel import col, select

from services.caregivers.views import Accepted, InviteProblem, InviteView, NewInvite, link_view
from storage.database import Database
from storage.models import CaregiverInvite, CaregiverLink, LinkStatus, User
from storage.models.base import saved_id
from storage.users import get_user

log = logging.getLogger(__name__)

# 24 random bytes = 192 bits (DESIGN.md §5 asks for at least 128) and 32 URL-safe characters,
# inside Telegram's 64-character [A-Za-z0-9_-] limit on a /start payload (Bot API, deep links).
TOKEN_BYTES = 24
# The invite expires after a day: long enough to pass on, short enough that a lost one dies.
INVITE_LIFETIME = timedelta(hours=24)
MAX_NAME_CHARS = 64
_LIVE = (LinkStatus.PENDING, LinkStatus.ACTIVE)


def token_hash(token: str) -> str:
    """Return the SHA-256 of a token: the database never holds the token itself."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    """Return a fresh unguessable token for a deep link."""
    return secrets.token_urlsafe(TOKEN_BYTES)


async def create_invite(
    database: Database, *, telegram_id: int, patient_name: str, now: datetime
) -> NewInvite | None:
    """Make a one-time invite for this patient; None for an unknown user."""
    token = new_token()
    async with database.session() as session:
        patient = await get_user(session=session, telegram_id=telegram_id)
        if patient is None or patient.id is None:
            return None
        invite = CaregiverInvite(
            patient_id=patient.id,
            token_hash=token_hash(token),
            patient_name=patient_name.strip()[:MAX_NAME_CHARS],
            expires_at=now + INVITE_LIFETIME,
            created_at=now,
        )
        session.add(invite)
        await session.flush()
        invite_id = saved_id(invite.id)
    log.info("caregiver invite made invite_id=%s patient_id=%s", invite_id, patient.id)
    return NewInvite(invite_id=invite_id, token=token, expires_at=invite.expires_at)


def _usable(invite: CaregiverInvite, now: datetime) -> InviteProblem | None:
    if invite.revoked_at is not None:
        return InviteProblem.REVOKED
    if invite.used_at is not None:
        return InviteProblem.USED
    if invite.expires_at <= now:
        return InviteProblem.EXPIRED
    return None


async def open_invites(database: Database, *, telegram_id: int, now: datetime) -> list[InviteView]:
    """Return the patient's invites that can still be used."""
    async with database.session() as session:
        patient = await get_user(session=session, telegram_id=telegram_id)
        if patient is None:
            return []
        rows = await session.exec(
            select(CaregiverInvite)
            .where(col(CaregiverInvite.patient_id) == patient.id)
            .order_by(col(CaregiverInvite.id))
        )
        return [
            InviteView(saved_id(i.id), i.patient_name, i.expires_at)
            for i in rows.all()
            if _usable(i, now) is None
        ]


async def revoke_invite(
    database: Database, *, telegram_id: int, invite_id: int, now: datetime
) -> bool:
    """Revoke the patient's own unused invite; False when it is not theirs or not usable."""
    async with database.session() as session:
        patient = await get_user(session=session, telegram_id=telegram_id)
        invite = await session.get(CaregiverInvite, invite_id, with_for_update=True)
        if patient is None or invite is None or invite.patient_id != patient.id:
            return False
        if _usable(invite, now) is not None:
            return False
        invite.revoked_at = now
        session.add(invite)
    log.info("caregiver invite revoked invite_id=%s", invite_id)
    return True


async def accept_invite(
    database: Database,
    *,
    token: str,
    caregiver_telegram_id: int,
    caregiver_name: str,
    now: datetime,
) -> Accepted | InviteProblem:
    """Redeem an invite for this caregiver (a known user): a pending link, or why not."""
    async with database.session() as session:
        found = await session.exec(
            select(CaregiverInvite)
            .where(col(CaregiverInvite.token_hash) == token_hash(token))
            .with_for_update()
        )
        invite = found.first()
        caregiver = await get_user(session=session, telegram_id=caregiver_telegram_id)
        if invite is None or caregiver is None or caregiver.id is None:
            log.info("caregiver invite refused reason=unknown")
            return InviteProblem.UNKNOWN
        problem = _usable(invite, now)
        if problem is None and invite.patient_id == caregiver.id:
            problem = InviteProblem.OWN
        if problem is None:
            live = await session.exec(
                select(CaregiverLink.id).where(
                    col(CaregiverLink.patient_id) == invite.patient_id,
                    col(CaregiverLink.caregiver_id) == caregiver.id,
                    col(CaregiverLink.status).in_(_LIVE),
                )
            )
            if live.first() is not None:
                problem = InviteProblem.ALREADY_LINKED
        if problem is not None:
            log.info("caregiver invite refused invite_id=%s reason=%s", invite.id, problem.value)
            return problem
        invite.used_at = now
        session.add(invite)
        link = CaregiverLink(
            patient_id=invite.patient_id,
            caregiver_id=caregiver.id,
            invite_id=invite.id,
            patient_name=invite.patient_name,
            caregiver_name=caregiver_name.strip()[:MAX_NAME_CHARS] or "?",
            # Alerts the patient most likely wants are on; details stay off (issue #11).
            missed=True,
            over_limit=True,
            digest=True,
            created_at=now,
        )
        session.add(link)
        await session.flush()
        owner = await session.get(User, invite.patient_id)
        patient_chat = owner.chat_id if owner is not None else 0
        view = link_view(link)
        needs_zone = caregiver.timezone is None
    log.info("caregiver link requested link_id=%s", view.link_id)
    return Accepted(link=view, patient_chat_id=patient_chat, needs_zone=needs_zone)
