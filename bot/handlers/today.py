"""/today and /day: a day's doses, exercise, logged entries and totals; /history: 7 days."""

from datetime import date
from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest

from bot import texts, today_texts
from bot.callbacks import DiaryButton, DiaryOp
from bot.context import Context
from bot.history_texts import history_line
from bot.reminder_texts import hhmm, label
from nutrition.levels import text_bar
from services import diary, reminders
from services.day_totals import NutrientSummary, TodaySummary, today_summary
from services.diary import DayProblem, DiaryEntry
from services.reminders import TodayRow
from services.vocabulary import ScheduleKind

# Rows still waiting for the dose to be taken: a warning applies when it passes the room left.
_STILL_TO_TAKE = frozenset({"upcoming", "overdue", "sent", "sending", "snoozed"})
# Telegram allows 100 buttons per keyboard; a day's diary rarely has 20 entries.
MAX_REMOVE_BUTTONS = 20


def _name(kind: str, title: str | None) -> str:
    return escape(label(kind, title))


def _nutrient_lines(nutrient: str, unit: str, summary: NutrientSummary) -> list[str]:
    progress = today_texts.progress(
        summary.total,
        target=summary.target,
        limit=summary.limit,
        unit=unit,
        doctor_limit=summary.doctor_limit,
    )
    return today_texts.nutrient_lines(
        nutrient,
        total=summary.total,
        food=summary.food,
        supplements=summary.supplements,
        progress=progress,
        room=summary.headroom,
        bar=text_bar(summary.total, summary.target),
    )


def _row_lines(row: TodayRow, room_mg: int | None) -> list[str]:
    icon = today_texts.STATUS_ICONS.get(row.status, "•")
    note = today_texts.STATUS_NOTES.get(row.status, "")
    if row.snoozed_until_local is not None:
        note = today_texts.snoozed_note(hhmm(row.snoozed_until_local))
    lines = [f"{icon} {hhmm(row.local_time)} {_name(row.kind, row.title)}{note}"]
    if (
        room_mg is not None
        and row.kind == ScheduleKind.DOSE
        and row.status in _STILL_TO_TAKE
        and row.calcium_mg > room_mg
    ):
        lines.append(today_texts.room_warning(row.calcium_mg, room_mg))
    return lines


def _entry_lines(entries: list[DiaryEntry]) -> list[str]:
    if not entries:
        return [today_texts.DIARY_EMPTY]
    return [today_texts.DIARY_TITLE] + [
        today_texts.entry_line(
            today_texts.SOURCE_ICONS.get(entry.source, "•"),
            hhmm(entry.logged_local),
            entry.label,
            entry.grams,
            entry.calcium_mg,
        )
        for entry in entries
    ]


def _keyboard(entries: list[DiaryEntry]) -> InlineKeyboardMarkup | None:
    if not entries:
        return None
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    today_texts.remove_label(entry.label, entry.calcium_mg),
                    callback_data=DiaryButton(entry.intake_id, DiaryOp.REMOVE).pack(),
                )
            ]
            for entry in entries[-MAX_REMOVE_BUTTONS:]
        ]
    )


async def _render(
    context: Context, telegram_id: int, day: date | None
) -> tuple[str, InlineKeyboardMarkup | None] | None:
    """Word one day (today when `day` is None); None before onboarding ends."""
    now = context.now()
    summary: TodaySummary | None = await today_summary(
        context.db, telegram_id=telegram_id, now=now, day=day
    )
    if summary is None:
        return None
    rows = await reminders.today(context.db, telegram_id=telegram_id, now=now, day=summary.day)
    entries = await diary.entries(context.db, telegram_id=telegram_id, day=summary.day)
    is_today = day is None
    lines = [
        today_texts.today_title(summary.day) if is_today else today_texts.day_title(summary.day)
    ]
    room = summary.calcium.headroom if is_today else None
    for row in rows:
        lines += _row_lines(row, room)
    if rows:
        lines.append(today_texts.LEGEND)
    else:
        lines.append(texts.TODAY_NOTHING)
    lines.append("")
    lines += _entry_lines(entries)
    lines.append("")
    lines += _nutrient_lines("calcium", "mg", summary.calcium)
    lines += _nutrient_lines("vitamin_d", "IU", summary.vitamin_d)
    if summary.vitamin_k_ug:
        lines.append(today_texts.vitamin_k_line(summary.vitamin_k_ug))
    lines.append(f"<i>{escape(today_texts.limit_source(summary.limit_source))}</i>")
    return "\n".join(lines), _keyboard(entries)


async def show_today(update: Update, context: Context) -> None:
    """List today's doses and exercise with their status, what was logged, and the totals."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    rendered = await _render(context, update.effective_user.id, None)
    if rendered is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    await message.reply_html(rendered[0], reply_markup=rendered[1])


async def show_day(update: Update, context: Context) -> None:
    """Show a past day: `/day yesterday`, `/day 2026-11-30`."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    telegram_id = update.effective_user.id
    today = await diary.user_today(context.db, telegram_id=telegram_id, now=context.now())
    if today is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    wanted = " ".join(context.args or [])
    day = diary.parse_day(wanted, today=today) if wanted else DayProblem.UNREADABLE
    if isinstance(day, DayProblem):
        reply = {
            DayProblem.FUTURE: today_texts.DAY_FUTURE,
            DayProblem.TOO_OLD: today_texts.DAY_TOO_OLD,
        }.get(day, today_texts.DAY_USAGE)
        await message.reply_html(reply)
        return
    rendered = await _render(context, telegram_id, None if day == today else day)
    if rendered is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    text = rendered[0]
    if day != today:
        text += "\n\n" + today_texts.DAY_LOG_HINT.format(day=day.isoformat())
    await message.reply_html(text, reply_markup=rendered[1])


async def press(update: Update, context: Context) -> None:
    """Remove one diary entry after re-checking it is the presser's, then redraw the day."""
    query = cast(CallbackQuery, update.callback_query)
    button = DiaryButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    telegram_id = query.from_user.id
    removed = await diary.remove(context.db, telegram_id=telegram_id, intake_id=button.intake_id)
    if not removed.ok:
        await query.answer(today_texts.ALREADY_REMOVED)
        return
    await query.answer(today_texts.REMOVED)
    today = await diary.user_today(context.db, telegram_id=telegram_id, now=context.now())
    shown = None if removed.day == today else removed.day
    rendered = await _render(context, telegram_id, shown)
    if rendered is None or not isinstance(query.message, Message):
        return
    try:
        await query.message.edit_text(rendered[0], parse_mode="HTML", reply_markup=rendered[1])
    except BadRequest as error:  # the same day drawn twice by two quick taps
        if "not modified" not in str(error).lower():
            raise


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
    lines += [history_line(row, _name(row.kind, row.title)) for row in rows]
    await message.reply_html("\n".join(lines))
