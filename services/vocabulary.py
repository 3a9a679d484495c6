"""The statuses and kinds the services speak in, for callers above (the enums live with the
tables that store them; handlers read them from here and never import storage)."""

from storage.models import ReminderStatus, ScheduleKind, SupplementKind

__all__ = ["ReminderStatus", "ScheduleKind", "SupplementKind"]
