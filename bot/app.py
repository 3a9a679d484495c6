"""The composition root: settings, database, handlers and scheduler wired into one Application."""

import logging

from telegram import BotCommand
from telegram.ext import (
    AIORateLimiter,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import CONTEXT_TYPES, App, BotData
from bot.handlers import common, onboarding, onboarding_buttons, settings
from bot.settings import Settings
from storage.database import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("start", "Set up, or see your profile"),
    BotCommand("settings", "Change your answers and limits"),
    BotCommand("help", "What I can do"),
    BotCommand("cancel", "Stop what we are doing"),
]


async def on_startup(app: App) -> None:
    """Bring the schema up to date and publish the command menu."""
    before, after = await upgrade(app.bot_data.db)
    log.info("database schema at revision %s (was %s)", after, before)
    await app.bot.set_my_commands(COMMANDS)


async def on_shutdown(app: App) -> None:
    """Close the database pool."""
    await app.bot_data.db.dispose()


def register_handlers(app: App) -> None:
    """Attach every feature's handlers in priority order."""
    app.add_handler(CommandHandler("start", onboarding.start))
    app.add_handler(CommandHandler("help", common.help_command))
    app.add_handler(CommandHandler("settings", settings.show))
    app.add_handler(CommandHandler("cancel", common.cancel))
    app.add_handler(CallbackQueryHandler(onboarding_buttons.press, pattern=r"^ob:"))
    app.add_handler(CallbackQueryHandler(settings.choose, pattern=r"^st:"))
    app.add_handler(MessageHandler(filters.LOCATION, onboarding_buttons.location))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, common.text))
    app.add_error_handler(common.error)


def build_application(
    settings: Settings, database: Database, bot_data: BotData | None = None
) -> App:
    """Build the PTB Application with every handler, ready for polling."""
    token = settings.bot_token()
    if token is None:
        raise ValueError("no Telegram bot token configured")
    app: App = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .context_types(CONTEXT_TYPES)
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.rate_global_per_s, max_retries=3))
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        .build()
    )
    data = app.bot_data
    if bot_data is not None:
        data.clock = bot_data.clock
        data.extras.update(bot_data.extras)
    data.database = database
    data.settings = settings
    register_handlers(app)
    return app
