"""How far one dispatch goes, and how a batch's deliveries are recorded in one statement."""

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col, select

from scheduler.notifier import OutgoingMessage, SendResult
from storage.database import Database
from storage.models import Reminder, ReminderStatus, User
from tests.factories import make_user
from tests.scheduler.support import (
    EIGHT,
    RecordingNotifier,
    dispatcher,
    dose_schedule,
    reminders,
)
from tests.support.clock import FakeClock


@dataclass
class SlowNotifier(RecordingNotifier):
    """Each send takes two minutes of the fake clock, so more falls due while it runs."""

    async def send(self, chat_id: int, message: OutgoingMessage) -> SendResult:
        """Move the clock on, then record the send."""
        assert isinstance(self.clock, FakeClock)
        self.clock.advance(timedelta(minutes=2))
        return await super().send(chat_id, message)


async def two_users_with_doses(database: Database, clock: FakeClock, times: list[str]) -> None:
    """User 100 gets a dose at times[0], user 200 at times[1]."""
    for telegram_id, at in zip((100, 200), times, strict=True):
        await make_user(database, telegram_id=telegram_id)
        await dose_schedule(database, now=clock.now(), telegram_id=telegram_id, times=(at,))


async def test_a_short_batch_ends_the_dispatch(sqlite_db: Database, clock: FakeClock) -> None:
    """What falls due while a caught-up batch is sent waits for the engine's next round."""
    notifier = SlowNotifier(clock=clock)
    await two_users_with_doses(sqlite_db, clock, ["08:00", "08:01"])
    clock.set(EIGHT)
    sender = dispatcher(sqlite_db, notifier, clock)
    report = await sender.dispatch_due(clock.now())
    assert (report.sent, report.batches) == (1, 1)
    assert [item.chat_id for item in notifier.sent] == [100]
    assert (await sender.dispatch_due(clock.now())).sent == 1  # the next round takes it


async def test_full_batches_drain_the_backlog_in_one_dispatch(
    sqlite_db: Database, clock: FakeClock
) -> None:
    """A batch that came back full means more is waiting: the dispatch claims again at once."""
    notifier = RecordingNotifier(clock=clock)
    await two_users_with_doses(sqlite_db, clock, ["08:00", "08:00"])
    clock.set(EIGHT)
    sender = dispatcher(sqlite_db, notifier, clock, batch_size=1)
    report = await sender.dispatch_due(clock.now())
    assert (report.sent, report.batches) == (2, 2)


@dataclass
class RacingNotifier(RecordingNotifier):
    """While a send is in flight, something else writes the reminder row (a press, a takeover)."""

    database: Database | None = None
    chat_to_race: int = 100
    values: dict[str, object] | None = None

    async def send(self, chat_id: int, message: OutgoingMessage) -> SendResult:
        """Write the racing change for one chat, then deliver."""
        if chat_id == self.chat_to_race and self.database is not None:
            async with self.database.session() as session:
                await session.exec(
                    update(Reminder)
                    .where(
                        col(Reminder.user_id).in_(select(User.id).where(User.chat_id == chat_id))
                    )
                    .where(col(Reminder.status) == ReminderStatus.SENDING)
                    .values(**(self.values or {}))
                )
        return await super().send(chat_id, message)


async def _dispatch_racing(
    database: Database, clock: FakeClock, **values: object
) -> list[Reminder]:
    notifier = RacingNotifier(clock=clock, database=database, values=values)
    await two_users_with_doses(database, clock, ["08:00", "08:00"])
    clock.set(EIGHT)
    await dispatcher(database, notifier, clock).dispatch_due(clock.now())
    return [row for row in await reminders(database) if row.due_at == EIGHT]


async def test_a_press_before_the_record_keeps_its_answer(
    any_db: Database, clock: FakeClock
) -> None:
    """A Taken pressed before the batch is recorded stays taken; the other is marked sent."""
    raced, other = await _dispatch_racing(any_db, clock, status=ReminderStatus.TAKEN.value)
    assert (raced.status, other.status) == (ReminderStatus.TAKEN, ReminderStatus.SENT)
    assert raced.message_id is not None and other.message_id is not None
    assert raced.sent_at == EIGHT and raced.lease_until is None


async def test_an_occurrence_taken_over_is_not_written(any_db: Database, clock: FakeClock) -> None:
    """If another process re-claimed it (attempts moved on), the record leaves the row alone."""
    raced, other = await _dispatch_racing(any_db, clock, attempts=Reminder.attempts + 1)
    assert (raced.status, raced.message_id, raced.attempts) == (ReminderStatus.SENDING, None, 2)
    assert (other.status, other.attempts) == (ReminderStatus.SENT, 1)
