"""Fault injection: scripted errors, blocked users, slow answers and an enforced rate limit."""

from __future__ import annotations

import asyncio
import contextlib
import math
import random
import time
from collections import Counter, defaultdict, deque
from dataclasses import dataclass
from typing import Any

from . import errors
from .errors import ApiError


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made, as logged before any fault was applied."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic()


@dataclass
class _Failure:
    status: int
    description: str | None
    retry_after: int | None
    remaining: int


class _Bucket:
    """A token bucket: ``rate`` tokens per second, holding at most ``capacity``."""

    def __init__(self, rate: float, capacity: float) -> None:
        self.rate = rate
        self.capacity = capacity
        self.tokens = capacity
        self.stamp = time.monotonic()

    def shortfall(self, now: float, tolerance_s: float) -> float:
        """Return 0 if a token is available (taking it), else the seconds until one is."""
        elapsed = max(0.0, now - self.stamp)  # a bucket made after ``now`` was read is full
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.stamp = max(self.stamp, now)
        # The tolerance absorbs scheduling jitter between a well-paced client and this server.
        if self.tokens + tolerance_s * self.rate >= 1:
            self.tokens -= 1
            return 0.0
        return (1 - self.tokens) / self.rate


@dataclass
class _RateLimit:
    per_chat_per_s: float
    global_per_s: float
    retry_after: int | None
    tolerance_s: float
    overall: _Bucket
    chats: dict[int, _Bucket]


class Faults:
    """Call counting and the faults a test can switch on; mixed into ``FakeBotApi``."""

    def __init__(self) -> None:
        self.calls: Counter[str] = Counter()
        self.requests: list[ApiCall] = []
        self.rate_limit_violations = 0
        # (time.monotonic(), retry_after) of every 429 answered, scripted or rate-limited.
        self.flood_waits: list[tuple[float, int]] = []
        self._failures: defaultdict[str, deque[_Failure]] = defaultdict(deque)
        self._blocked: set[int] = set()
        self._delays: dict[str, float] = {}
        self._rate_limit: _RateLimit | None = None
        self._stopping = asyncio.Event()
        self._mix: tuple[str, float, float, float, random.Random] | None = None

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int | None = 1,
        description: str | None = None,
        count: int = 1,
    ) -> None:
        """Answer the next ``count`` calls of ``method`` ("*" for any) with an error.

        429 carries ``retry_after`` (Telegram's flood-wait); other statuses ignore it, so
        ``fail_next("sendMessage", status=502)`` is a plain gateway error.
        """
        retry = retry_after if status == 429 else None
        self._failures[method.lower()].append(_Failure(status, description, retry, count))

    def block(self, chat_id: int) -> None:
        """Make every later call aimed at ``chat_id`` fail with 403, as after a user blocks."""
        self._blocked.add(chat_id)

    def unblock(self, chat_id: int) -> None:
        """Let calls to ``chat_id`` through again."""
        self._blocked.discard(chat_id)

    def is_blocked(self, chat_id: int) -> bool:
        """Tell whether calls to ``chat_id`` currently fail with 403."""
        return chat_id in self._blocked

    def delay(self, method: str, seconds: float) -> None:
        """Hold every later answer to ``method`` ("*" for any) for ``seconds``; 0 to stop."""
        if seconds > 0:
            self._delays[method.lower()] = seconds
        else:
            self._delays.pop(method.lower(), None)

    def enforce_rate_limit(
        self,
        per_chat_per_s: float = 1.0,
        global_per_s: float = 30.0,
        *,
        retry_after: int | None = None,
        tolerance_s: float = 0.05,
    ) -> None:
        """Answer 429 to sends faster than Telegram allows and count each violation.

        Defaults are Telegram's published limits (core.telegram.org/bots/faq: about one
        message per second per chat, 30 per second overall); ``retry_after`` defaults to the
        wait actually needed, rounded up.
        """
        self._rate_limit = _RateLimit(
            per_chat_per_s,
            global_per_s,
            retry_after,
            tolerance_s,
            overall=_Bucket(global_per_s, global_per_s),
            chats={},
        )

    def fault_mix(
        self,
        method: str,
        *,
        server_error_rate: float,
        timeout_rate: float,
        timeout_s: float,
        seed: int,
    ) -> None:
        """Answer a seeded random share of ``method`` calls with 502, and hold another share
        for ``timeout_s`` (longer than the client waits) before answering."""
        self._mix = (
            method.lower(),
            server_error_rate,
            timeout_rate,
            timeout_s,
            random.Random(seed),
        )

    def stop_fault_mix(self) -> None:
        """Stop the random faults."""
        self._mix = None

    def stop_rate_limit(self) -> None:
        """Stop enforcing the rate limit (violations so far are kept)."""
        self._rate_limit = None

    def log_call(self, method: str, params: dict[str, Any]) -> None:
        """Count and remember one request."""
        self.calls[method] += 1
        self.requests.append(ApiCall(method, params, time.monotonic()))

    async def apply_faults(self, method: str, chat_id: int | None) -> None:
        """Delay, then raise the error this call should get, if any."""
        seconds = self._delays.get(method.lower(), self._delays.get("*", 0.0))
        held = False  # answered after the client gave up: scripted errors wait for the next call
        if self._mix is not None and self._mix[0] == method.lower():
            _, error_rate, timeout_rate, timeout_s, rng = self._mix
            draw = rng.random()
            if draw < error_rate:
                raise ApiError(502, "Bad Gateway")
            if draw < error_rate + timeout_rate:
                seconds, held = max(seconds, timeout_s), True
        if seconds:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), seconds)
        for key in () if held else (method.lower(), "*"):
            queue = self._failures.get(key)
            if queue:
                failure = queue[0]
                failure.remaining -= 1
                if failure.remaining <= 0:
                    queue.popleft()
                if failure.status == 429:
                    self.flood_waits.append((time.monotonic(), failure.retry_after or 0))
                raise ApiError(failure.status, failure.description, retry_after=failure.retry_after)
        if method.startswith("send") and method != "sendChatAction":
            self._check_rate(chat_id)
        if chat_id is not None and chat_id in self._blocked:
            raise ApiError(403, errors.BLOCKED)

    def _check_rate(self, chat_id: int | None) -> None:
        limit = self._rate_limit
        if limit is None:
            return
        now = time.monotonic()
        wait = limit.overall.shortfall(now, limit.tolerance_s)
        if not wait and chat_id is not None:
            bucket = limit.chats.setdefault(chat_id, _Bucket(limit.per_chat_per_s, 1.0))
            wait = bucket.shortfall(now, limit.tolerance_s)
            if wait:
                limit.overall.tokens += 1  # the refused send gives its global token back
        if wait:
            self.rate_limit_violations += 1
            retry_after = limit.retry_after or max(1, math.ceil(wait))
            self.flood_waits.append((time.monotonic(), retry_after))
            raise ApiError(429, retry_after=retry_after)
