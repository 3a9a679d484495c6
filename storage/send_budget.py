"""The bot's send budget, shared by every process through one row of PostgreSQL.

Telegram's limit binds the bot, not a process (about 30 messages/s overall,
core.telegram.org/bots/faq), so processes book send slots from one schedule: the row holds
the instant the next free slot starts, and a booking of `count` slots moves it on by
`count / rate` seconds from then or from now, whichever is later (a virtual-time bucket that
keeps no burst: an idle bot starts again at the rate, not above it). The database's clock is
the one clock, so processes on hosts with skewed clocks still share one pace.
"""

from dataclasses import dataclass

from sqlalchemy import text

from storage.database import Database

# The row of the sendpause table that holds the pace (the pause row is "bot").
BUDGET = "budget"

_BOOK = text(
    "UPDATE sendpause SET until = GREATEST(until, clock_timestamp())"
    " + make_interval(secs => :seconds) WHERE name = :name"
    " RETURNING EXTRACT(EPOCH FROM (until - clock_timestamp()))"
)
_ENSURE = text(
    "INSERT INTO sendpause (name, until) VALUES (:name, clock_timestamp())"
    " ON CONFLICT (name) DO NOTHING"
)


@dataclass(frozen=True)
class Booking:
    """Slots booked: the first starts `first_in_s` from now, the next every `interval_s`."""

    first_in_s: float
    interval_s: float


class SharedBudget:
    """Books send slots at `per_s` slots a second for the whole bot (PostgreSQL only)."""

    def __init__(self, database: Database, per_s: float) -> None:
        if database.is_sqlite:
            raise ValueError("SQLite runs one process: pace sends in the process")
        self._database = database
        self.interval_s = 1 / per_s
        self._ready = False

    async def book(self, count: int) -> Booking:
        """Book `count` consecutive slots and return when the first one starts."""
        async with self._database.session() as session:
            if not self._ready:
                await session.exec(_ENSURE.bindparams(name=BUDGET))  # type: ignore[call-overload]
            span = count * self.interval_s
            result = await session.exec(_BOOK.bindparams(name=BUDGET, seconds=span))  # type: ignore[call-overload]
            ends_in_s = float(result.scalar_one())
        self._ready = True
        return Booking(first_in_s=ends_in_s - span, interval_s=self.interval_s)
