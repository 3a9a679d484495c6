"""The onboarding questions and saving their answers as they come (reading them: answers.py)."""

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from nutrition.reference import (
    ReferenceSet,
    Sex,
    default_reference_for_country,
    default_reference_for_language,
)
from services.meal_context import zone_country
from services.profiles import Profile, profile_of
from services.schedules import replan_user
from storage.database import Database
from storage.models import User
from storage.models.base import utcnow
from storage.users import create_user, get_user


class Step(StrEnum):
    """A question the bot can be waiting for an answer to."""

    TIMEZONE = "timezone"
    BIRTH_YEAR = "birth_year"
    SEX = "sex"
    REFERENCE = "reference"
    CALCIFICATION = "calcification"
    DOCTOR_CALCIUM = "doctor_calcium"
    DOCTOR_VITAMIN_D = "doctor_vitamin_d"
    WARFARIN = "warfarin"


ONBOARDING_ORDER = (Step.TIMEZONE, Step.BIRTH_YEAR, Step.SEX, Step.REFERENCE, Step.CALCIFICATION)
# "edit:<step>" marks a single answer being changed from /settings.
EDIT_PREFIX = "edit:"


@dataclass(frozen=True)
class Pending:
    """The question a user owes an answer to, and whether it came from /settings."""

    step: Step
    editing: bool


# "paused:<step>" marks onboarding the user left with /cancel: typed text is no longer taken
# as an answer until /start resumes at that step.
PAUSED_PREFIX = "paused:"


def is_paused(user: User | Profile) -> bool:
    """Tell whether the user paused onboarding with /cancel."""
    return (user.onboarding_step or "").startswith(PAUSED_PREFIX)


def pending(user: User | Profile) -> Pending | None:
    """Return the question the user is expected to answer next, if any (none while paused)."""
    raw = user.onboarding_step
    if raw is None or raw.startswith(PAUSED_PREFIX):
        return None
    editing = raw.startswith(EDIT_PREFIX)
    return Pending(step=Step(raw.removeprefix(EDIT_PREFIX)), editing=editing)


@dataclass(frozen=True)
class Started:
    """The user after /start, and whether they are new or came back after blocking the bot."""

    user: Profile
    created: bool
    reactivated: bool


async def start(
    database: Database,
    *,
    telegram_id: int,
    chat_id: int,
    language_code: str | None,
    now: datetime,
) -> Started:
    """Return the user: made on first contact, or reactivated with reminders re-planned."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            user = await create_user(
                session=session,
                telegram_id=telegram_id,
                chat_id=chat_id,
                language_code=language_code,
            )
            return Started(user=profile_of(user), created=True, reactivated=False)
        reactivated = not user.active
        if reactivated or user.chat_id != chat_id:
            user.active = True
            user.chat_id = chat_id
            user.updated_at = now
            session.add(user)
    if reactivated:
        # Pending occurrences were cancelled when the user blocked the bot (DESIGN.md §3).
        await replan_user(database, telegram_id=telegram_id, now=now)
    return Started(user=profile_of(user), created=False, reactivated=reactivated)


async def load(database: Database, *, telegram_id: int) -> Profile | None:
    """Return the user's current answers, or None for someone who never sent /start."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        return None if user is None else profile_of(user)


def _next_step(current: Step) -> Step | None:
    if current not in ONBOARDING_ORDER:
        return None
    index = ONBOARDING_ORDER.index(current)
    return ONBOARDING_ORDER[index + 1] if index + 1 < len(ONBOARDING_ORDER) else None


async def save_answer(
    database: Database, *, telegram_id: int, step: Step, value: object
) -> Profile | None:
    """Save one answer and move on: to the next question, or out of /settings editing."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return None
        _apply(user, step, value)
        state = pending(user)
        editing = state is not None and state.editing
        following = None if editing else _next_step(step)
        user.onboarding_step = following.value if following else None
        user.updated_at = utcnow()
        session.add(user)
        return profile_of(user)


def _apply(user: User, step: Step, value: object) -> None:
    if step is Step.TIMEZONE:
        user.timezone = str(value)
        user.pending_timezone = None
    elif step is Step.BIRTH_YEAR:
        user.birth_year = int(str(value))
    elif step is Step.SEX:
        user.sex = Sex(str(value)).value
    elif step is Step.REFERENCE:
        user.reference_set = ReferenceSet(str(value)).value
    elif step is Step.CALCIFICATION:
        user.vascular_calcification = value if isinstance(value, bool) else None
    elif step is Step.DOCTOR_CALCIUM:
        user.doctor_calcium_limit_mg = value if isinstance(value, int) else None
    elif step is Step.DOCTOR_VITAMIN_D:
        user.doctor_vitamin_d_limit_iu = value if isinstance(value, int) else None
    elif step is Step.WARFARIN:
        user.takes_warfarin = bool(value)


async def set_step(database: Database, *, telegram_id: int, step: str | None) -> Profile | None:
    """Set which question the user is answering (onboarding back, /settings edit, cancel)."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return None
        user.onboarding_step = step
        user.updated_at = utcnow()
        session.add(user)
        return profile_of(user)


async def set_locale(database: Database, *, telegram_id: int, locale: str) -> Profile | None:
    """Store the interface language the user chose; None for someone who never sent /start."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return None
        user.locale = locale
        user.updated_at = utcnow()
        session.add(user)
        return profile_of(user)


async def pause(database: Database, *, telegram_id: int) -> None:
    """Pause onboarding where it is (answers kept): free text is no longer taken as an answer."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        step = user.onboarding_step if user is not None else None
        if user is None or step is None or step.startswith((PAUSED_PREFIX, EDIT_PREFIX)):
            return
        user.onboarding_step = PAUSED_PREFIX + step
        user.updated_at = utcnow()
        session.add(user)


async def resume(database: Database, *, telegram_id: int) -> Profile | None:
    """Resume paused onboarding at the question it was paused on; None when not paused."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or not is_paused(user):
            return None
        user.onboarding_step = (user.onboarding_step or "").removeprefix(PAUSED_PREFIX)
        user.updated_at = utcnow()
        session.add(user)
        return profile_of(user)


def suggested_reference(user: Profile) -> ReferenceSet:
    """Suggest the reference set of where the user lives, else of their Telegram language."""
    by_place = default_reference_for_country(zone_country(user.timezone))
    return by_place or default_reference_for_language(user.language_code)


def previous_step(step: Step) -> Step:
    """Return the onboarding question before this one (the first stays first)."""
    if step not in ONBOARDING_ORDER:
        return step
    return ONBOARDING_ORDER[max(ONBOARDING_ORDER.index(step) - 1, 0)]


async def set_timezone_candidate(database: Database, *, telegram_id: int, zone: str) -> None:
    """Keep a found zone while the user confirms it, so a restart loses nothing."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return
        user.pending_timezone = zone
        user.updated_at = utcnow()
        session.add(user)
