"""Foods beyond the built-in table: users' own foods, imported USDA foods, and meal drafts."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import ROW_ID, created_at_field


class CustomFood(SQLModel, table=True):
    """A food one user described from its label; only that user sees and matches it."""

    __tablename__ = "custom_food"
    __table_args__ = (UniqueConstraint("user_id", "name_key"),)

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=80)
    # The name as the matcher compares it, so "My Soy Milk" and "my soy milk" are one food.
    name_key: str = Field(max_length=80)
    # Nutrients per portion as the label states them; the portion is amount × unit = grams.
    calcium_mg: float = Field(ge=0)
    vitamin_d_iu: float | None = Field(default=None, ge=0)
    vitamin_k_ug: float | None = Field(default=None, ge=0)
    amount: float = Field(gt=0)
    unit: str = Field(max_length=24)
    grams: float = Field(gt=0)
    created_at: datetime = created_at_field()


class ImportedFood(SQLModel, table=True):
    """One food of a full USDA SR release, nutrients per 100 g (None where SR has no value)."""

    __tablename__ = "imported_food"

    ndb: str = Field(primary_key=True, max_length=8)
    name: str = Field(max_length=200)
    food_group: str = Field(default="", max_length=80)
    calcium_mg: float | None = None
    vitamin_d_iu: float | None = None
    vitamin_k_ug: float | None = None
    magnesium_mg: float | None = None
    # Household measures as FoodRow's Portion.to_dict() writes them.
    portions: list[dict[str, Any]] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False)
    )
    # Every row of one import carries the same stamp, so a process sees a re-import cheaply.
    imported_at: datetime = created_at_field()


class MealDraft(SQLModel, table=True):
    """A parsed meal waiting for the user's "Log" or "Fix"; it survives a restart."""

    __tablename__ = "meal_draft"

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    payload: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    # Set when the meal is logged, so a second press of "Log" logs nothing more.
    logged_group_id: str | None = Field(default=None, max_length=36)
    created_at: datetime = created_at_field()
