"""/help, /cancel, the free-text router and the error handler."""

import logging
from typing import cast

from telegram import Message, Update
from telegram.error import Forbidden

from bot import meal_texts, texts
from bot.context import Context
from bot.handlers import extra_doses, meals, reminders
from bot.handlers.onboarding import answer_text
from services import onboarding
from services.onboarding import pending

log = logging.getLogger(__name__)


async def help_command(update: Update, _context: Context) -> None:
    """List the commands."""
    if update.effective_message is not None:
        await update.effective_message.reply_html(texts.HELP)


async def cancel(update: Update, context: Context) -> None:
    """Drop the dialogue or /settings edit in progress; onboarding pauses with answers kept."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    db = context.bot_data.db
    user = await onboarding.load(db, telegram_id=update.effective_user.id)
    state = pending(user) if user is not None else None
    flow = context.user_data.flow if context.user_data is not None else None
    if state is not None and not state.editing:
        await message.reply_html(texts.CANCELLED_ONBOARDING)
        return
    if state is not None:
        await onboarding.set_step(db, telegram_id=update.effective_user.id, step=None)
    if flow is not None and context.user_data is not None:
        context.user_data.flow = None
    reply = (
        texts.CANCELLED_EDIT if state is not None or flow is not None else texts.NOTHING_TO_CANCEL
    )
    await message.reply_html(reply)


async def text(update: Update, context: Context) -> None:
    """Route free text: a pending answer, a dialogue, a dose taken, a meal, else a hint."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    user = await onboarding.load(context.bot_data.db, telegram_id=update.effective_user.id)
    if user is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    state = pending(user)
    if state is not None:
        await answer_text(update, context, user, state)
        return
    flow = context.user_data.flow if context.user_data is not None else None
    if flow is not None and await flow.on_text(update, context, message.text or ""):
        return
    if await reminders.took_dose(message, context, update.effective_user.id):
        return
    if await extra_doses.took_product(message, context, update.effective_user.id):
        return
    if await meals.from_text(message, context, update.effective_user.id):
        return
    await message.reply_html(texts.UNKNOWN_TEXT + meal_texts.FOOD_HINT)


async def error(update: object, context: Context) -> None:
    """Log the failure by ids only and tell the user their data is safe."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Forbidden):
        log.info("update %s: user has blocked the bot", update_id)
        return
    log.error("update %s failed", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        except Exception:  # the apology itself must never raise out of the error handler
            log.warning("update %s: could not send the error reply", update_id)
