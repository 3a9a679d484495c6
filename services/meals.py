"""Log what a user ate: parse a meal into a draft, settle unsure items, then log it once.

Drafts live in the meal_draft table, not in memory: a "Log" pressed after a restart still
works, and callback data only needs the draft's integer id. A draft expires after DRAFT_TTL;
each new preview clears the user's expired drafts.
"""

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.foods import MealParser
from nutrition.levels import NearPolicy
from services import custom_foods, meal_drafts
from services.custom_foods import to_row
from services.day_totals import IntakeSource, local_day
from services.food_import import food_matcher
from services.intakes import (
    NEAR_POLICY,
    LoggedIntake,
    LoggedItem,
    LogStatus,
    finish,
    log_supplement_outside_schedule,
    new_intake,
    undo_last,
)
from services.meal_context import country_of, preferences_of
from services.meal_drafts import MealPreview, PreviewItem
from storage.database import Database
from storage.models import MealDraft, User
from storage.models.base import utcnow
from storage.users import get_user

# Long enough to answer a question about a meal after a break, short enough that a stale
# draft is not logged on another day by a forgotten button.
DRAFT_TTL = timedelta(hours=12)
_LABEL_MAX = 120  # Intake.label's column width

__all__ = [
    "DRAFT_TTL",
    "MealPreview",
    "choose_candidate",
    "load_draft",
    "log_draft",
    "log_supplement_outside_schedule",
    "preview",
    "undo_last",
]


async def preview(
    database: Database,
    *,
    telegram_id: int,
    text: str,
    now: datetime | None = None,
    day_offset: int = 0,
) -> MealPreview:
    """Parse a meal text against built-in, imported and the user's own foods; keep a draft.

    `day_offset` (≤ 0) logs the meal to a past day the user named (/log 2026-11-30 …).
    """
    # `now` is the bot's clock, so a draft ages by the same clock that later logs it.
    now = now or utcnow()
    base = await food_matcher(database)
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return MealPreview(draft_id=None, items=())
        own = [to_row(food) for food in await custom_foods.foods_of(session, user_id=user.id)]
        country, preferences = country_of(user), preferences_of(user)
    # Parsed outside any transaction, so no lock is held while the matcher works.
    parser = MealParser(
        base.with_rows(own) if own else base, country=country, preferences=preferences
    )
    items = meal_drafts.items_of(parser.parse(text))
    if day_offset < 0:
        items = tuple(replace(item, day_offset=day_offset) for item in items)
    if not items:
        return MealPreview(draft_id=None, items=())
    async with database.session() as session:
        await session.exec(
            delete(MealDraft).where(
                col(MealDraft.user_id) == user.id,
                col(MealDraft.created_at) < now - DRAFT_TTL,
            )
        )
        draft = MealDraft(user_id=user.id, payload=meal_drafts.to_payload(items), created_at=now)
        session.add(draft)
        await session.flush()
        return MealPreview(draft_id=draft.id, items=items)


async def _draft(
    session: AsyncSession, telegram_id: int, draft_id: int, now: datetime
) -> tuple[User, MealDraft] | LogStatus:
    """Return the user and their draft, re-checking ownership and age in the database."""
    user = await get_user(session=session, telegram_id=telegram_id)
    draft = await session.get(MealDraft, draft_id)
    if user is None or draft is None or draft.user_id != user.id:
        return LogStatus.NOT_FOUND
    if draft.created_at < now - DRAFT_TTL:
        return LogStatus.EXPIRED
    return user, draft


async def _change_item(
    database: Database,
    *,
    telegram_id: int,
    draft_id: int,
    item_index: int,
    now: datetime | None,
    change: Callable[[PreviewItem], PreviewItem | None],
    remember_choice: bool = False,
) -> tuple[MealPreview, User, PreviewItem] | None:
    """Replace one item of an unlogged draft by `change(item)`; None if that is not possible."""
    async with database.session() as session:
        found = await _draft(session, telegram_id, draft_id, now or utcnow())
        if isinstance(found, LogStatus) or found[1].logged_group_id is not None:
            return None
        user, draft = found
        items = list(meal_drafts.from_payload(draft.payload))
        if not 0 <= item_index < len(items):
            return None
        changed = change(items[item_index])
        if changed is None:
            return None
        items[item_index] = changed
        group = changed.choice_group
        if remember_choice and group is not None and changed.chosen is not None:
            # The answer to an ambiguous food ("tofu") is remembered for the next meals.
            user.food_choices = {**preferences_of(user), group: changed.chosen.key}
            session.add(user)
        # A new dict, not an in-place change: the JSON column only sees reassignment.
        draft.payload = meal_drafts.to_payload(tuple(items))
        session.add(draft)
        return MealPreview(draft_id=draft.id, items=tuple(items)), user, changed


async def choose_candidate(
    database: Database,
    *,
    telegram_id: int,
    draft_id: int,
    item_index: int,
    candidate_index: int | None,
    now: datetime | None = None,
) -> MealPreview | None:
    """Settle an unsure item on a candidate, or on "none of these"; None if that is not possible."""
    changed = await _change_item(
        database,
        telegram_id=telegram_id,
        draft_id=draft_id,
        item_index=item_index,
        now=now,
        change=lambda item: meal_drafts.choose(item, candidate_index),
        remember_choice=True,
    )
    return None if changed is None else changed[0]


async def set_modifier_amount(
    database: Database,
    *,
    telegram_id: int,
    draft_id: int,
    item_index: int,
    option: int,
    now: datetime | None = None,
) -> MealPreview | None:
    """Count a modifier ingredient ("milk in coffee") at another amount; None if not possible."""
    changed = await _change_item(
        database,
        telegram_id=telegram_id,
        draft_id=draft_id,
        item_index=item_index,
        now=now,
        change=lambda item: meal_drafts.with_modifier_ml(item, option),
    )
    return None if changed is None else changed[0]


async def load_draft(
    database: Database, *, telegram_id: int, draft_id: int, now: datetime | None = None
) -> MealPreview | None:
    """Return the user's draft as it stands; None when unknown, expired, logged or not theirs."""
    async with database.session() as session:
        found = await _draft(session, telegram_id, draft_id, now or utcnow())
        if isinstance(found, LogStatus) or found[1].logged_group_id is not None:
            return None
        return MealPreview(draft_id=draft_id, items=meal_drafts.from_payload(found[1].payload))


def _logged(item: PreviewItem) -> LoggedItem:
    assert item.chosen is not None  # noqa: S101  (only loggable items come here)
    choice = item.chosen
    return LoggedItem(
        label=choice.name[:_LABEL_MAX],
        grams=choice.grams,
        calcium_mg=choice.calcium_mg,
        vitamin_d_iu=choice.vitamin_d_iu,
        vitamin_k_ug=choice.vitamin_k_ug,
    )


async def log_draft(
    database: Database,
    *,
    telegram_id: int,
    draft_id: int,
    now: datetime,
    policy: NearPolicy = NEAR_POLICY,
    to_today: bool = False,
) -> LoggedIntake:
    """Log a draft's settled items as one meal, exactly once, and check the day's limits.

    A meal said to be from a past day ("yesterday …") goes to that day unless `to_today`.
    """
    async with database.session() as session:
        found = await _draft(session, telegram_id, draft_id, now)
        if isinstance(found, LogStatus):
            return LoggedIntake(status=found)
        user, draft = found
        assert user.id is not None  # noqa: S101  (a loaded row has its key)
        items = meal_drafts.from_payload(draft.payload)
        # "yesterday I had …" goes to yesterday: the preview's button named that day.
        offset = 0 if to_today else MealPreview(draft_id=draft_id, items=items).day_offset
        day = local_day(user, now) + timedelta(days=offset)
        logged = tuple(_logged(item) for item in items if item.loggable)
        skipped = tuple(item.text for item in items if not item.loggable)
        if not logged:
            return LoggedIntake(status=LogStatus.NOTHING_TO_LOG, day=day, skipped=skipped)
        group_id = str(uuid.uuid4())
        # The claim is one conditional UPDATE: of two presses of "Log" only one matches the
        # row while logged_group_id is still NULL (PostgreSQL makes the second wait and re-check).
        claim = await session.exec(
            update(MealDraft)
            .where(col(MealDraft.id) == draft_id, col(MealDraft.logged_group_id).is_(None))
            .values(logged_group_id=group_id)
        )
        if claim.rowcount == 0:
            await session.refresh(draft)
            status, group = LogStatus.ALREADY_LOGGED, draft.logged_group_id
        else:
            status, group = LogStatus.LOGGED, group_id
            for item in logged:
                session.add(new_intake(user.id, group_id, day, now, item, IntakeSource.FOOD))
    return await finish(
        database,
        user_id=user.id,
        result=LoggedIntake(status=status, day=day, group_id=group, items=logged, skipped=skipped),
        policy=policy,
        now=now,
    )
