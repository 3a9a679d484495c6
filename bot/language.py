"""The reader's language: chosen per update before any handler runs, /language to change it,
the command menu in each language, and the recipient's language for scheduled messages."""

from telegram import BotCommand, CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application

from bot import texts
from bot.callbacks import LanguageButton, LocaleCode
from bot.context import BotContext
from bot.i18n import (
    CHINESE,
    ENGLISH,
    N_,
    _,
    current,
    is_traditional,
    set_locale,
    use_locale,
    user_locale,
)
from bot.keyboards import inline
from services import onboarding

_LOCALES = {LocaleCode.ENGLISH: ENGLISH, LocaleCode.CHINESE: CHINESE}
# The menu Telegram shows under "/"; descriptions are translated per language_code.
COMMANDS = (
    ("today", N_("Today's doses, exercise and totals")),
    ("log", N_("Log what you ate")),
    ("undo", N_("Remove the last entry")),
    ("food", N_("Your own foods")),
    ("supplements", N_("Your calcium, vitamins and medicines")),
    ("exercise", N_("Bone-friendly exercise reminders")),
    ("history", N_("The last 7 days")),
    ("caregivers", N_("Share alerts with family or a carer")),
    ("patients", N_("People you follow as a caregiver")),
    ("day", N_("A past day: /day yesterday or /day 2026-11-30")),
    ("report", N_("A chart of the last 7 days (/report 30 for a month)")),
    ("summary", N_("When your daily summary comes")),
    ("export", N_("A copy of all your data")),
    ("privacy", N_("What I store and who sees it")),
    ("delete", N_("Erase all your data")),
    ("start", N_("Set up, or see your profile")),
    ("settings", N_("Change your answers and limits")),
    ("language", N_("English / 中文")),
    ("help", N_("What I can do")),
    ("cancel", N_("Stop what we are doing")),
)


def commands() -> list[BotCommand]:
    """Return the command menu in the current locale."""
    return [BotCommand(name, _(description)) for name, description in COMMANDS]


async def publish_commands(app: Application) -> None:  # type: ignore[type-arg]
    """Set the command menu for everyone (English) and for Chinese-language clients."""
    with use_locale(ENGLISH):
        await app.bot.set_my_commands(commands())
    with use_locale(CHINESE):
        await app.bot.set_my_commands(commands(), language_code="zh")


async def choose_locale(update: Update, context: BotContext) -> None:
    """Word this update's replies in the user's language (runs before every handler)."""
    data = context.user_data
    if data is not None and data.locale is not None:
        set_locale(data.locale)
        return
    who = update.effective_user
    if who is None:
        set_locale(ENGLISH)
        return
    profile = await onboarding.load(context.db, telegram_id=who.id)
    stored = profile.locale if profile is not None else None
    locale = user_locale(stored, who.language_code)
    set_locale(locale)
    if data is not None and profile is not None:
        data.locale = locale


async def locale_of_chat(context: BotContext, chat_id: int) -> str:
    """Return the language to write to another user's private chat in (its id is the user's).

    A notice caused by one user (an approval, an erasure) is read by another, in their language;
    someone the bot does not know gets the sender's.
    """
    other = await onboarding.load(context.db, telegram_id=chat_id)
    return user_locale(other.locale, other.language_code) if other is not None else current()


def _picker() -> InlineKeyboardMarkup:
    return inline(
        [
            [
                ("English", LanguageButton(LocaleCode.ENGLISH)),
                ("中文（简体）", LanguageButton(LocaleCode.CHINESE)),
            ]
        ]
    )


async def show(update: Update, context: BotContext) -> None:
    """Offer the interface languages."""
    message = update.effective_message
    if message is not None:
        await message.reply_html(texts.LANGUAGE_ASK, reply_markup=_picker())


async def press(update: Update, context: BotContext) -> None:
    """Store the chosen language and answer in it."""
    query: CallbackQuery | None = update.callback_query
    if query is None:
        return
    button = LanguageButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    await query.answer()
    if button.locale is None:
        if isinstance(query.message, Message):
            await query.message.reply_html(texts.LANGUAGE_ASK, reply_markup=_picker())
        return
    locale = _LOCALES[button.locale]
    saved = await onboarding.set_locale(context.db, telegram_id=query.from_user.id, locale=locale)
    if saved is None:
        if isinstance(query.message, Message):
            await query.message.reply_html(texts.NOT_STARTED)
        return
    if context.user_data is not None:
        context.user_data.locale = locale
    set_locale(locale)
    if isinstance(query.message, Message):
        await query.message.edit_reply_markup(reply_markup=None)
        reply = texts.LANGUAGE_SET
        if locale == CHINESE and is_traditional(query.from_user.language_code):
            reply += "\n" + texts.LANGUAGE_NO_TRADITIONAL
        await query.message.reply_html(reply)
