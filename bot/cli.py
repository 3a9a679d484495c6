"""The `calcibot` command: run the bot, upgrade the database, work with the food table.

Imports are made inside the commands: `calcibot --help` and `calcibot foods estimate` stay fast
and need neither a token nor a database.
"""

import argparse
import asyncio
import contextlib
import json
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.context import App
    from bot.ops import OpsServer
    from bot.settings import Settings
    from storage.poll_lock import PollerLock

log = logging.getLogger("bot.cli")
# A process that does not poll tries this often to take over from one that stopped.
POLL_TAKEOVER_INTERVAL_S = 2.0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="calcibot", description="calcibot: calcium, vitamin D and K reminders on Telegram."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (long polling)")
    run.add_argument(
        "--no-updates",
        action="store_true",
        help="send reminders only, take no updates (for extra processes beside a polling one)",
    )
    run.add_argument(
        "--ops-port", type=int, default=None, help="serve /healthz and /metrics on this port"
    )
    run.add_argument("--ops-host", default="127.0.0.1", help="address for /healthz and /metrics")
    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="bring the schema up to date")
    foods = commands.add_parser("foods", help="the food table: search, estimate, USDA import")
    food_commands = foods.add_subparsers(dest="foods_command", required=True)
    search = food_commands.add_parser("search", help="find foods by name (English or Chinese)")
    search.add_argument("query", nargs="+", help="a food name, e.g. cheddar or 豆腐")
    search.add_argument("--limit", type=int, default=10, help="at most this many foods")
    search.add_argument("--json", action="store_true", help="print JSON")
    estimate = food_commands.add_parser(
        "estimate", help="estimate a meal's calcium from the built-in table, best food per item"
    )
    estimate.add_argument("text", nargs="+", help='a meal, e.g. "2 cups of milk and 100 g tofu"')
    estimate.add_argument("--json", action="store_true", help="print JSON")
    load = food_commands.add_parser(
        "import-usda", help="load a USDA SR release into the database (uses DATABASE_URL)"
    )
    load.add_argument("directory", type=Path, help="folder with ABBREV.txt, FOOD_DES.txt …")
    return parser


def _settings() -> "Settings":
    from bot import logs
    from bot.settings import Settings

    settings = Settings()
    logs.configure(settings.log_level, secrets=[settings.bot_token()])
    return settings


def _run(settings: "Settings", args: argparse.Namespace) -> int:
    from telegram.error import InvalidToken

    from bot.app import build_application
    from bot.settings import SETUP_HELP
    from storage.database import Database, make_engine

    token = settings.bot_token()
    if token is None:
        sys.stderr.write(SETUP_HELP)
        return 2
    database = Database(make_engine(settings.database_url))
    app = build_application(settings, database)
    ops = None if args.ops_port is None else (args.ops_host, args.ops_port)
    try:
        asyncio.run(_serve(app, updates=not args.no_updates, ops=ops))
    except StartupFailed as failed:
        # PTB's own start-up would log a refused token or an unreachable server as a long
        # traceback; _serve initialises first so that it is said here in one line.
        if isinstance(failed.error, InvalidToken):
            sys.stderr.write(_rejected(settings, token, failed.error) + "\n")
            return 3
        sys.stderr.write(_unreachable(settings, token, failed.error) + "\n")
        return 4
    return 0


class StartupFailed(Exception):
    """Telegram refused the token or could not be reached while the bot started."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(type(error).__name__)
        self.error = error


async def _serve(app: "App", *, updates: bool, ops: tuple[str, int] | None) -> None:
    """Run the Application until SIGTERM or SIGINT, then stop within seconds.

    PTB's run_polling stops the job queue by waiting for the running reminder tick, which sends
    the whole backlog first (and never ends while Telegram is down). Here the reminder engine
    is stopped first: it claims nothing more, gives sends in flight two seconds and hands the
    claimed rest back at once; then polling, the Application and the database close.
    """
    import signal

    from storage.poll_lock import PollerLock

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(stop_signal, stop.set)
    lock = None if app.services.database.is_sqlite else PollerLock(app.services.database)
    from telegram.error import TelegramError

    try:
        await app.initialize()
    except TelegramError as error:  # InvalidToken, NetworkError, TimedOut, a non-API answer
        raise StartupFailed(error) from None
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        server = await _start_ops(app, ops) if ops is not None else None
        if updates:
            await _poll_when_first(app, lock, stop)
        await stop.wait()
        log.info("stop signal received; shutting down")
        if server is not None:
            await server.stop()
        engine = app.engine
        if engine is not None:
            await engine.stop()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
    finally:
        if lock is not None:
            await lock.release()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def _start_ops(app: "App", ops: tuple[str, int]) -> "OpsServer":
    from bot.ops import Metrics, OpsServer
    from bot.rate_limit import BotRateLimiter

    engine = app.engine
    if engine is None:
        raise RuntimeError("the reminder engine did not start")
    metrics = Metrics()
    engine.on_report = metrics.observe
    if isinstance(app.bot.rate_limiter, BotRateLimiter):
        app.bot.rate_limiter.on_retry_after = metrics.rate_limited.inc
    # The safety net ticks every 5 min at the least: two missed in a row is a hung engine.
    server = OpsServer(
        app.services.database, engine, metrics, stale_after=engine.config.safety_interval * 2
    )
    await server.start(*ops)
    return server


async def _poll_when_first(app: "App", lock: "PollerLock | None", stop: asyncio.Event) -> None:
    """Poll Telegram if no other process does; else dispatch only, and take over if it stops."""
    if app.updater is None:
        return
    if lock is not None and not await lock.try_acquire():
        log.info("another process polls; this one dispatches and waits to take over")
        while not await lock.try_acquire():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_TAKEOVER_INTERVAL_S)
            if stop.is_set():
                return
    log.info("polling Telegram for updates")
    await app.updater.start_polling(
        allowed_updates=["message", "callback_query"], drop_pending_updates=False
    )


def _probe_url(settings: "Settings", token: str) -> str:
    """Return the first URL the bot asks for, with the token masked."""
    from bot.logs import Redactor

    return Redactor([token])(f"{settings.telegram_api_base_url}{token}/getMe")


def _rejected(settings: "Settings", token: str, error: BaseException) -> str:
    from bot.logs import Redactor
    from bot.settings import TELEGRAM_API_DEFAULT

    # PTB re-raises the server's answer ("Unauthorized", "Not Found") with the token in it.
    answer = Redactor([token])(str(error.__cause__ or error))
    check = "Check TELEGRAM_BOT_TOKEN (in Telegram: @BotFather, /mybots, API Token)"
    if settings.telegram_api_base_url != TELEGRAM_API_DEFAULT:
        check += ", and that TELEGRAM_API_BASE_URL is a Bot API server's address ending in /bot"
    return (
        f"Telegram rejected the token (…{token[-4:]}): {_probe_url(settings, token)} answered"
        f' "{answer}". {check}.'
    )


def _unreachable(settings: "Settings", token: str, error: BaseException) -> str:
    from bot.logs import Redactor

    reason = Redactor([token])(str(error))
    url = _probe_url(settings, token)
    # PTB chains the HTTP library's exception when no answer came; an HTTP error has none.
    if error.__cause__ is None:
        problem = f"The Telegram Bot API at {url} answered with an error ({reason})."
    else:
        problem = f"Could not reach the Telegram Bot API at {url} ({reason})."
    return (
        f"{problem} Check TELEGRAM_API_BASE_URL, that the server is running, and the network,"
        " proxy or firewall between."
    )


async def _upgrade(settings: "Settings") -> int:
    from storage.database import Database, make_engine
    from storage.migrate import upgrade

    database = Database(make_engine(settings.database_url))
    try:
        before, after = await upgrade(database)
    finally:
        await database.dispose()
    sys.stdout.write(f"database upgraded: {before or 'empty'} -> {after}\n")
    return 0


async def _import_usda(settings: "Settings", directory: Path) -> int:
    from services.food_import import import_sr
    from storage.database import Database, make_engine
    from storage.migrate import upgrade

    database = Database(make_engine(settings.database_url))
    try:
        await upgrade(database)
        count = await import_sr(database, directory=directory)
    except FileNotFoundError as missing:
        sys.stderr.write(f"not a USDA SR release: {missing}\n")
        return 2
    finally:
        await database.dispose()
    sys.stdout.write(f"imported {count} foods from {directory}\n")
    return 0


def _foods(args: argparse.Namespace) -> int:
    from bot.food_cli import format_estimate, format_search
    from nutrition.foods import estimate, search

    if args.foods_command == "search":
        hits = search(" ".join(args.query), limit=args.limit)
        output = json.dumps(hits, ensure_ascii=False) if args.json else format_search(hits)
    else:
        result = estimate(" ".join(args.text))
        output = json.dumps(result, ensure_ascii=False) if args.json else format_estimate(result)
    sys.stdout.write(output + "\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = _parser().parse_args(argv)
    if args.command == "foods" and args.foods_command != "import-usda":
        return _foods(args)
    if args.command == "foods":
        return asyncio.run(_import_usda(_settings(), args.directory))
    settings = _settings()
    if args.command == "run":
        return _run(settings, args)
    if args.command == "db":
        return asyncio.run(_upgrade(settings))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
