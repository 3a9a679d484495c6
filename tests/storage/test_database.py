"""The engine and unit of work: SQLite pragmas, commit and rollback, constraints."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from storage.database import Database
from storage.models import Reminder, Schedule, ScheduleKind, User
from storage.users import create_user, get_user


async def test_sqlite_runs_in_wal_with_foreign_keys(sqlite_db: Database) -> None:
    """SQLite connections use WAL, enforce foreign keys and wait on locks."""
    async with sqlite_db.session() as session:
        mode = (await session.exec(text("PRAGMA journal_mode"))).one()[0]  # type: ignore[call-overload]
        keys = (await session.exec(text("PRAGMA foreign_keys"))).one()[0]  # type: ignore[call-overload]
        busy = (await session.exec(text("PRAGMA busy_timeout"))).one()[0]  # type: ignore[call-overload]
    assert (mode, keys, busy) == ("wal", 1, 5000)


async def test_session_commits_on_success(any_db: Database) -> None:
    """A unit of work that ends normally is committed."""
    async with any_db.session() as session:
        await create_user(session=session, telegram_id=2**40, chat_id=2**40, language_code="en")
    async with any_db.session() as session:
        user = await get_user(session=session, telegram_id=2**40)
    assert user is not None
    assert user.onboarding_step == "timezone"


async def test_session_rolls_back_on_error(any_db: Database) -> None:
    """A unit of work that raises leaves nothing behind."""

    async def failing_unit_of_work() -> None:
        async with any_db.session() as session:
            await create_user(session=session, telegram_id=7, chat_id=7, language_code=None)
            raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        await failing_unit_of_work()
    async with any_db.session() as session:
        assert await get_user(session=session, telegram_id=7) is None


async def test_telegram_id_is_unique(any_db: Database) -> None:
    """Two rows for one Telegram user are refused by the database."""
    async with any_db.session() as session:
        await create_user(session=session, telegram_id=11, chat_id=11, language_code=None)
    with pytest.raises(IntegrityError):
        async with any_db.session() as session:
            await create_user(session=session, telegram_id=11, chat_id=11, language_code=None)


async def test_reminder_is_unique_per_schedule_and_due_time(any_db: Database) -> None:
    """The same occurrence cannot be planned twice."""
    due = datetime(2026, 3, 29, 6, 0, tzinfo=UTC)
    async with any_db.session() as session:
        user = await create_user(session=session, telegram_id=12, chat_id=12, language_code=None)
        assert user.id is not None
        schedule = Schedule(user_id=user.id, kind=ScheduleKind.EXERCISE, times=["08:00"])
        session.add(schedule)
        await session.flush()
        assert schedule.id is not None
        session.add(Reminder(schedule_id=schedule.id, user_id=user.id, due_at=due))
    with pytest.raises(IntegrityError):
        async with any_db.session() as session:
            session.add(Reminder(schedule_id=schedule.id, user_id=user.id, due_at=due))


async def test_datetimes_come_back_aware_utc(any_db: Database) -> None:
    """Stored instants are read back as aware UTC datetimes on both databases."""
    async with any_db.session() as session:
        user = await create_user(session=session, telegram_id=13, chat_id=13, language_code=None)
    async with any_db.session() as session:
        again = await session.get(User, user.id)
    assert again is not None
    assert again.created_at.tzinfo is not None
    assert again.created_at.utcoffset() is not None
    assert again.created_at.utcoffset().total_seconds() == 0
