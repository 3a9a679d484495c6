"""Benchmark delivery: one `calcibot run --no-updates` process draining a burst, and kill -9.

Run from the repository root (about four minutes):

    .venv/bin/python -m bench.dispatch [--burst 3000] [--kill-burst 400] [--drain-burst 3000]

1. Throughput: `burst` reminders due at once (one per user), sent by one child process to the
   fake Bot API with no delay and no rate limit of its own (the bot's limit set to 1,000/s,
   Telegram's paid-broadcast ceiling); figure = reminders / (last receipt - first receipt).
   Once on SQLite, once on a throwaway PostgreSQL cluster.
2. Three processes on one PostgreSQL, fake unthrottled, the bot's total at 1,000/s:
   throughput_postgres_3p_per_s.
3. Three processes on one PostgreSQL, the fake enforcing Telegram's 30 msg/s for the bot and
   the bot's total set to 30/s: `drain-burst` reminders; drain_ratio_at_30_per_s is the rate
   achieved over 30/s, drain_429s the 429s drawn (should be 0).
4. kill -9: `kill-burst` reminders on PostgreSQL, each answer delayed 50 ms; the child is
   SIGKILLed after a quarter of them, then a dispatcher past the lease sends the rest.
   kill9_duplicates counts reminders received twice, kill9_in_flight is the bound (the
   engine's concurrency), lost the reminders never received.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scheduler.dispatcher import Dispatcher
from storage.database import Database, make_engine
from storage.migrate import upgrade
from tests.e2e.burst import (
    plant_due,
    received,
    reminder_ids,
    start_bot,
    start_processes,
    wait_exit,
    wait_for_sends,
)
from tests.scheduler.support import RecordingNotifier, engine_config, reminders
from tests.support.clock import FakeClock
from tests.support.fakebot import FakeBotApi
from tests.support.postgres import running_cluster

KILL_ANSWER_DELAY_S = 0.05
PROCESSES = 3
# Telegram's overall limit for a bot (core.telegram.org/bots/faq).
TELEGRAM_PER_S = 30


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--burst", type=int, default=3000, help="reminders for throughput")
    parser.add_argument("--kill-burst", type=int, default=400, help="reminders for kill -9")
    parser.add_argument(
        "--drain-burst", type=int, default=3000, help="reminders for the 30 msg/s drain"
    )
    return parser.parse_args()


async def _fresh(url: str) -> Database:
    database = Database(make_engine(url))
    await upgrade(database)
    return database


async def _throughput(url: str, burst: int, workdir: Path) -> float:
    database = await _fresh(url)
    async with FakeBotApi() as fake:
        await plant_due(database, fake, burst)
        child = start_bot(fake, url, workdir, "--no-updates")
        try:
            await wait_for_sends(fake, 1, child)
            done = await fake.state.changes.wait_until(
                lambda: sum(received(fake).values()) >= burst, 600
            )
            child.send_signal(signal.SIGTERM)
            await wait_exit(child, 10)
        finally:
            child.kill()
        await database.dispose()
        if not done:
            raise RuntimeError("the burst did not drain")
        arrivals = [call.at for call in fake.requests if call.method == "sendMessage"]
        return burst / (max(arrivals) - min(arrivals))


async def _three_processes(
    url: str, burst: int, workdir: Path, limit_per_s: float | None
) -> tuple[float, int]:
    """Drain `burst` with 3 processes; return (reminders/s, 429s), under `limit_per_s` if set."""
    database = await _fresh(url)
    extra = {} if limit_per_s is None else {"CALCIBOT_RATE_GLOBAL_PER_S": str(limit_per_s)}
    async with FakeBotApi() as fake:
        if limit_per_s is not None:
            fake.enforce_rate_limit(per_chat_per_s=1, global_per_s=limit_per_s)
        await plant_due(database, fake, burst)
        children = start_processes(fake, url, workdir, PROCESSES, **extra)
        try:
            await wait_for_sends(fake, 1, children[0])
            done = await fake.state.changes.wait_until(lambda: len(received(fake)) >= burst, 900)
            for child in children:
                child.send_signal(signal.SIGTERM)
            for child in children:
                await wait_exit(child, 10)
        finally:
            for child in children:
                child.kill()
        await database.dispose()
        if not done:
            raise RuntimeError("the burst did not drain")
        arrivals = [call.at for call in fake.requests if call.method == "sendMessage"]
        return (len(arrivals) - 1) / (max(arrivals) - min(arrivals)), fake.rate_limit_violations


async def _kill9(url: str, burst: int, workdir: Path) -> dict[str, int]:
    database = await _fresh(url)
    config = engine_config()
    async with FakeBotApi() as fake:
        due = await plant_due(database, fake, burst)
        fake.delay("sendMessage", KILL_ANSWER_DELAY_S)
        child = start_bot(fake, url, workdir, "--no-updates")
        try:
            await wait_for_sends(fake, burst // 4, child)
            child.send_signal(signal.SIGKILL)
            await wait_exit(child, 10)
        finally:
            child.kill()
        fake.delay("sendMessage", 0)
        first = received(fake)
    clock = FakeClock(datetime.now(UTC) + config.lease + timedelta(seconds=1))
    after = RecordingNotifier(clock=clock)
    await Dispatcher(database, after, clock, config).dispatch_due(clock.now())
    counts = first + reminder_ids(after.sent)
    planted = {row.id for row in await reminders(database) if row.due_at == due}
    await database.dispose()
    return {
        "kill9_duplicates": sum(count - 1 for count in counts.values()),
        "kill9_in_flight": config.concurrency,
        "lost": len(planted - set(counts)),
    }


async def _main(args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {"burst": args.burst}
    with tempfile.TemporaryDirectory(prefix="calcibot-dispatch-") as folder:
        root = Path(folder)
        sqlite_url = f"sqlite+aiosqlite:///{root / 'bench.db'}"
        figures["throughput_per_s"] = round(await _throughput(sqlite_url, args.burst, root), 1)
        print(f"SQLite: {figures['throughput_per_s']} reminders/s", flush=True)
        with running_cluster() as cluster:
            pg_url = cluster.url("postgres")
            rate = await _throughput(pg_url, args.burst, root)
            figures["throughput_postgres_per_s"] = round(rate, 1)
            print(f"PostgreSQL: {round(rate, 1)} reminders/s", flush=True)
        with running_cluster() as cluster:
            rate, _ = await _three_processes(cluster.url("postgres"), args.burst, root / "3p", None)
            figures["throughput_postgres_3p_per_s"] = round(rate, 1)
            print(f"PostgreSQL, 3 processes: {round(rate, 1)} reminders/s", flush=True)
        with running_cluster() as cluster:
            url = cluster.url("postgres")
            rate, refused = await _three_processes(url, args.drain_burst, root / "30", 30)
            figures["drain_ratio_at_30_per_s"] = round(rate / TELEGRAM_PER_S, 3)
            figures["drain_429s"] = refused
            print(f"3 processes at 30 msg/s: {round(rate, 1)}/s, {refused} 429s", flush=True)
        with running_cluster() as cluster:
            figures.update(await _kill9(cluster.url("postgres"), args.kill_burst, root))
            print(f"kill -9: {figures}", flush=True)
    return figures


def main() -> None:
    """Run every part and print the figures, the JSON line last."""
    figures = asyncio.run(_main(_args()))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
