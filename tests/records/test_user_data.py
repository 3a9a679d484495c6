"""/export holds every row of the user; /delete leaves no row that refers to them."""

import csv
import io
import zipfile
from datetime import UTC, date, datetime

from sqlalchemy import func, select
from sqlmodel import SQLModel

from services.summaries import ensure_summary
from services.user_data import delete_user, export_user
from storage.database import Database
from storage.models import CustomFood, DayFlag, MealDraft, User
from tests.factories import make_user
from tests.records.builders import add_intake
from tests.scheduler.support import dose_schedule, exercise_schedule

NOW = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)


async def _everything(database: Database, user: User) -> None:
    """Give the user a row in every kind of table a user has."""
    await dose_schedule(database, now=NOW, telegram_id=user.telegram_id)
    await exercise_schedule(database, now=NOW, telegram_id=user.telegram_id)
    await ensure_summary(database, telegram_id=user.telegram_id, now=NOW)
    await add_intake(database, user, date(2026, 6, 1), calcium_mg=300)
    async with database.session() as session:
        uid = user.id or 0
        session.add(DayFlag(user_id=uid, local_date=date(2026, 6, 1), nutrient="ca", level="near"))
        session.add(
            CustomFood(
                user_id=uid,
                name="Soy",
                name_key="soy",
                calcium_mg=300,
                amount=1,
                unit="cup",
                grams=240,
            )
        )
        session.add(MealDraft(user_id=uid, payload={"items": []}))


async def _rows_referring_to(database: Database, user_id: int) -> dict[str, int]:
    """Count, per table, the rows whose foreign keys point at this user (the user row too)."""
    counts: dict[str, int] = {}
    async with database.session() as session:
        connection = await session.connection()
        for table in SQLModel.metadata.sorted_tables:
            columns = [key.parent for key in table.foreign_keys if key.column.table.name == "user"]
            if table.name == "user":
                columns = [table.c.id]
            for column in columns:
                found = await connection.scalar(
                    select(func.count()).select_from(table).where(column == user_id)
                )
                counts[table.name] = counts.get(table.name, 0) + int(found or 0)
    return counts


async def test_export_contains_every_row_of_the_user(sqlite_db: Database) -> None:
    """Each table's rows of the user are in its CSV, and none of another user's."""
    user, other = await make_user(sqlite_db), await make_user(sqlite_db)
    await _everything(sqlite_db, user)
    await _everything(sqlite_db, other)
    expected = {
        name: count
        for name, count in (await _rows_referring_to(sqlite_db, user.id or 0)).items()
        if count
    }
    found = await export_user(sqlite_db, telegram_id=user.telegram_id)
    assert found is not None
    archive = zipfile.ZipFile(io.BytesIO(found.archive))
    per_file = {}
    for name in archive.namelist():
        rows = list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8-sig"))))
        per_file[name.removesuffix(".csv")] = rows
    assert {name: len(rows) for name, rows in per_file.items()} == expected
    assert set(expected) >= {"user", "supplement", "schedule", "reminder", "intake", "dayflag"}
    assert {"custom_food", "meal_draft"} <= set(expected)
    assert per_file["user"][0]["telegram_id"] == str(user.telegram_id)
    assert {row["user_id"] for row in per_file["intake"]} == {str(user.id)}


async def test_delete_leaves_no_row_of_the_user_and_others_untouched(any_db: Database) -> None:
    """After /delete no table refers to the user; the other user's rows are all still there."""
    sqlite_db = any_db
    user, other = await make_user(sqlite_db), await make_user(sqlite_db)
    await _everything(sqlite_db, user)
    await _everything(sqlite_db, other)
    others_before = await _rows_referring_to(sqlite_db, other.id or 0)
    assert sum((await _rows_referring_to(sqlite_db, user.id or 0)).values()) > 8
    erased = await delete_user(sqlite_db, telegram_id=user.telegram_id)
    assert erased is not None and erased["user"] == 1
    assert set((await _rows_referring_to(sqlite_db, user.id or 0)).values()) == {0}
    assert await _rows_referring_to(sqlite_db, other.id or 0) == others_before


async def test_delete_and_export_of_an_unknown_user_do_nothing(sqlite_db: Database) -> None:
    """Someone who never sent /start has nothing to export or delete."""
    await make_user(sqlite_db, telegram_id=5)
    assert await export_user(sqlite_db, telegram_id=6) is None
    assert await delete_user(sqlite_db, telegram_id=6) is None
