"""Operator commands on the database: upgrade, requeue failed reminders, back up SQLite."""

import sys
from pathlib import Path

from bot.settings import Settings
from storage.database import Database, make_engine
from storage.maintenance import backup_sqlite, requeue_failed, sqlite_path
from storage.migrate import upgrade

BACKUP_ON_POSTGRES = (
    "calcibot db backup copies a SQLite file; this DATABASE_URL is PostgreSQL. Use its own"
    ' tool instead, e.g. pg_dump --format=custom --file=calcibot.dump "$DATABASE_URL"'
    " (without the +asyncpg in the URL).\n"
)


async def upgrade_schema(settings: Settings) -> int:
    """Bring the schema up to date and say from which revision to which."""
    database = Database(make_engine(settings.database_url))
    try:
        before, after = await upgrade(database)
    finally:
        await database.dispose()
    sys.stdout.write(f"database upgraded: {before or 'empty'} -> {after}\n")
    return 0


async def requeue(settings: Settings) -> int:
    """Make failed reminders pending again and say how many."""
    database = Database(make_engine(settings.database_url))
    try:
        await upgrade(database)
        count = await requeue_failed(database)
    finally:
        await database.dispose()
    sys.stdout.write(
        f"{count} failed reminders are pending again; those past their grace window will be"
        " marked missed, the others sent.\n"
    )
    return 0


def backup(settings: Settings, target: Path) -> int:
    """Copy the SQLite database to `target` while the bot may keep running."""
    source = sqlite_path(settings.database_url)
    if source is None:
        sys.stderr.write(BACKUP_ON_POSTGRES)
        return 2
    try:
        pages = backup_sqlite(source, target)
    except FileNotFoundError:
        sys.stderr.write(f"no database at {source}: check DATABASE_URL\n")
        return 2
    except FileExistsError:
        sys.stderr.write(f"{target} exists already; choose a new file name\n")
        return 2
    sys.stdout.write(f"backed up {source} to {target} ({pages} pages)\n")
    return 0
