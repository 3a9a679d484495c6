"""/settings: show the user's answers and change any one of them."""

from typing import cast

from telegram import CallbackQuery, Message, Update

from bot import keyboards, texts
from bot.context import Context
from bot.handlers.onboarding import ask
from bot.profile import profile_text
from services import onboarding
from services.onboarding import EDIT_PREFIX, Pending, Step, pending


async def show(update: Update, context: Context) -> None:
    """Show the current answers with a button for each."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    user = await onboarding.load(context.bot_data.db, telegram_id=update.effective_user.id)
    if user is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    state = pending(user)
    if state is not None and not state.editing:
        await message.reply_html(texts.RESUME)
        await ask(message, user, state, context.bot_data.clock())
        return
    profile = profile_text(user, context.bot_data.clock())
    await message.reply_html(
        texts.SETTINGS_TITLE.format(profile=profile), reply_markup=keyboards.settings_menu()
    )


async def choose(update: Update, context: Context) -> None:
    """Start changing one answer; the question is asked again without a Back button."""
    query = cast(CallbackQuery, update.callback_query)
    await query.answer()
    try:
        step = Step((query.data or "").removeprefix("st:"))
    except ValueError:
        return
    db = context.bot_data.db
    user = await onboarding.load(db, telegram_id=query.from_user.id)
    state = pending(user) if user is not None else None
    if user is None or (state is not None and not state.editing):
        return
    user = await onboarding.set_step(
        db, telegram_id=user.telegram_id, step=EDIT_PREFIX + step.value
    )
    if user is not None:
        await ask(
            cast(Message, query.message),
            user,
            Pending(step, editing=True),
            context.bot_data.clock(),
        )
