"""/today: the day's doses, exercise and totals; /history: 7-day adherence per schedule."""

from html import escape
from typing import cast

from telegram import Message, Update

from bot import meal_texts, texts
from bot.context import Context
from bot.reminder_texts import hhmm, label
from nutrition.levels import text_bar
from services import reminders
from services.day_totals import NutrientSummary, today_summary

_STATUS = {
    "upcoming": "🕒",
    "pending": "🕒",
    "sending": "📨",
    "sent": "🔔",
    "taken": "✅",
    "snoozed": "⏰",
    "skipped": "⏭",
    "missed": "❌",
    "failed": "⚠️",
}


def _name(kind: str, title: str | None) -> str:
    return escape(label(kind, title))


def _nutrient_lines(title: str, unit: str, summary: NutrientSummary) -> list[str]:
    progress = meal_texts.progress_text(
        summary.total,
        target=summary.target,
        limit=summary.limit,
        unit=unit,
        doctor_limit=summary.doctor_limit,
    )
    return [
        f"<b>{title}</b>: {summary.total:,} {unit} — food {summary.food:,} "
        f"+ supplements {summary.supplements:,}",
        f"   {progress} · room left {summary.headroom:,}",
        f"   {text_bar(summary.total, summary.target)}",
    ]


async def show_today(update: Update, context: Context) -> None:
    """List today's doses and exercise with their status, and the day's totals."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    db, now, telegram_id = context.db, context.now(), update.effective_user.id
    summary = await today_summary(db, telegram_id=telegram_id, now=now)
    if summary is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    rows = await reminders.today(db, telegram_id=telegram_id, now=now)
    lines = [f"📅 <b>Today, {summary.day:%a %d %b}</b>"]
    lines += [
        f"{_STATUS.get(row.status, '•')} {hhmm(row.local_time)} {_name(row.kind, row.title)}"
        for row in rows
    ] or [texts.TODAY_NOTHING]
    lines.append("")
    lines += _nutrient_lines("Calcium", "mg", summary.calcium)
    lines += _nutrient_lines("Vitamin D", "IU", summary.vitamin_d)
    if summary.vitamin_k_ug:
        lines.append(f"<b>Vitamin K</b>: {summary.vitamin_k_ug:,} µg")
    lines.append(f"<i>{escape(summary.limit_source)}</i>")
    await message.reply_html("\n".join(lines))


async def show_history(update: Update, context: Context) -> None:
    """Show, per schedule, how many of the last 7 days' reminders were taken."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    rows = await reminders.history(
        context.db,
        telegram_id=update.effective_user.id,
        now=context.now(),
        days=7,
    )
    if not rows:
        await message.reply_html(texts.HISTORY_NOTHING)
        return
    lines = [texts.HISTORY_TITLE]
    for row in rows:
        percent = f"{round(100 * row.taken / row.due)} %" if row.due else "–"
        lines.append(
            f"• <b>{_name(row.kind, row.title)}</b>: {row.taken}/{row.due} taken ({percent})"
            + (f", {row.skipped} skipped" if row.skipped else "")
            + (f", {row.missed} missed" if row.missed else "")
        )
    await message.reply_html("\n".join(lines))
