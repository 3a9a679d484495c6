"""Every rule about a link: who may see it, change what it shares, mute it or end it."""

import logging
from datetime import datetime, time

from sqlalchemy import update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from services.caregivers.care_schedules import DEFAULT_DIGEST_TIME, digest_time, sync_digest
from services.caregivers.views import (
    SCOPE_COLUMNS,
    CaregiverSettings,
    Ended,
    LinkView,
    Scope,
    link_view,
)
from services.onboarding import ONBOARDING_ORDER, Step
from services.schedules import replan_user
from storage.database import Database, mark_plan_changed
from storage.models import CareAlert, CaregiverLink, LinkStatus, Reminder, ReminderStatus, User
from storage.users import get_user

log = logging.getLogger(__name__)

_LIVE = (LinkStatus.PENDING, LinkStatus.ACTIVE)


async def _live_links(database: Database, telegram_id: int, *, as_patient: bool) -> list[LinkView]:
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return []
        side = CaregiverLink.patient_id if as_patient else CaregiverLink.caregiver_id
        rows = await session.exec(
            select(CaregiverLink)
            .where(col(side) == user.id, col(CaregiverLink.status).in_(_LIVE))
            .order_by(col(CaregiverLink.id))
        )
        return [link_view(link) for link in rows.all()]


async def caregivers_of(database: Database, *, telegram_id: int) -> list[LinkView]:
    """Return the patient's pending and active caregivers."""
    return await _live_links(database, telegram_id, as_patient=True)


async def patients_of(database: Database, *, telegram_id: int) -> list[LinkView]:
    """Return the caregiver's pending and active patients."""
    return await _live_links(database, telegram_id, as_patient=False)


async def _own_link(
    session: AsyncSession, telegram_id: int, link_id: int, *, as_patient: bool
) -> CaregiverLink | None:
    """Return the live link only when this user is its patient (or its caregiver)."""
    user = await get_user(session=session, telegram_id=telegram_id)
    link = await session.get(CaregiverLink, link_id, with_for_update=True)
    if user is None or link is None or link.status not in _LIVE:
        return None
    owner = link.patient_id if as_patient else link.caregiver_id
    return link if owner == user.id else None


async def patient_link(database: Database, *, telegram_id: int, link_id: int) -> LinkView | None:
    """Return one of the patient's live links; None when it is not theirs."""
    async with database.session() as session:
        link = await _own_link(session, telegram_id, link_id, as_patient=True)
        return None if link is None else link_view(link)


async def toggle_scope(
    database: Database, *, telegram_id: int, link_id: int, scope: Scope, now: datetime
) -> LinkView | None:
    """Turn one scope of the patient's link on or off; None when the link is not theirs."""
    async with database.session() as session:
        link = await _own_link(session, telegram_id, link_id, as_patient=True)
        if link is None:
            return None
        column = SCOPE_COLUMNS[scope]
        setattr(link, column, not getattr(link, column))
        session.add(link)
        await session.flush()
        await sync_digest(session, caregiver_id=link.caregiver_id, now=now)
        if not link.missed or not link.over_limit:
            await _cancel_queued(session, link_id)
        view = link_view(link)
    log.info("caregiver scope changed link_id=%s scope=%s", link_id, scope.value)
    return view


async def approve(
    database: Database, *, telegram_id: int, link_id: int, now: datetime
) -> tuple[LinkView, int] | None:
    """Approve a pending link as its patient; return it and the caregiver's chat."""
    async with database.session() as session:
        link = await _own_link(session, telegram_id, link_id, as_patient=True)
        if link is None or link.status is not LinkStatus.PENDING:
            return None
        link.status, link.approved_at = LinkStatus.ACTIVE, now
        session.add(link)
        await session.flush()
        await sync_digest(session, caregiver_id=link.caregiver_id, now=now)
        caregiver = await session.get(User, link.caregiver_id)
        view = link_view(link)
    log.info("caregiver link approved link_id=%s", link_id)
    return view, caregiver.chat_id if caregiver is not None else 0


async def _cancel_queued(session: AsyncSession, link_id: int) -> None:
    """Cancel the link's alerts still waiting to go out."""
    queued = select(CareAlert.reminder_id).where(col(CareAlert.link_id) == link_id)
    await session.exec(
        update(Reminder)
        .where(
            col(Reminder.id).in_(queued.scalar_subquery()),
            col(Reminder.status) == ReminderStatus.PENDING,
        )
        .values(status=ReminderStatus.CANCELLED.value, lease_until=None)
        .execution_options(synchronize_session=False)
    )
    mark_plan_changed(session)


async def end_link(
    database: Database, *, telegram_id: int, link_id: int, by_patient: bool, now: datetime
) -> Ended | None:
    """End a live link as its patient or its caregiver: no alert goes out after this commits."""
    async with database.session() as session:
        link = await _own_link(session, telegram_id, link_id, as_patient=by_patient)
        if link is None:
            return None
        link.status, link.ended_at = LinkStatus.REMOVED, now
        session.add(link)
        await session.flush()
        await _cancel_queued(session, link_id)
        await sync_digest(session, caregiver_id=link.caregiver_id, now=now)
        other = await session.get(User, link.caregiver_id if by_patient else link.patient_id)
        view = link_view(link)
    log.info("caregiver link ended link_id=%s by_patient=%s", link_id, by_patient)
    return Ended(view, other.chat_id if other is not None else 0, by_patient)


async def set_muted(
    database: Database, *, telegram_id: int, link_id: int, muted: bool, now: datetime
) -> LinkView | None:
    """Mute or unmute a patient as their caregiver; None when the link is not theirs."""
    async with database.session() as session:
        link = await _own_link(session, telegram_id, link_id, as_patient=False)
        if link is None or link.status is not LinkStatus.ACTIVE:
            return None
        link.muted = muted
        session.add(link)
        await session.flush()
        if muted:
            await _cancel_queued(session, link_id)
        await sync_digest(session, caregiver_id=link.caregiver_id, now=now)
        view = link_view(link)
    log.info("caregiver link muted link_id=%s muted=%s", link_id, muted)
    return view


async def caregiver_settings(database: Database, *, telegram_id: int) -> CaregiverSettings:
    """Return the caregiver's zone and digest time."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return CaregiverSettings(zone=None, digest_time=DEFAULT_DIGEST_TIME)
        return CaregiverSettings(
            zone=user.timezone, digest_time=await digest_time(session, caregiver_id=user.id)
        )


async def set_digest_time(database: Database, *, telegram_id: int, at: time, now: datetime) -> bool:
    """Move the caregiver's digest to another local time."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return False
        await sync_digest(session, caregiver_id=user.id, now=now, at=at)
    log.info("caregiver digest time changed user_id=%s", user.id)
    return True


async def set_zone(database: Database, *, telegram_id: int, zone: str, now: datetime) -> bool:
    """Save a caregiver's time zone, asked once; patient onboarding will not ask it again."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return False
        user.timezone = zone
        if user.onboarding_step == Step.TIMEZONE.value:
            user.onboarding_step = ONBOARDING_ORDER[1].value
        session.add(user)
    await replan_user(database, telegram_id=telegram_id, now=now)
    return True


async def owes_zone(database: Database, *, telegram_id: int) -> bool:
    """Return whether this user follows someone and has never given a time zone."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.timezone is not None:
            return False
        found = await session.exec(
            select(CaregiverLink.id).where(
                col(CaregiverLink.caregiver_id) == user.id, col(CaregiverLink.status).in_(_LIVE)
            )
        )
        return found.first() is not None
