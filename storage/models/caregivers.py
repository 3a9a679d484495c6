"""Caregiver links (who may follow whom, and what they get), invites, and queued alerts."""

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from storage.models.base import ROW_ID, EnumText, created_at_field


class LinkStatus(StrEnum):
    """Life of a link: asked for by the caregiver, approved by the patient, or ended by either."""

    PENDING = "pending"
    ACTIVE = "active"
    REMOVED = "removed"


class AlertKind(StrEnum):
    """What a queued caregiver alert is about."""

    MISSED = "missed"
    OVER_LIMIT = "over_limit"


class CaregiverInvite(SQLModel, table=True):
    """A one-time invitation a patient made; only the SHA-256 of its token is kept."""

    __tablename__ = "caregiver_invite"

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    patient_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    token_hash: str = Field(max_length=64, unique=True)
    # The name the patient chose to be shown to this caregiver.
    patient_name: str = Field(max_length=64)
    expires_at: datetime
    used_at: datetime | None = None
    revoked_at: datetime | None = None
    created_at: datetime = created_at_field()


class CaregiverLink(SQLModel, table=True):
    """One caregiver following one patient, with the scopes the patient granted."""

    __tablename__ = "caregiver_link"

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    patient_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    caregiver_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    invite_id: int | None = Field(
        sa_type=ROW_ID, default=None, foreign_key="caregiver_invite.id", ondelete="SET NULL"
    )
    status: LinkStatus = Field(default=LinkStatus.PENDING, sa_type=EnumText(LinkStatus, 16))
    patient_name: str = Field(max_length=64)
    # The caregiver's Telegram name when they opened the link, shown to the patient to approve.
    caregiver_name: str = Field(max_length=64)
    missed: bool = False
    over_limit: bool = False
    digest: bool = False
    # What was eaten or taken, with amounts: off unless the patient turns it on.
    details: bool = False
    # The caregiver silenced this patient's alerts without ending the link.
    muted: bool = False
    created_at: datetime = created_at_field()
    approved_at: datetime | None = None
    ended_at: datetime | None = None


class CareAlert(SQLModel, table=True):
    """A caregiver alert queued as a reminder occurrence of the caregiver's alert schedule.

    The occurrence is what the engine claims, sends, retries and pauses; this row says what it
    is about. `key` makes each alert once: one per missed dose, one per over-limit day.
    """

    __tablename__ = "care_alert"

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    reminder_id: int = Field(
        sa_type=ROW_ID, foreign_key="reminder.id", unique=True, ondelete="CASCADE"
    )
    link_id: int = Field(
        sa_type=ROW_ID, foreign_key="caregiver_link.id", index=True, ondelete="CASCADE"
    )
    kind: AlertKind = Field(sa_type=EnumText(AlertKind, 16))
    key: str = Field(max_length=64, unique=True)
    # The patient's missed occurrence (missed alerts) or the over-limit local day.
    subject_reminder_id: int | None = Field(
        sa_type=ROW_ID, default=None, foreign_key="reminder.id", ondelete="SET NULL"
    )
    local_date: date | None = None
    # Set when the caregiver nudged the patient from this alert: once only.
    nudged_at: datetime | None = None
    created_at: datetime = created_at_field()
