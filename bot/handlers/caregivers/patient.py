"""The patient's side: /caregivers, invites (link and QR code), approval, scopes, removal."""

import io
from dataclasses import dataclass
from html import escape
from typing import Any

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode

from bot import care_texts, dialogue
from bot.callbacks import CaregiverButton, CareOp
from bot.context import Context
from bot.handlers.caregivers.common import approval_markup, card_markup, not_available, tell
from bot.handlers.caregivers.qr import qr_png
from bot.keyboards import Row, inline
from services.caregivers import invites, links
from services.caregivers.views import InviteProblem, LinkStatus

# A name to show is a word or two ("Mum", "Anna K."); the column holds 64.
MAX_NAME_CHARS = 40


async def _listing(context: Context, telegram_id: int) -> tuple[str, Any]:
    linked = await links.caregivers_of(context.db, telegram_id=telegram_id)
    unused = await invites.open_invites(context.db, telegram_id=telegram_id, now=context.now())
    lines = [care_texts.CAREGIVERS_TITLE]
    lines += [care_texts.caregiver_line(link) for link in linked]
    lines += [care_texts.invite_line(invite) for invite in unused]
    if not linked and not unused:
        lines.append(care_texts.NO_CAREGIVERS)
    rows: list[Row] = [
        [(f"⚙️ {link.caregiver_name[:30]}", CaregiverButton(CareOp.OPEN, link.link_id))]
        for link in linked
    ]
    rows += [
        [(care_texts.REVOKE_BUTTON, CaregiverButton(CareOp.REVOKE, invite.invite_id))]
        for invite in unused
    ]
    rows.append([(care_texts.INVITE_BUTTON, CaregiverButton(CareOp.INVITE))])
    return "\n".join(lines), inline(rows)


async def show(update: Update, context: Context) -> None:
    """List the patient's caregivers and unused invites, with Invite."""
    message, user = update.effective_message, update.effective_user
    if message is None or user is None:
        return
    text, markup = await _listing(context, user.id)
    await message.reply_html(text, reply_markup=markup)


@dataclass
class NameFlow:
    """Waits for the name the patient wants caregivers to see."""

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Take the typed name and make the invite."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return False
        name = text.strip()
        if not name or len(name) > MAX_NAME_CHARS:
            await message.reply_html(care_texts.NAME_TOO_LONG)
            return True
        dialogue.end(context)
        await _send_invite(message, context, user.id, name)
        return True


async def _send_invite(message: Message, context: Context, telegram_id: int, name: str) -> None:
    made = await invites.create_invite(
        context.db, telegram_id=telegram_id, patient_name=name, now=context.now()
    )
    if made is None:
        await message.reply_html(care_texts.INVITE_PROBLEMS[InviteProblem.UNKNOWN])
        return
    url = f"https://t.me/{context.bot.username}?start={made.token}"
    revoke = inline([[(care_texts.REVOKE_BUTTON, CaregiverButton(CareOp.REVOKE, made.invite_id))]])
    await message.reply_html(
        care_texts.INVITE_READY.format(url=escape(url)), disable_web_page_preview=True
    )
    await message.reply_photo(
        io.BytesIO(qr_png(url)),
        caption=care_texts.INVITE_QR_CAPTION.format(name=name),
        reply_markup=revoke,
    )


async def press(update: Update, context: Context) -> None:
    """Handle a /caregivers button; every press re-checks the link in the database."""
    query = update.callback_query
    if query is None:
        return
    button = CaregiverButton.unpack(query.data)
    if button is None:
        await not_available(query)
        return
    await _ACTIONS[button.op](query, context, button)


async def _list(query: CallbackQuery, context: Context, _button: CaregiverButton) -> None:
    text, markup = await _listing(context, query.from_user.id)
    await query.answer()
    await query.edit_message_text(text, parse_mode=ParseMode.HTML, reply_markup=markup)


async def _invite(query: CallbackQuery, context: Context, _button: CaregiverButton) -> None:
    dialogue.start(context, NameFlow())
    await query.answer()
    first = (query.from_user.first_name or "")[:MAX_NAME_CHARS]
    rows: list[Row] = (
        [[(care_texts.USE_NAME_BUTTON.format(name=first), CaregiverButton(CareOp.USE_NAME))]]
        if first
        else []
    )
    if isinstance(query.message, Message):
        await query.message.reply_html(care_texts.ASK_NAME, reply_markup=inline(rows))


async def _use_name(query: CallbackQuery, context: Context, _button: CaregiverButton) -> None:
    first = (query.from_user.first_name or "").strip()[:MAX_NAME_CHARS]
    if not first or not isinstance(query.message, Message):
        await not_available(query)
        return
    dialogue.end(context)
    await query.answer()
    await query.edit_message_reply_markup(None)
    await _send_invite(query.message, context, query.from_user.id, first)


async def _revoke(query: CallbackQuery, context: Context, button: CaregiverButton) -> None:
    if button.target is None or not await invites.revoke_invite(
        context.db, telegram_id=query.from_user.id, invite_id=button.target, now=context.now()
    ):
        await not_available(query)
        return
    await query.answer(care_texts.INVITE_REVOKED)
    if isinstance(query.message, Message):
        await query.message.reply_html(care_texts.INVITE_REVOKED)


async def _open(query: CallbackQuery, context: Context, button: CaregiverButton) -> None:
    link = None
    if button.target is not None:
        link = await links.patient_link(
            context.db, telegram_id=query.from_user.id, link_id=button.target
        )
    if link is None:
        await not_available(query)
        return
    await query.answer()
    await query.edit_message_text(
        care_texts.caregiver_line(link), parse_mode=ParseMode.HTML, reply_markup=card_markup(link)
    )


async def _toggle(query: CallbackQuery, context: Context, button: CaregiverButton) -> None:
    link = None
    if button.target is not None and button.scope is not None:
        link = await links.toggle_scope(
            context.db,
            telegram_id=query.from_user.id,
            link_id=button.target,
            scope=button.scope,
            now=context.now(),
        )
    if link is None:
        await not_available(query)
        return
    await query.answer()
    await query.edit_message_reply_markup(card_markup(link))


async def _approve(query: CallbackQuery, context: Context, button: CaregiverButton) -> None:
    approved = None
    if button.target is not None:
        approved = await links.approve(
            context.db, telegram_id=query.from_user.id, link_id=button.target, now=context.now()
        )
    if approved is None:
        await not_available(query)
        return
    link, caregiver_chat = approved
    scopes = care_texts.scope_list(link.scopes)
    await query.answer()
    await query.edit_message_text(
        care_texts.APPROVED_PATIENT.format(name=escape(link.caregiver_name), scopes=scopes),
        parse_mode=ParseMode.HTML,
        reply_markup=card_markup(link),
    )
    await tell(
        context,
        caregiver_chat,
        lambda: care_texts.APPROVED_CAREGIVER.format(
            name=escape(link.patient_name), scopes=care_texts.scope_list(link.scopes)
        ),
    )


async def _remove(query: CallbackQuery, context: Context, button: CaregiverButton) -> None:
    link = None
    if button.target is not None:
        link = await links.patient_link(
            context.db, telegram_id=query.from_user.id, link_id=button.target
        )
    if link is None or link.status is not LinkStatus.ACTIVE:
        await not_available(query)
        return
    markup = inline(
        [
            [(care_texts.REMOVE_YES, CaregiverButton(CareOp.REMOVE_CONFIRMED, link.link_id))],
            [(care_texts.BACK_BUTTON, CaregiverButton(CareOp.OPEN, link.link_id))],
        ]
    )
    await query.answer()
    await query.edit_message_text(
        care_texts.REMOVE_CONFIRM.format(name=escape(link.caregiver_name)),
        parse_mode=ParseMode.HTML,
        reply_markup=markup,
    )


async def _end(query: CallbackQuery, context: Context, button: CaregiverButton) -> None:
    ended = None
    if button.target is not None:
        ended = await links.end_link(
            context.db,
            telegram_id=query.from_user.id,
            link_id=button.target,
            by_patient=True,
            now=context.now(),
        )
    if ended is None:
        await not_available(query)
        return
    await query.answer()
    await query.edit_message_text(
        care_texts.REMOVED_BY_YOU.format(name=escape(ended.link.caregiver_name)),
        parse_mode=ParseMode.HTML,
    )
    await tell(
        context,
        ended.other_chat_id,
        lambda: care_texts.TOLD_CAREGIVER_REMOVED.format(name=escape(ended.link.patient_name)),
    )


_ACTIONS = {
    CareOp.LIST: _list,
    CareOp.INVITE: _invite,
    CareOp.USE_NAME: _use_name,
    CareOp.REVOKE: _revoke,
    CareOp.OPEN: _open,
    CareOp.TOGGLE: _toggle,
    CareOp.APPROVE: _approve,
    CareOp.DECLINE: _end,
    CareOp.REMOVE: _remove,
    CareOp.REMOVE_CONFIRMED: _end,
}
__all__ = ["approval_markup", "press", "show"]
