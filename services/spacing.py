"""A user's calcium doses against their medicines: store a kind, check the plan, accept a move.

The rules and the arithmetic are nutrition.spacing's; this module reads the plan from the
database (active dose schedules of products that are neither paused nor deleted), turns each
calcium dose that breaks a rule into a proposal, and applies an accepted one. Only calcium
moves. A dose whose clash falls on some of its weekdays only (a weekly alendronate's Monday)
moves on those days only: its schedule is split into the clear days and the moved ones.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import time
from enum import StrEnum
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.medicines import MedicineKind
from nutrition.spacing import (
    CalciumDose,
    Conflict,
    Medicine,
    Override,
    caution_for,
    find_conflicts,
    propose_move,
)
from nutrition.spacing.plan import minute_of
from services.supplements import Product, product_of
from storage.database import Database
from storage.models import Schedule, ScheduleKind, Supplement, SupplementKind
from storage.users import get_user

__all__ = [
    "Plan",
    "Proposal",
    "load_plans",
    "medicine_kind_of",
    "medicine_of",
    "override_of",
    "proposals",
    "set_medicine",
]


@dataclass(frozen=True)
class Proposal:
    """One calcium dose in conflict: the worst rule it breaks, and where it could go instead."""

    schedule_id: int
    product: str  # the calcium product's name
    at: time
    to: time | None  # None: no time of that day fits
    weekdays: int  # the days the move is for (those on which `at` clashes)
    conflict: Conflict
    medicine: str  # the medicine product's name


@dataclass
class Plan:
    """One user's calcium doses (`keys[i]` says which schedule and time dose i is) and medicines."""

    calcium: list[CalciumDose]
    keys: list[tuple[Schedule, Supplement]]
    medicines: list[Medicine]
    medicine_names: dict[int, str]  # by medicine schedule id


def medicine_kind_of(supplement: Supplement) -> MedicineKind | None:
    """Return the kind of a medicine product, or None for a supplement or an untold kind."""
    if supplement.kind != SupplementKind.MEDICINE or supplement.medicine_kind is None:
        return None
    try:
        return MedicineKind(supplement.medicine_kind)
    except ValueError:
        return None


def override_of(supplement: Supplement) -> Override | None:
    """Return the prescriber's or label's spacing the user entered for a product, if any."""
    if supplement.spacing_after_min is None and supplement.spacing_before_min is None:
        return None
    return Override(supplement.spacing_after_min, supplement.spacing_before_min)


def medicine_of(schedule: Schedule, supplement: Supplement) -> Medicine | None:
    """Return the spacing view of a medicine schedule, or None when its kind is not known."""
    kind = medicine_kind_of(supplement)
    if kind is None:
        return None
    return Medicine(
        key=schedule.id or 0,
        kind=kind,
        times=tuple(time.fromisoformat(at) for at in schedule.times),
        weekdays=schedule.weekdays,
        override=override_of(supplement),
    )


def _active_doses() -> Any:
    return (
        select(Schedule, Supplement)
        .join(Supplement, col(Supplement.id) == col(Schedule.supplement_id))
        .where(
            col(Schedule.kind) == ScheduleKind.DOSE,
            col(Schedule.active),
            col(Supplement.deleted) == False,  # noqa: E712
            col(Supplement.paused) == False,  # noqa: E712
        )
        .order_by(col(Schedule.id))
    )


async def load_plans(
    session: AsyncSession, user_ids: Sequence[int], *, medicines_only: bool = False
) -> dict[int, Plan]:
    """Read the plans of several users in one query (medicines only, for dose-time checks)."""
    statement = _active_doses().where(col(Schedule.user_id).in_(list(user_ids)))
    if medicines_only:
        statement = statement.where(col(Supplement.medicine_kind).is_not(None))
    plans: dict[int, Plan] = {}
    for schedule, supplement in (await session.exec(statement)).all():
        plan = plans.setdefault(schedule.user_id, Plan([], [], [], {}))
        medicine = medicine_of(schedule, supplement)
        if medicine is not None:
            plan.medicines.append(medicine)
            plan.medicine_names[medicine.key] = supplement.name
        elif supplement.calcium_mg > 0:
            for at in schedule.times:
                plan.calcium.append(
                    CalciumDose(len(plan.keys), time.fromisoformat(at), schedule.weekdays)
                )
                plan.keys.append((schedule, supplement))
    return plans


def _worst(conflicts: Sequence[Conflict]) -> Conflict:
    # The rule asking most decides what the user is told; a whole-day rule asks most of all.
    return max(conflicts, key=lambda c: (c.needed_min is None, c.needed_min or 0, -c.gap_min))


def proposals(plan: Plan) -> list[Proposal]:
    """Return a proposal for every calcium dose in conflict, each fitting those before it."""
    conflicts = find_conflicts(plan.calcium, plan.medicines)
    doses = list(plan.calcium)
    found: list[Proposal] = []
    for index, dose in enumerate(plan.calcium):
        mine = [c for c in conflicts if c.calcium_key == dose.key]
        if not mine:
            continue
        clash_days = 0
        for conflict in mine:
            clash_days |= conflict.weekdays
        target = replace(dose, weekdays=clash_days & dose.weekdays)
        to = propose_move(target, calcium=doses, medicines=plan.medicines)
        if to is not None:
            doses[index] = replace(target, at=to)
        worst = _worst(mine)
        schedule, supplement = plan.keys[dose.key]
        found.append(
            Proposal(
                schedule_id=schedule.id or 0,
                product=supplement.name,
                at=dose.at,
                to=to,
                weekdays=target.weekdays,
                conflict=worst,
                medicine=plan.medicine_names.get(worst.medicine_key, ""),
            )
        )
    return found


async def check(database: Database, *, telegram_id: int) -> list[Proposal]:
    """Return the user's calcium doses that break a medicine's spacing, with proposals."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return []
        plan = (await load_plans(session, [user.id])).get(user.id)
        return [] if plan is None else proposals(plan)


class MedicineSet(StrEnum):
    """What storing a medicine's kind found."""

    SAVED = "saved"
    NOT_YOURS = "not_yours"
    NOT_A_MEDICINE = "not_a_medicine"


@dataclass(frozen=True)
class MedicineResult:
    """The outcome of storing a medicine's kind, and the one-time caution it calls for."""

    status: MedicineSet
    product: Product | None = None
    caution: str | None = None  # a nutrition.spacing.Caution code


async def set_medicine(
    database: Database,
    *,
    telegram_id: int,
    supplement_id: int,
    kind: MedicineKind,
    override: Override | None = None,
) -> MedicineResult:
    """Store what a medicine product is and, when given, the prescriber's or label's spacing."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        row = await session.get(Supplement, supplement_id)
        if user is None or row is None or row.user_id != user.id or row.deleted:
            return MedicineResult(MedicineSet.NOT_YOURS)
        if row.kind != SupplementKind.MEDICINE:
            return MedicineResult(MedicineSet.NOT_A_MEDICINE)
        row.medicine_kind = kind.value
        row.spacing_after_min = None if override is None else override.calcium_after_min
        row.spacing_before_min = None if override is None else override.calcium_before_min
        session.add(row)
        await session.flush()
        caution = caution_for(kind)
        return MedicineResult(
            MedicineSet.SAVED, product_of(row), None if caution is None else caution.value
        )


def dose_minute(at: time) -> int:
    """Return the minute of the day a calcium dose is at (what an accept button carries)."""
    return minute_of(at)
