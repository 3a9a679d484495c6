"""What the user hears after an intake is logged or undone: the day's calcium, then warnings."""

from collections.abc import Sequence
from datetime import date

from telegram import Message

from bot import meal_texts
from bot.context import Context
from bot.handlers.shared.warnings import warning_text
from bot.i18n import _
from bot.i18n import day as day_name
from nutrition.checker import DayTotals, LimitWarning, Nutrient, text_bar
from services import onboarding
from services.day_totals import limits_for, local_day
from services.profiles import Profile


def day_total_text(user: Profile | None, day: date, totals: DayTotals, *, today: date) -> str:
    """Word one day's calcium: progress to the target, the limit as its own figure, a bar."""
    total = totals.calcium_mg
    limits = limits_for(user, day) if user is not None else None
    if limits is None:
        return meal_texts.DAY_TOTAL_PLAIN.format(total=total)
    limit, target = limits.limit(Nutrient.CALCIUM), limits.calcium_target_mg
    progress = meal_texts.progress_text(
        total,
        target=target,
        limit=limit,
        unit=_("mg"),
        doctor_limit=Nutrient.CALCIUM in limits.doctor_set,
    )
    figures = {"total": total, "progress": progress, "bar": text_bar(total, target)}
    if day == today:
        return meal_texts.DAY_TOTAL.format(**figures)
    return meal_texts.DAY_TOTAL_ON.format(day=day_name(day), **figures)


async def send_day_total(
    message: Message,
    context: Context,
    *,
    telegram_id: int,
    day: date,
    totals: DayTotals,
    lead: str = "",
    tail: str = "",
) -> Profile | None:
    """Send the day's calcium total (after `lead`, before `tail`); return the user's row."""
    user = await onboarding.load(context.db, telegram_id=telegram_id)
    today = local_day(user, context.now()) if user is not None else day
    body = day_total_text(user, day, totals, today=today)
    await message.reply_html("\n".join(part for part in (lead, body, tail) if part))
    return user


async def send_warnings(
    message: Message, user: Profile | None, warnings: Sequence[LimitWarning]
) -> None:
    """Send the limit warnings a log call returned (it records them, so each comes once a day)."""
    calcification = bool(user is not None and user.vascular_calcification)
    for warning in warnings:
        await message.reply_html(warning_text(warning, vascular_calcification=calcification))
