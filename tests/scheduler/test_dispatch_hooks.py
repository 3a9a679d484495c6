"""The dispatcher's hooks: summaries worded elsewhere, extra lines for a batch of doses."""

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

import pytest

from scheduler.config import DueItem
from scheduler.notifier import OutgoingMessage
from services import schedules
from storage.database import Database
from storage.models import ReminderStatus
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    RecordingNotifier,
    dispatcher,
    dose_schedule,
    exercise_schedule,
    hooks,
    reminders,
)
from tests.support.clock import FakeClock


async def test_summary_uses_the_hook_and_needs_no_answer(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A daily summary is worded by the hook and ends "delivered", outside escalation."""

    async def summary(item: DueItem) -> OutgoingMessage:
        return OutgoingMessage(f"summary for {item.user.id}")

    user = await make_user(sqlite_db, telegram_id=100)
    await schedules.create_summary_schedule(
        sqlite_db, telegram_id=100, times=["21:00"], now=clock.now()
    )
    clock.set(datetime(2026, 6, 1, 19, 0, tzinfo=UTC))
    options = {"hooks": hooks(summary=summary)}
    await dispatcher(sqlite_db, notifier, clock, **options).dispatch_due(clock.now())
    assert notifier.texts() == [f"summary for {user.id}"]
    assert (await reminders(sqlite_db))[0].status == ReminderStatus.DELIVERED


async def test_extra_lines_hook_adds_to_dose_reminders(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """The hook is asked once for the whole batch; each dose gets its own line."""
    asked: list[list[int]] = []

    async def extra(items: Sequence[DueItem]) -> Mapping[int, Sequence[str]]:
        asked.append(sorted(item.user.telegram_id for item in items))
        return {item.reminder.id or 0: [f"line for {item.user.telegram_id}"] for item in items}

    for telegram_id in (100, 200):
        await make_user(sqlite_db, telegram_id=telegram_id)
        await dose_schedule(sqlite_db, now=clock.now(), telegram_id=telegram_id)
    await exercise_schedule(sqlite_db, now=clock.now())
    clock.set(EIGHT)
    options = {"hooks": hooks(extra_lines=extra)}
    await dispatcher(sqlite_db, notifier, clock, **options).dispatch_due(clock.now())
    assert asked == [[100, 200]]  # one call, doses only: the exercise reminder is not asked
    by_chat = {item.chat_id: item.message.text for item in notifier.sent}
    assert by_chat[100].endswith("line for 100") and by_chat[200].endswith("line for 200")


async def test_failing_hook_sends_the_reminders_without_its_lines(
    sqlite_db: Database,
    clock: FakeClock,
    notifier: RecordingNotifier,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A checker fault must not hold reminders back: they go out plain and the fault is logged."""

    async def extra(items: Sequence[DueItem]) -> Mapping[int, Sequence[str]]:
        raise RuntimeError("checker broke")

    for telegram_id in (100, 200):
        await make_user(sqlite_db, telegram_id=telegram_id)
        await dose_schedule(sqlite_db, now=clock.now(), telegram_id=telegram_id)
    clock.set(EIGHT)
    options = {"hooks": hooks(extra_lines=extra)}
    report = await dispatcher(sqlite_db, notifier, clock, **options).dispatch_due(clock.now())
    assert (report.sent, report.failed) == (2, 0)
    assert sorted(item.chat_id for item in notifier.sent) == [100, 200]
    assert "extra lines failed" in caplog.text
