"""Onboarding: /start, the questions in order, and saving each answer as it comes."""

from datetime import datetime
from typing import cast

from telegram import Message, ReplyKeyboardRemove, Update

from bot import keyboards, texts
from bot.callbacks import Question
from bot.context import Context
from bot.profile import profile_text
from nutrition.reference import default_reference_for_language
from services import onboarding
from services.onboarding import Pending, Step, YearProblem, pending
from services.profiles import Profile
from services.timezones import ZoneMatch, local_now, resolve_zone_name

# Telegram allows 4,096 characters; no honest answer to these questions is this long.
MAX_ANSWER_CHARS = 200


async def ask(message: Message, user: Profile, state: Pending, now: datetime) -> None:
    """Send the question for the user's pending step, with its buttons."""
    back = not state.editing and state.step is not onboarding.ONBOARDING_ORDER[0]
    step = state.step
    if step is Step.TIMEZONE:
        await message.reply_html(texts.ASK_TIMEZONE, reply_markup=keyboards.share_location())
    elif step is Step.BIRTH_YEAR:
        await message.reply_html(
            texts.ASK_BIRTH_YEAR, reply_markup=keyboards.with_back_only(back=back)
        )
    elif step is Step.SEX:
        await message.reply_html(texts.ASK_SEX, reply_markup=keyboards.sex(back=back))
    elif step is Step.REFERENCE:
        suggested = default_reference_for_language(user.language_code).value
        markup = keyboards.reference(suggested=suggested, back=back)
        await message.reply_html(texts.ASK_REFERENCE, reply_markup=markup)
    elif step is Step.CALCIFICATION:
        markup = keyboards.yes_no_unsure(Question.CALCIFICATION, unsure=True, back=back)
        await message.reply_html(texts.ASK_CALCIFICATION, reply_markup=markup)
    elif step is Step.DOCTOR_CALCIUM:
        await message.reply_html(texts.ASK_DOCTOR_CALCIUM)
    elif step is Step.DOCTOR_VITAMIN_D:
        await message.reply_html(texts.ASK_DOCTOR_VITAMIN_D)
    elif step is Step.WARFARIN:
        markup = keyboards.yes_no_unsure(Question.WARFARIN, unsure=False, back=False)
        await message.reply_html(texts.ASK_WARFARIN, reply_markup=markup)


async def after_answer(message: Message, user: Profile, context: Context, *, edited: bool) -> None:
    """Ask the next question, or show the profile when onboarding or an edit is done."""
    state = pending(user)
    now = context.now()
    if state is not None:
        await ask(message, user, state, now)
        return
    template = texts.EDIT_DONE if edited else texts.ONBOARDING_DONE
    await message.reply_html(template.format(profile=profile_text(user, now)))


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
        year = onboarding.parse_birth_year(text, today=context.now().date())
        if isinstance(year, YearProblem):
            template = {
                YearProblem.NOT_A_YEAR: texts.YEAR_NOT_A_YEAR,
                YearProblem.TOO_EARLY: texts.YEAR_TOO_EARLY,
                YearProblem.IN_FUTURE: texts.YEAR_IN_FUTURE,
            }[year]
            await message.reply_html(template.format(year=texts.quote(text, 8)))
            return
        saved = await onboarding.save_answer(
            db, telegram_id=user.telegram_id, step=state.step, value=year
        )
        if saved is not None:
            await after_answer(message, saved, context, edited=state.editing)
    elif state.step is Step.DOCTOR_CALCIUM:
        limit = onboarding.parse_limit(text, low=200, high=5000)
        if isinstance(limit, str):
            await message.reply_html(texts.DOCTOR_LIMIT_INVALID)
            return
        saved = await onboarding.save_answer(
            db, telegram_id=user.telegram_id, step=state.step, value=limit
        )
        if saved is not None:
            await after_answer(message, saved, context, edited=state.editing)
    elif state.step is Step.DOCTOR_VITAMIN_D:
        vitamin_d = onboarding.parse_vitamin_d_limit(text)
        if isinstance(vitamin_d, str):
            await message.reply_html(texts.DOCTOR_VITAMIN_D_INVALID)
            return
        saved = await onboarding.save_answer(
            db, telegram_id=user.telegram_id, step=state.step, value=vitamin_d
        )
        if saved is not None:
            await after_answer(message, saved, context, edited=state.editing)
    else:
        await message.reply_html(texts.USE_BUTTONS)
        await ask(message, user, state, context.now())
