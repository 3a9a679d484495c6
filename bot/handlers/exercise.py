"""/exercise: offer the default bone-health plan, or an exercise reminder of the user's own."""

from dataclasses import dataclass, field
from datetime import time
from html import escape
from typing import cast

from telegram import CallbackQuery, Message, Update

from bot import dialogue, exercise_texts, texts
from bot.callbacks import ExerciseButton, ExerciseOp, ScheduleEditButton, ScheduleOp
from bot.context import Context
from bot.i18n import _
from bot.keyboards import Row, inline
from bot.time_texts import describe_weekdays, format_times
from nutrition.exercise import default_plan
from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS
from services import schedules
from services.time_input import parse_times, parse_weekdays
from services.vocabulary import ScheduleKind

MAX_TITLE_CHARS = 60


def _mask(days: frozenset[int]) -> int:
    return sum(1 << day for day in days)


def _plan_text() -> str:
    lines = [texts.EX_PLAN_TITLE]
    for item in default_plan():
        days = describe_weekdays(_mask(item.weekdays))
        title, how_to = exercise_texts.PLAN_TEXTS[item.kind]
        head = _("• <b>{title}</b>, {minutes} min, {days} at {time}").format(
            title=escape(title), minutes=item.minutes, days=days, time=f"{item.default_time:%H:%M}"
        )
        lines.append(f"{head}\n   {escape(how_to)}")
    lines.append(texts.EX_SAFETY_TITLE)
    lines += [f"• {escape(note)}" for note in exercise_texts.SAFETY_NOTES]
    return "\n".join(lines)


@dataclass
class ExerciseFlow:
    """An exercise reminder of the user's own: what, when, which days."""

    step: str = "title"
    title: str = ""
    times: list[time] = field(default_factory=list)

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Read the title, then the times, then the days."""
        message = cast(Message, update.effective_message)
        if self.step == "title":
            title = " ".join(text.split())
            if not title or len(title) > MAX_TITLE_CHARS:
                await message.reply_html(texts.SUP_NAME_INVALID.format(limit=MAX_TITLE_CHARS))
                return True
            self.title, self.step = title, "times"
            await message.reply_html(texts.SCH_ASK_TIMES)
        elif self.step == "times":
            times = parse_times(text)
            if times is None:
                await message.reply_html(texts.SCH_TIMES_INVALID)
                return True
            self.times, self.step = times, "days"
            await message.reply_html(texts.EX_ASK_DAYS, reply_markup=inline(_day_rows()))
        else:
            mask = parse_weekdays(text)
            if mask is None:
                await message.reply_html(texts.SCH_DAYS_INVALID)
                return True
            user_id = update.effective_user.id if update.effective_user else 0
            await self.on_days(message, context, user_id, mask)
        return True

    async def on_days(
        self, message: Message, context: Context, telegram_id: int, mask: int
    ) -> None:
        """Save the exercise on the days typed or tapped."""
        dialogue.end(context)
        await _create(message, context, telegram_id, self.title, None, self.times, mask)


def _day_rows() -> list[Row]:
    def day(label: str, mask: int) -> tuple[str, ExerciseButton]:
        return label, ExerciseButton(ExerciseOp.DAYS, mask)

    return [
        [day(_("Every day"), EVERY_DAY)],
        [day(_("Mon–Fri"), WEEKDAYS), day(_("Sat–Sun"), WEEKENDS)],
    ]


async def _create(
    message: Message,
    context: Context,
    telegram_id: int,
    title: str,
    minutes: int | None,
    times: list[time],
    mask: int,
) -> None:
    created = await schedules.create_exercise_schedule(
        context.db,
        telegram_id=telegram_id,
        exercise_kind="custom",
        title=title,
        minutes=minutes,
        times=times,
        weekdays=mask,
        now=context.now(),
    )
    if created is None:
        await message.reply_html(texts.NOT_STARTED)
        return
    await message.reply_html(
        texts.EX_SAVED.format(
            title=escape(title), times=format_times(times), days=describe_weekdays(mask)
        )
    )


async def show(update: Update, context: Context) -> None:
    """List exercise reminders and offer the default plan or a custom one."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    views = await schedules.list_schedules(context.db, telegram_id=update.effective_user.id)
    mine = [view for view in views if view.kind == ScheduleKind.EXERCISE]
    rows: list[Row] = [
        [(_("✅ Use the bone-health plan"), ExerciseButton(ExerciseOp.PLAN))],
        [(_("✏️ My own exercise"), ExerciseButton(ExerciseOp.OWN))],
    ]
    if not mine:  # the long plan is shown in full only until the user has exercises
        await message.reply_html(_plan_text(), reply_markup=inline(rows))
        return
    # Each exercise opens its own card: change its times or days, pause or delete it.
    rows = [
        [
            (
                f"⏰ {view.title[:30]}: {', '.join(view.times)}",
                ScheduleEditButton(view.id, ScheduleOp.VIEW),
            )
        ]
        for view in mine
    ] + [[(_("📖 Show the plan"), ExerciseButton(ExerciseOp.SHOW_PLAN))], *rows]
    current = "\n".join(
        f"• {escape(v.title)}: {', '.join(v.times)} {describe_weekdays(v.weekdays)}"
        + ("" if v.active else " " + _("⏸ paused"))
        for v in mine
    )
    await message.reply_html(
        texts.EX_CURRENT_SHORT.format(items=current), reply_markup=inline(rows)
    )


async def press(update: Update, context: Context) -> None:
    """Create the default plan, start a custom exercise, or delete one (ownership re-checked)."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    button = ExerciseButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    await query.answer()
    telegram_id = query.from_user.id
    if button.op is ExerciseOp.PLAN:
        await message.edit_reply_markup(reply_markup=None)
        # A second press (or an old message) must not double every reminder of the plan.
        existing = await schedules.list_schedules(context.db, telegram_id=telegram_id)
        # By kind, not title: the title is worded in the language of the day it was made.
        have = {view.exercise_kind for view in existing if view.active}
        for item in default_plan():
            title = exercise_texts.PLAN_TEXTS[item.kind][0]
            if item.kind.value in have:
                continue
            created = await schedules.create_exercise_schedule(
                context.db,
                telegram_id=telegram_id,
                exercise_kind=item.kind.value,
                title=title,
                minutes=item.minutes,
                times=[item.default_time],
                weekdays=_mask(item.weekdays) or EVERY_DAY,
                now=context.now(),
            )
            if created is None:
                await message.reply_html(texts.NOT_STARTED)
                return
        await message.reply_html(texts.EX_PLAN_SAVED)
    elif button.op is ExerciseOp.SHOW_PLAN:
        await message.reply_html(_plan_text())
    elif button.op is ExerciseOp.DAYS and button.schedule_id is not None:
        flow = dialogue.current(context)
        if isinstance(flow, ExerciseFlow) and flow.step == "days":
            await message.edit_reply_markup(reply_markup=None)
            await flow.on_days(
                message, context, telegram_id, button.schedule_id & EVERY_DAY or EVERY_DAY
            )
    elif button.op is ExerciseOp.OWN:
        dialogue.start(context, ExerciseFlow())
        await message.reply_html(texts.EX_ASK_TITLE)
    elif button.op is ExerciseOp.DELETE and button.schedule_id is not None:
        deleted = await schedules.delete_schedule(
            context.db, telegram_id=telegram_id, schedule_id=button.schedule_id
        )
        await message.reply_html(texts.EX_DELETED if deleted else texts.NOT_YOURS)
