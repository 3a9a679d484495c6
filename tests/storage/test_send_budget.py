"""The shared send budget: processes book consecutive slots from one row, with no burst."""

import asyncio
import time

import pytest

from storage.database import Database, make_engine
from storage.send_budget import SharedBudget

RATE_PER_S = 30


async def test_two_processes_book_slots_that_never_overlap(pg_db: Database) -> None:
    """Bookings through two engines (two processes) follow each other at the rate's spacing."""
    other = Database(make_engine(pg_db.engine.url.render_as_string(hide_password=False)))
    try:
        first, second = SharedBudget(pg_db, RATE_PER_S), SharedBudget(other, RATE_PER_S)
        a, a_at = await first.book(10), time.monotonic()
        b, b_at = await second.book(5), time.monotonic()
    finally:
        await other.dispose()
    # The second booking starts where the first one's 10 slots end (within a round trip).
    a_starts, b_starts = a_at + a.first_in_s, b_at + b.first_in_s
    assert b_starts - a_starts == pytest.approx(10 / RATE_PER_S, abs=0.1)
    assert a.interval_s == b.interval_s == pytest.approx(1 / RATE_PER_S)


async def test_an_idle_budget_starts_now_without_a_saved_up_burst(pg_db: Database) -> None:
    """After a pause longer than the booked span, the next slot starts now, not in the past."""
    budget = SharedBudget(pg_db, RATE_PER_S)
    await budget.book(3)
    await asyncio.sleep(3 / RATE_PER_S + 0.1)
    later = await budget.book(1)
    assert later.first_in_s == pytest.approx(0, abs=0.05)  # a saved-up burst would be < 0


async def test_sqlite_has_no_shared_budget(sqlite_db: Database) -> None:
    """SQLite runs one process, so a shared budget there is refused."""
    with pytest.raises(ValueError, match="SQLite"):
        SharedBudget(sqlite_db, RATE_PER_S)
