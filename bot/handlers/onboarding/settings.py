"""/settings: show the user's answers and change any one of them."""

from typing import cast

from telegram import CallbackQuery, Message, Update

from bot import keyboards, texts
from bot.callbacks import SettingsButton
from bot.context import Context
from bot.handlers.onboarding.questions import ask
from bot.profile import profile_text
from services import onboarding
from services.onboarding import EDIT_PREFIX, Pending, pending


async def show(update: Update, context: Context) -> None:
    """Show the current answers with a button for each."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    user = await onboarding.load(context.db, telegram_id=update.effective_user.id)
    if user is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    state = pending(user)
    if state is not None and not state.editing:
        await message.reply_html(texts.RESUME)
        await ask(message, user, state, context.now())
        return
    profile = profile_text(user, context.now())
    await message.reply_html(
        texts.SETTINGS_TITLE.format(profile=profile), reply_markup=keyboards.settings_menu()
    )


async def choose(update: Update, context: Context) -> None:
    """Start changing one answer; the question is asked again without a Back button."""
    query = cast(CallbackQuery, update.callback_query)
    button = SettingsButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    await query.answer()
    step = button.step
    db = context.db
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
            context.now(),
        )
