"""Reminder buttons (taken, snooze, skip, done) and "took my calcium" typed as text."""

import logging
import re
from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot import spacing_texts, texts
from bot.callbacks import ReminderButton
from bot.context import Context
from bot.handlers.doses import extra_doses
from bot.handlers.shared.edits import edit_html
from bot.handlers.shared.refill import send_refill_reminder
from bot.handlers.shared.warnings import send_limit_warnings
from bot.reminder_texts import (
    already_recorded,
    answered_text,
    closed_text,
    hhmm,
    label,
    outcome_text,
)
from services import reminders, spacing_now
from services.reminders import Action, AnswerResult
from services.vocabulary import ScheduleKind

log = logging.getLogger(__name__)

# "took my calcium", "I've taken the tablets", "吃了钙片" — a dose taken, said in words.
TOOK_DOSE = re.compile(
    r"\b(took|taken|had|swallowed)\b.*\b(calcium|tablets?|pills?|dose|supplements?|vitamins?|meds?|medicine)\b"
    r"|吃了.*(钙|药|维生素)|(钙片|药).*吃了",
    re.IGNORECASE,
)


async def press(update: Update, context: Context) -> None:
    """Record the presser's answer (ownership re-checked in the database) and edit the message."""
    query = cast(CallbackQuery, update.callback_query)
    parsed = ReminderButton.unpack(query.data)
    if parsed is None:
        await query.answer(texts.OLD_BUTTON)
        return
    reminder_id, action = parsed.reminder_id, parsed.action
    until = None
    if action is Action.SNOOZE_UNTIL:
        # The window is worked out again now: the plan may have changed since the reminder.
        found = await spacing_now.wait_for_reminder(
            context.db, telegram_id=query.from_user.id, reminder_id=reminder_id, now=context.now()
        )
        until = None if found.wait is None else found.wait.window.until
        if found.owned and until is None:
            await query.answer(spacing_texts.WAIT_CLEAR)
            return
    result = await reminders.answer(
        context.db,
        telegram_id=query.from_user.id,
        reminder_id=reminder_id,
        action=action.value,
        now=context.now(),
        until=until,
    )
    if result.reason == "product_deleted":
        await query.answer(texts.REMINDER_PRODUCT_DELETED, show_alert=True)
        if isinstance(query.message, Message):
            text = answered_text(query.message.text_html or "", texts.PRODUCT_DELETED_MARK)
            await edit_html(query.message, text)
        return
    if not result.ok:
        await query.answer(texts.REMINDER_NOT_YOURS, show_alert=True)
        return
    message = query.message
    # A later tap (double tap, or an answer given elsewhere) records nothing: a toast says what
    # stands. The copy of the message in the press may be stale, so the edit may change nothing.
    await query.answer(None if result.changed else already_recorded(result))
    outcome = outcome_text(result)
    if isinstance(message, Message) and outcome and message.reply_markup is not None:
        await edit_html(message, answered_text(message.text_html or "", outcome))
    if result.changed:
        pressed = message.message_id if isinstance(message, Message) else None
        await close_elsewhere(context, result, pressed=pressed)
    if result.changed and result.intake_id is not None and isinstance(message, Message):
        await send_limit_warnings(message, context, telegram_id=query.from_user.id)
        await send_refill_reminder(message, result.refill)


async def close_elsewhere(context: Context, result: AnswerResult, *, pressed: int | None) -> None:
    """Close the reminder's other message (reminder or nudge): outcome shown, no buttons."""
    if result.chat_id is None:
        return
    for message_id in (result.message_id, result.nudge_message_id):
        if message_id is None or message_id == pressed:
            continue
        try:
            await context.bot.edit_message_text(
                closed_text(result),
                chat_id=result.chat_id,
                message_id=message_id,
                parse_mode=ParseMode.HTML,
            )
        except TelegramError as error:  # already closed, or deleted by the user: nothing to do
            log.info("reminder message not closed: %s", type(error).__name__)


async def took_dose(message: Message, context: Context, telegram_id: int) -> bool:
    """Mark the waiting dose as taken when the user says so in words; ask when several wait."""
    if not TOOK_DOSE.search(message.text or ""):
        return False
    waiting = await reminders.due_now(context.db, telegram_id=telegram_id, now=context.now())
    if not waiting:
        # No reminder to answer: the words may name a product taken outside the schedule.
        if not await extra_doses.took_product(message, context, telegram_id):
            await message.reply_html(texts.NO_DOSE_WAITING)
        return True
    if len(waiting) == 1:
        dose = waiting[0]
        result = await reminders.answer(
            context.db,
            telegram_id=telegram_id,
            reminder_id=dose.reminder_id,
            action=Action.TAKEN.value,
            now=context.now(),
        )
        await message.reply_html(
            f"<b>{escape(label(ScheduleKind.DOSE, dose.title))}</b> ({hhmm(dose.due_local)}): "
            f"{outcome_text(result)}"
        )
        if result.changed:
            await close_elsewhere(context, result, pressed=None)
        if result.changed and result.intake_id is not None:
            await send_limit_warnings(message, context, telegram_id=telegram_id)
            await send_refill_reminder(message, result.refill)
        return True
    rows = [
        [
            InlineKeyboardButton(
                f"✅ {label(ScheduleKind.DOSE, dose.title)[:40]} ({hhmm(dose.due_local)})",
                callback_data=ReminderButton(dose.reminder_id, Action.TAKEN).pack(),
            )
        ]
        for dose in waiting[:8]
    ]
    await message.reply_html(texts.WHICH_DOSE, reply_markup=InlineKeyboardMarkup(rows))
    return True
