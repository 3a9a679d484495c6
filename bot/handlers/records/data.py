"""/privacy, /export and /delete: what is stored, a copy of all of it, and erasing it."""

import logging
from dataclasses import dataclass
from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, TelegramError

from bot import dialogue, records_texts, texts
from bot.callbacks import RecordsButton, RecordsOp
from bot.context import Context
from bot.i18n import use_locale
from bot.language import locale_of_chat
from services.caregivers.departures import Departure, departures
from services.user_data import delete_user, export_user

log = logging.getLogger(__name__)


async def privacy(update: Update, _context: Context) -> None:
    """Say what is stored, who sees it, and how to export or delete it."""
    if update.effective_message is not None:
        await update.effective_message.reply_html(records_texts.PRIVACY)


async def export(update: Update, context: Context) -> None:
    """Send every stored row about the user as a zip of CSVs."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    found = await export_user(context.db, telegram_id=update.effective_user.id)
    if found is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    await message.reply_document(
        found.archive,
        filename=records_texts.EXPORT_FILENAME,
        caption=records_texts.export_caption(sum(found.rows_per_kind.values())),
    )


async def delete(update: Update, _context: Context) -> None:
    """Ask whether to erase everything, with a button (the typed word comes next)."""
    message = cast(Message, update.effective_message)
    keyboard = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    records_texts.DELETE_BUTTON,
                    callback_data=RecordsButton(RecordsOp.DELETE_ASK).pack(),
                )
            ],
            [
                InlineKeyboardButton(
                    records_texts.KEEP_BUTTON,
                    callback_data=RecordsButton(RecordsOp.DELETE_CANCEL).pack(),
                )
            ],
        ]
    )
    await message.reply_html(records_texts.DELETE_ASK, reply_markup=keyboard)


@dataclass
class ConfirmDeleteFlow:
    """Waiting for the typed word that confirms /delete; anything else keeps the data."""

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Erase everything on the exact word, otherwise say nothing was deleted."""
        message = cast(Message, update.effective_message)
        dialogue.end(context)
        if update.effective_user is None:
            return True
        # The English word always confirms; a translated one (删除) too.
        if text.strip() not in {"DELETE", records_texts.DELETE_WORD}:
            await message.reply_html(records_texts.DELETE_KEPT)
            return True
        telegram_id = update.effective_user.id
        # Read before the erasure: the links go with the user's rows.
        to_tell = await departures(context.db, telegram_id=telegram_id)
        erased = await delete_user(context.db, telegram_id=telegram_id)
        await message.reply_html(
            records_texts.DELETE_DONE if erased is not None else texts.NOT_STARTED
        )
        if erased is not None:
            await _tell_departures(context, to_tell)
        return True


async def _tell_departures(context: Context, to_tell: list[Departure]) -> None:
    """Tell each caregiver (or patient) of the erased user that the link and its alerts ended."""
    for departure in to_tell:
        with use_locale(await locale_of_chat(context, departure.chat_id)):
            template = (
                records_texts.DELETED_PATIENT_NOTICE
                if departure.was_patient
                else records_texts.DELETED_CAREGIVER_NOTICE
            )
        try:
            await context.bot.send_message(
                departure.chat_id,
                template.format(name=escape(departure.name)),
                parse_mode=ParseMode.HTML,
            )
        except TelegramError as error:  # a blocked chat: nothing more to do, logged by id
            log.info("departure notice not delivered chat_id=%s %s", departure.chat_id, error)


async def press_delete(query: CallbackQuery, context: Context, op: RecordsOp) -> None:
    """Handle /delete's buttons: the first "yes" asks for the typed word."""
    await query.answer()
    message = cast(Message, query.message)
    try:
        await message.edit_reply_markup(reply_markup=None)
    except BadRequest as error:  # a second tap: the buttons are already gone
        if "not modified" not in str(error).lower():
            raise
    if op is RecordsOp.DELETE_CANCEL:
        dialogue.end(context)
        await message.reply_html(records_texts.DELETE_KEPT)
        return
    dialogue.start(context, ConfirmDeleteFlow())
    await message.reply_html(records_texts.DELETE_TYPE)
