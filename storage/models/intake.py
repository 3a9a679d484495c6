"""What a user ate or took on a local day, and the warnings already given that day."""

from datetime import date, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import ROW_ID, created_at_field


class Intake(SQLModel, table=True):
    """One logged item: a food portion, a taken dose or a manual entry."""

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    # Entries logged together (one meal) share a group, so /undo removes them together.
    group_id: str = Field(max_length=36, index=True)
    local_date: date = Field(index=True)
    source: str = Field(max_length=16)  # "food", "dose" or "manual"
    label: str = Field(max_length=120)
    grams: int | None = None
    reminder_id: int | None = Field(
        sa_type=ROW_ID, default=None, foreign_key="reminder.id", ondelete="SET NULL"
    )
    supplement_id: int | None = Field(
        sa_type=ROW_ID, default=None, foreign_key="supplement.id", ondelete="SET NULL"
    )
    calcium_mg: int = 0
    vitamin_d_iu: int = 0
    vitamin_k_ug: int = 0
    logged_at: datetime = created_at_field()


class DayFlag(SQLModel, table=True):
    """A warning level reached on a local day, so each is given once and caregivers can see it."""

    __table_args__ = (UniqueConstraint("user_id", "local_date", "nutrient", "level"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    local_date: date
    nutrient: str = Field(max_length=16)
    level: str = Field(max_length=8)
    created_at: datetime = created_at_field()
