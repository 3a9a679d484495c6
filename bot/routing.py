"""/help, /cancel, the free-text router, unknown commands and buttons, and the error handler.

The one place that composes features: it decides which feature a free text is for.
"""

import logging
from typing import cast

from telegram import Message, Update
from telegram.error import BadRequest, Forbidden

from bot import dialogue, meal_texts, texts
from bot.context import Context
from bot.handlers.caregivers import caregiver
from bot.handlers.doses import extra_doses, reminders
from bot.handlers.food import meals
from bot.handlers.onboarding.questions import answer_text
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
    user = await onboarding.load(context.db, telegram_id=update.effective_user.id)
    state = pending(user) if user is not None else None
    if state is not None and not state.editing:
        await onboarding.pause(context.db, telegram_id=update.effective_user.id)
        await message.reply_html(texts.CANCELLED_ONBOARDING)
        return
    if state is not None:
        await onboarding.set_step(context.db, telegram_id=update.effective_user.id, step=None)
    ended = dialogue.end(context)
    await message.reply_html(
        texts.CANCELLED_EDIT if state is not None or ended else texts.NOTHING_TO_CANCEL
    )


async def text(update: Update, context: Context) -> None:
    """Route free text: a pending answer, a dialogue, a dose taken, a meal, else a hint."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    user = await onboarding.load(context.db, telegram_id=update.effective_user.id)
    if user is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    state = pending(user)
    if state is not None:
        # A caregiver who never onboarded as a patient answers the caregiver's questions.
        if await caregiver.answer_pending(update, context, user):
            return
        await answer_text(update, context, user, state)
        return
    flow = dialogue.current(context)
    if flow is not None and await flow.on_text(update, context, message.text or ""):
        return
    if await reminders.took_dose(message, context, update.effective_user.id):
        return
    if await extra_doses.took_product(message, context, update.effective_user.id):
        return
    if await meals.from_text(message, context, update.effective_user.id):
        return
    await message.reply_html(texts.UNKNOWN_TEXT + meal_texts.FOOD_HINT)


async def unknown_command(update: Update, _context: Context) -> None:
    """Answer a command the bot does not have with the same hint free text gets."""
    if update.effective_message is not None:
        await update.effective_message.reply_html(texts.UNKNOWN_COMMAND)


async def unknown_button(update: Update, _context: Context) -> None:
    """Answer a button whose data no feature recognises: "not available", never an error."""
    if update.callback_query is not None:
        await update.callback_query.answer(texts.NOT_AVAILABLE, show_alert=True)


async def error(update: object, context: Context) -> None:
    """Log the failure by ids only and tell the user their data is safe."""
    update_id = update.update_id if isinstance(update, Update) else None
    if isinstance(context.error, Forbidden):
        log.info("update %s: user has blocked the bot", update_id)
        return
    if isinstance(context.error, BadRequest) and "message is not modified" in str(context.error):
        # The user already sees that state (a repeated tap on a stale copy): nothing failed.
        log.info("update %s: edit changed nothing", update_id)
        return
    log.error("update %s failed", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        except Exception:  # the apology itself must never raise out of the error handler
            log.warning("update %s: could not send the error reply", update_id)
