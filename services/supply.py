"""Tablets left per product: counted down by each dose taken, with one refill reminder.

Days left are counted at the product's current schedules: tablets per day is the sum over its
active schedules of tablets per dose × times a day × the share of the week's days it runs.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_FLOOR, Decimal

from sqlalchemy import case, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.database import Database
from storage.models import Schedule, ScheduleKind, Supplement, Supply
from storage.users import get_user

# The default: remind a week ahead, time enough to reach a pharmacy or reorder.
DEFAULT_REFILL_DAYS = 7
# A box of more than 10,000 tablets is a typo; the column holds up to 999,999.99.
MAX_UNITS = Decimal(10_000)


@dataclass(frozen=True)
class SupplyView:
    """A product's supply as the user sees it."""

    supplement_id: int
    name: str
    units_left: Decimal | None  # None: the user never gave a count
    units_per_day: Decimal
    days_left: int | None  # None without a count or without an active schedule
    refill_days: int


@dataclass(frozen=True)
class RefillDue:
    """The supply just fell to the threshold: remind the user, this once."""

    supplement_id: int
    name: str
    units_left: Decimal
    days_left: int


async def _units_per_day(session: AsyncSession, supplement_id: int) -> Decimal:
    schedules = await session.exec(
        select(Schedule).where(
            col(Schedule.supplement_id) == supplement_id,
            col(Schedule.kind) == ScheduleKind.DOSE,
            col(Schedule.active),
        )
    )
    total = Decimal(0)
    for schedule in schedules.all():
        days_a_week = bin(schedule.weekdays).count("1")
        total += schedule.units_per_dose * len(schedule.times) * days_a_week / 7
    return total


def _days_left(units_left: Decimal | None, per_day: Decimal) -> int | None:
    if units_left is None or per_day <= 0:
        return None
    return int((units_left / per_day).to_integral_value(rounding=ROUND_FLOOR))


async def _view(session: AsyncSession, supplement: Supplement) -> SupplyView:
    supplement_id = supplement.id or 0
    supply = await session.get(Supply, supplement_id)
    per_day = await _units_per_day(session, supplement_id)
    units_left = supply.units_left if supply is not None else None
    return SupplyView(
        supplement_id=supplement_id,
        name=supplement.name,
        units_left=units_left,
        units_per_day=per_day,
        days_left=_days_left(units_left, per_day),
        refill_days=supply.refill_days if supply is not None else DEFAULT_REFILL_DAYS,
    )


async def _owned(session: AsyncSession, telegram_id: int, supplement_id: int) -> Supplement | None:
    user = await get_user(session=session, telegram_id=telegram_id)
    supplement = await session.get(Supplement, supplement_id)
    if user is None or supplement is None or supplement.user_id != user.id or supplement.deleted:
        return None
    return supplement


async def supply_of(
    database: Database, *, telegram_id: int, supplement_id: int
) -> SupplyView | None:
    """Return the supply of the user's own product; None for anyone else's or an unknown id."""
    async with database.session() as session:
        supplement = await _owned(session, telegram_id, supplement_id)
        return None if supplement is None else await _view(session, supplement)


async def set_supply(
    database: Database,
    *,
    telegram_id: int,
    supplement_id: int,
    units: Decimal,
    add: bool,
    now: datetime,
) -> SupplyView | None:
    """Set the tablets left (or add a refill to them); the refill reminder may come again."""
    if not Decimal(0) <= units <= MAX_UNITS:
        raise ValueError("a supply is 0 to 10,000 tablets")
    async with database.session() as session:
        supplement = await _owned(session, telegram_id, supplement_id)
        if supplement is None:
            return None
        supply = await session.get(Supply, supplement_id, with_for_update=True)
        if supply is None:
            supply = Supply(
                supplement_id=supplement_id, user_id=supplement.user_id, units_left=Decimal(0)
            )
        supply.units_left = min(supply.units_left + units if add else units, MAX_UNITS)
        supply.reminded = False
        supply.updated_at = now
        session.add(supply)
        await session.flush()
        return await _view(session, supplement)


async def use_supply(
    session: AsyncSession, *, supplement: Supplement, units: Decimal, now: datetime
) -> RefillDue | None:
    """Take one taken dose off the count; return a RefillDue the first time it runs low.

    Called once per dose recorded taken (the caller's conditional update already made a
    second tap change nothing). The decrement is one UPDATE, so two doses taken at once by two
    processes both count.
    """
    if supplement.id is None:
        return None
    left = col(Supply.units_left)
    taken = await session.exec(
        update(Supply)
        .where(col(Supply.supplement_id) == supplement.id)
        .values(units_left=case((left > units, left - units), else_=Decimal(0)), updated_at=now)
        .returning(left, col(Supply.refill_days), col(Supply.reminded))
        .execution_options(synchronize_session=False)
    )
    row = taken.first()
    if row is None:
        return None  # no count kept for this product
    units_left, refill_days, reminded = Decimal(row[0]), int(row[1]), bool(row[2])
    days_left = _days_left(units_left, await _units_per_day(session, supplement.id))
    if reminded or days_left is None or days_left > refill_days:
        return None
    # The flag is the guard: of two doses taken at once only one gives the reminder.
    won = await session.exec(
        update(Supply)
        .where(col(Supply.supplement_id) == supplement.id, col(Supply.reminded).is_(False))
        .values(reminded=True)
        .returning(col(Supply.supplement_id))
        .execution_options(synchronize_session=False)
    )
    if won.first() is None:
        return None
    return RefillDue(supplement.id, supplement.name, units_left, days_left)
