"""The daily summary: planned by the engine at the user's chosen local time, worded with care."""

from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import col, select

from bot.wiring import summary_hook
from nutrition.suggestions import suggest_food
from services.summaries import daily_summary, ensure_summary, set_summary, summary_setting
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind
from tests.factories import make_user
from tests.records.builders import add_intake
from tests.scheduler.support import RecordingNotifier, dispatcher, hooks
from tests.support.clock import FakeClock

START = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)


async def test_summary_arrives_at_the_chosen_local_time_in_two_zones(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """Shanghai's 19:00 and Berlin's 21:30 summaries each go out at that local time only."""
    shanghai = await make_user(sqlite_db, timezone="Asia/Shanghai")
    berlin = await make_user(sqlite_db, timezone="Europe/Berlin")
    await set_summary(sqlite_db, telegram_id=shanghai.telegram_id, at=time(19), now=clock.now())
    await set_summary(sqlite_db, telegram_id=berlin.telegram_id, at=time(21, 30), now=clock.now())
    sender = dispatcher(sqlite_db, notifier, clock, hooks=hooks(summary=summary_hook(sqlite_db)))
    clock.set(datetime(2026, 6, 1, 10, 59, tzinfo=UTC))  # 18:59 in Shanghai
    await sender.dispatch_due(clock.now())
    assert notifier.sent == []
    clock.set(datetime(2026, 6, 1, 11, 0, tzinfo=UTC))  # 19:00 in Shanghai (UTC+8)
    await sender.dispatch_due(clock.now())
    assert [item.chat_id for item in notifier.sent] == [shanghai.chat_id]
    clock.set(datetime(2026, 6, 1, 19, 29, tzinfo=UTC))  # 21:29 in Berlin (UTC+2 in June)
    await sender.dispatch_due(clock.now())
    assert len(notifier.sent) == 1
    clock.set(datetime(2026, 6, 1, 19, 30, tzinfo=UTC))
    await sender.dispatch_due(clock.now())
    assert [item.chat_id for item in notifier.sent] == [shanghai.chat_id, berlin.chat_id]
    assert all("📋 <b>Your day</b>" in text for text in notifier.texts())


async def test_summary_switched_off_is_not_sent(
    sqlite_db: Database, clock: FakeClock, notifier: RecordingNotifier
) -> None:
    """After /summary off nothing goes out at the old time, and no occurrence stays planned."""
    user = await make_user(sqlite_db)
    await ensure_summary(sqlite_db, telegram_id=user.telegram_id, now=clock.now())
    setting = await set_summary(sqlite_db, telegram_id=user.telegram_id, at=None, now=clock.now())
    assert setting is not None and setting.at is None
    sender = dispatcher(sqlite_db, notifier, clock, hooks=hooks(summary=summary_hook(sqlite_db)))
    clock.set(START + timedelta(days=1))
    await sender.dispatch_due(clock.now())
    assert notifier.sent == []
    async with sqlite_db.session() as session:
        pending = await session.exec(
            select(Reminder).where(col(Reminder.status) == ReminderStatus.PENDING)
        )
        assert pending.all() == []


async def test_onboarding_default_is_twenty_hundred_and_keeps_a_choice(sqlite_db: Database) -> None:
    """The default summary comes at 20:00; finishing onboarding again keeps the user's choice."""
    user = await make_user(sqlite_db)
    first = await ensure_summary(sqlite_db, telegram_id=user.telegram_id, now=START)
    assert first is not None and first.at == time(20)
    await set_summary(sqlite_db, telegram_id=user.telegram_id, at=time(18, 15), now=START)
    await ensure_summary(sqlite_db, telegram_id=user.telegram_id, now=START)
    again = await summary_setting(sqlite_db, telegram_id=user.telegram_id)
    assert again is not None and again.at == time(18, 15)
    async with sqlite_db.session() as session:
        found = await session.exec(select(Schedule).where(Schedule.kind == ScheduleKind.SUMMARY))
        assert [schedule.times for schedule in found.all()] == [["18:15"]]


async def test_summary_suggestion_fits_the_room_under_a_doctors_limit(sqlite_db: Database) -> None:
    """800 mg eaten under a doctor's 1,000 mg limit: the suggestion adds at most 200 mg."""
    user = await make_user(sqlite_db, doctor_calcium_limit_mg=1000)
    now = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)  # 20:00 in Berlin
    await add_intake(sqlite_db, user, date(2026, 6, 1), calcium_mg=800)
    found = await daily_summary(sqlite_db, telegram_id=user.telegram_id, now=now)
    assert found is not None and found.suggestion is not None
    assert found.day.calcium.headroom == 200
    assert 50 <= found.suggestion.calcium_mg <= 200


async def test_summary_at_the_limit_suggests_nothing(sqlite_db: Database) -> None:
    """A day at the upper limit gets no food suggestion and says so."""
    user = await make_user(sqlite_db)
    now = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)
    await add_intake(sqlite_db, user, date(2026, 6, 1), calcium_mg=2000)
    found = await daily_summary(sqlite_db, telegram_id=user.telegram_id, now=now)
    assert found is not None and found.suggestion is None


@given(missing=st.integers(-500, 3000), room=st.integers(0, 3000))
def test_a_suggestion_never_passes_the_room_left(missing: int, room: int) -> None:
    """Whatever is missing and whatever room is left, a suggested portion fits in the room."""
    found = suggest_food(missing_mg=missing, room_mg=room)
    if found is not None:
        assert found.calcium_mg <= room
        assert missing > 0
