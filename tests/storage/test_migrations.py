"""Migrations bring an empty database to the head revision, and match the models."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from storage.database import Database, make_engine
from storage.migrate import head_revision, upgrade
from tests.conftest import _create_pg_database

EXPECTED_TABLES = {"user", "supplement", "schedule", "reminder", "intake", "dayflag"}


@pytest.fixture(params=["sqlite", "postgres"])
async def fresh_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """Give an empty database migrated from scratch here, not copied from the session template."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
    else:
        url = await _create_pg_database(request.getfixturevalue("pg_cluster"))
    database = Database(make_engine(url))
    await upgrade(database)
    yield database
    await database.dispose()


def _state(connection: Connection) -> tuple[set[str], str | None, list[object]]:
    tables = set(inspect(connection).get_table_names())
    revision = MigrationContext.configure(connection).get_current_revision()
    diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    return tables, revision, diff


async def test_upgrade_from_empty_reaches_head(fresh_db: Database) -> None:
    """An empty database upgraded to head has every table and the head revision."""
    async with fresh_db.engine.connect() as connection:
        tables, revision, _ = await connection.run_sync(_state)
    assert tables >= EXPECTED_TABLES
    assert revision == head_revision()


async def test_migrations_match_models(fresh_db: Database) -> None:
    """The migrated schema has no difference from the SQLModel tables (no forgotten revision)."""
    async with fresh_db.engine.connect() as connection:
        _, _, diff = await connection.run_sync(_state)
    assert diff == []


async def test_upgrade_twice_is_a_no_op(fresh_db: Database) -> None:
    """Running the upgrade again on an up-to-date database changes nothing."""
    before, after = await upgrade(fresh_db)
    assert before == after == head_revision()
