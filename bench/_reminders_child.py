"""One measured process of the reminder benchmark: a booting bot, or the run_daily baseline.

Run by bench/reminders.py as `python -m bench._reminders_child MODE CONFIG_JSON`; it reports
on stdout in marked JSON lines (epoch timestamps, comparable with the parent's) and leaves
with os._exit, so no shutdown work is counted or waited for.

- startup: the bot as `calcibot run` boots it (bot.app's build_application, initialize,
  on_startup, start_polling, start), reporting once the first dispatch has sent.
- lateness: the same boot with the rate limits raised; reports when started, then runs
  until its stdin closes.
- baseline: a typical bot's way: one JobQueue.run_daily job per schedule.
"""

import time

STARTED = time.time()  # before any import beyond time: the child's own start

import asyncio  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from typing import Any  # noqa: E402

from bench._reminders_shape import (  # noqa: E402
    ZONES,
    emit,
    memory_mb,
    telegram_id,
    user_of,
    wall_minute,
)

_FIRST_SEND_TIMEOUT_S = 120


async def _boot(config: dict[str, Any], phases: dict[str, float]) -> tuple[Any, Any, str]:
    """Boot the bot against the fake API; return the Application, engine and composition."""
    composition = "bot.app"
    try:
        from bot.app import build_application, on_startup
    except Exception as error:  # another feature's half-finished edit must not stop the bench
        composition = f"minimal (bot.app failed to import: {type(error).__name__})"
        build_application = None

    from bot.settings import Settings
    from storage.database import Database, make_engine

    phases["imported"] = time.time()
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        TELEGRAM_BOT_TOKEN=config["token"],
        TELEGRAM_API_BASE_URL=config["base_url"],
        DATABASE_URL=config["database_url"],
        CALCIBOT_RATE_GLOBAL_PER_S=config["rate_global_per_s"],
        CALCIBOT_RATE_PER_CHAT_PER_S=config["rate_per_chat_per_s"],
    )
    phases["db_open"] = time.time()
    database = Database(make_engine(settings.database_url))
    if build_application is not None:
        app = build_application(settings, database)
        await app.initialize()
        phases["initialized"] = time.time()
        await on_startup(app)
        engine = app.engine
    else:
        from telegram.ext import ApplicationBuilder

        from bot.notifier import TelegramNotifier
        from bot.rate_limit import bot_rate_limiter
        from bot.wiring import build_engine
        from scheduler.clock import SystemClock
        from storage.migrate import upgrade

        limiter = bot_rate_limiter(settings.rate_global_per_s, database)
        builder = ApplicationBuilder().token(config["token"]).base_url(config["base_url"])
        app = builder.rate_limiter(limiter).build()
        await app.initialize()
        phases["initialized"] = time.time()
        await upgrade(database)
        notifier = TelegramNotifier(app.bot, per_chat_per_s=settings.rate_per_chat_per_s)
        engine = build_engine(database, notifier, settings, SystemClock())
        engine.start(app.job_queue)
    phases["engine_started"] = time.time()
    if app.updater is not None:  # run_polling's order: initialize, post_init, polling, start
        await app.updater.start_polling(allowed_updates=["message", "callback_query"])
    await app.start()
    phases["app_started"] = time.time()
    return app, engine, composition


async def startup(config: dict[str, Any]) -> None:
    """Boot, wait for the first dispatch to send, report timings and memory."""
    phases = {"child_started": STARTED}
    _app, engine, composition = await _boot(config, phases)
    deadline = time.monotonic() + _FIRST_SEND_TIMEOUT_S
    while engine.last_report.sent == 0:
        if time.monotonic() > deadline:
            emit(error="no reminder sent", phases=phases, report=vars(engine.last_report))
            return
        await asyncio.sleep(0.001)
    phases["first_dispatch_done"] = time.time()
    emit(phases=phases, composition=composition, report=vars(engine.last_report), **memory_mb())


def _trace_ticks(engine: Any) -> dict[str, float]:
    """Count the engine's ticks, their time, and the ticks that ended in the 1 s back-off.

    A tick still running when the stats are read has its age in "running_since" instead.
    """
    stats = {"ticks": 0, "busy_s": 0.0, "longest_s": 0.0, "back_offs": 0, "running_since": 0.0}
    tick = engine.tick

    async def traced() -> Any:
        began = stats["running_since"] = time.perf_counter()
        next_at = await tick()
        stats["running_since"] = 0.0
        took = time.perf_counter() - began
        stats["ticks"] += 1
        stats["busy_s"] += took
        stats["longest_s"] = max(stats["longest_s"], took)
        # A tick arms the next wake-up at the next due time, or later only when it gave up.
        if next_at is not None and engine.next_wake is not None and engine.next_wake > next_at:
            stats["back_offs"] += 1
        return next_at

    engine.tick = traced
    return stats


async def lateness(config: dict[str, Any]) -> None:
    """Boot, report, and keep dispatching until the parent closes stdin."""
    phases = {"child_started": STARTED}
    _app, engine, composition = await _boot(config, phases)
    ticks = _trace_ticks(engine)
    emit(phases=phases, composition=composition, **memory_mb())
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    await reader.read()
    if ticks["running_since"]:
        ticks["running_since"] = time.perf_counter() - ticks["running_since"]
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_s = usage.ru_utime + usage.ru_stime
    emit(report=vars(engine.last_report), ticks=ticks, cpu_s=cpu_s, **memory_mb())


async def baseline(config: dict[str, Any]) -> None:
    """Register one run_daily job per schedule on a started JobQueue; time the first firing."""
    from datetime import time as wall
    from zoneinfo import ZoneInfo

    from telegram.ext import ApplicationBuilder, CallbackContext

    phases = {"child_started": STARTED, "imported": time.time()}
    # Never initialised: the baseline sends nothing, so it needs no Bot API at all.
    app = ApplicationBuilder().token(config["token"]).build()
    jobs = app.job_queue
    if jobs is None:
        raise RuntimeError("PTB's job queue is missing: install python-telegram-bot[job-queue]")
    await jobs.start()
    zones = [ZoneInfo(name) for name in ZONES]

    async def remind(_context: CallbackContext[Any, Any, Any, Any]) -> None:
        return None

    every_day, three_days = tuple(range(7)), (0, 2, 4)
    for s in range(1, int(config["n"]) + 1):
        user, minute = user_of(s), wall_minute(s)
        jobs.run_daily(
            remind,
            wall(minute // 60, minute % 60, tzinfo=zones[user % len(zones)]),
            days=every_day if s % 2 else three_days,
            name=f"schedule-{s}",
            chat_id=telegram_id(user),
            user_id=telegram_id(user),
        )
    phases["registered"] = time.time()
    fired = asyncio.Event()

    async def first(_context: CallbackContext[Any, Any, Any, Any]) -> None:
        fired.set()

    # No misfire grace: APScheduler's default of 1 s skips a job that runs later than that,
    # and the loop is still busy with one queued wake-up per registration when it comes due.
    jobs.run_once(first, 0, job_kwargs={"misfire_grace_time": None})
    await fired.wait()
    phases["first_fire"] = time.time()
    emit(phases=phases, jobs=len(jobs.scheduler.get_jobs()), **memory_mb())


def main() -> None:
    """Run one mode, then leave at once (no shutdown work, nothing left to wait for).

    With BENCH_PROFILE=DIR in the environment, the run is profiled into DIR/MODE.prof.
    """
    mode, config = sys.argv[1], json.loads(sys.argv[2])
    run = {"startup": startup, "lateness": lateness, "baseline": baseline}[mode]
    profile_dir = os.environ.get("BENCH_PROFILE")
    profiler = None
    if profile_dir:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()

    async def once() -> None:
        await run(config)
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(os.path.join(profile_dir or ".", f"{mode}.prof"))
        sys.stdout.flush()
        os._exit(0)

    asyncio.run(once())


if __name__ == "__main__":
    main()
