"""What handlers and the wording of alerts get: frozen views and status codes, never rows."""

from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from storage.models import CaregiverLink, LinkStatus
from storage.models.base import saved_id

__all__ = ["LinkStatus", "LinkView", "Scope", "link_view"]


class Scope(StrEnum):
    """What a patient shares with one caregiver (short codes: they travel in callback data)."""

    MISSED = "m"
    OVER_LIMIT = "o"
    DIGEST = "d"
    DETAILS = "x"


SCOPE_COLUMNS = {
    Scope.MISSED: "missed",
    Scope.OVER_LIMIT: "over_limit",
    Scope.DIGEST: "digest",
    Scope.DETAILS: "details",
}


@dataclass(frozen=True)
class LinkView:
    """One link as either side sees it."""

    link_id: int
    status: LinkStatus
    patient_name: str
    caregiver_name: str
    scopes: frozenset[Scope]
    muted: bool


def link_view(link: CaregiverLink) -> LinkView:
    """Copy a link row into its view."""
    scopes = frozenset(s for s, column in SCOPE_COLUMNS.items() if getattr(link, column))
    return LinkView(
        link_id=saved_id(link.id),
        status=link.status,
        patient_name=link.patient_name,
        caregiver_name=link.caregiver_name,
        scopes=scopes,
        muted=link.muted,
    )


@dataclass(frozen=True)
class Ended:
    """A link one side ended: who the other side is, so the bot can tell them."""

    link: LinkView
    other_chat_id: int
    by_patient: bool


@dataclass(frozen=True)
class InviteView:
    """An invite the patient made and that can still be used."""

    invite_id: int
    patient_name: str
    expires_at: datetime


@dataclass(frozen=True)
class NewInvite:
    """A fresh invite: the token exists only here and in the link the patient shares."""

    invite_id: int
    token: str
    expires_at: datetime


class InviteProblem(StrEnum):
    """Why an invite token was refused."""

    UNKNOWN = "unknown"
    EXPIRED = "expired"
    REVOKED = "revoked"
    USED = "used"
    OWN = "own"
    ALREADY_LINKED = "already_linked"


@dataclass(frozen=True)
class Accepted:
    """A caregiver opened a valid invite: the pending link and where to ask the patient."""

    link: LinkView
    patient_chat_id: int
    # Whether the caregiver still has to give a time zone (never onboarded).
    needs_zone: bool


class NudgeResult(StrEnum):
    """What became of a caregiver's nudge."""

    SENT = "sent"
    ALREADY = "already"
    NOT_ALLOWED = "not_allowed"
    GONE = "gone"


@dataclass(frozen=True)
class MissedAlert:
    """A missed dose to tell one caregiver about."""

    alert_id: int
    patient_name: str
    item: str | None
    patient_local: datetime
    # The caregiver's own wall clock at the same instant, when their zone differs.
    caregiver_local: datetime | None
    # Amounts only where the patient granted details.
    calcium_mg: int | None
    vitamin_d_iu: int | None
    can_nudge: bool


@dataclass(frozen=True)
class OverLimitAlert:
    """A day on which the patient passed an upper limit."""

    alert_id: int
    patient_name: str
    day: date
    # Totals only where the patient granted details.
    calcium_mg: int | None
    calcium_limit_mg: int | None


@dataclass(frozen=True)
class DoseLine:
    """One dose of the patient's day in a digest with details."""

    item: str | None
    local_time: time
    status: str


@dataclass(frozen=True)
class PatientDay:
    """One patient's day in a caregiver's digest."""

    patient_name: str
    day: date | None
    taken: int
    missed: int
    due: int
    calcium_mg: int | None
    calcium_target_mg: int | None
    calcium_limit_mg: int | None
    doses: tuple[DoseLine, ...]


@dataclass(frozen=True)
class Digest:
    """The daily digest of every patient who shares it with this caregiver."""

    patients: tuple[PatientDay, ...]


@dataclass(frozen=True)
class CaregiverSettings:
    """The caregiver's own settings: their zone and the digest's local time."""

    zone: str | None
    digest_time: str
