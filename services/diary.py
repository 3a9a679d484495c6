"""The food diary: a local day's logged entries, removing any one of them, and naming a day."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from sqlmodel import col, select

from scheduler.recurrence import zone_for
from services.day_totals import local_day
from storage.database import Database
from storage.models import Intake
from storage.users import get_user

# How far back /day looks: a year of diary is plenty for an appointment.
MAX_DAYS_BACK = 366
_ISO_DAY = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# Input words for days, understood in both languages whatever the interface language.
_RELATIVE = {"today": 0, "今天": 0, "yesterday": 1, "昨天": 1, "前天": 2}


class DayProblem(StrEnum):
    """Why a typed day was refused."""

    UNREADABLE = "unreadable"
    FUTURE = "future"
    TOO_OLD = "too_old"


@dataclass(frozen=True)
class DiaryEntry:
    """One logged entry of a day: a food, a dose or a typed amount."""

    intake_id: int
    source: str
    label: str
    grams: int | None
    calcium_mg: int
    vitamin_d_iu: int
    logged_local: time


@dataclass(frozen=True)
class Removed:
    """What removing an entry did: `ok` False for an unknown id or someone else's entry."""

    ok: bool
    label: str | None = None
    day: date | None = None


def parse_day(text: str, *, today: date) -> date | DayProblem:
    """Read "today", "yesterday", "2026-11-30" (or 昨天); refuse the future and > a year back."""
    cleaned = text.strip().lower()
    if cleaned in _RELATIVE:
        return today - timedelta(days=_RELATIVE[cleaned])
    match = _ISO_DAY.match(cleaned)
    if match is None:
        return DayProblem.UNREADABLE
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return DayProblem.UNREADABLE
    if day > today:
        return DayProblem.FUTURE
    if (today - day).days > MAX_DAYS_BACK:
        return DayProblem.TOO_OLD
    return day


async def user_today(database: Database, *, telegram_id: int, now: datetime) -> date | None:
    """Return the user's local date at `now`; None for an unknown user."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        return None if user is None else local_day(user, now)


async def entries(database: Database, *, telegram_id: int, day: date) -> list[DiaryEntry]:
    """Return the user's entries of one local day, in the order they were logged."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return []
        zone = zone_for(user.timezone)
        rows = await session.exec(
            select(Intake)
            .where(col(Intake.user_id) == user.id, col(Intake.local_date) == day)
            .order_by(col(Intake.logged_at), col(Intake.id))
        )
        return [
            DiaryEntry(
                intake_id=row.id,
                source=row.source,
                label=row.label,
                grams=row.grams,
                calcium_mg=row.calcium_mg,
                vitamin_d_iu=row.vitamin_d_iu,
                logged_local=row.logged_at.astimezone(zone).time(),
            )
            for row in rows.all()
            if row.id is not None
        ]


async def remove(database: Database, *, telegram_id: int, intake_id: int) -> Removed:
    """Remove one entry of the user's diary after checking it is theirs; a repeat does nothing."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        intake = await session.get(Intake, intake_id)
        if user is None or intake is None or intake.user_id != user.id:
            return Removed(ok=False)
        await session.delete(intake)
        return Removed(ok=True, label=intake.label, day=intake.local_date)
