"""Supplements and medicines a user takes, as the label states them."""

from datetime import datetime
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from storage.models.base import ROW_ID, created_at_field


class SupplementKind(StrEnum):
    """Whether the product carries nutrients or is a medicine such as alendronate."""

    SUPPLEMENT = "supplement"
    MEDICINE = "medicine"


class SupplementBase(SQLModel):
    """What one unit (tablet, capsule, sachet) of a product contains."""

    name: str = Field(max_length=80)
    kind: str = Field(default=SupplementKind.SUPPLEMENT, max_length=16)
    form: str = Field(default="none", max_length=24)
    # What the user typed when they gave the compound weight, kept to show it back.
    compound_mg: int | None = None
    calcium_mg: int = Field(default=0, ge=0)
    vitamin_d_iu: int = Field(default=0, ge=0)
    vitamin_k_ug: int = Field(default=0, ge=0)
    with_food: bool = False
    # For a medicine: its nutrition.medicines.MedicineKind code (None: not told), and the
    # prescriber's or label's spacing from calcium in minutes when the user entered one.
    medicine_kind: str | None = Field(default=None, max_length=8)
    spacing_after_min: int | None = Field(default=None, ge=0)
    spacing_before_min: int | None = Field(default=None, ge=0)
    # Taken as a doctor prescribed it: vitamin D over the daily UL then gets a neutral note,
    # not a warning (the IOM UL is for intake without medical care, domain-facts §4).
    prescribed: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})


class Supplement(SupplementBase, table=True):
    """A product in a user's cabinet; deleted ones are kept for history."""

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    paused: bool = False
    deleted: bool = False
    created_at: datetime = created_at_field()
