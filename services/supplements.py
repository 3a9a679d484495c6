"""Use cases for a user's supplements and medicines: add, list, pause, delete."""

from dataclasses import dataclass
from datetime import datetime

from pydantic import ConfigDict
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.salts import CalciumForm, elemental_mg, needs_food
from services import schedules
from services.schedule_views import ScheduleView, view
from storage.database import Database
from storage.models import Schedule, Supplement, SupplementKind, User
from storage.models.supplements import SupplementBase
from storage.users import get_user


class Product(SupplementBase):
    """A saved product as handlers see it: a frozen copy of the row."""

    model_config = ConfigDict(frozen=True)  # type: ignore[assignment]

    id: int
    paused: bool = False


def product_of(row: Supplement) -> Product:
    """Copy a product row into the view handlers get."""
    return Product.model_validate(row, from_attributes=True)


@dataclass(frozen=True)
class NewSupplement:
    """What the user told us about one unit of a product."""

    name: str
    kind: SupplementKind
    form: CalciumForm
    calcium_mg: int  # elemental, per unit
    compound_mg: int | None = None
    vitamin_d_iu: int = 0
    vitamin_k_ug: int = 0


def from_label(
    *,
    name: str,
    form: CalciumForm,
    compound_mg: int | None,
    elemental: int | None,
    vitamin_d_iu: int,
    vitamin_k_ug: int,
) -> NewSupplement:
    """Build a product from label figures, converting compound mg to elemental calcium."""
    calcium = elemental_mg(form, compound_mg) if compound_mg is not None else elemental or 0
    return NewSupplement(
        name=name.strip(),
        kind=SupplementKind.SUPPLEMENT,
        form=form,
        calcium_mg=calcium,
        compound_mg=compound_mg,
        vitamin_d_iu=vitamin_d_iu,
        vitamin_k_ug=vitamin_k_ug,
    )


async def _owner(database: Database, telegram_id: int) -> User | None:
    async with database.session() as session:
        return await get_user(session=session, telegram_id=telegram_id)


async def add(database: Database, *, telegram_id: int, product: NewSupplement) -> Product | None:
    """Save a product for the user; carbonate is marked "with food" (it needs stomach acid)."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return None
        supplement = Supplement(
            user_id=user.id,
            name=product.name,
            kind=product.kind,
            form=product.form,
            compound_mg=product.compound_mg,
            calcium_mg=product.calcium_mg,
            vitamin_d_iu=product.vitamin_d_iu,
            vitamin_k_ug=product.vitamin_k_ug,
            with_food=needs_food(product.form),
        )
        session.add(supplement)
        await session.flush()
        return product_of(supplement)


async def list_for(database: Database, *, telegram_id: int) -> list[Product]:
    """Return the user's products that are not deleted, oldest first."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None:
            return []
        result = await session.exec(
            select(Supplement)
            .where(Supplement.user_id == user.id, Supplement.deleted == False)  # noqa: E712
            .order_by(Supplement.id)  # type: ignore[arg-type]
        )
        return [product_of(row) for row in result.all()]


async def _owned(
    session: AsyncSession, *, telegram_id: int, supplement_id: int
) -> Supplement | None:
    user = await get_user(session=session, telegram_id=telegram_id)
    supplement = await session.get(Supplement, supplement_id)
    if user is None or supplement is None or supplement.user_id != user.id:
        return None
    return None if supplement.deleted else supplement


async def get_owned(database: Database, *, telegram_id: int, supplement_id: int) -> Product | None:
    """Return the product only if it belongs to this Telegram user and is not deleted."""
    async with database.session() as session:
        row = await _owned(session, telegram_id=telegram_id, supplement_id=supplement_id)
        return None if row is None else product_of(row)


async def schedules_of(
    database: Database, *, supplement_id: int, include_paused: bool = False
) -> list[ScheduleView]:
    """Return the schedules that remind of this product (active ones unless told otherwise)."""
    statement = select(Schedule).where(Schedule.supplement_id == supplement_id)
    if not include_paused:
        statement = statement.where(Schedule.active == True)  # noqa: E712
    async with database.session() as session:
        return [view(row, None, None) for row in (await session.exec(statement)).all()]


async def change(
    database: Database,
    *,
    telegram_id: int,
    supplement_id: int,
    now: datetime,
    paused: bool | None = None,
    deleted: bool | None = None,
) -> Product | None:
    """Pause, resume or delete a product and its schedules together; None when not theirs."""
    changed = await _set_flags(
        database,
        telegram_id=telegram_id,
        supplement_id=supplement_id,
        paused=paused,
        deleted=deleted,
    )
    if changed is None:
        return None
    for schedule in await schedules_of(database, supplement_id=supplement_id, include_paused=True):
        if schedule.id is None:
            continue
        if deleted:
            # Kept (paused) so past reminders and adherence stay, under the product's name.
            await schedules.retire_schedule(
                database, telegram_id=telegram_id, schedule_id=schedule.id, now=now
            )
        elif paused:
            await schedules.pause_schedule(
                database, telegram_id=telegram_id, schedule_id=schedule.id, now=now
            )
        elif paused is False:
            await schedules.resume_schedule(
                database, telegram_id=telegram_id, schedule_id=schedule.id, now=now
            )
    return changed


async def update(
    database: Database, *, telegram_id: int, supplement_id: int, product: NewSupplement
) -> Product | None:
    """Replace a product's label figures; its schedules keep reminding of it."""
    async with database.session() as session:
        supplement = await _owned(session, telegram_id=telegram_id, supplement_id=supplement_id)
        if supplement is None:
            return None
        supplement.sqlmodel_update(
            {
                "name": product.name,
                "kind": product.kind,
                "form": product.form,
                "compound_mg": product.compound_mg,
                "calcium_mg": product.calcium_mg,
                "vitamin_d_iu": product.vitamin_d_iu,
                "vitamin_k_ug": product.vitamin_k_ug,
                "with_food": needs_food(product.form),
            }
        )
        session.add(supplement)
        return product_of(supplement)


async def _set_flags(
    database: Database,
    *,
    telegram_id: int,
    supplement_id: int,
    paused: bool | None = None,
    deleted: bool | None = None,
) -> Product | None:
    """Pause, resume or delete the user's product; None when it is not theirs."""
    async with database.session() as session:
        supplement = await _owned(session, telegram_id=telegram_id, supplement_id=supplement_id)
        if supplement is None:
            return None
        if paused is not None:
            supplement.paused = paused
        if deleted is not None:
            supplement.deleted = deleted
        session.add(supplement)
        return product_of(supplement)


async def set_prescribed(
    database: Database, *, telegram_id: int, supplement_id: int, prescribed: bool
) -> Product | None:
    """Mark the user's product as prescribed by a doctor, or not; None when it is not theirs."""
    async with database.session() as session:
        supplement = await _owned(session, telegram_id=telegram_id, supplement_id=supplement_id)
        if supplement is None:
            return None
        supplement.prescribed = prescribed
        session.add(supplement)
        # The next reminders' projection words change with the flag; nothing to re-plan.
        return product_of(supplement)
