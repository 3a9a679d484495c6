"""Each delivery is written as soon as its send returns, not once the whole batch is sent."""

from datetime import timedelta

import pytest
from sqlmodel import col, select

from scheduler import outcomes
from scheduler.notifier import OutgoingMessage, SendResult
from storage.database import Database
from storage.models import Reminder, ReminderStatus
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    RecordingNotifier,
    dispatcher,
    exercise_schedule,
)
from tests.support.clock import FakeClock

USERS = 20


async def _many_due(database: Database, clock: FakeClock) -> None:
    for number in range(USERS):
        await make_user(database, telegram_id=100 + number)
        await exercise_schedule(database, now=clock.now(), telegram_id=100 + number)


async def _sent_count(database: Database) -> int:
    async with database.session() as session:
        rows = await session.exec(
            select(Reminder.id).where(col(Reminder.status) == ReminderStatus.SENT)
        )
        return len(rows.all())


async def test_deliveries_are_written_while_the_batch_still_sends(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """When the last send of a batch starts, all but the sends in flight are already "sent"."""
    await _many_due(sqlite_db, clock)
    seen_sent: list[int] = []
    record = notifier.send

    async def watching(chat_id: int, message: OutgoingMessage) -> SendResult:
        seen_sent.append(await _sent_count(sqlite_db))
        return await record(chat_id, message)

    notifier.send = watching  # type: ignore[method-assign]
    clock.set(EIGHT.replace(hour=8))  # 10:00 in Berlin
    report = await dispatcher(sqlite_db, notifier, clock, concurrency=4).dispatch_due(clock.now())
    assert report.sent == USERS
    assert seen_sent[-1] >= USERS - 4


async def test_a_failed_delivery_write_is_retried(
    sqlite_db: Database,
    clock: FakeClock,
    notifier: RecordingNotifier,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A delivery whose write fails once (database busy) is written on the next try."""
    await make_user(sqlite_db, telegram_id=100)
    await exercise_schedule(sqlite_db, now=clock.now())
    real = outcomes.record_deliveries
    failures = [ConnectionError("database went away")]

    async def flaky(database: Database, delivered: list[outcomes.Delivery]) -> None:
        if failures:
            raise failures.pop()
        await real(database, delivered)

    monkeypatch.setattr(outcomes, "record_deliveries", flaky)
    monkeypatch.setattr(outcomes, "_WRITE_RETRY_FIRST_S", 0.01)
    clock.set(EIGHT + timedelta(hours=2))
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert (report.sent, failures) == (1, [])
    assert await _sent_count(sqlite_db) == 1
