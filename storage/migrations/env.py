"""Alembic environment: runs migrations on a connection handed in, or on DATABASE_URL."""

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers every table on the metadata)
from storage.database import make_engine

target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    # SQLite cannot ALTER most things in place, so batch mode rebuilds tables there.
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_from_url(url: str) -> None:
    engine = make_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


def run() -> None:
    """Use the caller's connection when given (the app and tests), else the configured URL."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.config.get_main_option("sqlalchemy.url") or os.environ.get(
        "DATABASE_URL", "sqlite+aiosqlite:///./calcibot.db"
    )
    asyncio.run(_run_from_url(url))


if context.is_offline_mode():
    raise SystemExit("calcibot migrations run online only: use `calcibot db upgrade`.")
run()
