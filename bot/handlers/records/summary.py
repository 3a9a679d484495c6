"""/summary and the /settings button: when the daily summary comes, or switching it off."""

from datetime import time
from typing import cast

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import records_texts, texts
from bot.callbacks import RecordsButton, RecordsOp
from bot.context import Context
from scheduler.recurrence import format_wall_time
from services.summaries import SummarySetting, set_summary, summary_setting
from services.time_input import parse_time

_OFF_WORDS = frozenset({"off", "stop", "no", "关", "关闭"})


def _keyboard() -> InlineKeyboardMarkup:
    hours = [
        InlineKeyboardButton(
            f"{hour:02d}:00", callback_data=RecordsButton(RecordsOp.SUMMARY_AT, hour).pack()
        )
        for hour in records_texts.SUMMARY_HOURS
    ]
    off = InlineKeyboardButton(
        records_texts.SUMMARY_OFF_BUTTON, callback_data=RecordsButton(RecordsOp.SUMMARY_OFF).pack()
    )
    return InlineKeyboardMarkup([hours, [off]])


def _text(setting: SummarySetting) -> str:
    return records_texts.summary_setting_text(
        format_wall_time(setting.at) if setting.at is not None else None
    )


async def command(update: Update, context: Context) -> None:
    """Show the summary setting, or change it: `/summary 21:30`, `/summary off`."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    telegram_id = update.effective_user.id
    argument = " ".join(context.args or []).strip()
    if not argument:
        setting = await summary_setting(context.db, telegram_id=telegram_id)
    elif argument.lower() in _OFF_WORDS:
        setting = await set_summary(context.db, telegram_id=telegram_id, at=None, now=context.now())
    else:
        at = parse_time(argument)
        if at is None:
            await message.reply_html(
                records_texts.SUMMARY_BAD_TIME.format(text=records_texts.quote(argument[:40]))
            )
            return
        setting = await set_summary(context.db, telegram_id=telegram_id, at=at, now=context.now())
    if setting is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    await message.reply_html(_text(setting), reply_markup=_keyboard())


async def press(query: CallbackQuery, context: Context, button: RecordsButton) -> None:
    """Apply a summary button: a time, off, or show the choices."""
    telegram_id, now = query.from_user.id, context.now()
    if button.op is RecordsOp.SUMMARY_AT:
        if button.value is None or not 0 <= button.value <= 23:
            await query.answer(texts.NOT_AVAILABLE, show_alert=True)
            return
        setting = await set_summary(
            context.db, telegram_id=telegram_id, at=time(button.value), now=now
        )
    elif button.op is RecordsOp.SUMMARY_OFF:
        setting = await set_summary(context.db, telegram_id=telegram_id, at=None, now=now)
    else:
        setting = await summary_setting(context.db, telegram_id=telegram_id)
    await query.answer()
    message = cast(Message, query.message)
    if setting is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    if button.op is RecordsOp.SUMMARY_MENU:
        await message.reply_html(_text(setting), reply_markup=_keyboard())
        return
    try:
        await message.edit_text(_text(setting), parse_mode="HTML", reply_markup=_keyboard())
    except BadRequest as error:  # a second tap on the same choice leaves the text as it is
        if "not modified" not in str(error).lower():
            raise
