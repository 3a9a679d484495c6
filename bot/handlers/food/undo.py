"""/undo: remove the last logged meal, dose or entry and show the day's new calcium total."""

from html import escape
from typing import cast

from telegram import Message, Update

from bot import meal_texts
from bot.context import Context
from bot.handlers.food import meal_view
from bot.handlers.shared.intake_reply import send_day_total
from services import meals
from services.intakes import UndoStatus

_SHOWN_ITEMS = 10  # a long meal is summed up after this many names


async def undo(update: Update, context: Context) -> None:
    """Remove the user's most recent intake and say what went and the new total."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    telegram_id = update.effective_user.id
    result = await meals.undo_last(context.db, telegram_id=telegram_id, now=context.now())
    if result.status is not UndoStatus.UNDONE or result.day is None or result.totals is None:
        await message.reply_html(meal_texts.UNDO_NOTHING)
        return
    names = [
        meal_texts.UNDO_ITEM.format(
            label=escape(meal_view.label_name(item.label)), calcium=item.calcium_mg
        )
        for item in result.items[:_SHOWN_ITEMS]
    ]
    if len(result.items) > _SHOWN_ITEMS:
        names.append(meal_texts.UNDO_MORE.format(count=len(result.items) - _SHOWN_ITEMS))
    await send_day_total(
        message,
        context,
        telegram_id=telegram_id,
        day=result.day,
        totals=result.totals,
        lead=meal_texts.UNDO_DONE.format(what=", ".join(names)),
    )
