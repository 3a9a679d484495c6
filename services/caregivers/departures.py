"""Who to tell when a user erases their data: the other side of each of their live links."""

from dataclasses import dataclass

from sqlmodel import col, or_, select

from storage.database import Database
from storage.models import CaregiverLink, LinkStatus, User
from storage.users import get_user


@dataclass(frozen=True)
class Departure:
    """One person to tell that a link ended because the user deleted their data."""

    chat_id: int
    # The name the departing user went by in this link (the patient's shown name, or the
    # caregiver's Telegram name), and whether the departing user was the patient.
    name: str
    was_patient: bool


async def departures(database: Database, *, telegram_id: int) -> list[Departure]:
    """Return the other side of each pending or active link of the user (erasure ends them)."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return []
        rows = await session.exec(
            select(CaregiverLink, User)
            .join(
                User,
                or_(
                    (col(User.id) == col(CaregiverLink.caregiver_id))
                    & (col(CaregiverLink.patient_id) == user.id),
                    (col(User.id) == col(CaregiverLink.patient_id))
                    & (col(CaregiverLink.caregiver_id) == user.id),
                ),
            )
            .where(col(CaregiverLink.status).in_([LinkStatus.PENDING, LinkStatus.ACTIVE]))
        )
        found: list[Departure] = []
        for link, other in rows.all():
            was_patient = link.patient_id == user.id
            name = link.patient_name if was_patient else link.caregiver_name
            found.append(Departure(other.chat_id, name, was_patient))
        return found
