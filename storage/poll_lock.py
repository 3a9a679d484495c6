"""The PostgreSQL advisory lock that lets exactly one process of the bot poll Telegram.

Telegram answers 409 to a second long poll of the same bot, so with several processes on one
database one polls and the others only dispatch. The lock is a session lock on a connection
held for as long as the process polls: if that process dies its connection closes, the lock
goes with it, and a waiting process takes over.
"""

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection

from storage.database import Database

# Any fixed 64-bit number names the lock; these are the bytes of "calcipol".
POLLER_LOCK_KEY = int.from_bytes(b"calcipol", "big") - 2**63


class PollerLock:
    """Try to become the one polling process; hold that until released or the process ends."""

    def __init__(self, database: Database) -> None:
        if database.is_sqlite:
            raise ValueError("advisory locks need PostgreSQL; SQLite runs one process")
        self._database = database
        self._connection: AsyncConnection | None = None

    @property
    def held(self) -> bool:
        """Whether this process holds the lock."""
        return self._connection is not None

    async def try_acquire(self) -> bool:
        """Take the lock if no other process holds it; return whether this process holds it."""
        if self._connection is not None:
            return True
        connection = await self._database.engine.connect()
        try:
            statement = text("SELECT pg_try_advisory_lock(:key)")
            got = bool((await connection.execute(statement, {"key": POLLER_LOCK_KEY})).scalar())
            await connection.commit()  # a session lock outlives the transaction
        except BaseException:
            await connection.close()
            raise
        if not got:
            await connection.close()
            return False
        self._connection = connection
        return True

    async def release(self) -> None:
        """Give the lock up (closing its connection) so another process can poll."""
        if self._connection is None:
            return
        connection, self._connection = self._connection, None
        try:
            statement = text("SELECT pg_advisory_unlock(:key)")
            await connection.execute(statement, {"key": POLLER_LOCK_KEY})
            await connection.commit()
        except Exception:
            # A pooled connection must not keep the lock: drop it rather than pool it.
            await connection.invalidate()
        finally:
            await connection.close()
