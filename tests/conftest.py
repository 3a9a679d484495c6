"""Fixtures shared by the whole test tree: databases on SQLite and PostgreSQL."""

import asyncio
import itertools
import os
import shutil
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

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


# Migrations run once per test session into a template; each test gets a copy (a file copy on
# SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL). tests/storage/test_migrations.py still
# migrates from scratch and checks that the migrations equal the models.
PG_TEMPLATE = "calcibot_template"


def _run_apart(work: Callable[[], Coroutine[Any, Any, None]]) -> None:
    """Run set-up coroutines on a loop of their own: a session fixture may first be asked for
    inside a test's running loop, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(lambda: asyncio.run(work())).result()


async def _migrate(url: str) -> None:
    database = Database(make_engine(url))
    try:
        await upgrade(database)
    finally:
        await database.dispose()


async def _create_pg_database(cluster: Cluster, *, template: str | None = None) -> str:
    name = f"calcibot_test_{os.getpid()}_{next(_db_names)}"
    connection = await asyncpg.connect(
        host=cluster.host, port=cluster.port, user=cluster.user, database="postgres"
    )
    try:
        copy = f' TEMPLATE "{template}"' if template else ""
        await connection.execute(f'CREATE DATABASE "{name}"{copy}')
    finally:
        await connection.close()
    return cluster.url(name)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate one SQLite file for the whole session; tests copy it."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    _run_apart(lambda: _migrate(f"sqlite+aiosqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def pg_template(pg_cluster: Cluster) -> str:
    """Migrate one PostgreSQL template database for the whole session; tests clone it."""

    async def make() -> None:
        connection = await asyncpg.connect(
            host=pg_cluster.host, port=pg_cluster.port, user=pg_cluster.user, database="postgres"
        )
        try:
            await connection.execute(f'CREATE DATABASE "{PG_TEMPLATE}"')
        finally:
            await connection.close()
        await _migrate(pg_cluster.url(PG_TEMPLATE))

    _run_apart(make)
    return PG_TEMPLATE


def _sqlite_copy(template: Path, tmp_path: Path) -> str:
    target = tmp_path / "test.db"
    shutil.copyfile(template, target)
    return f"sqlite+aiosqlite:///{target}"


@pytest.fixture
async def sqlite_db(sqlite_template: Path, tmp_path: Path) -> AsyncIterator[Database]:
    """Give a migrated SQLite database in a file of its own."""
    database = Database(make_engine(_sqlite_copy(sqlite_template, tmp_path)))
    yield database
    await database.dispose()


@pytest.fixture
async def pg_db(pg_cluster: Cluster, pg_template: str) -> AsyncIterator[Database]:
    """Give a migrated PostgreSQL database of its own in the session's cluster."""
    database = Database(make_engine(await _create_pg_database(pg_cluster, template=pg_template)))
    yield database
    await database.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
async def any_db(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Database]:
    """Give a migrated database, once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        url = _sqlite_copy(request.getfixturevalue("sqlite_template"), tmp_path)
    else:
        cluster = request.getfixturevalue("pg_cluster")
        template = request.getfixturevalue("pg_template")
        url = await _create_pg_database(cluster, template=template)
    database = Database(make_engine(url))
    yield database
    await database.dispose()
