"""Calcium doses too close to a medicine: show the rule and a move, accept it with one tap."""

from html import escape
from typing import cast

from telegram import CallbackQuery, Message, Update
from telegram.error import BadRequest

from bot import spacing_texts as words
from bot import texts
from bot.callbacks import MoveOp, SpacingButton
from bot.context import Context
from bot.keyboards import Row, inline
from services import spacing
from services.spacing_moves import MoveOutcome, accept_move


async def show_conflicts(message: Message, context: Context, telegram_id: int) -> int:
    """Send each calcium dose in conflict with its rule and proposal; return how many.

    Nothing is said when the plan is clear: the saved schedule's confirmation says enough.
    """
    found = await spacing.check(context.db, telegram_id=telegram_id)
    for proposal in found:
        text = "\n".join(
            [
                words.conflict_sentence(proposal.conflict, proposal.medicine, proposal.product),
                words.proposal_text(proposal.product, proposal.at, proposal.to, proposal.weekdays),
            ]
        )
        minute = spacing.dose_minute(proposal.at)
        rows: list[Row] = []
        if proposal.to is not None:
            move = words.MOVE_BUTTON.format(to=words.hhmm(proposal.to))
            rows.append(
                [
                    (move, SpacingButton(proposal.schedule_id, minute, MoveOp.MOVE)),
                    (words.KEEP_BUTTON, SpacingButton(proposal.schedule_id, minute, MoveOp.KEEP)),
                ]
            )
        await message.reply_html(text, reply_markup=inline(rows) if rows else None)
    return len(found)


async def _close(message: Message) -> None:
    """Remove the offer's buttons; a second tap finds them gone already, which is fine."""
    try:
        await message.edit_reply_markup(reply_markup=None)
    except BadRequest as error:
        if "not modified" not in str(error).lower():
            raise


async def press(update: Update, context: Context) -> None:
    """Move the dose after re-checking ownership and the conflict; "keep" just closes the offer."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    button = SpacingButton.unpack(query.data)
    if button is None or button.minute >= 24 * 60:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    if button.op is MoveOp.KEEP:
        await query.answer(words.KEPT)
        await _close(message)
        return
    result = await accept_move(
        context.db,
        telegram_id=query.from_user.id,
        schedule_id=button.schedule_id,
        minute=button.minute,
        now=context.now(),
    )
    if result.outcome is MoveOutcome.NOT_YOURS:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    await query.answer()
    await _close(message)
    if result.outcome is MoveOutcome.MOVED and result.at is not None and result.to is not None:
        await message.reply_html(
            words.MOVED.format(
                name=escape(result.product),
                at=words.hhmm(result.at),
                to=words.hhmm(result.to),
                days=words.days_text(result.weekdays),
            )
        )
    elif result.outcome is MoveOutcome.NO_FIT:
        await message.reply_html(words.MOVE_NO_FIT)
    else:
        await message.reply_html(words.MOVE_CLEAR)
