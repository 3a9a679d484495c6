"""The async engine and the one place where sessions (units of work) are opened."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

# Set on a session whose unit of work planned or cancelled reminders: after its commit the
# database calls the plan-change hook (the reminder engine's wake-up), so no caller can forget.
_PLAN_CHANGED = "calcibot.plan_changed"
# A writer waits this long for SQLite's lock instead of failing at once.
SQLITE_BUSY_TIMEOUT_MS = 5000
# Below the common 10-30 min idle timeouts of proxies and firewalls in front of PostgreSQL.
POOL_RECYCLE_S = 300


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """Turn on WAL, foreign keys and a busy timeout on every new SQLite connection."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, *, echo: bool = False) -> AsyncEngine:
    """Create the async engine for a SQLite or PostgreSQL URL."""
    parsed = make_url(url)
    # A database error's message then names the SQL but not its values (user text, health data).
    if parsed.get_backend_name() == "sqlite":
        engine = create_async_engine(
            url, echo=echo, hide_parameters=True, connect_args={"timeout": 30}
        )
        event.listen(engine.sync_engine, "connect", _set_sqlite_pragmas)
        return engine
    # No pre-ping: it cost a round trip on every checkout, about a third of the database time
    # of a delivery (bench/README.md). A connection that died (a restarted server) fails its
    # first statement instead; SQLAlchemy then drops the whole pool, and the unit of work is
    # retried like any failed one. Recycling bounds how long an idle connection is trusted.
    return create_async_engine(
        url,
        echo=echo,
        hide_parameters=True,
        pool_recycle=POOL_RECYCLE_S,
        pool_size=10,
        max_overflow=10,
    )


def mark_plan_changed(session: AsyncSession) -> None:
    """Record that this unit of work changed which reminders are planned."""
    session.info[_PLAN_CHANGED] = True


class Database:
    """Owns the engine and opens one session per unit of work."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._sessions = async_sessionmaker(engine, class_=AsyncSession, expire_on_commit=False)
        # Called after a commit that planned or cancelled reminders; set once at start-up.
        self.on_plan_change: Callable[[], None] | None = None

    @property
    def is_sqlite(self) -> bool:
        """Return whether the database is SQLite (one dispatching process only)."""
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """Open a session, commit when the block ends, roll back when it raises."""
        async with self._sessions() as session:
            try:
                yield session
                await session.commit()
            except BaseException:
                await session.rollback()
                raise
            if session.info.pop(_PLAN_CHANGED, False) and self.on_plan_change is not None:
                self.on_plan_change()

    async def dispose(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()
