"""Schedules (what the user asked for) and reminders (one due moment each)."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from storage.models.base import ROW_ID, EnumText, created_at_field


class ScheduleKind(StrEnum):
    """What a schedule reminds of."""

    DOSE = "dose"
    EXERCISE = "exercise"
    SUMMARY = "summary"
    # A caregiver's queue of alerts (one-off occurrences, no times of its own).
    CARE_ALERT = "care_alert"
    # A caregiver's daily digest of the patients who share it.
    CARE_DIGEST = "care_digest"


# A caregiver's own schedules: they carry alerts about others, never the user's own plan.
CARE_KINDS = (ScheduleKind.CARE_ALERT, ScheduleKind.CARE_DIGEST)


class ReminderStatus(StrEnum):
    """Life of one occurrence: pending → sending → sent → an answer, or an end state."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    # Sent and needing no answer (daily summaries), so it leaves the set escalation watches.
    DELIVERED = "delivered"
    TAKEN = "taken"
    SNOOZED = "snoozed"
    SKIPPED = "skipped"
    MISSED = "missed"
    CANCELLED = "cancelled"
    FAILED = "failed"


class Schedule(SQLModel, table=True):
    """Local times and weekdays at which a dose, an exercise or a summary is due."""

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    kind: ScheduleKind = Field(sa_type=EnumText(ScheduleKind, 16))
    supplement_id: int | None = Field(
        sa_type=ROW_ID, default=None, foreign_key="supplement.id", ondelete="CASCADE"
    )
    units_per_dose: Decimal = Field(default=Decimal(1), max_digits=6, decimal_places=2)
    exercise_kind: str | None = Field(default=None, max_length=24)
    title: str = Field(default="", max_length=80)
    # How long an exercise lasts, shown in its reminder; None for doses and summaries.
    minutes: int | None = None
    # Local wall-clock times "HH:MM", read in the user's own zone at planning time.
    times: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Bit i set = weekday i (Monday = 0) is a day of this schedule; 127 = every day.
    weekdays: int = Field(default=127, ge=1, le=127)
    # Set = due once a month on this day (1–31; the month's last day when it is shorter),
    # and the weekday mask is not used.
    month_day: int | None = Field(default=None, ge=1, le=31)
    start_date: date | None = None
    end_date: date | None = None
    active: bool = True
    created_at: datetime = created_at_field()


class Reminder(SQLModel, table=True):
    """One due occurrence of a schedule, claimed and sent by the dispatcher."""

    __table_args__ = (
        # One-offs (snoozes) are keyed apart, so a snooze never collides with a planned time.
        UniqueConstraint("schedule_id", "due_at", "one_off", name="uq_reminder_occurrence"),
        Index("ix_reminder_status_due", "status", "due_at"),
        # Finds expired leases and retries whose back-off has run out without a scan.
        Index("ix_reminder_status_lease", "status", "lease_until"),
    )

    id: int | None = Field(default=None, primary_key=True, sa_type=ROW_ID)
    schedule_id: int = Field(
        sa_type=ROW_ID, foreign_key="schedule.id", index=True, ondelete="CASCADE"
    )
    user_id: int = Field(sa_type=ROW_ID, foreign_key="user.id", index=True, ondelete="CASCADE")
    due_at: datetime
    status: ReminderStatus = Field(
        default=ReminderStatus.PENDING, sa_type=EnumText(ReminderStatus, 16)
    )
    # A snooze makes a one-off occurrence that does not move the schedule.
    one_off: bool = False
    attempts: int = 0
    lease_until: datetime | None = None
    message_id: int | None = None
    # The nudge is a message of its own; a missed or answered reminder closes both.
    nudge_message_id: int | None = None
    sent_at: datetime | None = None
    late: bool = False
    nudged_at: datetime | None = None
    answered_at: datetime | None = None
    snoozed_until: datetime | None = None
    # The time zone the planner read the schedule's times in, so which of them this row is
    # stays known after the user's zone changes (None: a snooze, or planned before 0004).
    zone: str | None = Field(default=None, max_length=64)
