"""Supply: each taken dose takes its tablets off once, and the refill reminder comes once."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from services import reminders
from services.intakes import log_supplement_outside_schedule
from services.supply import set_supply, supply_of
from storage.database import Database
from storage.models import Reminder, ReminderStatus, User
from tests.factories import make_user
from tests.scheduler.support import dose_schedule

NOW = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)


async def _sent_dose(database: Database, user: User, schedule_id: int, hours: int) -> int:
    """Store a sent reminder of the schedule, `hours` after NOW, and return its id."""
    async with database.session() as session:
        reminder = Reminder(
            schedule_id=schedule_id,
            user_id=user.id or 0,
            due_at=NOW + timedelta(minutes=7 + hours),  # off the planned 08:00 and 20:00
            status=ReminderStatus.SENT,
        )
        session.add(reminder)
        await session.flush()
        return reminder.id or 0


async def test_double_tap_takes_the_tablets_off_once(sqlite_db: Database) -> None:
    """Taken, Taken, Skip on one reminder: 20 tablets become 19, and days left follow."""
    user = await make_user(sqlite_db)
    view = await dose_schedule(
        sqlite_db, now=NOW, telegram_id=user.telegram_id, times=("08:00", "20:00")
    )
    product = view.supplement_id or 0
    await set_supply(
        sqlite_db,
        telegram_id=user.telegram_id,
        supplement_id=product,
        units=Decimal(20),
        add=False,
        now=NOW,
    )
    reminder_id = await _sent_dose(sqlite_db, user, view.id, 1)
    for action in ("t", "t", "k"):
        await reminders.answer(
            sqlite_db,
            telegram_id=user.telegram_id,
            reminder_id=reminder_id,
            action=action,
            now=NOW,
        )
    supply = await supply_of(sqlite_db, telegram_id=user.telegram_id, supplement_id=product)
    assert supply is not None
    assert (supply.units_left, supply.units_per_day, supply.days_left) == (19, 2, 9)


async def test_refill_reminder_comes_once_at_the_threshold(sqlite_db: Database) -> None:
    """At 2 a day from 18 tablets, the dose leaving 15 (7 full days) reminds; later ones do not."""
    user = await make_user(sqlite_db)
    view = await dose_schedule(
        sqlite_db, now=NOW, telegram_id=user.telegram_id, times=("08:00", "20:00")
    )
    product = view.supplement_id or 0
    await set_supply(
        sqlite_db,
        telegram_id=user.telegram_id,
        supplement_id=product,
        units=Decimal(18),
        add=False,
        now=NOW,
    )
    refills = []
    for hours in range(6):
        reminder_id = await _sent_dose(sqlite_db, user, view.id, hours)
        result = await reminders.answer(
            sqlite_db, telegram_id=user.telegram_id, reminder_id=reminder_id, action="t", now=NOW
        )
        refills.append(result.refill)
    reminded = [(index, refill) for index, refill in enumerate(refills) if refill is not None]
    assert len(reminded) == 1
    index, refill = reminded[0]
    assert index == 2 and (refill.units_left, refill.days_left) == (15, 7)
    after = await set_supply(
        sqlite_db,
        telegram_id=user.telegram_id,
        supplement_id=product,
        units=Decimal(60),
        add=True,
        now=NOW,
    )
    assert after is not None and after.units_left == 72


async def test_someone_elses_product_has_no_supply_for_you(sqlite_db: Database) -> None:
    """Another user can neither read nor set a product's supply."""
    owner, other = await make_user(sqlite_db), await make_user(sqlite_db)
    view = await dose_schedule(sqlite_db, now=NOW, telegram_id=owner.telegram_id)
    product = view.supplement_id or 0
    assert await supply_of(sqlite_db, telegram_id=other.telegram_id, supplement_id=product) is None
    changed = await set_supply(
        sqlite_db,
        telegram_id=other.telegram_id,
        supplement_id=product,
        units=Decimal(5),
        add=False,
        now=NOW,
    )
    assert changed is None


async def test_a_dose_taken_outside_the_schedule_counts_too(sqlite_db: Database) -> None:
    """ "Took 2 Calcium 600" outside any reminder takes 2 tablets off the count."""
    user = await make_user(sqlite_db)
    view = await dose_schedule(sqlite_db, now=NOW, telegram_id=user.telegram_id)
    product = view.supplement_id or 0
    await set_supply(
        sqlite_db,
        telegram_id=user.telegram_id,
        supplement_id=product,
        units=Decimal(30),
        add=False,
        now=NOW,
    )
    logged = await log_supplement_outside_schedule(
        sqlite_db, telegram_id=user.telegram_id, supplement_id=product, units=2, now=NOW
    )
    assert logged.refill is None
    supply = await supply_of(sqlite_db, telegram_id=user.telegram_id, supplement_id=product)
    assert supply is not None and supply.units_left == 28
