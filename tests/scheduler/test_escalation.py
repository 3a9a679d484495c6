"""An unanswered dose gets one nudge after 30 minutes and is missed after two hours."""

from datetime import UTC, datetime, timedelta

from scheduler.engine import ReminderEngine
from services import reminders as answers
from storage.database import Database
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    RecordingNotifier,
    dose_schedule,
    engine_config,
    exercise_schedule,
    hooks,
    reminders,
    user_row,
)
from tests.support.clock import FakeClock


class MissedLog:
    """Collects on_missed calls."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    async def __call__(self, user_id: int, reminder_id: int) -> None:
        """Record one missed reminder."""
        self.calls.append((user_id, reminder_id))


def engine(
    database: Database, notifier: RecordingNotifier, clock: FakeClock, missed: MissedLog
) -> ReminderEngine:
    """Build an engine whose on_missed hook records its calls."""
    return ReminderEngine(database, notifier, clock, engine_config(hooks=hooks(on_missed=missed)))


async def test_dose_is_nudged_once_then_missed(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """08:00 reminder, 08:30 one nudge with the same buttons, 10:00 missed and reported."""
    user = await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=clock.now())
    missed = MissedLog()
    reminders_engine = engine(sqlite_db, notifier, clock, missed)
    clock.set(EIGHT)
    assert await reminders_engine.tick() == EIGHT + timedelta(minutes=30)
    clock.set(EIGHT + timedelta(minutes=29))
    await reminders_engine.tick()
    assert len(notifier.sent) == 1
    clock.set(EIGHT + timedelta(minutes=30))
    assert await reminders_engine.tick() == EIGHT + timedelta(hours=2)
    await reminders_engine.tick()
    first, nudge = notifier.sent
    row = (await reminders(sqlite_db, schedule_id=view.id))[0]
    assert nudge.message.text.startswith("🔔 Reminder: did you take <b>Calcium 600</b>")
    assert nudge.message.buttons == first.message.buttons
    assert (row.nudged_at, row.nudge_message_id) == (
        EIGHT + timedelta(minutes=30),
        nudge.message_id,
    )
    clock.set(EIGHT + timedelta(hours=2))
    await reminders_engine.tick()
    row = (await reminders(sqlite_db, schedule_id=view.id))[0]
    assert row.status == "missed"
    assert missed.calls == [(user.id, row.id)]
    assert len(notifier.sent) == 2
    # Both messages are closed; only the newest (the nudge) keeps a "took it" button.
    assert [(m, len(e.buttons)) for _, m, e in notifier.edits] == [
        (first.message_id, 0),
        (nudge.message_id, 1),
    ]


async def test_exercise_is_not_nudged_but_missed(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """An exercise reminder gets no nudge; unanswered for two hours it is missed."""
    await make_user(sqlite_db, telegram_id=100)
    view = await exercise_schedule(sqlite_db, now=clock.now())
    missed = MissedLog()
    reminders_engine = engine(sqlite_db, notifier, clock, missed)
    ten = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    clock.set(ten)
    assert await reminders_engine.tick() == ten + timedelta(hours=2)
    clock.set(ten + timedelta(hours=2))
    await reminders_engine.tick()
    assert len(notifier.sent) == 1
    assert (await reminders(sqlite_db, schedule_id=view.id))[0].status == "missed"
    assert len(missed.calls) == 1


async def test_answered_dose_is_neither_nudged_nor_missed(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Taken at 08:05, the dose gets no nudge and never becomes missed."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    missed = MissedLog()
    reminders_engine = engine(sqlite_db, notifier, clock, missed)
    clock.set(EIGHT)
    await reminders_engine.tick()
    reminder_id = (await reminders(sqlite_db))[0].id or 0
    clock.set(EIGHT + timedelta(minutes=5))
    await answers.answer(
        sqlite_db, telegram_id=100, reminder_id=reminder_id, action="t", now=clock.now()
    )
    assert await reminders_engine.tick() == EIGHT + timedelta(days=1)
    clock.set(EIGHT + timedelta(hours=3))
    await reminders_engine.tick()
    assert (len(notifier.sent), missed.calls) == (1, [])


async def test_nudge_to_a_blocked_user_deactivates_them(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """If the user blocked the bot after the first message, the nudge's 403 deactivates them."""
    user = await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    reminders_engine = engine(sqlite_db, notifier, clock, MissedLog())
    clock.set(EIGHT)
    await reminders_engine.tick()
    notifier.blocked_chats.add(user.chat_id)
    clock.set(EIGHT + timedelta(minutes=30))
    await reminders_engine.tick()
    assert (await user_row(sqlite_db, user.id)).active is False
    assert [r.status for r in await reminders(sqlite_db)] == ["sent", "cancelled"]


async def test_failing_missed_hook_does_not_stop_escalation(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """An on_missed hook that raises is logged; the other missed reminders are still reported."""
    seen: list[int] = []

    async def flaky(user_id: int, reminder_id: int) -> None:
        seen.append(reminder_id)
        raise RuntimeError("caregiver service down")

    for telegram_id in (100, 200):
        await make_user(sqlite_db, telegram_id=telegram_id)
        await dose_schedule(sqlite_db, now=clock.now(), telegram_id=telegram_id)
    config = engine_config(hooks=hooks(on_missed=flaky))
    reminders_engine = ReminderEngine(sqlite_db, notifier, clock, config)
    clock.set(EIGHT)
    await reminders_engine.tick()
    clock.set(EIGHT + timedelta(hours=2))
    await reminders_engine.tick()
    assert len(seen) == 2
