"""Operator tasks on the database: put failed reminders back, copy a SQLite file safely."""

import sqlite3
from pathlib import Path

from sqlalchemy import update
from sqlalchemy.engine import make_url
from sqlmodel import col

from storage.database import Database
from storage.models import Reminder, ReminderStatus

# Pages copied per step of SQLite's online backup: other connections may write between steps.
BACKUP_PAGES_PER_STEP = 1024


async def requeue_failed(database: Database) -> int:
    """Make every failed reminder pending again; return how many.

    The dispatcher then sends those still inside their grace window and marks older ones
    missed, as it does for any reminder found late.
    """
    async with database.session() as session:
        result = await session.exec(
            update(Reminder)
            .where(col(Reminder.status) == ReminderStatus.FAILED)
            .values(status=ReminderStatus.PENDING.value, lease_until=None)
            .execution_options(synchronize_session=False)
        )
    count: int = result.rowcount
    return count


def sqlite_path(url: str) -> Path | None:
    """Return the file of a SQLite database URL; None for PostgreSQL or an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)


def backup_sqlite(source: Path, target: Path) -> int:
    """Copy a live SQLite database into `target` with SQLite's backup API; return its pages.

    Unlike copying the file, this takes the WAL's committed pages too and is consistent
    while the bot keeps writing.
    """
    if not source.is_file():
        raise FileNotFoundError(source)
    if target.exists():
        raise FileExistsError(target)
    with sqlite3.connect(source) as reader, sqlite3.connect(target) as writer:
        reader.backup(writer, pages=BACKUP_PAGES_PER_STEP)
        pages: int = writer.execute("PRAGMA page_count").fetchone()[0]
    return pages
