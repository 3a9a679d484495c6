"""Warfarin users hear to keep vitamin K steady whenever a product with vitamin K changes."""

from html import escape

from telegram import Message

from bot.advice_texts import vitamin_k_change_text
from bot.context import Context
from nutrition.advice import VitaminKChange, vitamin_k_change_advice_due
from services import onboarding


async def advise_on_change(
    message: Message,
    context: Context,
    *,
    telegram_id: int,
    vitamin_k_ug: int,
    change: VitaminKChange,
) -> None:
    """Send the steady-vitamin-K advice when a warfarin user adds, changes or stops vitamin K."""
    if vitamin_k_ug <= 0:
        return
    user = await onboarding.load(context.db, telegram_id=telegram_id)
    due = vitamin_k_change_advice_due(bool(user is not None and user.takes_warfarin), change)
    if due is not None:
        await message.reply_html(f"💊 {escape(vitamin_k_change_text(due))}")
