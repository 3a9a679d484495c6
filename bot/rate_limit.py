"""PTB's rate limiter for the whole bot: one steady pace, and a 429 pauses every request.

PTB's own AIORateLimiter lets a burst of a second's worth through at once (so a burst starts at
twice the rate), and reopens after a 429 as soon as any request that was in flight returns.
Telegram's `retry_after` and its overall limit bind the bot, so here a 429 holds back every
request of this process until it passes, and, through the database, every other process of
the bot too; on PostgreSQL the pace itself is booked from the database (storage.send_budget),
so N processes together send at the configured rate, not N times it.
"""

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, RetryAfter
from telegram.ext import BaseRateLimiter

from storage.database import Database
from storage.send_budget import SharedBudget
from storage.send_pause import SharedPause

log = logging.getLogger(__name__)

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
# Long polling for updates is not a message and must go on during a pause.
_UNPAUSED = frozenset({"getUpdates"})
# Telegram's 400 for an edit that would leave the message as it is (a second tap on a button
# that already edited it): the message shows what was asked, so the edit has succeeded.
_NOT_MODIFIED = "message is not modified"
# How often the pause recorded by other processes is read: a 429 that one process receives
# holds the others back within this (one indexed one-row read each time).
POLL_INTERVAL_S = 0.2


class PauseBoard(Protocol):
    """Where processes of one bot share until when sending is paused."""

    async def read(self) -> datetime | None:
        """Return until when sending is paused, or None."""
        ...

    async def extend(self, until: datetime) -> None:
        """Pause until `until`, unless a longer pause is recorded."""
        ...


class Pace(Protocol):
    """Lets one request to a chat through at a time, at the bot's overall rate."""

    async def wait(self) -> None:
        """Return when this request's turn has come."""
        ...

    async def close(self) -> None:
        """Stop any work in the background."""
        ...


class LocalPace:
    """The pace of a bot that runs one process: one token every 1/rate seconds, no burst."""

    def __init__(self, per_s: float) -> None:
        self._limiter = AsyncLimiter(1, 1 / per_s)

    async def wait(self) -> None:
        """Take the next token."""
        await self._limiter.acquire()

    async def close(self) -> None:
        """Nothing runs in the background."""


class SharedPace:
    """The pace of a bot that runs several processes: slots booked from the database.

    Requests that queue while a booking is under way are booked together in the next one,
    so the database sees one small UPDATE per round, not one per message.
    """

    def __init__(self, budget: SharedBudget) -> None:
        self._budget = budget
        self._waiting: list[asyncio.Future[float]] = []
        self._booker: asyncio.Task[None] | None = None

    async def wait(self) -> None:
        """Book a slot (with whoever else waits) and sleep until it starts."""
        loop = asyncio.get_running_loop()
        turn: asyncio.Future[float] = loop.create_future()
        self._waiting.append(turn)
        if self._booker is None or self._booker.done():
            self._booker = loop.create_task(self._book_waiting())
        delay = await turn - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)

    async def close(self) -> None:
        """Stop booking."""
        if self._booker is not None:
            self._booker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._booker

    async def _book_waiting(self) -> None:
        loop = asyncio.get_running_loop()
        while self._waiting:
            batch, self._waiting = self._waiting, []
            interval = self._budget.interval_s
            try:
                booking = await self._budget.book(len(batch))
                first = loop.time() + booking.first_in_s
            except Exception as error:  # the database is down: keep this process's own pace
                log.warning("could not book from the shared send budget: %s", type(error).__name__)
                first = loop.time()
            for number, turn in enumerate(batch):
                if not turn.done():  # a request cancelled while it waited
                    turn.set_result(first + number * interval)


class BotRateLimiter(BaseRateLimiter[int]):
    """Pace requests to chats at `overall_per_s` and stop all requests during a 429's wait."""

    def __init__(
        self,
        *,
        overall_per_s: float,
        max_retries: int = 3,
        board: PauseBoard | None = None,
        pace: Pace | None = None,
        poll_interval_s: float = POLL_INTERVAL_S,
    ) -> None:
        if overall_per_s <= 0:
            raise ValueError("overall_per_s must be positive")
        # One token at a time, one every 1/rate seconds: a burst starts at the rate, not above.
        self._overall = pace or LocalPace(overall_per_s)
        self._max_retries = max_retries
        self._board = board
        self._poll_interval_s = poll_interval_s
        self._paused_until = 0.0  # on the event loop's clock
        self._poller: asyncio.Task[None] | None = None
        self._writes: set[asyncio.Task[None]] = set()
        # Told of every 429 (the metrics count them).
        self.on_retry_after: Callable[[], None] | None = None

    async def initialize(self) -> None:
        """Start following the pause other processes record."""
        if self._board is not None and self._poller is None:
            self._poller = asyncio.create_task(self._follow(self._board))

    async def shutdown(self) -> None:
        """Stop following the shared pause and booking the shared pace."""
        await self._overall.close()
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller
            self._poller = None

    def paused_for(self) -> float:
        """Return how many seconds sending stays paused (0 when it is not)."""
        return max(0.0, self._paused_until - asyncio.get_running_loop().time())

    def pause(self, seconds: float) -> None:
        """Hold every request back for `seconds` from now, here and in the other processes."""
        loop = asyncio.get_running_loop()
        self._paused_until = max(self._paused_until, loop.time() + seconds)
        if self._board is not None:
            task = loop.create_task(self._record(self._board, seconds))
            self._writes.add(task)
            task.add_done_callback(self._writes.discard)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        """Run a request when no pause holds and, for a chat, a token of the pace is free."""
        if endpoint in _UNPAUSED:
            return await callback(*args, **kwargs)
        if endpoint.startswith("editMessage"):
            try:
                return await self._paced(callback, args, kwargs, data, rate_limit_args)
            except BadRequest as error:
                if _NOT_MODIFIED not in error.message.lower():
                    raise
                return True  # what an edit of an inline message answers; handlers ignore it
        return await self._paced(callback, args, kwargs, data, rate_limit_args)

    async def _paced(
        self,
        callback: Callable[..., Coroutine[Any, Any, JSONResult]],
        args: Any,
        kwargs: dict[str, Any],
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> JSONResult:
        retries = self._max_retries if rate_limit_args is None else rate_limit_args
        attempt = 0
        while True:
            await self._wait_out_pause()
            try:
                if data.get("chat_id") is None:
                    return await callback(*args, **kwargs)
                await self._overall.wait()
                await self._wait_out_pause()  # a 429 may have come while this queued
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                seconds = _seconds(error.retry_after)
                self.pause(seconds)
                if self.on_retry_after is not None:
                    self.on_retry_after()
                log.warning("Telegram asked to wait %.1f s; every send is paused", seconds)
                if attempt >= retries:
                    raise
                attempt += 1

    async def _wait_out_pause(self) -> None:
        # A deadline, not an event: the pause may grow while this sleeps, so it is read again.
        while (remaining := self.paused_for()) > 0:  # noqa: ASYNC110
            await asyncio.sleep(remaining)

    async def _record(self, board: PauseBoard, seconds: float) -> None:
        try:
            await board.extend(datetime.now(UTC) + timedelta(seconds=seconds))
        except Exception as error:  # the pause still holds here; the others learn of their own 429
            log.warning("could not share the send pause: %s", type(error).__name__)

    async def _follow(self, board: PauseBoard) -> None:
        while True:
            try:
                until = await board.read()
            except Exception as error:  # a database hiccup must not end the follower
                log.warning("could not read the shared send pause: %s", type(error).__name__)
            else:
                if until is not None:
                    remaining = (until - datetime.now(UTC)).total_seconds()
                    if remaining > 0:
                        loop_time = asyncio.get_running_loop().time()
                        self._paused_until = max(self._paused_until, loop_time + remaining)
            await asyncio.sleep(self._poll_interval_s)


def bot_rate_limiter(overall_per_s: float, database: Database) -> BotRateLimiter:
    """Build the running bot's limiter; on PostgreSQL its pace and pauses are the whole bot's."""
    # SQLite runs one process: there is no other process to share a pace or a pause with.
    if database.is_sqlite:
        return BotRateLimiter(overall_per_s=overall_per_s)
    return BotRateLimiter(
        overall_per_s=overall_per_s,
        board=SharedPause(database),
        pace=SharedPace(SharedBudget(database, overall_per_s)),
    )


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]
