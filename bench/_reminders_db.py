"""Bulk-write the benchmark's SQLite files (untimed) with the stdlib sqlite3 driver.

The schema comes from the real Alembic migrations; rows go in as SQLAlchemy would write them
(UTC datetimes as "YYYY-MM-DD HH:MM:SS.ffffff", booleans 0/1, wall times as JSON), several
times faster than the ORM for millions of rows. Every schedule has exactly one pending
reminder, its next occurrence (DESIGN.md §2), computed by the real recurrence code.
"""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bench._reminders_shape import ZONES, hhmm, telegram_id, wall_minute, zone_of
from scheduler.recurrence import next_occurrence, parse_wall_time
from storage.database import Database, make_engine
from storage.migrate import upgrade

Row = tuple[Any, ...]
_BATCH = 20_000
_STAMP = "%Y-%m-%d %H:%M:%S.%f"
USER_COLUMNS = (
    "id,telegram_id,chat_id,language_code,timezone,birth_year,sex,reference_set,"
    "vascular_calcification,takes_warfarin,onboarding_step,active,created_at,updated_at"
)
SUPPLEMENT_COLUMNS = (
    "id,user_id,name,kind,form,calcium_mg,vitamin_d_iu,vitamin_k_ug,with_food,paused,deleted,"
    "created_at"
)
SCHEDULE_COLUMNS = (
    "id,user_id,kind,supplement_id,units_per_dose,exercise_kind,title,minutes,times,weekdays,"
    "active,created_at"
)
REMINDER_COLUMNS = "id,schedule_id,user_id,due_at,status,one_off,attempts,late"


def stamp(moment: datetime) -> str:
    """Write an aware instant the way SQLAlchemy stores it in SQLite (naive UTC)."""
    return moment.astimezone(UTC).strftime(_STAMP)


def create_schema(path: Path) -> None:
    """Create an empty database at `path` with the real migrations (no loop may be running)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)

    async def run() -> None:
        database = Database(make_engine(f"sqlite+aiosqlite:///{path}"))
        try:
            await upgrade(database)
        finally:
            await database.dispose()

    asyncio.run(run())


def bulk(path: Path) -> sqlite3.Connection:
    """Open a file for bulk loading: no journal, no syncs (a crash means a rebuild)."""
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute("PRAGMA cache_size=-400000")
    return connection


def finish(connection: sqlite3.Connection) -> None:
    """Leave the file in WAL mode, as the bot runs it, with an empty WAL."""
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()


def insert(connection: sqlite3.Connection, table: str, columns: str, rows: Iterable[Row]) -> None:
    """Insert rows in batches inside one transaction."""
    marks = ",".join("?" * len(columns.split(",")))
    sql = f'INSERT INTO "{table}" ({columns}) VALUES ({marks})'  # noqa: S608 - our own names
    connection.execute("BEGIN")
    batch: list[Row] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= _BATCH:
            connection.executemany(sql, batch)
            batch.clear()
    connection.executemany(sql, batch)
    connection.execute("COMMIT")


def insert_users(connection: sqlite3.Connection, users: int, created: str) -> None:
    """Insert onboarded users 1..users, each with one calcium + D product (id = user id)."""
    insert(
        connection,
        "user",
        USER_COLUMNS,
        (
            (u, telegram_id(u), telegram_id(u), "en", zone_of(u), 1940 + u % 30, "female", "us",
             0, 0, None, 1, created, created)
            for u in range(1, users + 1)
        ),
    )  # fmt: skip
    insert(
        connection,
        "supplement",
        SUPPLEMENT_COLUMNS,
        (
            (u, u, "Calcium + D3", "supplement", "carbonate", 500, 400, 0, 1, 0, 0, created)
            for u in range(1, users + 1)
        ),
    )


def schedule_row(schedule_id: int, user_id: int, created: str, *, dose: bool) -> Row:
    """Return a daily schedule: one tablet of the user's product, or a 30-minute walk."""
    times = json.dumps([hhmm(wall_minute(schedule_id))])
    if dose:
        return (schedule_id, user_id, "dose", user_id, 1, None, "", None, times, 127, 1, created)
    return (schedule_id, user_id, "exercise", None, 1, "weight_bearing", "Brisk walk", 30, times,
            127, 1, created)  # fmt: skip


def occurrences_after(after: datetime) -> dict[tuple[str, int], str]:
    """Return the first due instant after `after` of a daily schedule, by (zone, minute)."""
    table = {}
    for name in ZONES:
        zone = ZoneInfo(name)
        for minute in range(1440):
            due = next_occurrence(
                times=[parse_wall_time(hhmm(minute))],
                weekdays=127,
                zone=zone,
                after=after,
                start_date=None,
                end_date=None,
            )
            if due is None:
                raise AssertionError("a daily schedule always has a next occurrence")
            table[(name, minute)] = stamp(due)
    return table


def plan(
    connection: sqlite3.Connection, owners: Iterator[tuple[int, int]], *, after: datetime
) -> None:
    """Insert reminder id = schedule id, the schedule's next occurrence after `after`.

    `owners` yields (schedule id, user id) in id order.
    """
    table = occurrences_after(after)
    insert(
        connection,
        "reminder",
        REMINDER_COLUMNS,
        ((s, s, u, table[(zone_of(u), wall_minute(s))], "pending", 0, 0, 0) for s, u in owners),
    )
