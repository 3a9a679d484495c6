"""At dose time: should a calcium dose wait for a medicine's spacing window, and until when.

Reminders come in claimed batches; `windows` reads the medicines of every user in a batch in
one query. The wait is measured from the moment the reminder goes out (a snooze's follow-up,
or a late send), in the user's zone, against the medicines' planned times.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col

from nutrition.spacing import Conflict, DoseWindow, check_dose_time
from scheduler.recurrence import zone_for
from services.spacing import load_plans
from storage.database import Database
from storage.models import Reminder, Supplement
from storage.queries import reminder_rows

__all__ = ["CalciumDue", "ReminderWait", "Wait", "wait_for_reminder", "windows"]


@dataclass(frozen=True)
class CalciumDue:
    """A calcium reminder going out: whose, and when."""

    reminder_id: int
    user_id: int
    timezone: str | None
    at: datetime


@dataclass(frozen=True)
class Wait:
    """A spacing window a calcium dose falls in, with the medicine's name for the wording."""

    window: DoseWindow
    medicine: str  # the name of the medicine product behind the worst conflict
    worst: Conflict


def _wait(window: DoseWindow, names: dict[int, str]) -> Wait:
    worst = max(window.conflicts, key=lambda c: c.needed_min or 24 * 60)
    return Wait(window, names.get(worst.medicine_key, ""), worst)


async def windows(database: Database, due: Sequence[CalciumDue]) -> dict[int, Wait]:
    """Return, by reminder id, the calcium doses of a batch that fall in a spacing window."""
    if not due:
        return {}
    async with database.session() as session:
        plans = await load_plans(session, sorted({d.user_id for d in due}), medicines_only=True)
    found: dict[int, Wait] = {}
    for dose in due:
        plan = plans.get(dose.user_id)
        if plan is None or not plan.medicines:
            continue
        local = dose.at.astimezone(zone_for(dose.timezone))
        window = check_dose_time(plan.medicines, at=local)
        if window is not None:
            found[dose.reminder_id] = _wait(window, plan.medicine_names)
    return found


def is_calcium(supplement: Supplement | None) -> bool:
    """Tell whether a product's dose is one that medicines need spacing from."""
    return supplement is not None and supplement.calcium_mg > 0


@dataclass(frozen=True)
class ReminderWait:
    """Whether the presser owns the calcium reminder, and the window it falls in now if any."""

    owned: bool
    wait: Wait | None = None


async def wait_for_reminder(
    database: Database, *, telegram_id: int, reminder_id: int, now: datetime
) -> ReminderWait:
    """Return the window the user's calcium reminder falls in now (ownership re-checked)."""
    async with database.session() as session:
        row = (await session.exec(reminder_rows().where(col(Reminder.id) == reminder_id))).first()
    if row is None:
        return ReminderWait(owned=False)
    _reminder, _schedule, user, supplement = row
    if user.telegram_id != telegram_id or user.id is None:
        return ReminderWait(owned=False)
    if not is_calcium(supplement):
        return ReminderWait(owned=True)
    due = CalciumDue(reminder_id, user.id, user.timezone, now)
    return ReminderWait(owned=True, wait=(await windows(database, [due])).get(reminder_id))
