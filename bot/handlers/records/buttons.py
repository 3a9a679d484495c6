"""The one entry of the records buttons: /delete's confirmation and the summary choices."""

from typing import cast

from telegram import CallbackQuery, Update

from bot import texts
from bot.callbacks import RecordsButton, RecordsOp
from bot.context import Context
from bot.handlers.records import data, summary

_DELETE_OPS = frozenset({RecordsOp.DELETE_ASK, RecordsOp.DELETE_CANCEL})


async def press(update: Update, context: Context) -> None:
    """Route a records button; forged data gets "not available"."""
    query = cast(CallbackQuery, update.callback_query)
    button = RecordsButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    if button.op in _DELETE_OPS:
        await data.press_delete(query, context, button.op)
        return
    await summary.press(query, context, button)
