"""Onboarding: /start, the questions in order, and saving each answer as it comes."""

from datetime import datetime
from typing import cast

from telegram import InlineKeyboardMarkup, Message, ReplyKeyboardRemove, Update
from telegram.error import TelegramError

from bot import keyboards, texts
from bot.callbacks import Question
from bot.context import Context
from bot.handlers.shared.plan_warning import check_plan
from bot.profile import profile_text
from services import answers, onboarding
from services.answers import YearProblem
from services.onboarding import Pending, Step, pending
from services.profiles import Profile
from services.summaries import ensure_summary
from services.timezones import ZoneMatch, local_now, resolve_zone_name

# Telegram allows 4,096 characters; no honest answer to these questions is this long.
MAX_ANSWER_CHARS = 200


async def ask(message: Message, user: Profile, state: Pending, now: datetime) -> Message | None:
    """Send the question for the user's pending step, with its buttons; return it."""
    back = not state.editing and state.step is not onboarding.ONBOARDING_ORDER[0]
    step = state.step
    if step is Step.TIMEZONE:
        return await message.reply_html(texts.ASK_TIMEZONE, reply_markup=keyboards.share_location())
    if step is Step.BIRTH_YEAR:
        return await message.reply_html(
            texts.ASK_BIRTH_YEAR, reply_markup=keyboards.with_back_only(back=back)
        )
    if step is Step.SEX:
        return await message.reply_html(texts.ASK_SEX, reply_markup=keyboards.sex(back=back))
    if step is Step.REFERENCE:
        suggested = onboarding.suggested_reference(user).value
        markup = keyboards.reference(suggested=suggested, back=back)
        return await message.reply_html(texts.ASK_REFERENCE, reply_markup=markup)
    if step is Step.CALCIFICATION:
        markup = keyboards.yes_no_unsure(Question.CALCIFICATION, unsure=True, back=back)
        return await message.reply_html(texts.ASK_CALCIFICATION, reply_markup=markup)
    if step is Step.DOCTOR_CALCIUM:
        return await message.reply_html(texts.ASK_DOCTOR_CALCIUM)
    if step is Step.DOCTOR_VITAMIN_D:
        return await message.reply_html(texts.ASK_DOCTOR_VITAMIN_D)
    if step is Step.WARFARIN:
        markup = keyboards.yes_no_unsure(Question.WARFARIN, unsure=False, back=False)
        return await message.reply_html(texts.ASK_WARFARIN, reply_markup=markup)
    return None


async def after_answer(message: Message, user: Profile, context: Context, *, edited: bool) -> None:
    """Ask the next question, or show the profile when onboarding or an edit is done."""
    state = pending(user)
    now = context.now()
    if state is not None:
        remember_question(context, await ask(message, user, state, now))
        return
    template = texts.EDIT_DONE if edited else texts.ONBOARDING_DONE
    if not edited:
        # Every onboarded user gets the daily summary at its default time (issue 12, item 1).
        await ensure_summary(context.db, telegram_id=user.telegram_id, now=now)
    await message.reply_html(template.format(profile=profile_text(user, now)))
    if edited:  # a new limit, reference set or age may put the planned doses near or over it
        await check_plan(message, context, telegram_id=user.telegram_id)


async def start(update: Update, context: Context) -> None:
    """Greet the user: begin or resume onboarding, or welcome them back."""
    message, tg_user = update.effective_message, update.effective_user
    if message is None or tg_user is None or update.effective_chat is None:
        return
    started = await onboarding.start(
        context.db,
        telegram_id=tg_user.id,
        chat_id=update.effective_chat.id,
        language_code=tg_user.language_code,
        now=context.now(),
    )
    user, created = started.user, started.created
    resumed = await onboarding.resume(context.db, telegram_id=tg_user.id)
    if resumed is not None:
        user = resumed
    state = pending(user)
    now = context.now()
    if created:
        await message.reply_html(texts.WELCOME_NEW)
    elif state is None:
        await message.reply_html(texts.WELCOME_BACK + "\n\n" + profile_text(user, now))
        return
    else:
        await message.reply_html(texts.RESUME)
    if state is not None:
        await ask(message, user, state, now)


async def offer_zone(message: Message, context: Context, user: Profile, match: ZoneMatch) -> None:
    """Keep the zone found as a candidate and ask the user to confirm it by its local time."""
    await onboarding.set_timezone_candidate(
        context.db, telegram_id=user.telegram_id, zone=match.zone
    )
    local = local_now(match.zone, context.now()).strftime("%H:%M")
    place = f" ({texts.quote(match.place)})" if match.place else ""
    # The location keyboard is no longer needed once a zone is found.
    await message.reply_html(texts.ZONE_FOUND, reply_markup=ReplyKeyboardRemove())
    await message.reply_html(
        texts.CONFIRM_TIMEZONE.format(zone=match.zone, place=place, local=local),
        reply_markup=keyboards.confirm_timezone(),
    )


def remember_question(context: Context, sent: Message | None) -> None:
    """Keep the question just asked if it has buttons (⬅️ Back) a typed answer must close."""
    if context.user_data is not None:
        live = sent is not None and isinstance(sent.reply_markup, InlineKeyboardMarkup)
        context.user_data.live_question = (sent.chat_id, sent.message_id) if live and sent else None


async def close_question(context: Context) -> None:
    """Remove the buttons of the question a typed answer just answered (best effort)."""
    data = context.user_data
    if data is None or data.live_question is None:
        return
    chat_id, message_id = data.live_question
    data.live_question = None
    try:
        await context.bot.edit_message_reply_markup(chat_id, message_id, reply_markup=None)
    except TelegramError:  # already closed, or deleted by the user
        return


async def answer_text(update: Update, context: Context, user: Profile, state: Pending) -> None:
    """Read a typed answer to the pending question; refuse bad ones kindly."""
    message = cast(Message, update.effective_message)
    text = message.text or ""
    if len(text) > MAX_ANSWER_CHARS:
        await message.reply_html(texts.TOO_LONG)
        await ask(message, user, state, context.now())
        return
    db = context.db
    if state.step is Step.TIMEZONE:
        match = resolve_zone_name(text)
        if match is None:
            await message.reply_html(texts.TIMEZONE_NOT_FOUND.format(text=texts.quote(text)))
            return
        await offer_zone(message, context, user, match)
    elif state.step is Step.BIRTH_YEAR:
        year = answers.parse_birth_year(text, today=context.now().date())
        if isinstance(year, YearProblem):
            template = {
                YearProblem.NOT_A_YEAR: texts.YEAR_NOT_A_YEAR,
                YearProblem.TOO_EARLY: texts.YEAR_TOO_EARLY,
                YearProblem.IN_FUTURE: texts.YEAR_IN_FUTURE,
                YearProblem.UNDER_ADULT: texts.YEAR_UNDER_ADULT,
            }[year]
            await message.reply_html(template.format(year=texts.quote(text, 8)))
            return
        saved = await onboarding.save_answer(
            db, telegram_id=user.telegram_id, step=state.step, value=year
        )
        if saved is not None:
            await close_question(context)
            await after_answer(message, saved, context, edited=state.editing)
    elif state.step is Step.DOCTOR_CALCIUM:
        limit = answers.parse_limit(text, low=200, high=5000)
        if isinstance(limit, str):
            await message.reply_html(texts.DOCTOR_LIMIT_INVALID)
            return
        saved = await onboarding.save_answer(
            db, telegram_id=user.telegram_id, step=state.step, value=limit
        )
        if saved is not None:
            await after_answer(message, saved, context, edited=state.editing)
    elif state.step is Step.DOCTOR_VITAMIN_D:
        vitamin_d = answers.parse_vitamin_d_limit(text)
        if isinstance(vitamin_d, str):
            await message.reply_html(texts.DOCTOR_VITAMIN_D_INVALID)
            return
        saved = await onboarding.save_answer(
            db, telegram_id=user.telegram_id, step=state.step, value=vitamin_d
        )
        if saved is not None:
            await after_answer(message, saved, context, edited=state.editing)
    elif state.step in (Step.CALCIFICATION, Step.WARFARIN):
        answer = answers.parse_yes_no(text)
        if answer == "unknown" or (answer is None and state.step is Step.WARFARIN):
            await message.reply_html(texts.USE_BUTTONS)
            await ask(message, user, state, context.now())
            return
        saved = await onboarding.save_answer(
            db, telegram_id=user.telegram_id, step=state.step, value=answer
        )
        if saved is not None:
            await after_answer(message, saved, context, edited=state.editing)
    else:
        await message.reply_html(texts.USE_BUTTONS)
        await ask(message, user, state, context.now())
