"""Operators' view of one process: `/healthz` and `/metrics` (Prometheus text format).

A tiny HTTP server on the bot's own event loop, so an answer at all shows the loop is alive.
`/healthz` answers 200 when the database answers and the reminder engine ticked recently,
503 otherwise, with the details as JSON. Neither endpoint shows any user's data.
"""

import asyncio
import contextlib
import json
import logging
from datetime import datetime, timedelta

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from sqlalchemy import text

from scheduler.dispatcher import DispatchReport
from scheduler.engine import ReminderEngine
from storage.database import Database

log = logging.getLogger(__name__)

# A health check that cannot reach the database within this reports it down.
_DB_TIMEOUT_S = 2.0
# Lateness buckets: a send inside a round gap (0.2 s), under the rate limiter's queue (s),
# after retries (min) and up to the 2-hour grace period (DESIGN.md §2).
_LATENESS_BUCKETS = (0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 7200)
_REQUEST_LIMIT_BYTES = 8192


class Metrics:
    """The process's Prometheus metrics, fed by the engine's dispatch reports and the limiter."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        r = self.registry
        self.sent = Counter("calcibot_reminders_sent", "Reminders Telegram accepted", registry=r)
        self.retries = Counter("calcibot_reminder_retries", "Sends put back to retry", registry=r)
        self.failed = Counter("calcibot_reminders_failed", "Reminders failed for good", registry=r)
        self.missed = Counter(
            "calcibot_reminders_missed", "Reminders past their grace period", registry=r
        )
        self.deactivated = Counter(
            "calcibot_users_deactivated", "Users found to have blocked the bot", registry=r
        )
        self.rate_limited = Counter(
            "calcibot_telegram_rate_limited", "429 answers (retry_after) from Telegram", registry=r
        )
        self.lateness = Histogram(
            "calcibot_reminder_lateness_seconds",
            "From a reminder's due time to Telegram's answer",
            buckets=_LATENESS_BUCKETS,
            registry=r,
        )
        self.due = Gauge(
            "calcibot_reminders_due", "Due reminders waiting to be claimed", registry=r
        )
        self.tick_age = Gauge(
            "calcibot_last_tick_age_seconds",
            "Since the reminder engine last made progress",
            registry=r,
        )

    def observe(self, report: DispatchReport) -> None:
        """Count one dispatch's outcomes."""
        self.sent.inc(report.sent)
        self.retries.inc(report.retried)
        self.failed.inc(report.failed)
        self.missed.inc(report.missed)
        self.deactivated.inc(report.blocked)
        for seconds in report.lateness_s:
            self.lateness.observe(seconds)


class OpsServer:
    """Serve /healthz and /metrics for one process."""

    def __init__(
        self,
        database: Database,
        engine: ReminderEngine,
        metrics: Metrics,
        *,
        stale_after: timedelta,
    ) -> None:
        self._database = database
        self._engine = engine
        self._metrics = metrics
        self._stale_after = stale_after
        self._server: asyncio.Server | None = None
        self._started = engine.clock.now()

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port (0 for a free port); return the port."""
        self._server = await asyncio.start_server(self._serve, host, port)
        bound: int = self._server.sockets[0].getsockname()[1]
        log.info("health and metrics on %s:%s", host, bound)
        return bound

    async def stop(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None

    async def health(self) -> tuple[bool, dict[str, object]]:
        """Return whether this process is healthy, and why."""
        database_ok = True
        try:
            async with asyncio.timeout(_DB_TIMEOUT_S), self._database.session() as session:
                await session.exec(text("SELECT 1"))  # type: ignore[call-overload]
        except Exception as error:  # any failure means "not reachable"; the kind is reported
            database_ok = False
            log.warning("health check: database unreachable: %s", type(error).__name__)
        age = self.tick_age_s()
        ticking = age < self._stale_after.total_seconds()
        details: dict[str, object] = {
            "database": "ok" if database_ok else "unreachable",
            "loop": "ok",
            "last_tick_age_s": round(age, 3),
            "ticking": ticking,
        }
        return database_ok and ticking, details

    def tick_age_s(self) -> float:
        """Return seconds since the engine last ticked or claimed (or since start)."""
        moments = [self._started, self._engine.last_tick_at, self._engine.dispatcher.last_claim_at]
        latest = max(moment for moment in moments if moment is not None)
        return (self._engine.clock.now() - latest).total_seconds()

    async def metrics_text(self) -> bytes:
        """Return the metrics in Prometheus text format, with the gauges read now."""
        self._metrics.tick_age.set(self.tick_age_s())
        with contextlib.suppress(Exception):  # an unreachable database shows in /healthz
            now: datetime = self._engine.clock.now()
            self._metrics.due.set(await self._engine.dispatcher.due_count(now))
        return generate_latest(self._metrics.registry)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), _DB_TIMEOUT_S)
            method, path = [*request[:_REQUEST_LIMIT_BYTES].split(b" "), b"", b""][:2]
            if method != b"GET":
                status, kind, body = 405, "text/plain", b"GET only\n"
            elif path == b"/healthz":
                healthy, details = await self.health()
                status, kind = (200 if healthy else 503), "application/json"
                body = json.dumps(details).encode() + b"\n"
            elif path == b"/metrics":
                status, kind, body = 200, CONTENT_TYPE_LATEST, await self.metrics_text()
            else:
                status, kind, body = 404, "text/plain", b"not found\n"
            reason = {200: "OK", 404: "Not Found", 405: "Method Not Allowed"}.get(
                status, "Service Unavailable"
            )
            head = (
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode() + body)
            await writer.drain()
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            pass  # a client that sent no complete request gets nothing
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()
