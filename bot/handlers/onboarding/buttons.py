"""Onboarding buttons and shared locations; every press is checked against the database."""

from typing import cast

from telegram import CallbackQuery, Message, Update

from bot import texts
from bot.callbacks import OnboardingButton, Question
from bot.context import Context
from bot.handlers.onboarding.questions import after_answer, ask, offer_zone, remember_question
from bot.handlers.shared.edits import edit_html
from bot.time_texts import zone_moves_text
from services import onboarding, schedules
from services.onboarding import Pending, Step, pending
from services.timezones import resolve_location


async def show_choice(message: Message, data: str | None) -> None:
    """Edit an answered question to show the choice made ("✔ Female") instead of its buttons."""
    markup = message.reply_markup
    pressed = next(
        (
            button.text
            for row in (markup.inline_keyboard if markup is not None else ())
            for button in row
            if button.callback_data == data
        ),
        None,
    )
    if pressed is None:
        await edit_html(message, message.text_html or "")
        return
    await edit_html(message, f"{message.text_html or ''}\n{texts.chosen(pressed)}")


# Which step each button prefix answers, and how its value is read.
_CHOICES: dict[Question, tuple[Step, dict[str, object]]] = {
    Question.SEX: (Step.SEX, {"female": "female", "male": "male", "other": "other"}),
    Question.REFERENCE: (Step.REFERENCE, {"us": "us", "eu": "eu", "cn": "cn"}),
    Question.CALCIFICATION: (Step.CALCIFICATION, {"yes": True, "no": False, "unsure": None}),
    Question.WARFARIN: (Step.WARFARIN, {"yes": True, "no": False}),
}


async def press(update: Update, context: Context) -> None:
    """Apply an onboarding button if it answers the question the user is really on."""
    query = cast(CallbackQuery, update.callback_query)
    db = context.db
    user = await onboarding.load(db, telegram_id=query.from_user.id)
    state = pending(user) if user is not None else None
    if user is None or state is None:
        await query.answer(texts.OLD_BUTTON)
        return
    message = cast(Message, query.message)
    button = OnboardingButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    if button.question is Question.BACK and not state.editing:
        await query.answer()
        await show_choice(message, None)  # the question left behind keeps no live buttons
        back_to = onboarding.previous_step(state.step)
        moved = await onboarding.set_step(db, telegram_id=user.telegram_id, step=back_to.value)
        if moved is not None:
            sent = await ask(message, moved, Pending(back_to, editing=False), context.now())
            remember_question(context, sent)
        return
    if button.question is Question.TIMEZONE and state.step is Step.TIMEZONE:
        await query.answer()
        await _confirm_zone(
            message,
            context,
            user.telegram_id,
            data=query.data,
            confirmed=button.answer == "ok",
            edited=state.editing,
        )
        return
    choice = _CHOICES.get(button.question)
    answer = button.answer or ""
    if choice is None or choice[0] is not state.step or answer not in choice[1]:
        await query.answer(texts.OLD_BUTTON)
        return
    await query.answer()
    saved = await onboarding.save_answer(
        db, telegram_id=user.telegram_id, step=state.step, value=choice[1][answer]
    )
    if saved is not None:
        await show_choice(message, query.data)
        await after_answer(message, saved, context, edited=state.editing)


async def _confirm_zone(
    message: Message,
    context: Context,
    telegram_id: int,
    *,
    data: str | None,
    confirmed: bool,
    edited: bool,
) -> None:
    db = context.db
    user = await onboarding.load(db, telegram_id=telegram_id)
    state = pending(user) if user is not None else None
    if user is None or state is None:
        return
    if not confirmed or user.pending_timezone is None:
        await show_choice(message, data)
        await ask(message, user, state, context.now())
        return
    saved = await onboarding.save_answer(
        db, telegram_id=telegram_id, step=Step.TIMEZONE, value=user.pending_timezone
    )
    moves: tuple[schedules.TodayMove, ...] = ()
    if saved is not None and user.timezone != saved.timezone:
        # Pending reminders were planned in the old zone's wall clock (DESIGN.md §2).
        moves = await schedules.replan_user(db, telegram_id=telegram_id, now=context.now())
    if saved is not None:
        await show_choice(message, data)
        await after_answer(message, saved, context, edited=edited)
    if moves:
        await message.reply_html(zone_moves_text(moves))


async def location(update: Update, context: Context) -> None:
    """Resolve a shared location to a time zone, offline."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None or message.location is None:
        return
    user = await onboarding.load(context.db, telegram_id=update.effective_user.id)
    if user is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    state = pending(user)
    if state is None or state.step is not Step.TIMEZONE:
        await message.reply_html(texts.UNKNOWN_TEXT)
        return
    match = resolve_location(message.location.latitude, message.location.longitude)
    if match is None:
        await message.reply_html(texts.TIMEZONE_AT_SEA)
        return
    await offer_zone(message, context, user, match)
