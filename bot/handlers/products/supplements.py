"""/supplements: list products, and pause, resume or delete one."""

from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update

from bot import records_texts, spacing_texts, texts
from bot.callbacks import (
    AddProductButton,
    AddStep,
    CallbackData,
    ProductButton,
    ProductOp,
    ScheduleButton,
    ScheduleStep,
    SupplyButton,
    SupplyOp,
)
from bot.context import Context
from bot.handlers.products import medicine, supplement_add
from bot.handlers.products.spacing import show_conflicts
from bot.handlers.products.vitamin_k import advise_on_change
from bot.handlers.shared.schedule_edit import card_rows
from bot.i18n import _
from bot.keyboards import Row, inline
from bot.time_texts import describe_days
from nutrition.advice import VitaminKChange
from services import supplements
from services.supplements import Product
from services.vocabulary import SupplementKind


def _line(supplement: Product, schedule_text: str) -> str:
    parts = [f"<b>{escape(supplement.name)}</b>"]
    if supplement.kind == SupplementKind.MEDICINE:
        parts.append(_("medicine"))
    if supplement.calcium_mg:
        parts.append(_("{mg:,} mg calcium").format(mg=supplement.calcium_mg))
    if supplement.vitamin_d_iu:
        parts.append(_("{iu:,} IU D").format(iu=supplement.vitamin_d_iu))
    if supplement.vitamin_k_ug:
        parts.append(_("{ug:,} µg K").format(ug=supplement.vitamin_k_ug))
    status = _(" ⏸ paused") if supplement.paused else ""
    if supplement.prescribed:
        status += texts.SUP_PRESCRIBED_MARK
    return (
        " · ".join(parts)
        + status
        + (f"\n   🕒 {schedule_text}" if schedule_text else "\n   🕒 " + _("not scheduled"))
    )


async def show(update: Update, context: Context) -> None:
    """List the user's products with a button for each."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    await _send_list(message, context, update.effective_user.id)


async def _schedule_text(context: Context, supplement_id: int, *, paused: bool = False) -> str:
    # A paused product's schedules are paused with it and come back on resume: show them.
    schedules = await supplements.schedules_of(
        context.db, supplement_id=supplement_id, include_paused=paused
    )
    return _("; ").join(
        _("{units} × at {times} {days}").format(
            units=f"{schedule.units_per_dose.normalize():f}",
            times=", ".join(schedule.times),
            days=describe_days(schedule.weekdays, schedule.month_day),
        )
        for schedule in schedules
    )


async def _send_list(message: Message, context: Context, telegram_id: int) -> None:
    db = context.db
    items = await supplements.list_for(db, telegram_id=telegram_id)
    rows: list[Row] = [
        [(f"✏️ {item.name[:40]}", ProductButton(item.id, ProductOp.VIEW))]
        for item in items
        if item.id is not None
    ]
    rows.append([(_("➕ Add a product"), AddProductButton(AddStep.NEW))])
    if not items:
        await message.reply_html(texts.SUP_NONE, reply_markup=inline(rows))
        return
    lines = [
        "• " + _line(item, await _schedule_text(context, item.id, paused=item.paused))
        for item in items
    ]
    await message.reply_html(
        texts.SUP_LIST.format(items="\n".join(lines)), reply_markup=inline(rows)
    )


def _item_menu(item: Product, *, schedule_rows: list[Row] | None = None) -> InlineKeyboardMarkup:
    item_id, paused = item.id, item.paused
    medicine = item.kind == SupplementKind.MEDICINE

    def op(label: str, what: ProductOp) -> tuple[str, CallbackData]:
        return label, ProductButton(item_id, what)

    toggle = op(_("▶️ Resume"), ProductOp.RESUME) if paused else op(_("⏸ Pause"), ProductOp.PAUSE)
    rows: list[Row] = [
        *(schedule_rows or []),
        [
            (_("🕒 Add a schedule"), ScheduleButton(ScheduleStep.FOR, item_id)),
            op(_("✏️ Edit"), ProductOp.EDIT),
        ],
        [toggle, op(_("🗑 Delete"), ProductOp.DELETE)],
    ]
    # Read through the module so the label comes in the user's language.
    rows.append([(records_texts.SUPPLY_BUTTON, SupplyButton(item_id, SupplyOp.SHOW))])
    if medicine:
        rows.append([op(spacing_texts.KIND_BUTTON, ProductOp.MEDICINE)])
    if item.vitamin_d_iu:
        rows.append(
            [
                op(texts.SUP_UNMARK_PRESCRIBED, ProductOp.NOT_PRESCRIBED)
                if item.prescribed
                else op(texts.SUP_MARK_PRESCRIBED, ProductOp.PRESCRIBED)
            ]
        )
    return inline(rows)


async def press(update: Update, context: Context) -> None:
    """Open a product's menu or apply pause, resume or delete after re-checking ownership."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    button = ProductButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    db, telegram_id, supplement_id = context.db, query.from_user.id, button.product_id
    item = await supplements.get_owned(db, telegram_id=telegram_id, supplement_id=supplement_id)
    if item is None:
        await query.answer(texts.NOT_YOURS, show_alert=True)
        return
    await query.answer()
    action = button.op
    if action is ProductOp.VIEW:
        when = await _schedule_text(context, supplement_id, paused=item.paused)
        views = await supplements.schedules_of(
            context.db, supplement_id=supplement_id, include_paused=True
        )
        menu = _item_menu(item, schedule_rows=card_rows(views))
        await message.reply_html(_line(item, when), reply_markup=menu)
    elif action is ProductOp.MEDICINE and item.kind == SupplementKind.MEDICINE:
        await medicine.ask_kind(message, context, item)
    elif action is ProductOp.MEDICINE:
        await message.reply_html(spacing_texts.NOT_A_MEDICINE)
    elif action is ProductOp.EDIT:
        await supplement_add.begin_edit(message, context, item)
    elif action in (ProductOp.PRESCRIBED, ProductOp.NOT_PRESCRIBED):
        prescribed = action is ProductOp.PRESCRIBED
        marked = await supplements.set_prescribed(
            db, telegram_id=telegram_id, supplement_id=supplement_id, prescribed=prescribed
        )
        if marked is not None:
            said = texts.SUP_NOW_PRESCRIBED if prescribed else texts.SUP_NOT_PRESCRIBED
            await message.edit_text(said.format(name=escape(item.name)), parse_mode="HTML")
    elif action is ProductOp.DELETE:
        rows: list[Row] = [
            [
                (_("🗑 Yes, delete"), ProductButton(supplement_id, ProductOp.DELETE_CONFIRMED)),
                (_("↩️ Keep it"), ProductButton(supplement_id, ProductOp.VIEW)),
            ]
        ]
        await message.edit_text(
            texts.SUP_CONFIRM_DELETE.format(name=escape(item.name)),
            reply_markup=inline(rows),
            parse_mode="HTML",
        )
    else:
        stopped = action is ProductOp.DELETE_CONFIRMED
        changed = await supplements.change(
            db,
            telegram_id=telegram_id,
            supplement_id=supplement_id,
            paused=None if stopped else action is ProductOp.PAUSE,
            deleted=True if stopped else None,
            now=context.now(),
        )
        outcome = {
            ProductOp.PAUSE: texts.SUP_PAUSED,
            ProductOp.RESUME: texts.SUP_RESUMED,
            ProductOp.DELETE_CONFIRMED: texts.SUP_DELETED,
        }[action]
        if changed is not None:
            await message.edit_text(outcome.format(name=escape(item.name)), parse_mode="HTML")
            if action is ProductOp.RESUME:
                await show_conflicts(message, context, telegram_id)
            await advise_on_change(
                message,
                context,
                telegram_id=telegram_id,
                vitamin_k_ug=item.vitamin_k_ug,
                change=VitaminKChange.STOPPED if stopped else VitaminKChange.CHANGED,
            )
