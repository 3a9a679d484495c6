"""Fixtures shared by the whole test tree: databases on SQLite and PostgreSQL."""

import itertools
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

# PTB 22 warns on every RetryAfter unless told to use timedeltas; warnings are errors here.
os.environ.setdefault("PTB_TIMEDELTA", "1")

from storage.database import Database, make_engine
from storage.migrate import upgrade
from tests.support.postgres import Cluster, find_binary, running_cluster

_db_names = itertools.count()


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """Start one throwaway PostgreSQL cluster for the whole test session."""
    if find_binary("initdb") is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL binaries are required in CI")
        pytest.skip("PostgreSQL binaries are not installed on this machine")
    with running_cluster() as cluster:
        yield cluster


async def _create_pg_database(cluster: Cluster) -> str:
    name = f"calcibot_test_{os.getpid()}_{next(_db_names)}"
    connection = await asyncpg.connect(
        host=cluster.host, port=cluster.port, user=cluster.user, database="postgres"
    )
    try:
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()
    return cluster.url(name)


@pytest.fixture
async def sqlite_db(tmp_path: Path) -> AsyncIterator[Database]:
    """Give a migrated SQLite database in a file of its own."""
    database = Database(make_engine(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"))
    await upgrade(database)
    yield database
    await database.dispose()


@pytest.fixture
async def pg_db(pg_cluster: Cluster) -> AsyncIterator[Database]:
    """Give a migrated PostgreSQL database of its own in the session's cluster."""
    database = Database(make_engine(await _create_pg_database(pg_cluster)))
    await upgrade(database)
    yield database
    await database.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """Give a migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    else:
        url = await _create_pg_database(request.getfixturevalue("pg_cluster"))
    database = Database(make_engine(url))
    await upgrade(database)
    yield database
    await database.dispose()
