"""The `calcibot` command: run the bot, upgrade the database, work with the food table.

Imports are made inside the commands: `calcibot --help` and `calcibot foods estimate` stay fast
and need neither a token nor a database.
"""

import argparse
import asyncio
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.serve import Webhook
    from bot.settings import Settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="calcibot", description="calcibot: calcium, vitamin D and K reminders on Telegram."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="run the bot (long polling, or a webhook)")
    run.add_argument(
        "--webhook",
        metavar="URL",
        default=None,
        help="receive updates at this https URL (a proxy forwards it to CALCIBOT_WEBHOOK_LISTEN"
        " and CALCIBOT_WEBHOOK_PORT) instead of polling; also CALCIBOT_WEBHOOK_URL",
    )
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
    backup = db_commands.add_parser(
        "backup", help="copy the SQLite database to a new file while the bot runs"
    )
    backup.add_argument("path", type=Path, help="the new file, e.g. calcibot-2026-12-01.db")
    reminders = commands.add_parser("reminders", help="reminder tasks")
    reminder_commands = reminders.add_subparsers(dest="reminders_command", required=True)
    reminder_commands.add_parser(
        "requeue", help="make failed reminders pending again (those past their grace are missed)"
    )
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
    from bot.serve import StartupFailed, serve
    from bot.settings import SETUP_HELP
    from storage.database import Database, make_engine
    from storage.maintenance import sqlite_path
    from storage.process_lock import AlreadyRunning, ProcessLock

    token = settings.bot_token()
    if token is None:
        sys.stderr.write(SETUP_HELP)
        return 2
    try:
        webhook = _webhook(settings, args)
    except ValueError as wrong:
        sys.stderr.write(f"{wrong}\n")
        return 2
    database_file = sqlite_path(settings.database_url)
    lock = None if database_file is None else ProcessLock(database_file)
    if lock is not None:
        try:
            lock.acquire()
        except AlreadyRunning:
            sys.stderr.write(_already_running(database_file))
            return 5
    try:
        database = Database(make_engine(settings.database_url))
        app = build_application(settings, database)
        ops = None if args.ops_port is None else (args.ops_host, args.ops_port)
        asyncio.run(serve(app, updates=not args.no_updates, webhook=webhook, ops=ops))
    except StartupFailed as failed:
        # PTB's own start-up would log a refused token or an unreachable server as a long
        # traceback; serve initialises first so that it is said here in one line.
        if isinstance(failed.error, InvalidToken):
            sys.stderr.write(_rejected(settings, token, failed.error) + "\n")
            return 3
        sys.stderr.write(_unreachable(settings, token, failed.error) + "\n")
        return 4
    finally:
        if lock is not None:
            lock.release()
    return 0


def _webhook(settings: "Settings", args: argparse.Namespace) -> "Webhook | None":
    from bot.serve import Webhook

    url = args.webhook or settings.webhook_url
    if not url:
        return None
    if not url.startswith("https://"):
        raise ValueError(f"the webhook URL must start with https:// (Telegram's rule): {url}")
    return Webhook(
        url=url,
        listen=settings.webhook_listen,
        port=settings.webhook_port,
        secret=settings.webhook_secret_token(),
    )


def _already_running(database_file: "Path | None") -> str:
    return (
        f"Another calcibot process is already running on the SQLite database {database_file}."
        " SQLite serves one process: stop the other one first, or, to run several processes,"
        ' use PostgreSQL (DATABASE_URL=postgresql+asyncpg://…; see README, "Several'
        ' processes").\n'
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
    from bot import admin

    if args.command == "db" and args.db_command == "backup":
        return admin.backup(settings, args.path)
    if args.command == "db":
        return asyncio.run(admin.upgrade_schema(settings))
    if args.command == "reminders":
        return asyncio.run(admin.requeue(settings))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
