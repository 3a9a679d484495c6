"""Selects that several rings share, written once (full-stack-fastapi-template's crud.py style)."""

from typing import Any

from sqlmodel import col, select

from storage.models import Reminder, Schedule, Supplement, User


def reminder_rows() -> Any:
    """Select each reminder with its schedule, its user and its product (None for exercise).

    Rows come back as (Reminder, Schedule, User, Supplement | None); add a `where` for which.
    """
    return (
        select(Reminder, Schedule, User, Supplement)
        .join(Schedule, col(Schedule.id) == col(Reminder.schedule_id))
        .join(User, col(User.id) == col(Reminder.user_id))
        .join(Supplement, col(Supplement.id) == col(Schedule.supplement_id), isouter=True)
    )
