"""The one-time refill reminder, sent after the dose that brought a supply to its threshold."""

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message

from bot import records_texts
from bot.callbacks import SupplyButton, SupplyOp
from services.supply import RefillDue


async def send_refill_reminder(message: Message, refill: RefillDue | None) -> None:
    """Tell the user a product is running low, with a button to record a refill."""
    if refill is None:
        return
    button = InlineKeyboardButton(
        records_texts.SUPPLY_REFILL_BUTTON,
        callback_data=SupplyButton(refill.supplement_id, SupplyOp.REFILL).pack(),
    )
    await message.reply_html(
        records_texts.refill_reminder(
            name=refill.name, units_left=refill.units_left, days_left=refill.days_left
        ),
        reply_markup=InlineKeyboardMarkup([[button]]),
    )
