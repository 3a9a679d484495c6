"""How many tablets of a product the user has left, and whether the refill reminder was given."""

from datetime import datetime
from decimal import Decimal

from sqlmodel import Field, SQLModel

from storage.models.base import ROW_ID, utcnow


class Supply(SQLModel, table=True):
    """A product's tablet count, taken down by each dose taken; one row per product that has one."""

    supplement_id: int = Field(
        primary_key=True, sa_type=ROW_ID, foreign_key="supplement.id", ondelete="CASCADE"
    )
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    # Tablets (capsules, sachets) left; half tablets are doses too, so two decimals.
    units_left: Decimal = Field(max_digits=8, decimal_places=2, ge=0)
    # Remind to refill when this many days or fewer are left at the current schedule.
    refill_days: int = Field(default=7, ge=0, le=90)
    # Set when the refill reminder is given, so it is given once; a new count clears it.
    reminded: bool = False
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)
