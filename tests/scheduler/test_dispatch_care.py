"""Caregiver occurrences in the dispatcher: worded by the care hook, never escalated."""

import pytest

from scheduler.config import DueItem
from scheduler.notifier import Blocked, OutgoingMessage
from scheduler.planner import plan_one_off
from storage.database import Database
from storage.models import ReminderStatus, Schedule, ScheduleKind
from tests.factories import make_user
from tests.scheduler.support import RecordingNotifier, dispatcher, hooks, reminders, user_row
from tests.support.clock import FakeClock


async def _queued_alert(database: Database, clock: FakeClock, telegram_id: int) -> int:
    user = await make_user(database, telegram_id=telegram_id)
    assert user.id is not None
    async with database.session() as session:
        schedule = Schedule(user_id=user.id, kind=ScheduleKind.CARE_ALERT, times=[])
        session.add(schedule)
        await session.flush()
        assert schedule.id is not None
        await plan_one_off(session, schedule_id=schedule.id, user_id=user.id, due_at=clock.now())
    return user.id


@pytest.mark.parametrize(
    ("said", "status", "sent"),
    [("alert", ReminderStatus.DELIVERED, ["alert"]), (None, ReminderStatus.CANCELLED, [])],
)
async def test_care_hook_words_or_cancels(
    sqlite_db: Database,
    clock: FakeClock,
    notifier: RecordingNotifier,
    said: str | None,
    status: ReminderStatus,
    sent: list[str],
) -> None:
    """A worded alert ends "delivered" (no nudge, never missed); None cancels it unsent."""

    async def care(_item: DueItem) -> OutgoingMessage | None:
        return None if said is None else OutgoingMessage(said)

    await _queued_alert(sqlite_db, clock, 300)
    await dispatcher(sqlite_db, notifier, clock, hooks=hooks(care=care)).dispatch_due(clock.now())
    assert notifier.texts() == sent
    assert [r.status for r in await reminders(sqlite_db)] == [status]


async def test_a_caregiver_who_blocked_the_bot_is_paused(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A 403 on an alert marks the caregiver inactive and nothing is retried."""

    async def care(_item: DueItem) -> OutgoingMessage | None:
        return OutgoingMessage("alert")

    user_id = await _queued_alert(sqlite_db, clock, 301)
    notifier.script(Blocked())
    await dispatcher(sqlite_db, notifier, clock, hooks=hooks(care=care)).dispatch_due(clock.now())
    assert (await user_row(sqlite_db, user_id)).active is False
    assert [r.status for r in await reminders(sqlite_db)] == [ReminderStatus.CANCELLED]
