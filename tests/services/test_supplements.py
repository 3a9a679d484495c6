"""Products: label figures to elemental calcium, ownership, pause, resume and delete."""

from datetime import UTC, datetime, time
from decimal import Decimal

from sqlmodel import select

from nutrition.salts import CalciumForm
from services import schedules, supplements
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule
from tests.services.builders import make_user

NOW = datetime(2026, 6, 10, 5, 0, tzinfo=UTC)


def _carbonate(compound_mg: int = 1250) -> supplements.NewSupplement:
    return supplements.from_label(
        name="  Caltrate ",
        form=CalciumForm.CARBONATE,
        compound_mg=compound_mg,
        elemental=None,
        vitamin_d_iu=400,
        vitamin_k_ug=0,
    )


async def _scheduled(db: Database) -> tuple[int, int]:
    user = await make_user(db)
    product = await supplements.add(db, telegram_id=user.telegram_id, product=_carbonate())
    assert product is not None and product.id is not None
    await schedules.create_dose_schedule(
        db,
        telegram_id=user.telegram_id,
        supplement_id=product.id,
        units_per_dose=Decimal(1),
        times=[time(8)],
        now=NOW,
    )
    return user.telegram_id, product.id


async def _pending(db: Database) -> list[Reminder]:
    async with db.session() as session:
        statement = select(Reminder).where(Reminder.status == ReminderStatus.PENDING)
        return list((await session.exec(statement)).all())


def test_compound_mg_becomes_elemental() -> None:
    """1,250 mg calcium carbonate is saved as 500 mg elemental calcium; the name is trimmed."""
    product = _carbonate()
    assert (product.name, product.calcium_mg, product.compound_mg) == ("Caltrate", 500, 1250)


async def test_carbonate_is_taken_with_food(any_db: Database) -> None:
    """A carbonate product is marked "with food"; a citrate one is not."""
    user = await make_user(any_db)
    carbonate = await supplements.add(any_db, telegram_id=user.telegram_id, product=_carbonate())
    citrate = supplements.from_label(
        name="Citracal", form=CalciumForm.CITRATE, compound_mg=None, elemental=200,
        vitamin_d_iu=0, vitamin_k_ug=0,
    )  # fmt: skip
    saved = await supplements.add(any_db, telegram_id=user.telegram_id, product=citrate)
    assert carbonate is not None and saved is not None
    assert (carbonate.with_food, saved.with_food) == (True, False)


async def test_another_user_cannot_see_or_change_a_product(any_db: Database) -> None:
    """Ownership is checked in the database for reading and for changes."""
    owner, product_id = await _scheduled(any_db)
    other = await make_user(any_db)
    assert (
        await supplements.get_owned(any_db, telegram_id=other.telegram_id, supplement_id=product_id)
        is None
    )
    changed = await supplements.change(
        any_db, telegram_id=other.telegram_id, supplement_id=product_id, now=NOW, deleted=True
    )
    assert changed is None
    assert (
        await supplements.get_owned(any_db, telegram_id=owner, supplement_id=product_id) is not None
    )


async def test_pause_cancels_reminders_and_resume_plans_again(any_db: Database) -> None:
    """Pausing a product stops its reminders; resuming plans the next one again."""
    telegram_id, product_id = await _scheduled(any_db)
    assert len(await _pending(any_db)) == 1
    await supplements.change(
        any_db, telegram_id=telegram_id, supplement_id=product_id, now=NOW, paused=True
    )
    assert await _pending(any_db) == []
    await supplements.change(
        any_db, telegram_id=telegram_id, supplement_id=product_id, now=NOW, paused=False
    )
    assert len(await _pending(any_db)) == 1


async def test_delete_hides_the_product_and_stops_its_schedules(any_db: Database) -> None:
    """A deleted product leaves the list; its schedules stay, stopped, for history; none pending."""
    telegram_id, product_id = await _scheduled(any_db)
    woken: list[bool] = []
    any_db.on_plan_change = lambda: woken.append(True)
    await supplements.change(
        any_db, telegram_id=telegram_id, supplement_id=product_id, now=NOW, deleted=True
    )
    assert await supplements.list_for(any_db, telegram_id=telegram_id) == []
    async with any_db.session() as session:
        assert [s.active for s in (await session.exec(select(Schedule))).all()] == [False]
    assert await _pending(any_db) == [] and woken  # its commit woke the engine
