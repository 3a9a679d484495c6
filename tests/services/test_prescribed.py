"""Prescribed vitamin D and weekly/monthly doses: the right window and no false warnings."""

import uuid
from datetime import UTC, datetime, timedelta

from nutrition.levels import Level, NearPolicy, Nutrient
from scheduler.recurrence import EVERY_DAY
from services.checker import (
    PlannedDose,
    check_after_intake,
    project_doses,
    vitamin_d_window_days,
)
from services.supplements import set_prescribed
from storage.database import Database
from storage.models import Intake, Supplement, User
from tests.services.builders import DAY, add_intake, make_user

NOON = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


async def _vitamin_d_product(database: Database, user: User, *, prescribed: bool) -> int:
    assert user.id is not None
    async with database.session() as session:
        product = Supplement(
            user_id=user.id, name="Vigantol", vitamin_d_iu=50_000, prescribed=prescribed
        )
        session.add(product)
        await session.flush()
        assert product.id is not None
        return product.id


async def _took(database: Database, user: User, product_id: int, iu: int) -> None:
    assert user.id is not None
    async with database.session() as session:
        session.add(
            Intake(
                user_id=user.id,
                group_id=str(uuid.uuid4()),
                local_date=DAY,
                source="dose",
                label="dose",
                supplement_id=product_id,
                vitamin_d_iu=iu,
            )
        )


async def _warned(database: Database, user: User) -> list[tuple[Nutrient, Level]]:
    assert user.id is not None
    found = await check_after_intake(database, user_id=user.id, day=DAY, policy=NearPolicy())
    return [(warning.nutrient, warning.level) for warning in found]


def test_window_follows_the_schedule_interval() -> None:
    """Every day is judged daily, a weekday schedule weekly (7 days), a monthly one over 30."""
    assert vitamin_d_window_days(weekdays=EVERY_DAY, month_day=None) == 1
    assert vitamin_d_window_days(weekdays=0b0000001, month_day=None) == 7
    assert vitamin_d_window_days(weekdays=EVERY_DAY, month_day=1) == 30


async def test_prescribed_weekly_dose_taken_brings_no_vitamin_d_warning(any_db: Database) -> None:
    """50,000 IU taken from a prescribed product gives no "over the limit" warning."""
    user = await make_user(any_db)
    product = await _vitamin_d_product(any_db, user, prescribed=True)
    await _took(any_db, user, product, 50_000)
    assert await _warned(any_db, user) == []


async def test_unprescribed_weekly_dose_still_warns(any_db: Database) -> None:
    """The same 50,000 IU from a product not marked prescribed is warned as over the limit."""
    user = await make_user(any_db)
    product = await _vitamin_d_product(any_db, user, prescribed=False)
    await _took(any_db, user, product, 50_000)
    assert await _warned(any_db, user) == [(Nutrient.VITAMIN_D, Level.OVER)]


async def test_other_vitamin_d_is_still_judged_beside_a_prescription(any_db: Database) -> None:
    """Food and unprescribed supplements past the limit still warn next to a prescription."""
    user = await make_user(any_db)
    product = await _vitamin_d_product(any_db, user, prescribed=True)
    await _took(any_db, user, product, 50_000)
    await add_intake(any_db, user, calcium_mg=0, vitamin_d_iu=4_000, source="supplement")
    assert await _warned(any_db, user) == [(Nutrient.VITAMIN_D, Level.OVER)]


async def test_weekly_dose_is_projected_as_a_seven_day_average(any_db: Database) -> None:
    """A weekly 14,000 IU dose averages 2,000 IU a day over 7 days: under the 4,000 IU UL."""
    user = await make_user(any_db)
    weekly = PlannedDose(user, NOON, calcium_mg=0, vitamin_d_iu=14_000, window_days=7)
    daily = PlannedDose(user, NOON, calcium_mg=0, vitamin_d_iu=14_000)
    found = await project_doses(any_db, [weekly, daily], policy=NearPolicy())
    assert (found[0].vitamin_d.total_after, found[0].vitamin_d.window_days) == (2_000, 7)
    assert found[0].vitamin_d.level_after is Level.OK
    assert found[1].vitamin_d.level_after is Level.OVER


async def test_seven_day_average_counts_the_days_before(any_db: Database) -> None:
    """Vitamin D taken in the six days before counts in the weekly average; older days do not."""
    user = await make_user(any_db)
    await add_intake(any_db, user, calcium_mg=0, vitamin_d_iu=7_000, day=DAY - timedelta(days=6))
    await add_intake(any_db, user, calcium_mg=0, vitamin_d_iu=70_000, day=DAY - timedelta(days=7))
    weekly = PlannedDose(user, NOON, calcium_mg=0, vitamin_d_iu=14_000, window_days=7)
    found = await project_doses(any_db, [weekly], policy=NearPolicy())
    assert found[0].vitamin_d.total_after == 3_000


async def test_marking_prescribed_checks_ownership(any_db: Database) -> None:
    """Only the owner can mark a product prescribed; the flag is saved."""
    owner, other = await make_user(any_db), await make_user(any_db)
    product = await _vitamin_d_product(any_db, owner, prescribed=False)
    assert (
        await set_prescribed(
            any_db, telegram_id=other.telegram_id, supplement_id=product, prescribed=True
        )
        is None
    )
    marked = await set_prescribed(
        any_db, telegram_id=owner.telegram_id, supplement_id=product, prescribed=True
    )
    assert marked is not None and marked.prescribed
