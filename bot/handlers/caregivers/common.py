"""Small helpers the caregiver handlers share: toasts, telling the other side, keyboards."""

import logging
from collections.abc import Callable

from telegram import CallbackQuery, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import TelegramError

from bot import care_texts, texts
from bot.callbacks import CaregiverButton, CareOp
from bot.context import Context
from bot.i18n import use_locale
from bot.keyboards import Row, inline
from bot.language import locale_of_chat
from services.caregivers.views import LinkStatus, LinkView, Scope

log = logging.getLogger(__name__)


async def not_available(query: CallbackQuery) -> None:
    """Refuse a button the presser may not use, or whose data was forged."""
    await query.answer(texts.NOT_AVAILABLE, show_alert=True)


async def tell(
    context: Context,
    chat_id: int,
    word: Callable[[], str],
    markup: Callable[[], InlineKeyboardMarkup] | None = None,
) -> None:
    """Tell the other side of a link, in their own language; a blocked chat is logged by id.

    `word` (and `markup`) are called under the recipient's locale: the person who pressed may
    read English while the one told reads Chinese.
    """
    if not chat_id:
        return
    with use_locale(await locale_of_chat(context, chat_id)):
        text, keyboard = word(), markup() if markup is not None else None
    try:
        await context.bot.send_message(
            chat_id, text, parse_mode=ParseMode.HTML, reply_markup=keyboard
        )
    except TelegramError as error:
        log.info(
            "caregiver notice not delivered chat_id=%s error=%s", chat_id, type(error).__name__
        )


def scope_rows(link: LinkView) -> list[Row]:
    """One toggle per scope of a link, in a fixed order."""
    return [
        [
            (
                care_texts.scope_button(scope, scope in link.scopes),
                CaregiverButton(CareOp.TOGGLE, link.link_id, scope),
            )
        ]
        for scope in Scope
    ]


def approval_markup(link: LinkView) -> InlineKeyboardMarkup:
    """Scope toggles with Approve and Decline, for a pending link."""
    decide: Row = [
        (care_texts.APPROVE_BUTTON, CaregiverButton(CareOp.APPROVE, link.link_id)),
        (care_texts.DECLINE_BUTTON, CaregiverButton(CareOp.DECLINE, link.link_id)),
    ]
    return inline([*scope_rows(link), decide])


def card_markup(link: LinkView) -> InlineKeyboardMarkup:
    """Scope toggles, Remove and Back, for an active link."""
    if link.status is LinkStatus.PENDING:
        return approval_markup(link)
    return inline(
        [
            *scope_rows(link),
            [(care_texts.REMOVE_BUTTON, CaregiverButton(CareOp.REMOVE, link.link_id))],
            [(care_texts.BACK_BUTTON, CaregiverButton(CareOp.LIST))],
        ]
    )
