"""The dispatcher sends due reminders once, applies the grace rule and records Telegram's answer."""

import logging
from datetime import timedelta

import pytest
from sqlalchemy import update
from sqlmodel import col

from scheduler.notifier import Failed, OutgoingMessage
from storage.database import Database
from storage.models import Reminder, Schedule
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    RecordingNotifier,
    dispatcher,
    dose_schedule,
    exercise_schedule,
    reminders,
    user_row,
)
from tests.support.clock import FakeClock


async def test_due_reminder_goes_out_at_its_time(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Nothing is sent before 08:00; at 08:00 the reminder is sent and recorded with its id."""
    await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=clock.now())
    sender = dispatcher(sqlite_db, notifier, clock)
    assert (await sender.dispatch_due(clock.now())).sent == 0
    clock.set(EIGHT)
    report = await sender.dispatch_due(clock.now())
    first, following = await reminders(sqlite_db, schedule_id=view.id)
    assert report.sent == 1
    assert (first.status, first.sent_at, first.message_id, first.late) == (
        "sent",
        EIGHT,
        1001,
        False,
    )
    assert (following.status, following.due_at) == ("pending", EIGHT + timedelta(days=1))
    assert notifier.sent[0].message.buttons[0][0].data == f"r:{first.id}:t"


async def test_late_within_grace_is_sent_marked_late(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A reminder found 1 h late is sent, says when it was due, and is flagged late."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    clock.set(EIGHT + timedelta(hours=1))
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert (report.sent, report.late) == (1, 1)
    assert "⏰ (late: was due 08:00)" in notifier.texts()[0]
    assert (await reminders(sqlite_db))[0].late is True


async def test_small_delay_is_not_called_late(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Three minutes behind (a rate-limit queue) is not worth a "late" remark."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    clock.set(EIGHT + timedelta(minutes=3))
    await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert "late" not in notifier.texts()[0]


async def test_older_than_grace_is_missed_not_sent(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A reminder 2 h late or more becomes missed and is not sent; the next one is planned."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    clock.set(EIGHT + timedelta(hours=2))
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert (report.sent, report.missed) == (0, 1)
    assert [(r.status, r.due_at) for r in await reminders(sqlite_db)] == [
        ("missed", EIGHT),
        ("pending", EIGHT + timedelta(days=1)),
    ]


async def test_long_downtime_sends_no_flood(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Back after three days, only what falls within the grace period is sent."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now(), times=("08:00", "12:00", "14:30"))
    clock.set(EIGHT + timedelta(days=3, hours=7))  # 15:00 in Berlin
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert (report.sent, report.late, report.missed) == (1, 1, 1)
    assert "was due 14:30" in notifier.texts()[0]
    statuses = [(r.status, r.due_at) for r in await reminders(sqlite_db)]
    assert statuses[-1] == ("pending", EIGHT + timedelta(days=4))


async def test_blocked_user_is_deactivated_and_pending_cancelled(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A 403 marks the user inactive and cancels everything still to be sent to them."""
    user = await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    await exercise_schedule(sqlite_db, now=clock.now())
    notifier.blocked_chats.add(user.chat_id)
    clock.set(EIGHT)
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert report.blocked == 1
    assert (await user_row(sqlite_db, user.id)).active is False
    assert {r.status for r in await reminders(sqlite_db)} == {"cancelled"}


async def test_retryable_failure_backs_off_until_the_grace_period_ends(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Transient failures retry after doubling, capped delays until grace ends, then missed."""
    await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=clock.now())
    notifier.script(*[Failed("TimedOut", retryable=True)] * 1000)
    sender = dispatcher(sqlite_db, notifier, clock, grace=timedelta(minutes=10))
    clock.set(EIGHT)
    delays: list[float] = []
    while True:
        report = await sender.dispatch_due(clock.now())
        if report.missed:
            break
        assert report.retried == 1
        assert (await sender.dispatch_due(clock.now())).retried == 0  # waits out the back-off
        retry_at = await sender.next_due_at()
        assert retry_at is not None
        delays.append((retry_at - clock.now()).total_seconds())
        clock.set(retry_at)
    row = (await reminders(sqlite_db, schedule_id=view.id))[0]
    assert delays[:6] == [2.5, 5.0, 10.0, 20.0, 30.0, 30.0]  # zero jitter: half of each step
    assert set(delays[4:]) == {30.0}
    assert clock.now() < EIGHT + timedelta(minutes=10) <= clock.now() + timedelta(seconds=30)
    assert (report.missed, report.failed, row.status, notifier.sent) == (1, 0, "missed", [])
    assert row.attempts == len(delays) + 1 > 5


async def test_retry_after_is_honoured(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A 429's retry_after is waited out even when the back-off would be shorter."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    notifier.script(Failed("RetryAfter", retryable=True, retry_after=30))
    clock.set(EIGHT)
    sender = dispatcher(sqlite_db, notifier, clock)
    await sender.dispatch_due(clock.now())
    assert await sender.next_due_at() == EIGHT + timedelta(seconds=30)


async def test_permanent_failure_fails_at_once(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """A failure that retrying cannot fix ends the occurrence as failed on the first try."""
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    notifier.script(Failed("BadRequest", retryable=False))
    clock.set(EIGHT)
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert report.failed == 1
    assert (await reminders(sqlite_db))[0].status == "failed"


async def test_notifier_exception_counts_as_transient(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """An exception from the Notifier is retried, not lost and not fatal to the dispatcher."""

    async def explode(chat_id: int, message: OutgoingMessage) -> Failed:
        raise ConnectionError("reset")

    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(sqlite_db, now=clock.now())
    notifier.send = explode  # type: ignore[method-assign]
    clock.set(EIGHT)
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert report.retried == 1


async def test_expired_lease_is_claimed_again(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """An occurrence left "sending" by a crashed worker is sent once its lease runs out."""
    await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=clock.now())
    async with sqlite_db.session() as session:
        await session.exec(
            update(Reminder)
            .where(col(Reminder.schedule_id) == view.id)
            .values(status="sending", attempts=1, lease_until=EIGHT + timedelta(minutes=2))
        )
    sender = dispatcher(sqlite_db, notifier, clock)
    clock.set(EIGHT + timedelta(minutes=1))
    assert (await sender.dispatch_due(clock.now())).sent == 0
    clock.set(EIGHT + timedelta(minutes=2))
    assert (await sender.dispatch_due(clock.now())).sent == 1
    row = (await reminders(sqlite_db, schedule_id=view.id))[0]
    assert (row.status, row.attempts) == ("sent", 2)


async def test_stale_occurrence_is_cancelled_not_sent(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """An occurrence that no longer matches its schedule's times is dropped at claim time."""
    await make_user(sqlite_db, telegram_id=100)
    view = await dose_schedule(sqlite_db, now=clock.now())
    async with sqlite_db.session() as session:
        await session.exec(
            update(Schedule).where(col(Schedule.id) == view.id).values(times=["09:00"])
        )
    clock.set(EIGHT)
    report = await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert (report.sent, report.cancelled) == (0, 1)


async def test_next_due_at_is_the_earliest_pending(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """The next wake-up is the earliest pending due time, or None with nothing planned."""
    sender = dispatcher(sqlite_db, notifier, clock)
    assert await sender.next_due_at() is None
    await make_user(sqlite_db, telegram_id=100)
    await exercise_schedule(sqlite_db, now=clock.now())
    await dose_schedule(sqlite_db, now=clock.now())
    assert await sender.next_due_at() == EIGHT


async def test_logs_carry_ids_not_message_texts(
    sqlite_db: Database,
    clock: FakeClock,
    notifier: RecordingNotifier,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Sending, retrying and failing log reminder ids, never the product name or text."""
    caplog.set_level(logging.DEBUG, logger="scheduler")
    await make_user(sqlite_db, telegram_id=100)
    await dose_schedule(
        sqlite_db, now=clock.now(), name="Zebrafish Calcium", times=("08:00", "09:00")
    )
    notifier.script(Failed("TimedOut", retryable=True))
    clock.set(EIGHT + timedelta(hours=1))
    await dispatcher(sqlite_db, notifier, clock).dispatch_due(clock.now())
    assert "reminder_id=" in caplog.text
    assert "Zebrafish" not in caplog.text
