"""A product's supply: tablets left, the typed count or refill, from the product card."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import cast

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot import dialogue, records_texts, texts
from bot.callbacks import SupplyButton, SupplyOp
from bot.context import Context
from services.supply import MAX_UNITS, SupplyView, set_supply, supply_of


def _card(view: SupplyView) -> str:
    if view.units_left is None:
        return records_texts.SUPPLY_NONE.format(name=records_texts.quote(view.name))
    return records_texts.supply_card(
        name=view.name,
        units_left=view.units_left,
        per_day=view.units_per_day,
        days_left=view.days_left,
        refill_days=view.refill_days,
    )


def _keyboard(product_id: int) -> InlineKeyboardMarkup:
    def button(label: str, op: SupplyOp) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=SupplyButton(product_id, op).pack())

    return InlineKeyboardMarkup(
        [
            [
                button(records_texts.SUPPLY_REFILL_BUTTON, SupplyOp.REFILL),
                button(records_texts.SUPPLY_COUNT_BUTTON, SupplyOp.COUNT),
            ]
        ]
    )


def parse_units(text: str) -> Decimal | None:
    """Read a tablet count: digits, a decimal point or comma for half tablets; 0–10,000."""
    cleaned = (
        text.strip()
        .lstrip("+")
        .replace(",", ".")
        .removesuffix("tablets")
        .removesuffix("片")
        .strip()
    )
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    if not value.is_finite() or not Decimal(0) <= value <= MAX_UNITS:
        return None
    return value


@dataclass
class SupplyFlow:
    """Waiting for a tablet count: the count now, or how many a refill added."""

    product_id: int
    add: bool

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Save the typed count and show the supply; ask again on anything but a number."""
        message = cast(Message, update.effective_message)
        if update.effective_user is None:
            return False
        units = parse_units(text)
        if units is None:
            await message.reply_html(records_texts.SUPPLY_BAD_NUMBER)
            return True
        dialogue.end(context)
        view = await set_supply(
            context.db,
            telegram_id=update.effective_user.id,
            supplement_id=self.product_id,
            units=units,
            add=self.add,
            now=context.now(),
        )
        if view is None:
            await message.reply_html(texts.NOT_AVAILABLE)
            return True
        await message.reply_html(_card(view), reply_markup=_keyboard(self.product_id))
        return True


async def press(update: Update, context: Context) -> None:
    """Show a product's supply, or ask for the count or the refill (ownership re-checked)."""
    query = cast(CallbackQuery, update.callback_query)
    button = SupplyButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    view = await supply_of(
        context.db, telegram_id=query.from_user.id, supplement_id=button.product_id
    )
    if view is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    await query.answer()
    message = cast(Message, query.message)
    name = records_texts.quote(view.name)
    if button.op is SupplyOp.SHOW and view.units_left is not None:
        await message.reply_html(_card(view), reply_markup=_keyboard(button.product_id))
        return
    add = button.op is SupplyOp.REFILL and view.units_left is not None
    dialogue.start(context, SupplyFlow(button.product_id, add=add))
    if button.op is SupplyOp.SHOW:
        await message.reply_html(_card(view))
    asked = records_texts.SUPPLY_ASK_REFILL if add else records_texts.SUPPLY_ASK_COUNT
    await message.reply_html(asked.format(name=name))
