"""Benchmark the reminder engine: start-up and memory at 1M schedules, a baseline, lateness.

Run from the repository root (about 3.5 minutes; building the 1M-schedule file the first time,
untimed, adds about 20 s; it is cached in bench/out/, which git ignores):

    .venv/bin/python -m bench.reminders [--n 1000000] [--baseline-n 200000] [--lateness-n 10000]

Every measured process is a fresh child (bench/_reminders_child.py); the fake Bot API runs in
this process, so the child's memory is the bot's alone. Children read compiled modules from
bench/out/pycache (warmed by an untimed boot), as a pip-installed bot reads its .pyc files.

1. Start-up: the child boots the bot the way `calcibot run` does (bot.app's Application with
   its handlers, the bot-wide rate limiter at the default rates, the real TelegramNotifier and
   ReminderEngine on PTB's JobQueue) on a SQLite file of `n` active schedules, each with one
   pending reminder, DUE_NOW of them due. startup_s runs from just before the child is
   spawned (interpreter, imports and all) to the fake receiving the first reminder;
   startup_from_db_open_s from just before the bot creates its database engine;
   startup_s_no_bytecode is a boot that compiles every module from source, as Python does
   here under PYTHONDONTWRITEBYTECODE=1. rss_mb is the child's peak RSS (VmHWM) once the
   first dispatch is done.
2. Baseline: a child registers one JobQueue.run_daily job per schedule (times and zones
   spread) on a started JobQueue, as bots without a reminder table do; timed from spawn to
   the first job firing after all are registered. It reads no database: a lower bound. It
   runs at 100k and at --baseline-n (cut to fit 8 GB), and is scaled linearly to `n`
   (registration costs grow a little faster than linearly: 1M measured 352 s, 4.5 GB).
3. Lateness: `lateness-n` one-off reminders due evenly over one minute from about 5 s after
   the bot is up, sent with no rate limit; lateness = the fake's receipt time - due_at.

The last line printed is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a file: make the repository root importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import _reminders_prep as prep
from bench import _reminders_runs as runs

OUT = Path(__file__).resolve().parent / "out"
# A baseline run whose projected peak RSS passes this is cut down to fit (the machine has 24).
BASELINE_MEMORY_CAP_MB = 8 * 1024
BASELINE_PROBE_N = 100_000
TARGETS = {"startup_s": 2.0, "rss_mb": 200.0, "lateness_p99_s": 1.0}


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="schedules for start-up")
    parser.add_argument(
        "--baseline-n", type=int, default=200_000, help="run_daily jobs (time grows with it)"
    )
    parser.add_argument("--lateness-n", type=int, default=10_000, help="reminders in a minute")
    parser.add_argument("--lateness-spread-s", type=float, default=60.0)
    parser.add_argument("--rebuild", action="store_true", help="rebuild the cached database")
    parser.add_argument(
        "--parts", default="startup,baseline,lateness", help="comma-separated subset to run"
    )
    return parser.parse_args()


async def _baseline(wanted: int) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Probe at 100k, then run the largest size up to `wanted` that fits the memory cap."""
    points = []
    probe_n = min(wanted, BASELINE_PROBE_N)
    probe = await runs.measure_baseline(probe_n, OUT)
    _print_baseline(probe)
    points.append(probe)
    size = wanted
    if probe["rss_mb"] * wanted / probe_n > BASELINE_MEMORY_CAP_MB:
        size = int(BASELINE_MEMORY_CAP_MB / probe["rss_mb"] * probe_n) // 100_000 * 100_000
        print(f"  {wanted:,} jobs would pass {BASELINE_MEMORY_CAP_MB} MB; running {size:,}")
    if size > probe_n:
        result = await runs.measure_baseline(size, OUT)
        _print_baseline(result)
        points.append(result)
    return points[-1], points


def _print_baseline(result: dict[str, Any]) -> None:
    per_job_us = result["register_s"] / result["n"] * 1e6
    print(
        f"  {result['n']:>9,} jobs: first fire {result['startup_s']:.2f} s after spawn"
        f" (registering {result['register_s']:.2f} s, {per_job_us:.0f} µs/job),"
        f" peak RSS {result['rss_mb']:.0f} MB"
    )


async def _startup(args: argparse.Namespace) -> dict[str, Any]:
    path = OUT / f"reminders-{args.n}.db"
    chats = await asyncio.to_thread(prep.startup_db, path, args.n, rebuild=args.rebuild)
    print(f"\n1. start-up with {args.n:,} schedules ({len(chats)} due now)")
    cold = await runs.measure_startup(path, chats, OUT / "startup-cold.log", bytecode=False)
    print(f"  without bytecode (every module compiled at start): {cold['startup_s']:.3f} s")
    # An untimed boot that leaves every module it imports compiled in bench/out/pycache.
    chats = await asyncio.to_thread(prep.again, path, args.n)
    await runs.measure_startup(path, chats, OUT / "startup-warm-up.log", bytecode=True)
    chats = await asyncio.to_thread(prep.again, path, args.n)
    startup = await runs.measure_startup(path, chats, OUT / "startup.log", bytecode=True)
    startup["startup_s_no_bytecode"] = cold["startup_s"]
    startup["rss_mb_no_bytecode"] = cold["rss_mb"]
    print(f"  composition: {startup['composition']}")
    print(f"  phases after spawn (s): {json.dumps(startup['phases_s'])}")
    print(
        f"  startup_s={startup['startup_s']:.3f} (from db open"
        f" {startup['startup_from_db_open_s']:.3f})  peak RSS {startup['rss_mb']:.1f} MB"
        f" (RSS at first receipt {startup['rss_at_first_receipt_mb']:.1f} MB)"
    )
    return startup


async def _lateness(args: argparse.Namespace, boot_s: float) -> dict[str, Any]:
    print(f"\n3. lateness: {args.lateness_n:,} reminders over {args.lateness_spread_s:g} s")
    # Due from about 5 s after the bot is up (a boot on a small file takes about as long).
    lateness = await runs.measure_lateness(
        OUT / "lateness.db",
        args.lateness_n,
        timedelta(seconds=boot_s + 5.0),
        timedelta(seconds=args.lateness_spread_s),
        OUT,
    )
    print(
        f"  received {lateness['received']:,}/{lateness['n']:,}"
        f" (duplicates {lateness['duplicates']}); lateness p50 {lateness['p50_s']:.3f} s,"
        f" p99 {lateness['p99_s']:.3f} s, max {lateness['max_s']:.3f} s,"
        f" min {lateness['min_s']:.3f} s; bot peak RSS {lateness['peak_rss_mb']:.0f} MB"
    )
    print(
        f"  sent {lateness['throughput_per_s']:.0f}/s on average from the first due time"
        f" (offered {args.lateness_n / args.lateness_spread_s:.0f}/s)"
    )
    print(f"  engine ticks: {json.dumps(lateness['ticks'])}")
    print(
        f"  CPU time: bot {lateness['bot_cpu_s']:.1f} s (boot included),"
        f" fake API {lateness['fake_cpu_s']:.1f} s"
    )
    return lateness


async def _run(args: argparse.Namespace) -> dict[str, Any]:
    parts = set(args.parts.split(","))
    found: dict[str, Any] = {}
    if "startup" in parts:
        found["startup"] = await _startup(args)
    if "baseline" in parts:
        print(f"\n2. baseline: one run_daily job per schedule, up to {args.baseline_n:,}")
        found["baseline"], found["points"] = await _baseline(args.baseline_n)
    if "lateness" in parts:
        boot_s = found["startup"]["phases_s"]["app_started"] if "startup" in found else 5.0
        found["lateness"] = await _lateness(args, boot_s)
    return found


def _summary(args: argparse.Namespace, found: dict[str, Any]) -> dict[str, Any]:
    startup = found.get("startup", {})
    baseline = found.get("baseline", {})
    lateness = found.get("lateness", {})
    scale = args.n / baseline["n"] if baseline else None

    def pick(part: dict[str, Any], key: str, digits: int, factor: float | None = 1.0) -> Any:
        value = part.get(key)
        return None if value is None or factor is None else round(value * factor, digits)

    summary = {
        "n": args.n,
        "startup_s": pick(startup, "startup_s", 3),
        "startup_from_db_open_s": pick(startup, "startup_from_db_open_s", 3),
        "startup_s_no_bytecode": pick(startup, "startup_s_no_bytecode", 3),
        "rss_mb": pick(startup, "rss_mb", 1),
        "baseline_n": baseline.get("n"),
        "baseline_startup_s": pick(baseline, "startup_s", 2),
        "baseline_rss_mb": pick(baseline, "rss_mb", 1),
        "baseline_startup_s_scaled": pick(baseline, "startup_s", 1, scale),
        "baseline_rss_mb_scaled": pick(baseline, "rss_mb", 1, scale),
        "lateness_n": lateness.get("n"),
        "lateness_received": lateness.get("received"),
        "lateness_p50_s": pick(lateness, "p50_s", 4),
        "lateness_p99_s": pick(lateness, "p99_s", 4),
        "lateness_max_s": pick(lateness, "max_s", 4),
        "lateness_throughput_per_s": pick(lateness, "throughput_per_s", 1),
    }
    summary["targets_met"] = {
        key: summary[key] < limit for key, limit in TARGETS.items() if summary[key] is not None
    }
    return summary


def main() -> None:
    """Run the measurements and print the summary line last."""
    args = _args()
    began = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    found = asyncio.run(_run(args))
    summary = _summary(args, found)
    summary["runtime_s"] = round(time.perf_counter() - began, 1)
    print(f"\nbenchmark took {summary['runtime_s']:.0f} s")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
