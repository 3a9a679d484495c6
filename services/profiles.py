"""The user as handlers see them: a read-only view of the row, never the table row itself."""

from pydantic import ConfigDict

from storage.models import User
from storage.models.users import UserBase


class Profile(UserBase):
    """A user's answers and where their messages go, as a frozen copy of the row."""

    model_config = ConfigDict(frozen=True)  # type: ignore[assignment]

    id: int | None = None
    telegram_id: int
    chat_id: int
    onboarding_step: str | None = None
    pending_timezone: str | None = None
    active: bool = True

    @property
    def onboarded(self) -> bool:
        """Return whether every onboarding question has been answered."""
        return self.onboarding_step is None


def profile_of(user: User) -> Profile:
    """Copy a user row into the view handlers get."""
    return Profile.model_validate(user, from_attributes=True)
