"""Builders for the records tests: intakes on a local day."""

from datetime import date
from uuid import uuid4

from services.day_totals import IntakeSource
from storage.database import Database
from storage.models import Intake, User


async def add_intake(
    database: Database,
    user: User,
    day: date,
    *,
    calcium_mg: int,
    source: IntakeSource = IntakeSource.FOOD,
    vitamin_d_iu: int = 0,
    label: str = "milk",
) -> Intake:
    """Store one intake on the user's local day."""
    async with database.session() as session:
        intake = Intake(
            user_id=user.id or 0,
            group_id=str(uuid4()),
            local_date=day,
            source=source.value,
            label=label,
            calcium_mg=calcium_mg,
            vitamin_d_iu=vitamin_d_iu,
        )
        session.add(intake)
    return intake
