"""The `calcibot` command: run the bot, upgrade the database, work with the food table."""

import argparse
import asyncio
import os
import sys

from bot import logs
from bot.settings import SETUP_HELP, Settings
from storage.database import Database, make_engine
from storage.migrate import upgrade


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="calcibot", description="calcibot: calcium, vitamin D and K reminders on Telegram."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("run", help="run the bot (long polling)")
    db = commands.add_parser("db", help="database tasks")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", help="bring the schema up to date")
    return parser


def _run(settings: Settings) -> int:
    from bot.app import build_application

    if settings.bot_token() is None:
        sys.stderr.write(SETUP_HELP)
        return 2
    database = Database(make_engine(settings.database_url))
    app = build_application(settings, database)
    app.run_polling(allowed_updates=["message", "callback_query"], drop_pending_updates=False)
    return 0


async def _upgrade(settings: Settings) -> int:
    database = Database(make_engine(settings.database_url))
    try:
        before, after = await upgrade(database)
    finally:
        await database.dispose()
    sys.stdout.write(f"database upgraded: {before or 'empty'} -> {after}\n")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the chosen command."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")
    args = _parser().parse_args(argv)
    settings = Settings()
    logs.configure(settings.log_level)
    if args.command == "run":
        return _run(settings)
    if args.command == "db":
        return asyncio.run(_upgrade(settings))
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
