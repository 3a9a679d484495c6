"""Per-process /healthz and /metrics: counts from real dispatches, health from DB and ticks."""

import asyncio
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.ops import Metrics, OpsServer
from scheduler.engine import ReminderEngine
from storage.database import Database, make_engine
from tests.factories import make_user
from tests.scheduler.support import RecordingNotifier, engine_config, exercise_schedule
from tests.support.clock import FakeClock

START = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)
TEN_BERLIN = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)


@dataclass
class Ops:
    """A running ops server and what feeds it."""

    port: int
    engine: ReminderEngine
    clock: FakeClock


async def _serve(database: Database) -> tuple[OpsServer, Ops]:
    clock = FakeClock(START)
    engine = ReminderEngine(database, RecordingNotifier(clock=clock), clock, engine_config())
    metrics = Metrics()
    engine.on_report = metrics.observe
    server = OpsServer(database, engine, metrics, stale_after=timedelta(minutes=10))
    return server, Ops(await server.start("127.0.0.1", 0), engine, clock)


@pytest.fixture
async def ops(sqlite_db: Database) -> AsyncIterator[Ops]:
    """Give an ops server over a migrated SQLite database and an engine on a fake clock."""
    server, running = await _serve(sqlite_db)
    yield running
    await server.stop()


async def _get(port: int, path: str) -> tuple[int, str]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    await writer.drain()
    answer = (await reader.read()).decode()
    writer.close()
    await writer.wait_closed()
    head, _, body = answer.partition("\r\n\r\n")
    return int(head.split(" ")[1]), body


async def test_metrics_count_what_the_engine_sent(sqlite_db: Database, ops: Ops) -> None:
    """After a tick that sends one reminder 3 s late, /metrics shows it sent and its lateness."""
    await make_user(sqlite_db, telegram_id=100)
    await exercise_schedule(sqlite_db, now=ops.clock.now())
    ops.clock.set(TEN_BERLIN + timedelta(seconds=3))
    await ops.engine.tick()
    status, body = await _get(ops.port, "/metrics")
    assert status == 200
    assert "calcibot_reminders_sent_total 1.0" in body
    assert "calcibot_reminder_lateness_seconds_count 1.0" in body
    assert 'calcibot_reminder_lateness_seconds_bucket{le="2.5"} 0.0' in body
    assert 'calcibot_reminder_lateness_seconds_bucket{le="5.0"} 1.0' in body
    assert "calcibot_reminders_due 0.0" in body


async def test_metrics_show_the_queue_depth(sqlite_db: Database, ops: Ops) -> None:
    """A reminder due but not yet claimed shows in calcibot_reminders_due."""
    await make_user(sqlite_db, telegram_id=100)
    await exercise_schedule(sqlite_db, now=ops.clock.now())
    ops.clock.set(TEN_BERLIN)
    assert "calcibot_reminders_due 1.0" in (await _get(ops.port, "/metrics"))[1]


async def test_healthz_turns_503_when_the_engine_stops_ticking(ops: Ops) -> None:
    """Healthy right after a tick; 503 once no tick or claim happened for the stale limit."""
    await ops.engine.tick()
    status, body = await _get(ops.port, "/healthz")
    assert (status, json.loads(body)["database"]) == (200, "ok")
    ops.clock.set(ops.clock.now() + timedelta(minutes=11))
    status, body = await _get(ops.port, "/healthz")
    assert (status, json.loads(body)["ticking"]) == (503, False)


async def test_healthz_reports_an_unreachable_database() -> None:
    """A database server that refuses connections makes /healthz answer 503 "unreachable"."""
    # Port 1 on the loopback: nothing listens there, so every connection is refused at once.
    database = Database(make_engine("postgresql+asyncpg://calcibot@127.0.0.1:1/calcibot"))
    server, running = await _serve(database)
    try:
        status, body = await _get(running.port, "/healthz")
    finally:
        await server.stop()
        await database.dispose()
    assert (status, json.loads(body)["database"]) == (503, "unreachable")


async def test_unknown_paths_are_404(ops: Ops) -> None:
    """Only /healthz and /metrics are served."""
    assert (await _get(ops.port, "/admin"))[0] == 404
