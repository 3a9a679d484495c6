"""Invite tokens: unguessable, stored hashed, single use, expiring and revocable."""

import logging
import re
from datetime import timedelta

import pytest
from sqlmodel import select

from services.caregivers import invites
from services.caregivers.invites import INVITE_LIFETIME, token_hash
from services.caregivers.views import Accepted, InviteProblem
from storage.database import Database
from storage.models import CaregiverInvite
from tests.factories import make_user
from tests.services.caregivers.setup import NOW


async def _invite(db: Database, telegram_id: int) -> tuple[int, str]:
    made = await invites.create_invite(db, telegram_id=telegram_id, patient_name="Mum", now=NOW)
    assert made is not None
    return made.invite_id, made.token


async def _accept(
    db: Database, token: str, telegram_id: int, *, later: timedelta = timedelta()
) -> Accepted | InviteProblem:
    return await invites.accept_invite(
        db, token=token, caregiver_telegram_id=telegram_id, caregiver_name="Dana", now=NOW + later
    )


def test_tokens_are_long_random_and_url_safe() -> None:
    """A token carries at least 128 random bits in at most 64 characters of [A-Za-z0-9_-]."""
    tokens = {invites.new_token() for _ in range(1000)}
    assert len(tokens) == 1000
    for token in tokens:
        assert re.fullmatch(r"[A-Za-z0-9_-]{22,64}", token)
    assert invites.TOKEN_BYTES * 8 >= 128


async def test_only_the_hash_is_stored(sqlite_db: Database) -> None:
    """The database holds the SHA-256 of the token, never the token."""
    patient = await make_user(sqlite_db)
    _, token = await _invite(sqlite_db, patient.telegram_id)
    async with sqlite_db.session() as session:
        row = (await session.exec(select(CaregiverInvite))).one()
    assert row.token_hash == token_hash(token) and token not in row.token_hash


async def test_valid_token_makes_a_pending_link(sqlite_db: Database) -> None:
    """Opening a fresh invite makes a pending link to the patient under the chosen name."""
    patient, caregiver = await make_user(sqlite_db), await make_user(sqlite_db, timezone=None)
    _, token = await _invite(sqlite_db, patient.telegram_id)
    accepted = await _accept(sqlite_db, token, caregiver.telegram_id)
    assert isinstance(accepted, Accepted)
    assert accepted.link.patient_name == "Mum" and accepted.link.status == "pending"
    assert accepted.needs_zone and accepted.patient_chat_id == patient.chat_id


@pytest.mark.parametrize(
    ("case", "problem"),
    [
        ("forged", InviteProblem.UNKNOWN),
        ("replayed", InviteProblem.USED),
        ("expired", InviteProblem.EXPIRED),
        ("revoked", InviteProblem.REVOKED),
        ("own", InviteProblem.OWN),
        ("already linked", InviteProblem.ALREADY_LINKED),
    ],
)
async def test_bad_tokens_are_refused(
    sqlite_db: Database, case: str, problem: InviteProblem
) -> None:
    """Forged, replayed, expired, revoked, own and duplicate invites are refused with a reason."""
    patient = await make_user(sqlite_db)
    caregiver, other = await make_user(sqlite_db), await make_user(sqlite_db)
    invite_id, token = await _invite(sqlite_db, patient.telegram_id)
    later = timedelta()
    who = caregiver.telegram_id
    if case == "forged":
        token = invites.new_token()
    elif case == "replayed":
        assert isinstance(await _accept(sqlite_db, token, other.telegram_id), Accepted)
    elif case == "expired":
        later = INVITE_LIFETIME
    elif case == "revoked":
        assert await invites.revoke_invite(
            sqlite_db, telegram_id=patient.telegram_id, invite_id=invite_id, now=NOW
        )
    elif case == "own":
        who = patient.telegram_id
    else:
        _, first = await _invite(sqlite_db, patient.telegram_id)
        assert isinstance(await _accept(sqlite_db, first, who), Accepted)
    assert await _accept(sqlite_db, token, who, later=later) == problem


async def test_a_used_invite_cannot_be_revoked(sqlite_db: Database) -> None:
    """Revoke applies to unused invites only; a used one stays used."""
    patient, caregiver = await make_user(sqlite_db), await make_user(sqlite_db)
    invite_id, token = await _invite(sqlite_db, patient.telegram_id)
    assert isinstance(await _accept(sqlite_db, token, caregiver.telegram_id), Accepted)
    assert not await invites.revoke_invite(
        sqlite_db, telegram_id=patient.telegram_id, invite_id=invite_id, now=NOW
    )
    assert await invites.open_invites(sqlite_db, telegram_id=patient.telegram_id, now=NOW) == []


async def test_logs_carry_ids_never_names_or_tokens(
    sqlite_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """Invite and link logs name ids and events only: no token, no patient or caregiver name."""
    caplog.set_level(logging.DEBUG, logger="services")
    patient, caregiver = await make_user(sqlite_db), await make_user(sqlite_db)
    _, token = await _invite(sqlite_db, patient.telegram_id)
    await _accept(sqlite_db, token, caregiver.telegram_id)
    await _accept(sqlite_db, token, caregiver.telegram_id)
    text = caplog.text
    assert "invite" in text
    for secret in (token, "Mum", "Dana"):
        assert secret not in text
