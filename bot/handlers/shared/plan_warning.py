"""Warn after a save when the planned supplements alone come near or pass a daily limit."""

from telegram import Message

from bot.callbacks import ProductButton, ProductOp
from bot.context import Context
from bot.i18n import _
from bot.keyboards import Row, inline
from bot.plan_texts import plan_warning
from nutrition.levels import Level, Nutrient
from services import onboarding, supplements
from services.plan_check import check_user_plan


async def check_plan(message: Message, context: Context, *, telegram_id: int) -> None:
    """Send the plan's warning, with a button per product involved, when there is one."""
    findings = await check_user_plan(
        context.db, telegram_id=telegram_id, now=context.now(), policy=context.policy
    )
    if not findings:
        return
    user = await onboarding.load(context.db, telegram_id=telegram_id)
    doctor_set = frozenset(
        nutrient
        for nutrient, limit in (
            (Nutrient.CALCIUM, user.doctor_calcium_limit_mg if user else None),
            (Nutrient.VITAMIN_D, user.doctor_vitamin_d_limit_iu if user else None),
        )
        if limit is not None
    )
    rows: list[Row] = []
    over = {p for f in findings if f.level is Level.OVER for p in f.product_ids}
    for product_id in sorted(over):
        product = await supplements.get_owned(
            context.db, telegram_id=telegram_id, supplement_id=product_id
        )
        if product is not None:
            change = _("✏️ Change {name}").format(name=product.name[:40])
            rows.append([(change, ProductButton(product_id, ProductOp.VIEW))])
    await message.reply_html(
        plan_warning(findings, doctor_set=doctor_set), reply_markup=inline(rows) if rows else None
    )
