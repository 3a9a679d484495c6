"""The composition root: settings, database, handlers and scheduler wired into one Application."""

import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import dialogue, language, routing, texts
from bot.callbacks import (
    AddProductButton,
    CallbackData,
    CaregiverButton,
    DiaryButton,
    ExerciseButton,
    FoodButton,
    LanguageButton,
    MealButton,
    MedicineButton,
    OnboardingButton,
    PatientButton,
    ProductButton,
    RecordsButton,
    ReminderButton,
    ScheduleButton,
    ScheduleEditButton,
    SettingsButton,
    SpacingButton,
    SupplyButton,
)
from bot.context import CONTEXT_TYPES, App, BotContext, CalcibotApp, Services
from bot.handlers import exercise, today
from bot.handlers.caregivers import caregiver, patient
from bot.handlers.doses import reminders
from bot.handlers.food import meals, my_foods, undo
from bot.handlers.onboarding import buttons as onboarding_buttons
from bot.handlers.onboarding import questions as onboarding
from bot.handlers.onboarding import settings
from bot.handlers.products import medicine, schedule_add, spacing, supplement_add, supplements
from bot.handlers.records import buttons as records_buttons
from bot.handlers.records import data as records_data
from bot.handlers.records import report as records_report
from bot.handlers.records import summary as records_summary
from bot.handlers.records import supply as records_supply
from bot.handlers.shared import schedule_edit
from bot.notifier import TelegramNotifier
from bot.rate_limit import bot_rate_limiter
from bot.settings import FREE_BROADCAST_PER_S, PAID_BROADCAST_PER_S, Settings
from bot.wiring import build_engine
from scheduler.clock import Clock, SystemClock
from services.schedules import NotYours
from storage.database import Database
from storage.migrate import upgrade

log = logging.getLogger(__name__)


def _calcibot(app: Application[Any, Any, Any, Any, Any, Any]) -> CalcibotApp:
    if not isinstance(app, CalcibotApp):
        raise TypeError("calcibot runs in a CalcibotApp; build it with build_application")
    return app


async def on_startup(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Bring the schema up to date, publish the command menu and start the reminder engine."""
    app = _calcibot(application)
    services = app.services
    before, after = await upgrade(services.database)
    log.info("database schema at revision %s (was %s)", after, before)
    await language.publish_commands(app)
    config = services.settings
    notifier = TelegramNotifier(
        app.bot,
        per_chat_per_s=config.rate_per_chat_per_s,
        paid_broadcast=config.paid_broadcast,
    )
    if config.rate_global_per_s > FREE_BROADCAST_PER_S and not config.paid_broadcast:
        log.warning(
            "CALCIBOT_RATE_GLOBAL_PER_S=%s is above Telegram's free %s/s: expect 429s"
            " (CALCIBOT_PAID_BROADCAST=true allows up to %s/s, paid in Stars)",
            config.rate_global_per_s,
            FREE_BROADCAST_PER_S,
            PAID_BROADCAST_PER_S,
        )
    engine = build_engine(services.database, notifier, services.settings, services.clock)
    if app.job_queue is None:
        raise RuntimeError("PTB's job queue is missing: install python-telegram-bot[job-queue]")
    engine.start(app.job_queue)
    app.engine = engine
    # A unit of work that planned or cancelled reminders wakes the engine when it commits.
    services.database.on_plan_change = engine.wake


async def on_shutdown(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Stop waking the engine and close the database pool."""
    app = _calcibot(application)
    app.services.database.on_plan_change = None
    await app.services.database.dispose()


ButtonHandler = Callable[[Update, BotContext], Coroutine[Any, Any, None]]


def refusing_others(handler: ButtonHandler) -> ButtonHandler:
    """Answer "not available" when a button names another user's object (services.NotYours).

    Every press re-checks ownership in the database; a service that finds the object is
    someone else's raises, and this turns that into the friendly answer for every button.
    """

    @functools.wraps(handler)
    async def guarded(update: Update, context: BotContext) -> None:
        try:
            await handler(update, context)
        except NotYours:
            log.info("update %s: a button named another user's object", update.update_id)
            query = update.callback_query
            if query is None:
                return
            try:
                await query.answer(texts.NOT_AVAILABLE, show_alert=True)
            except BadRequest:  # the handler answered the press already: say it in the chat
                if update.effective_chat is not None:
                    await context.bot.send_message(update.effective_chat.id, texts.NOT_AVAILABLE)

    return guarded


def register_handlers(app: App) -> None:
    """Attach every feature's handlers in priority order."""
    # Every reply of an update is worded in its user's language (group -2, before all else).
    app.add_handler(TypeHandler(Update, language.choose_locale), group=-2)
    # Any command ends a dialogue in progress before the command itself runs (group -1).
    app.add_handler(MessageHandler(filters.COMMAND, dialogue.end_on_command), group=-1)
    # `/start <token>` is a caregiver opening an invite; a plain /start is onboarding.
    app.add_handler(CommandHandler("start", caregiver.open_link, has_args=True))
    app.add_handler(CommandHandler("start", onboarding.start))
    app.add_handler(CommandHandler("help", routing.help_command))
    app.add_handler(CommandHandler("settings", settings.show))
    app.add_handler(CommandHandler("cancel", routing.cancel))
    app.add_handler(CommandHandler("language", language.show))
    app.add_handler(CommandHandler("supplements", supplements.show))
    app.add_handler(CommandHandler("exercise", exercise.show))
    app.add_handler(CommandHandler("today", today.show_today))
    app.add_handler(CommandHandler("history", today.show_history))
    app.add_handler(CommandHandler("day", today.show_day))
    app.add_handler(CommandHandler("log", meals.log_command))
    app.add_handler(CommandHandler("undo", undo.undo))
    app.add_handler(CommandHandler(["food", "myfoods"], my_foods.show))
    app.add_handler(CommandHandler("caregivers", patient.show))
    app.add_handler(CommandHandler("patients", caregiver.show_patients))
    app.add_handler(CommandHandler("privacy", records_data.privacy))
    app.add_handler(CommandHandler("export", records_data.export))
    app.add_handler(CommandHandler("delete", records_data.delete))
    app.add_handler(CommandHandler("summary", records_summary.command))
    app.add_handler(CommandHandler("report", records_report.show))
    buttons: list[tuple[type[CallbackData], ButtonHandler]] = [
        (ReminderButton, reminders.press),
        (ProductButton, supplements.press),
        (AddProductButton, supplement_add.press),
        (ScheduleButton, schedule_add.press),
        (MedicineButton, medicine.press),
        (SpacingButton, spacing.press),
        (ScheduleEditButton, schedule_edit.press),
        (ExerciseButton, exercise.press),
        (MealButton, meals.press),
        (FoodButton, my_foods.press),
        (OnboardingButton, onboarding_buttons.press),
        (SettingsButton, settings.choose),
        (LanguageButton, language.press),
        (CaregiverButton, patient.press),
        (PatientButton, caregiver.press),
        (RecordsButton, records_buttons.press),
        (SupplyButton, records_supply.press),
        (DiaryButton, today.press),
    ]
    for button, handler in buttons:
        app.add_handler(CallbackQueryHandler(refusing_others(handler), pattern=button.pattern()))
    app.add_handler(CallbackQueryHandler(routing.unknown_button))
    app.add_handler(MessageHandler(filters.LOCATION, onboarding_buttons.location))
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, routing.text))
    app.add_handler(MessageHandler(filters.COMMAND, routing.unknown_command))
    app.add_error_handler(routing.error)


def build_application(settings: Settings, database: Database, clock: Clock | None = None) -> App:
    """Build the PTB Application with every handler and its services, ready for polling."""
    token = settings.bot_token()
    if token is None:
        raise ValueError("no Telegram bot token configured")
    services = Services(database=database, settings=settings, clock=clock or SystemClock())
    app = (
        ApplicationBuilder()
        .application_class(CalcibotApp, kwargs={"services": services})
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .context_types(CONTEXT_TYPES)
        .rate_limiter(bot_rate_limiter(settings.rate_global_per_s, database))
        .post_init(on_startup)
        .post_shutdown(on_shutdown)
        .build()
    )
    register_handlers(_calcibot(app))
    return _calcibot(app)
