"""The composition root: settings, database, handlers and scheduler wired into one Application."""

import logging

from telegram import BotCommand
from telegram.ext import (
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.context import CONTEXT_TYPES, App, BotData
from bot.handlers import (
    common,
    exercise,
    meals,
    my_foods,
    onboarding,
    onboarding_buttons,
    reminders,
    schedule_add,
    settings,
    supplement_add,
    supplements,
    today,
    undo,
)
from bot.notifier import TelegramNotifier
from bot.rate_limit import bot_rate_limiter
from bot.settings import Settings
from bot.wiring import build_engine
from storage.database import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)

COMMANDS = [
    BotCommand("today", "Today's doses, exercise and totals"),
    BotCommand("log", "Log what you ate"),
    BotCommand("undo", "Remove the last entry"),
    BotCommand("food", "Your own foods"),
    BotCommand("supplements", "Your calcium, vitamins and medicines"),
    BotCommand("exercise", "Bone-friendly exercise reminders"),
    BotCommand("history", "The last 7 days"),
    BotCommand("start", "Set up, or see your profile"),
    BotCommand("settings", "Change your answers and limits"),
    BotCommand("help", "What I can do"),
    BotCommand("cancel", "Stop what we are doing"),
]


async def on_startup(app: App) -> None:
    """Bring the schema up to date, publish the command menu and start the reminder engine."""
    data = app.bot_data
    before, after = await upgrade(data.db)
    log.info("database schema at revision %s (was %s)", after, before)
    await app.bot.set_my_commands(COMMANDS)
    settings = data.settings or Settings()
    notifier = TelegramNotifier(app.bot, per_chat_per_s=settings.rate_per_chat_per_s)
    engine = build_engine(data.db, notifier, settings, data.clock)
    if app.job_queue is None:
        raise RuntimeError("PTB's job queue is missing: install python-telegram-bot[job-queue]")
    engine.start(app.job_queue)
    data.engine = engine
    data.wake_scheduler = engine.wake


async def on_shutdown(app: App) -> None:
    """Close the database pool."""
    await app.bot_data.db.dispose()


def register_handlers(app: App) -> None:
    """Attach every feature's handlers in priority order."""
    app.add_handler(CommandHandler("start", onboarding.start))
    app.add_handler(CommandHandler("help", common.help_command))
    app.add_handler(CommandHandler("settings", settings.show))
    app.add_handler(CommandHandler("cancel", common.cancel))
    app.add_handler(CommandHandler("supplements", supplements.show))
    app.add_handler(CommandHandler("exercise", exercise.show))
    app.add_handler(CommandHandler("today", today.show_today))
    app.add_handler(CommandHandler("history", today.show_history))
    app.add_handler(CommandHandler("log", meals.log_command))
    app.add_handler(CommandHandler("undo", undo.undo))
    app.add_handler(CommandHandler(["food", "myfoods"], my_foods.show))
    app.add_handler(CallbackQueryHandler(reminders.press, pattern=r"^r:"))
    app.add_handler(CallbackQueryHandler(supplements.press, pattern=r"^sp:"))
    app.add_handler(CallbackQueryHandler(supplement_add.press, pattern=r"^sa:"))
    app.add_handler(CallbackQueryHandler(schedule_add.press, pattern=r"^sc:"))
    app.add_handler(CallbackQueryHandler(exercise.press, pattern=r"^ex:"))
    app.add_handler(CallbackQueryHandler(meals.press, pattern=r"^ml:"))
    app.add_handler(CallbackQueryHandler(my_foods.press, pattern=r"^mf:"))
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
        .rate_limiter(bot_rate_limiter(settings.rate_global_per_s, database))
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
