"""Intake rows written for the user: log a supplement outside a schedule, undo the last entry."""

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import delete
from sqlmodel import col, select

from nutrition.checker import DayTotals, LimitWarning
from nutrition.doses import scale
from nutrition.levels import NearPolicy
from services.checker import check_after_intake
from services.day_totals import IntakeSource, local_day, totals_for_day
from services.supply import RefillDue, use_supply
from storage.database import Database
from storage.models import Intake, Supplement
from storage.users import get_user

# The bot's settings default to these (CALCIBOT_NEAR_LIMIT_PERCENT…): DESIGN.md §4, levels.py.
NEAR_POLICY = NearPolicy()
MAX_UNITS = Decimal(20)  # tablets at once; more is a typo, not a dose
# /undo fixes a slip: it does not reach silently into entries older than this.
UNDO_WINDOW = timedelta(hours=24)


class LogStatus(StrEnum):
    """What came of a request to log something."""

    LOGGED = "logged"
    ALREADY_LOGGED = "already_logged"  # "Log" pressed again: nothing more written; items as before
    NOTHING_TO_LOG = "nothing_to_log"  # no item with a food and a sane amount
    NOT_FOUND = "not_found"  # unknown, deleted or someone else's draft or supplement
    EXPIRED = "expired"  # the draft is older than its time to live
    INVALID_AMOUNT = "invalid_amount"


@dataclass(frozen=True, kw_only=True)
class LoggedItem:
    """One intake row as written."""

    label: str
    grams: int | None
    calcium_mg: int
    vitamin_d_iu: int
    vitamin_k_ug: int


@dataclass(frozen=True, kw_only=True)
class LoggedIntake:
    """The outcome of logging: what was written, the day's totals and new warnings."""

    status: LogStatus
    day: date | None = None
    group_id: str | None = None
    items: tuple[LoggedItem, ...] = ()
    skipped: tuple[str, ...] = ()  # item texts not logged: no food or an implausible amount
    totals: DayTotals | None = None
    warnings: tuple[LimitWarning, ...] = ()
    refill: RefillDue | None = None  # a product taken down to its refill threshold


def new_intake(
    user_id: int, group_id: str, day: date, now: datetime, item: LoggedItem, source: str
) -> Intake:
    """Build an intake row for one logged item."""
    return Intake(
        user_id=user_id,
        group_id=group_id,
        local_date=day,
        source=source,
        label=item.label,
        grams=item.grams,
        calcium_mg=item.calcium_mg,
        vitamin_d_iu=item.vitamin_d_iu,
        vitamin_k_ug=item.vitamin_k_ug,
        logged_at=now,
    )


async def finish(
    database: Database,
    *,
    user_id: int,
    result: LoggedIntake,
    policy: NearPolicy,
    now: datetime | None = None,
) -> LoggedIntake:
    """Add the day's totals and new warnings, checked once the intake is committed."""
    if result.day is None:
        return result
    warnings: list[LimitWarning] = []
    if result.status is LogStatus.LOGGED:
        warnings = await check_after_intake(
            database,
            user_id=user_id,
            day=result.day,
            policy=policy,
            now=now,
        )
    totals = await totals_for_day(database, user_id=user_id, day=result.day)
    return LoggedIntake(
        status=result.status,
        day=result.day,
        group_id=result.group_id,
        items=result.items,
        skipped=result.skipped,
        totals=totals,
        warnings=tuple(warnings),
    )


async def log_supplement_outside_schedule(
    database: Database,
    *,
    telegram_id: int,
    supplement_id: int,
    units: Decimal | int,
    now: datetime,
    policy: NearPolicy = NEAR_POLICY,
) -> LoggedIntake:
    """Log units of one of the user's products taken outside any schedule ("took 1 Caltrate")."""
    amount = Decimal(units)
    if isinstance(units, bool) or not amount.is_finite() or not 0 < amount <= MAX_UNITS:
        return LoggedIntake(status=LogStatus.INVALID_AMOUNT)
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        product = await session.get(Supplement, supplement_id)
        if user is None or user.id is None or product is None:
            return LoggedIntake(status=LogStatus.NOT_FOUND)
        if product.user_id != user.id or product.deleted:
            return LoggedIntake(status=LogStatus.NOT_FOUND)
        day, group_id = local_day(user, now), str(uuid.uuid4())
        item = LoggedItem(
            label=product.name,
            grams=None,
            calcium_mg=scale(product.calcium_mg, amount),
            vitamin_d_iu=scale(product.vitamin_d_iu, amount),
            vitamin_k_ug=scale(product.vitamin_k_ug, amount),
        )
        intake = new_intake(user.id, group_id, day, now, item, IntakeSource.SUPPLEMENT)
        intake.supplement_id = product.id
        session.add(intake)
        refill = await use_supply(session, supplement=product, units=amount, now=now)
    result = LoggedIntake(status=LogStatus.LOGGED, day=day, group_id=group_id, items=(item,))
    finished = await finish(
        database,
        user_id=user.id,
        result=result,
        policy=policy,
        now=now,
    )
    return replace(finished, refill=refill)


class UndoStatus(StrEnum):
    """What /undo did."""

    UNDONE = "undone"
    NOTHING = "nothing"  # no entry in the last UNDO_WINDOW


@dataclass(frozen=True, kw_only=True)
class UndoResult:
    """What /undo removed (one meal, dose or entry) and the day's totals afterwards."""

    status: UndoStatus
    source: str | None = None
    day: date | None = None
    items: tuple[LoggedItem, ...] = ()
    totals: DayTotals | None = None


async def undo_last(database: Database, *, telegram_id: int, now: datetime) -> UndoResult:
    """Remove the user's most recent intake group (a meal, a dose, an entry) of the last day."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return UndoResult(status=UndoStatus.NOTHING)
        newest = await session.exec(
            select(Intake)
            .where(Intake.user_id == user.id, col(Intake.logged_at) >= now - UNDO_WINDOW)
            .order_by(col(Intake.logged_at).desc(), col(Intake.id).desc())
            .limit(1)
        )
        last = newest.first()
        if last is None:
            return UndoResult(status=UndoStatus.NOTHING)
        group = await session.exec(
            select(Intake)
            .where(Intake.user_id == user.id, Intake.group_id == last.group_id)
            .order_by(col(Intake.id))
        )
        rows = list(group.all())
        removed = await session.exec(
            delete(Intake).where(
                col(Intake.user_id) == user.id, col(Intake.group_id) == last.group_id
            )
        )
        if removed.rowcount == 0:  # a concurrent /undo removed it first
            return UndoResult(status=UndoStatus.NOTHING)
    items = tuple(
        LoggedItem(
            label=row.label,
            grams=row.grams,
            calcium_mg=row.calcium_mg,
            vitamin_d_iu=row.vitamin_d_iu,
            vitamin_k_ug=row.vitamin_k_ug,
        )
        for row in rows
    )
    totals = await totals_for_day(database, user_id=user.id, day=last.local_date)
    return UndoResult(
        status=UndoStatus.UNDONE,
        source=last.source,
        day=last.local_date,
        items=items,
        totals=totals,
    )


async def last_logged_at(
    database: Database, *, telegram_id: int, supplement_id: int
) -> datetime | None:
    """Return when the user last logged this product (a dose or an extra one), if ever."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return None
        statement = (
            select(Intake.logged_at)
            .where(Intake.user_id == user.id, Intake.supplement_id == supplement_id)
            .order_by(col(Intake.logged_at).desc())
            .limit(1)
        )
        return (await session.exec(statement)).first()
