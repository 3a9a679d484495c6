"""Tell the user when the day's total nears or passes the upper limit, once per level a day."""

from telegram import Message

from bot import advice_texts, texts
from bot.context import Context
from bot.i18n import N_, _
from nutrition.advice import food_first_due
from nutrition.checker import Level, LimitWarning, Nutrient, text_bar
from services import onboarding
from services.checker import check_after_intake
from services.day_totals import local_day

_UNITS = {
    Nutrient.CALCIUM: (N_("calcium"), N_("mg")),
    Nutrient.VITAMIN_D: (N_("vitamin D"), N_("IU")),
}


def warning_text(warning: LimitWarning, *, vascular_calcification: bool) -> str:
    """Word one warning with the total, the limit and a text bar; advice, never an order."""
    name, unit = (_(word) for word in _UNITS[warning.nutrient])
    bar = text_bar(warning.total, warning.limit)
    figures = f"{warning.total:,} / {warning.limit:,} {unit} ({warning.percent} %)\n{bar}"
    template = texts.WARN_OVER if warning.level is Level.OVER else texts.WARN_NEAR
    text = template.format(name=name, figures=figures)
    note = (
        # Read through the module (not imported by name) so it comes in the user's language.
        advice_texts.FOOD_FIRST
        if warning.nutrient is Nutrient.CALCIUM and food_first_due(vascular_calcification)
        else None
    )
    return f"{text}\n\n{note}" if note else text


async def send_limit_warnings(message: Message, context: Context, *, telegram_id: int) -> None:
    """Check the user's local day after an intake and send any new warning."""
    user = await onboarding.load(context.db, telegram_id=telegram_id)
    if user is None or user.id is None:
        return
    warnings = await check_after_intake(
        context.db,
        user_id=user.id,
        day=local_day(user, context.now()),
        policy=context.policy,
        now=context.now(),
    )
    for warning in warnings:
        await message.reply_html(
            warning_text(warning, vascular_calcification=bool(user.vascular_calcification))
        )
