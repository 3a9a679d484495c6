"""Scheduling a product: units per dose, times of day, days, with a split offer above 500 mg."""

from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from html import escape
from typing import cast

from telegram import CallbackQuery, Message, Update

from bot import dialogue, texts
from bot.callbacks import ScheduleButton, ScheduleStep
from bot.context import Context
from bot.handlers.products.spacing import show_conflicts
from bot.handlers.shared.plan_warning import check_plan
from bot.i18n import _, ngettext
from bot.keyboards import Row, inline
from bot.time_texts import describe_days, format_times
from nutrition.salts import MAX_SINGLE_DOSE_MG
from nutrition.tablets import MAX_TABLETS_PER_DOSE, parse_tablets
from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS
from services import supplements
from services.schedule_setup import DoseSchedulePlan, create_dose_schedules, split_plan
from services.supplements import Product
from services.time_input import parse_times, parse_weekdays


@dataclass
class ScheduleFlow:
    """A schedule being set for one product."""

    supplement_id: int
    name: str
    calcium_mg_per_unit: int
    step: str = "units"
    units: Decimal = Decimal(1)
    times: list[time] = field(default_factory=list)
    weekdays: int = EVERY_DAY
    month_day: int | None = None

    def plan(self) -> DoseSchedulePlan:
        """Return the schedule these answers describe."""
        return DoseSchedulePlan(
            supplement_id=self.supplement_id,
            units_per_dose=self.units,
            times=tuple(self.times),
            weekdays=self.weekdays,
            month_day=self.month_day,
        )

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Read typed units, times or days."""
        message = cast(Message, update.effective_message)
        if self.step == "units":
            units = parse_tablets(text)
            if units is None:
                await message.reply_html(texts.SCH_UNITS_INVALID.format(limit=MAX_TABLETS_PER_DOSE))
                return True
            await self.on_units(message, units)
        elif self.step == "times":
            times = parse_times(text)
            if times is None:
                await message.reply_html(texts.SCH_TIMES_INVALID)
                return True
            self.times = times
            self.step = "days"
            rows: list[Row] = [
                [(_("Every day"), ScheduleButton(ScheduleStep.DAYS, EVERY_DAY))],
                [
                    (_("Mon–Fri"), ScheduleButton(ScheduleStep.DAYS, WEEKDAYS)),
                    (_("Sat–Sun"), ScheduleButton(ScheduleStep.DAYS, WEEKENDS)),
                ],
                [(texts.SCH_MONTHLY_BUTTON, ScheduleButton(ScheduleStep.MONTHLY))],
            ]
            await message.reply_html(texts.SCH_ASK_DAYS, reply_markup=inline(rows))
        elif self.step == "days":
            mask = parse_weekdays(text)
            if mask is None:
                await message.reply_html(texts.SCH_DAYS_INVALID)
                return True
            await self.on_days(message, mask)
        elif self.step == "month_day":
            cleaned = text.strip()
            if not cleaned.isascii() or not cleaned.isdigit() or not 1 <= int(cleaned) <= 31:
                await message.reply_html(texts.SCH_MONTH_DAY_INVALID)
                return True
            await self.on_days(message, EVERY_DAY, month_day=int(cleaned))
        else:
            await message.reply_html(texts.USE_BUTTONS)
        return True

    async def on_units(self, message: Message, units: Decimal) -> None:
        """Take the units per dose and ask for the times."""
        self.units = units
        self.step = "times"
        await message.reply_html(texts.SCH_ASK_TIMES)

    async def on_days(self, message: Message, mask: int, *, month_day: int | None = None) -> None:
        """Take the days (or a monthly day); offer to split a dose above 500 mg, else confirm."""
        self.weekdays, self.month_day = mask, month_day
        dose_mg = int(self.calcium_mg_per_unit * self.units)
        if dose_mg > MAX_SINGLE_DOSE_MG:
            self.step = "split"
            split = split_plan(self.plan(), calcium_mg_per_unit=self.calcium_mg_per_unit)
            rows: list[Row] = [[(_("Keep as is"), ScheduleButton(ScheduleStep.SPLIT, 0))]]
            if split is not None:
                rows.insert(0, [(_("✂️ Split it"), ScheduleButton(ScheduleStep.SPLIT, 1))])
            note = texts.SCH_SPLIT_NOTE.format(mg=dose_mg)
            if split is not None:
                note += "\n" + texts.SCH_SPLIT_OFFER.format(proposal=_describe(split, self.name))
            await message.reply_html(note, reply_markup=inline(rows))
            return
        await self.confirm(message)

    async def confirm(self, message: Message) -> None:
        """Show the schedule and ask to save it."""
        self.step = "confirm"
        rows: list[Row] = [
            [
                (_("✅ Save"), ScheduleButton(ScheduleStep.SAVE)),
                (_("✏️ Start over"), ScheduleButton(ScheduleStep.RESTART)),
            ]
        ]
        await message.reply_html(_describe(self.plan(), self.name), reply_markup=inline(rows))


def _describe(plan: DoseSchedulePlan, name: str) -> str:
    # "0.5 tablet", "1 tablet", "2 tablets": the singular up to one (see reminder_texts).
    count = 1 if plan.units_per_dose <= 1 else 2
    text = ngettext(
        "🕒 <b>{name}</b>: {units:g} tablet at {times}, {days}",
        "🕒 <b>{name}</b>: {units:g} tablets at {times}, {days}",
        count,
    )
    return text.format(
        name=escape(name),
        units=plan.units_per_dose,
        times=format_times(list(plan.times)),
        days=describe_days(plan.weekdays, plan.month_day),
    )


async def offer_schedule(message: Message, context: Context, supplement: Product) -> None:
    """Start setting a schedule for a product just saved or chosen from the list."""
    if supplement.id is None:
        return
    flow = ScheduleFlow(
        supplement_id=supplement.id, name=supplement.name, calcium_mg_per_unit=supplement.calcium_mg
    )
    dialogue.start(context, flow)
    rows: list[Row] = [[(str(n), ScheduleButton(ScheduleStep.UNITS, n)) for n in (1, 2, 3)]]
    await message.reply_html(
        texts.SCH_ASK_UNITS.format(name=escape(supplement.name)), reply_markup=inline(rows)
    )


async def press(update: Update, context: Context) -> None:
    """Handle a button of the scheduling dialogue."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    button = ScheduleButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    step, value = button.step, button.value
    if step is ScheduleStep.FOR and value is not None:
        await query.answer()
        owned = await supplements.get_owned(
            context.db, telegram_id=query.from_user.id, supplement_id=value
        )
        if owned is None:
            await message.reply_html(texts.NOT_YOURS)
            return
        await offer_schedule(message, context, owned)
        return
    flow = dialogue.current(context)
    if not isinstance(flow, ScheduleFlow):
        await query.answer(texts.OLD_BUTTON)
        return
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    if step is ScheduleStep.UNITS and flow.step == "units" and value in (1, 2, 3):
        await flow.on_units(message, Decimal(value))
    elif step is ScheduleStep.DAYS and flow.step == "days" and value is not None:
        await flow.on_days(message, value & EVERY_DAY or EVERY_DAY)
    elif step is ScheduleStep.MONTHLY and flow.step == "days":
        flow.step = "month_day"
        await message.reply_html(texts.SCH_ASK_MONTH_DAY)
    elif step is ScheduleStep.SPLIT and flow.step == "split":
        await _after_split(message, flow, split=value == 1)
    elif step is ScheduleStep.RESTART:
        flow.step = "units"
        await message.reply_html(texts.SCH_ASK_UNITS.format(name=escape(flow.name)))
    elif step is ScheduleStep.SAVE and flow.step == "confirm":
        await _save(query, message, context, flow)


async def _after_split(message: Message, flow: ScheduleFlow, *, split: bool) -> None:
    if split:
        proposal = split_plan(flow.plan(), calcium_mg_per_unit=flow.calcium_mg_per_unit)
        if proposal is not None:
            flow.units = proposal.units_per_dose
            flow.times = list(proposal.times)
    await flow.confirm(message)


async def _save(
    query: CallbackQuery, message: Message, context: Context, flow: ScheduleFlow
) -> None:
    created = await create_dose_schedules(
        context.db,
        telegram_id=query.from_user.id,
        plan=flow.plan(),
        now=context.now(),
    )
    dialogue.end(context)
    if created is None:
        await message.reply_html(texts.NOT_YOURS)
        return
    await message.reply_html(texts.SCH_SAVED.format(summary=_describe(flow.plan(), flow.name)))
    await show_conflicts(message, context, query.from_user.id)
    await check_plan(message, context, telegram_id=query.from_user.id)
