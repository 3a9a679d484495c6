"""The three measurements of bench/reminders.py, each in a fresh child process.

The fake Bot API runs here, in the parent, so the child's memory is the bot's alone; it
stamps every sendMessage with the wall clock when its handler gets the request.
"""

from __future__ import annotations

import asyncio
import json
import math
import os
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import psutil

from bench import _reminders_prep as prep
from bench._reminders_shape import MARK
from tests.support.fakebot import FakeBotApi

ROOT = Path(__file__).resolve().parent.parent
PYCACHE = ROOT / "bench" / "out" / "pycache"
# Rates that never hold a send back ("no rate limit"); the fake enforces none either.
UNLIMITED = {"rate_global_per_s": 1_000_000.0, "rate_per_chat_per_s": 1_000.0}
# The bot's defaults (README): Telegram's ~30/s overall and ~1/s per chat, with margin.
DEFAULT_RATES = {"rate_global_per_s": 25.0, "rate_per_chat_per_s": 1.0}


class TimedFake(FakeBotApi):
    """The fake Bot API, noting when each sendMessage arrived and the bot's RSS at the first."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: list[tuple[float, int]] = []
        self.first_send = asyncio.Event()
        self.watch_pid: int | None = None
        self.rss_at_first_mb: float | None = None

    def log_call(self, method: str, params: dict[str, Any]) -> None:
        """Stamp sends before the fake does anything else with them."""
        if method == "sendMessage":
            self.arrivals.append((time.time(), int(params["chat_id"])))
            if not self.first_send.is_set():
                self.first_send.set()
                if self.watch_pid is not None:
                    rss = psutil.Process(self.watch_pid).memory_info().rss
                    self.rss_at_first_mb = rss / 2**20
        super().log_call(method, params)


def child_env(*, bytecode: bool) -> dict[str, str]:
    """Return the environment of a child: the bot's (PTB_TIMEDELTA as scripts/run sets it).

    With `bytecode`, compiled modules are read from (and written to) bench/out/pycache, as a
    pip-installed bot reads its .pyc files; without, every module is compiled from source at
    every start, as under PYTHONDONTWRITEBYTECODE=1 with no .pyc around.
    """
    env = dict(os.environ, PTB_TIMEDELTA="1")
    env.pop("PYTHONPYCACHEPREFIX", None)
    if bytecode:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(PYCACHE)
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class Child:
    """A child process running one mode of bench._reminders_child."""

    def __init__(
        self, mode: str, config: dict[str, Any], log: Path, *, bytecode: bool = True
    ) -> None:
        self.mode, self.config, self.log = mode, config, log
        self.env = child_env(bytecode=bytecode)
        self.spawned = 0.0
        self.proc: asyncio.subprocess.Process | None = None

    async def start(self) -> int:
        """Spawn the child; return its pid. `spawned` is the wall clock just before."""
        command = [sys.executable, "-m", "bench._reminders_child", self.mode]
        self.spawned = time.time()
        self.proc = await asyncio.create_subprocess_exec(
            *command,
            json.dumps(self.config),
            cwd=ROOT,
            env=self.env,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=self.log.open("wb"),
        )
        return self.proc.pid

    def _process(self) -> asyncio.subprocess.Process:
        if self.proc is None or self.proc.stdin is None or self.proc.stdout is None:
            raise RuntimeError("the child was not started")
        return self.proc

    async def report(self, within_s: float) -> dict[str, Any]:
        """Return the child's next marked line; fail with its log when it has none."""
        stdout = self._process().stdout
        try:
            async with asyncio.timeout(within_s):
                while line := (await stdout.readline()).decode():  # type: ignore[union-attr]
                    if line.startswith(MARK):
                        found: dict[str, Any] = json.loads(line[len(MARK) :])
                        if "error" in found:
                            break
                        return found
        except TimeoutError:
            pass
        tail = self.log.read_text(errors="replace")[-3000:]
        raise RuntimeError(f"{self.mode} child gave no report; its log ends:\n{tail}")

    async def finish(self) -> dict[str, Any] | None:
        """Close its stdin, take a last report if it gives one, and wait for it to leave."""
        proc = self._process()
        proc.stdin.close()  # type: ignore[union-attr]
        last = None
        if proc.returncode is None and self.mode == "lateness":
            last = await self.report(within_s=30)
        try:
            await asyncio.wait_for(proc.wait(), 30)
        except TimeoutError:
            proc.kill()
            await proc.wait()
        return last


def bot_config(fake: FakeBotApi, database: Path, rates: dict[str, float]) -> dict[str, Any]:
    """Return what a bot child needs to boot against the fake and the file."""
    url = f"sqlite+aiosqlite:///{database}"
    return {"token": fake.token, "base_url": fake.base_url, "database_url": url, **rates}


def _since(phases: dict[str, float], origin: float) -> dict[str, float]:
    return {name: round(at - origin, 3) for name, at in phases.items()}


async def measure_startup(
    database: Path, chats: list[int], log: Path, *, bytecode: bool
) -> dict[str, Any]:
    """Boot the bot on the big file; time spawn → the fake receiving the first reminder."""
    async with TimedFake() as fake:
        for chat in chats:
            fake.add_user(chat, started=True)
        config = bot_config(fake, database, DEFAULT_RATES)
        child = Child("startup", config, log, bytecode=bytecode)
        fake.watch_pid = await child.start()
        found = await child.report(within_s=180)
        await child.finish()
        first = fake.arrivals[0][0]
    phases = found["phases"]
    return {
        "startup_s": first - child.spawned,
        "startup_from_db_open_s": first - phases["db_open"],
        "rss_mb": found["peak_rss_mb"],
        "rss_at_first_receipt_mb": fake.rss_at_first_mb,
        "phases_s": _since({**phases, "first_received": first}, child.spawned),
        "composition": found["composition"],
        "sent_in_first_dispatch": found["report"]["sent"],
    }


async def measure_baseline(n: int, out: Path) -> dict[str, Any]:
    """Register `n` run_daily jobs in a fresh process; time spawn → the first job firing."""
    config = {"token": "123456789:AAFakeTokenForCalcibotTests", "n": n}
    child = Child("baseline", config, out / f"baseline-{n}.log")
    await child.start()
    found = await child.report(within_s=60 + n / 500)
    await child.finish()
    phases = found["phases"]
    return {
        "n": n,
        "startup_s": phases["first_fire"] - child.spawned,
        "register_s": phases["registered"] - phases["imported"],
        "rss_mb": found["peak_rss_mb"],
        "jobs": found["jobs"],
        "phases_s": _since(phases, child.spawned),
    }


async def measure_lateness(
    database: Path, count: int, lead: timedelta, spread: timedelta, out: Path
) -> dict[str, Any]:
    """Send `count` reminders due over `spread` from `lead` ahead; return the lateness stats."""
    first = datetime.now(UTC) + lead
    # In a thread: the schema comes from the migrations, which run their own event loop.
    due = await asyncio.to_thread(prep.lateness_db, database, count, first=first, spread=spread)
    async with TimedFake() as fake:
        for chat in due:
            fake.add_user(chat, started=True)
        child = Child("lateness", bot_config(fake, database, UNLIMITED), out / "lateness.log")
        await child.start()
        ready = await child.report(within_s=120)
        parent_cpu = psutil.Process().cpu_times()
        margin = first.timestamp() - ready["at"]
        print(f"  bot ready {margin:.1f} s before the first reminder is due")
        last = max(due.values())
        with_drain = last + 60 - time.time()
        await fake.state.changes.wait_until(lambda: len(fake.arrivals) >= count, with_drain)
        last = await child.finish() or {}
        arrivals = list(fake.arrivals)
        parent_cpu_s = sum(psutil.Process().cpu_times()[:2]) - sum(parent_cpu[:2])
    late: dict[int, float] = {}
    for at, chat in arrivals:
        late.setdefault(chat, at - due[chat])
    values = sorted(late.values())
    span = max(at for at, _ in arrivals) - min(due.values()) if arrivals else math.nan
    return {
        "n": count,
        "received": len(values),
        "duplicates": len(arrivals) - len(values),
        "p50_s": percentile(values, 0.50),
        "p99_s": percentile(values, 0.99),
        "max_s": values[-1] if values else math.nan,
        "min_s": values[0] if values else math.nan,
        "ready_margin_s": margin,
        "throughput_per_s": len(values) / span if arrivals else math.nan,
        "peak_rss_mb": last.get("peak_rss_mb", ready["peak_rss_mb"]),
        "ticks": last.get("ticks"),
        "bot_cpu_s": last.get("cpu_s"),
        "fake_cpu_s": parent_cpu_s,
    }


def percentile(ordered: list[float], fraction: float) -> float:
    """Return the nearest-rank percentile of sorted values."""
    if not ordered:
        return math.nan
    return ordered[min(len(ordered) - 1, math.ceil(fraction * len(ordered)) - 1)]
