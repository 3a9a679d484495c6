"""One schedule of a product: move it to other times or days, pause, resume or delete it.

Every change goes through services.schedules, which re-checks ownership and re-plans at
once, so today's reminder still to come follows the new times.
"""

from dataclasses import dataclass
from datetime import time
from html import escape
from typing import cast

from telegram import CallbackQuery, Message, Update, User

from bot import dialogue, texts
from bot.callbacks import ScheduleEditButton, ScheduleOp
from bot.context import Context
from bot.handlers.shared.plan_warning import check_plan
from bot.i18n import _
from bot.keyboards import Row, inline
from bot.time_texts import describe_weekdays
from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS
from services import schedules
from services.schedules import InvalidSchedule, NotYours, ScheduleView
from services.time_input import parse_times, parse_weekdays
from services.vocabulary import ScheduleKind


def summary(view: ScheduleView) -> str:
    """Say what a schedule reminds of: "1 × at 08:00, 20:00 every day" ("at 09:00 Mon–Fri")."""
    times, days = ", ".join(view.times), describe_weekdays(view.weekdays)
    if view.kind == ScheduleKind.EXERCISE:
        return _("at {times} {days}").format(times=times, days=days)
    units = f"{view.units_per_dose.normalize():f}"
    return _("{units} × at {times} {days}").format(units=units, times=times, days=days)


def _paused(view: ScheduleView) -> str:
    return "" if view.active else _(" ⏸ paused")


def card_rows(views: list[ScheduleView]) -> list[Row]:
    """Return one button per schedule for a product card, each opening that schedule's card."""
    return [
        [(f"🕒 {summary(v)}{_paused(v)}"[:60], ScheduleEditButton(v.id, ScheduleOp.VIEW))]
        for v in views
    ]


def _menu(view: ScheduleView) -> list[Row]:
    def op(label: str, what: ScheduleOp) -> tuple[str, ScheduleEditButton]:
        return label, ScheduleEditButton(view.id, what)

    toggle = (
        op(_("▶️ Resume"), ScheduleOp.RESUME)
        if not view.active
        else op(_("⏸ Pause"), ScheduleOp.PAUSE)
    )
    return [
        [op(_("⏰ Change times"), ScheduleOp.TIMES), op(_("📅 Change days"), ScheduleOp.DAYS)],
        [toggle, op(_("🗑 Delete"), ScheduleOp.DELETE)],
    ]


def _day_rows(schedule_id: int) -> list[Row]:
    def day(label: str, mask: int) -> tuple[str, ScheduleEditButton]:
        return label, ScheduleEditButton(schedule_id, ScheduleOp.DAY_MASK, mask)

    return [
        [day(_("Every day"), EVERY_DAY)],
        [day(_("Mon–Fri"), WEEKDAYS), day(_("Sat–Sun"), WEEKENDS)],
    ]


@dataclass
class ScheduleEditFlow:
    """New times or days being typed for one schedule."""

    schedule_id: int
    name: str
    step: str  # "times" or "days"

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Read the typed times or days and apply them."""
        message = cast(Message, update.effective_message)
        telegram_id = cast(User, update.effective_user).id
        if self.step == "times":
            times = parse_times(text)
            if times is None:
                await message.reply_html(texts.SCH_TIMES_INVALID)
                return True
            await _apply(message, context, self.schedule_id, telegram_id=telegram_id, times=times)
        else:
            mask = parse_weekdays(text)
            if mask is None:
                await message.reply_html(texts.SCH_DAYS_INVALID)
                return True
            await _apply(message, context, self.schedule_id, telegram_id=telegram_id, weekdays=mask)
        return True


async def _apply(
    message: Message,
    context: Context,
    schedule_id: int,
    *,
    telegram_id: int,
    times: list[time] | None = None,
    weekdays: int | None = None,
    active: bool | None = None,
) -> None:
    dialogue.end(context)
    try:
        changed = await schedules.update_schedule(
            context.db,
            telegram_id=telegram_id,
            schedule_id=schedule_id,
            now=context.now(),
            times=times,
            weekdays=weekdays,
            active=active,
        )
    except (NotYours, InvalidSchedule):
        changed = None
    if changed is None:
        await message.reply_html(texts.NOT_YOURS)
        return
    await message.reply_html(
        texts.SCHEDULE_CHANGED.format(
            name=escape(changed.title), summary=summary(changed), paused=_paused(changed)
        )
    )
    await check_plan(message, context, telegram_id=telegram_id)


async def press(update: Update, context: Context) -> None:
    """Open a schedule's card or apply one of its buttons, ownership re-checked."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    button = ScheduleEditButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    telegram_id = query.from_user.id
    try:
        view = await schedules.get_owned_schedule(
            context.db, telegram_id=telegram_id, schedule_id=button.schedule_id
        )
    except NotYours:
        view = None
    if view is None:
        await query.answer(texts.NOT_YOURS, show_alert=True)
        return
    await query.answer()
    op, name = button.op, escape(view.title)
    if op is ScheduleOp.VIEW:
        card = texts.SCHEDULE_CARD.format(name=name, summary=summary(view), paused=_paused(view))
        await message.reply_html(card, reply_markup=inline(_menu(view)))
        return
    await message.edit_reply_markup(reply_markup=None)
    if op is ScheduleOp.TIMES:
        dialogue.start(context, ScheduleEditFlow(view.id, view.title, "times"))
        await message.reply_html(texts.SCHEDULE_ASK_TIMES.format(name=name))
    elif op is ScheduleOp.DAYS:
        dialogue.start(context, ScheduleEditFlow(view.id, view.title, "days"))
        await message.reply_html(texts.SCH_ASK_DAYS, reply_markup=inline(_day_rows(view.id)))
    elif op is ScheduleOp.DAY_MASK and button.value is not None:
        mask = button.value & EVERY_DAY or EVERY_DAY
        await _apply(message, context, view.id, telegram_id=telegram_id, weekdays=mask)
    elif op in (ScheduleOp.PAUSE, ScheduleOp.RESUME):
        active = op is ScheduleOp.RESUME
        await _apply(message, context, view.id, telegram_id=telegram_id, active=active)
    elif op is ScheduleOp.DELETE:
        rows: list[Row] = [
            [
                (_("🗑 Yes, delete"), ScheduleEditButton(view.id, ScheduleOp.DELETE_CONFIRMED)),
                (_("↩️ Keep it"), ScheduleEditButton(view.id, ScheduleOp.VIEW)),
            ]
        ]
        confirm = texts.SCHEDULE_CONFIRM_DELETE.format(name=name, summary=summary(view))
        await message.reply_html(confirm, reply_markup=inline(rows))
    elif op is ScheduleOp.DELETE_CONFIRMED:
        deleted = await schedules.delete_schedule(
            context.db, telegram_id=telegram_id, schedule_id=view.id
        )
        await message.reply_html(
            texts.SCHEDULE_DELETED.format(name=name) if deleted else texts.NOT_YOURS
        )
