"""The user table: one row per Telegram user, holding their onboarding answers."""

from datetime import datetime

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel

from storage.models.base import ROW_ID, created_at_field, telegram_id_field, utcnow


class UserBase(SQLModel):
    """Answers a user gives during onboarding and in /settings."""

    language_code: str | None = Field(default=None, max_length=16)
    # The interface language the user chose ("en", "zh_Hans"); None follows language_code.
    locale: str | None = Field(default=None, max_length=8)
    timezone: str | None = Field(default=None, max_length=64)
    birth_year: int | None = None
    sex: str | None = Field(default=None, max_length=8)
    reference_set: str | None = Field(default=None, max_length=4)
    vascular_calcification: bool | None = None
    takes_warfarin: bool | None = None
    # A limit a doctor set always overrides the reference upper limit (DESIGN.md §4).
    doctor_calcium_limit_mg: int | None = None
    doctor_vitamin_d_limit_iu: int | None = None


class User(UserBase, table=True):
    """A Telegram user of the bot; chat_id is where reminders go."""

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    telegram_id: int = telegram_id_field(unique=True, index=True)
    chat_id: int = telegram_id_field()
    # The onboarding step still to answer; None once onboarding is complete.
    onboarding_step: str | None = Field(default="timezone", max_length=32)
    # A zone found from the user's text or location, kept until they confirm it.
    pending_timezone: str | None = Field(default=None, max_length=64)
    active: bool = Field(default=True)
    # Answers to ambiguous foods, remembered for next time: {"tofu": "ndb:16426"}.
    food_choices: dict[str, str] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}")
    )
    created_at: datetime = created_at_field()
    updated_at: datetime = Field(default_factory=utcnow, nullable=False)

    @property
    def onboarded(self) -> bool:
        """Return whether every onboarding question has been answered."""
        return self.onboarding_step is None
