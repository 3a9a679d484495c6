"""SQLModel tables: one module per entity family, all registered on one metadata."""

from storage.models.caregivers import (
    AlertKind,
    CareAlert,
    CaregiverInvite,
    CaregiverLink,
    LinkStatus,
)
from storage.models.delivery import SendPause
from storage.models.foods import CustomFood, ImportedFood, MealDraft
from storage.models.intake import DayFlag, Intake
from storage.models.schedules import Reminder, ReminderStatus, Schedule, ScheduleKind
from storage.models.supplements import Supplement, SupplementKind
from storage.models.supply import Supply
from storage.models.users import User

__all__ = [
    "AlertKind",
    "CareAlert",
    "CaregiverInvite",
    "CaregiverLink",
    "CustomFood",
    "DayFlag",
    "ImportedFood",
    "Intake",
    "LinkStatus",
    "MealDraft",
    "Reminder",
    "ReminderStatus",
    "Schedule",
    "ScheduleKind",
    "SendPause",
    "Supplement",
    "SupplementKind",
    "Supply",
    "User",
]
