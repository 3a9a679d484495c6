"""The caregiver's side: opening an invite, their time zone, /patients, mute, leave, nudge."""

import logging
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode

from bot import care_texts, dialogue
from bot.callbacks import PatientButton, PatientOp
from bot.context import Context
from bot.handlers.caregivers.common import approval_markup, not_available, tell
from bot.handlers.caregivers.patient import NameFlow
from bot.keyboards import Row, inline
from services import onboarding
from services.caregivers import alerts, invites, links
from services.caregivers.views import InviteProblem, LinkStatus, NudgeResult
from services.profiles import Profile
from services.time_input import parse_time
from services.timezones import local_now, resolve_zone_name

log = logging.getLogger(__name__)

# What Telegram lets a /start payload be (Bot API, deep linking): 1–64 of [A-Za-z0-9_-].
_PAYLOAD = re.compile(r"[A-Za-z0-9_-]{1,64}")
# A zone answer is a city or a zone name; nothing longer is one.
MAX_ZONE_CHARS = 100


def _display_name(update: Update) -> str:
    user = update.effective_user
    if user is None:
        return "?"
    name = user.full_name
    return f"{name} (@{user.username})" if user.username else name


async def open_link(update: Update, context: Context) -> None:
    """Redeem the invite in `/start <token>`: make the caregiver known and ask the patient."""
    message, tg_user, chat = update.effective_message, update.effective_user, update.effective_chat
    if message is None or tg_user is None or chat is None:
        return
    token = context.args[0] if context.args else ""
    if not _PAYLOAD.fullmatch(token):
        await message.reply_html(care_texts.INVITE_PROBLEMS[InviteProblem.UNKNOWN])
        return
    await onboarding.start(
        context.db,
        telegram_id=tg_user.id,
        chat_id=chat.id,
        language_code=tg_user.language_code,
        now=context.now(),
    )
    accepted = await invites.accept_invite(
        context.db,
        token=token,
        caregiver_telegram_id=tg_user.id,
        caregiver_name=_display_name(update),
        now=context.now(),
    )
    if isinstance(accepted, InviteProblem):
        await message.reply_html(care_texts.INVITE_PROBLEMS[accepted])
        return
    link = accepted.link
    await message.reply_html(care_texts.WAITING_APPROVAL.format(name=escape(link.patient_name)))
    if accepted.needs_zone:
        await message.reply_html(care_texts.ASK_ZONE)
    await tell(
        context,
        accepted.patient_chat_id,
        lambda: care_texts.ASK_APPROVAL.format(
            caregiver=escape(link.caregiver_name), name=escape(link.patient_name)
        ),
        lambda: approval_markup(link),
    )


async def answer_pending(update: Update, context: Context, user: Profile) -> bool:
    """Take text from a user who has not onboarded as a patient, if it is a caregiver's answer.

    A caregiver needs no patient onboarding, so their time zone and the caregiver dialogues
    come before the onboarding questions; False leaves the text to onboarding.
    """
    message = update.effective_message
    if message is None:
        return False
    flow = dialogue.current(context)
    if isinstance(flow, DigestTimeFlow | NameFlow):
        return await flow.on_text(update, context, message.text or "")
    return await _answer_zone(message, context, user)


async def _answer_zone(message: Message, context: Context, user: Profile) -> bool:
    """Read a caregiver's time zone if they owe one; False when the text is not for this."""
    if user.timezone is not None or not await links.owes_zone(
        context.db, telegram_id=user.telegram_id
    ):
        return False
    text = (message.text or "")[:MAX_ZONE_CHARS]
    match = resolve_zone_name(text)
    if match is None:
        await message.reply_html(care_texts.ZONE_NOT_FOUND.format(text=escape(text[:40])))
        return True
    now = context.now()
    await links.set_zone(context.db, telegram_id=user.telegram_id, zone=match.zone, now=now)
    settings = await links.caregiver_settings(context.db, telegram_id=user.telegram_id)
    await message.reply_html(
        care_texts.ZONE_SAVED.format(
            zone=match.zone,
            local=local_now(match.zone, now).strftime("%H:%M"),
            digest=settings.digest_time,
        )
    )
    return True


async def _listing(context: Context, telegram_id: int) -> tuple[str, Any]:
    followed = await links.patients_of(context.db, telegram_id=telegram_id)
    settings = await links.caregiver_settings(context.db, telegram_id=telegram_id)
    lines = [care_texts.PATIENTS_TITLE]
    lines += [care_texts.patient_line(link) for link in followed]
    if not followed:
        lines.append(care_texts.NO_PATIENTS)
        return "\n".join(lines), None
    zone = settings.zone or "UTC"
    lines.append(care_texts.DIGEST_LINE.format(time=settings.digest_time, zone=zone))
    rows: list[Row] = []
    for link in followed:
        name = link.patient_name[:24]
        if link.status is LinkStatus.ACTIVE:
            mute = (
                (
                    care_texts.UNMUTE_BUTTON.format(name=name),
                    PatientButton(PatientOp.UNMUTE, link.link_id),
                )
                if link.muted
                else (
                    care_texts.MUTE_BUTTON.format(name=name),
                    PatientButton(PatientOp.MUTE, link.link_id),
                )
            )
            rows.append([mute])
        rows.append(
            [
                (
                    care_texts.LEAVE_BUTTON.format(name=name),
                    PatientButton(PatientOp.LEAVE, link.link_id),
                )
            ]
        )
    rows.append([(care_texts.DIGEST_TIME_BUTTON, PatientButton(PatientOp.DIGEST_TIME))])
    return "\n".join(lines), inline(rows)


async def show_patients(update: Update, context: Context) -> None:
    """List the people this caregiver follows, with mute, leave and the digest time."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    text, markup = await _listing(context, user.id)
    await message.reply_html(text, reply_markup=markup)


@dataclass
class DigestTimeFlow:
    """Waits for the local time of the caregiver's digest."""

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Take a time like 19:30 and move the digest there."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return False
        at = parse_time(text)
        if at is None:
            await message.reply_html(care_texts.DIGEST_TIME_BAD)
            return True
        dialogue.end(context)
        await links.set_digest_time(context.db, telegram_id=user.id, at=at, now=context.now())
        await message.reply_html(care_texts.DIGEST_TIME_SAVED.format(time=at.strftime("%H:%M")))
        return True


async def press(update: Update, context: Context) -> None:
    """Handle a caregiver's button; every press re-checks the link in the database."""
    query = update.callback_query
    if query is None:
        return
    button = PatientButton.unpack(query.data)
    if button is None or (button.target is None and button.op is not PatientOp.DIGEST_TIME):
        await not_available(query)
        return
    if button.op is PatientOp.DIGEST_TIME:
        dialogue.start(context, DigestTimeFlow())
        await query.answer()
        if isinstance(query.message, Message):
            await query.message.reply_html(care_texts.ASK_DIGEST_TIME)
        return
    target = button.target or 0
    if button.op is PatientOp.NUDGE:
        await _nudge(query, context, target)
    elif button.op in (PatientOp.MUTE, PatientOp.UNMUTE):
        await _mute(query, context, target, muted=button.op is PatientOp.MUTE)
    elif button.op is PatientOp.LEAVE:
        await _confirm_leave(query, context, target)
    else:
        await _leave(query, context, target)


async def _nudge(query: CallbackQuery, context: Context, alert_id: int) -> None:
    result = await alerts.nudge(
        context.db, telegram_id=query.from_user.id, alert_id=alert_id, now=context.now()
    )
    if result is NudgeResult.NOT_ALLOWED:
        await not_available(query)
        return
    await query.answer(care_texts.NUDGE_RESULTS[result], show_alert=True)
    if result is NudgeResult.SENT:
        await query.edit_message_reply_markup(None)


async def _mute(query: CallbackQuery, context: Context, link_id: int, *, muted: bool) -> None:
    link = await links.set_muted(
        context.db, telegram_id=query.from_user.id, link_id=link_id, muted=muted, now=context.now()
    )
    if link is None:
        await not_available(query)
        return
    template = care_texts.MUTED if muted else care_texts.UNMUTED
    await query.answer()
    text, markup = await _listing(context, query.from_user.id)
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    if isinstance(query.message, Message):
        await query.message.reply_html(template.format(name=escape(link.patient_name)))


async def _confirm_leave(query: CallbackQuery, context: Context, link_id: int) -> None:
    followed = await links.patients_of(context.db, telegram_id=query.from_user.id)
    link = next((link for link in followed if link.link_id == link_id), None)
    if link is None:
        await not_available(query)
        return
    markup = inline([[(care_texts.LEAVE_YES, PatientButton(PatientOp.LEAVE_CONFIRMED, link_id))]])
    await query.answer()
    await query.edit_message_text(
        care_texts.LEAVE_CONFIRM.format(name=escape(link.patient_name)),
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
    )


async def _leave(query: CallbackQuery, context: Context, link_id: int) -> None:
    ended = await links.end_link(
        context.db,
        telegram_id=query.from_user.id,
        link_id=link_id,
        by_patient=False,
        now=context.now(),
    )
    if ended is None:
        await not_available(query)
        return
    await query.answer()
    await query.edit_message_text(
        care_texts.LEFT_BY_YOU.format(name=escape(ended.link.patient_name)),
        parse_mode=ParseMode.HTML,
    )
    await tell(
        context,
        ended.other_chat_id,
        lambda: care_texts.TOLD_PATIENT_LEFT.format(name=escape(ended.link.caregiver_name)),
    )
