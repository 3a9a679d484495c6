"""Builders for the food, intake and checker service tests: users, products, intake rows."""

import uuid
from datetime import date

from sqlmodel import col, select

from storage.database import Database
from storage.models import Intake, Supplement, User
from tests.factories import make_user

__all__ = ["add_intake", "make_product", "make_user"]

DAY = date(2026, 6, 10)


async def make_product(
    database: Database, user: User, *, calcium_mg: int, vitamin_d_iu: int = 0
) -> int:
    """Put a product in the user's cabinet and return its id."""
    assert user.id is not None
    async with database.session() as session:
        product = Supplement(
            user_id=user.id, name="Caltrate 600+D", calcium_mg=calcium_mg, vitamin_d_iu=vitamin_d_iu
        )
        session.add(product)
        await session.flush()
        assert product.id is not None
        return product.id


async def add_intake(
    database: Database,
    user: User,
    *,
    calcium_mg: int,
    day: date = DAY,
    source: str = "food",
    vitamin_d_iu: int = 0,
    vitamin_k_ug: int = 0,
) -> None:
    """Write one intake row directly, as any logging path would."""
    assert user.id is not None
    async with database.session() as session:
        session.add(
            Intake(
                user_id=user.id,
                group_id=str(uuid.uuid4()),
                local_date=day,
                source=source,
                label="test",
                calcium_mg=calcium_mg,
                vitamin_d_iu=vitamin_d_iu,
                vitamin_k_ug=vitamin_k_ug,
            )
        )


async def intakes_of(database: Database, user: User) -> list[Intake]:
    """Return the user's intake rows in the order they were written."""
    async with database.session() as session:
        rows = await session.exec(
            select(Intake).where(Intake.user_id == user.id).order_by(col(Intake.id))
        )
        return list(rows.all())
