"""The food diary and /today's rows: entries, removal, past days, snoozes and late additions."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlmodel import select

from services import diary, reminders
from services.diary import DayProblem
from storage.database import Database
from storage.models import Reminder, ReminderStatus
from tests.factories import make_user
from tests.records.builders import add_intake
from tests.scheduler.support import dose_schedule

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", date(2026, 11, 30)),
        ("Today", TODAY),
        ("昨天", date(2026, 11, 30)),
        ("2026-11-30", date(2026, 11, 30)),
        ("2026-12-02", DayProblem.FUTURE),
        ("2024-01-01", DayProblem.TOO_OLD),
        ("2026-02-30", DayProblem.UNREADABLE),
        ("last tuesday", DayProblem.UNREADABLE),
    ],
)
def test_parse_day(text: str, expected: date | DayProblem) -> None:
    """Relative words and ISO dates are read; the future, > a year back and nonsense refused."""
    assert diary.parse_day(text, today=TODAY) == expected


async def test_any_entry_can_be_removed_by_its_owner_only(sqlite_db: Database) -> None:
    """The first of two entries goes; another user's press and a repeat change nothing."""
    user, other = await make_user(sqlite_db), await make_user(sqlite_db)
    first = await add_intake(sqlite_db, user, TODAY, calcium_mg=300, label="milk")
    await add_intake(sqlite_db, user, TODAY, calcium_mg=200, label="tofu")
    refused = await diary.remove(sqlite_db, telegram_id=other.telegram_id, intake_id=first.id or 0)
    assert not refused.ok
    removed = await diary.remove(sqlite_db, telegram_id=user.telegram_id, intake_id=first.id or 0)
    assert (removed.ok, removed.label, removed.day) == (True, "milk", TODAY)
    again = await diary.remove(sqlite_db, telegram_id=user.telegram_id, intake_id=first.id or 0)
    assert not again.ok
    left = await diary.entries(sqlite_db, telegram_id=user.telegram_id, day=TODAY)
    assert [(entry.label, entry.calcium_mg) for entry in left] == [("tofu", 200)]


async def test_a_time_passed_before_the_schedule_existed_is_added_after(
    sqlite_db: Database,
) -> None:
    """A 08:00 dose scheduled at 10:00 shows as added after its time, with its calcium."""
    user = await make_user(sqlite_db)
    ten = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # 10:00 in Berlin
    await dose_schedule(sqlite_db, now=ten, telegram_id=user.telegram_id, times=("08:00", "20:00"))
    rows = await reminders.today(sqlite_db, telegram_id=user.telegram_id, now=ten)
    assert [(row.local_time, row.status, row.calcium_mg) for row in rows] == [
        (time(8), "added_after", 600),
        (time(20), "upcoming", 600),
    ]


async def test_a_snoozed_dose_is_one_row(sqlite_db: Database) -> None:
    """Snoozed for 15 minutes, a dose is one row saying until when; taken, still one row."""
    user = await make_user(sqlite_db)
    seven = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)
    view = await dose_schedule(sqlite_db, now=seven, telegram_id=user.telegram_id)
    eight = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    async with sqlite_db.session() as session:
        row = (await session.exec(select(Reminder))).one()
        row.status, row.sent_at = ReminderStatus.SENT, eight
        session.add(row)
    await reminders.answer(
        sqlite_db, telegram_id=user.telegram_id, reminder_id=row.id or 0, action="s15", now=eight
    )
    rows = await reminders.today(sqlite_db, telegram_id=user.telegram_id, now=eight)
    assert [(row.local_time, row.status, row.snoozed_until_local) for row in rows] == [
        (time(8), "snoozed", time(8, 15))
    ]
    await reminders.answer(
        sqlite_db,
        telegram_id=user.telegram_id,
        reminder_id=row.id or 0,
        action="t",
        now=eight + timedelta(minutes=5),
    )
    rows = await reminders.today(sqlite_db, telegram_id=user.telegram_id, now=eight)
    assert [(row.local_time, row.status) for row in rows] == [(time(8), "taken")]
    assert view.id == rows[0].schedule_id
