"""/supplements: list products, and pause, resume or delete one."""

from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update

from bot import texts
from bot.context import Context
from bot.handlers import supplement_add
from bot.handlers.vitamin_k import advise_on_change
from nutrition.advice import VitaminKChange
from services import supplements
from services.time_input import describe_weekdays
from storage.models import Supplement, SupplementKind


def _line(supplement: Supplement, schedule_text: str) -> str:
    parts = [f"<b>{escape(supplement.name)}</b>"]
    if supplement.kind == SupplementKind.MEDICINE:
        parts.append("medicine")
    if supplement.calcium_mg:
        parts.append(f"{supplement.calcium_mg:,} mg calcium")
    if supplement.vitamin_d_iu:
        parts.append(f"{supplement.vitamin_d_iu:,} IU D")
    if supplement.vitamin_k_ug:
        parts.append(f"{supplement.vitamin_k_ug:,} µg K")
    status = " ⏸ paused" if supplement.paused else ""
    return (
        " · ".join(parts)
        + status
        + (f"\n   🕒 {schedule_text}" if schedule_text else "\n   🕒 not scheduled")
    )


async def show(update: Update, context: Context) -> None:
    """List the user's products with a button for each."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    await _send_list(message, context, update.effective_user.id)


async def _schedule_text(context: Context, supplement_id: int) -> str:
    schedules = await supplements.schedules_of(context.bot_data.db, supplement_id=supplement_id)
    return "; ".join(
        f"{schedule.units_per_dose.normalize():f} × at {', '.join(schedule.times)} "
        f"{describe_weekdays(schedule.weekdays)}"
        for schedule in schedules
    )


async def _send_list(message: Message, context: Context, telegram_id: int) -> None:
    db = context.bot_data.db
    items = await supplements.list_for(db, telegram_id=telegram_id)
    rows = [
        [InlineKeyboardButton(f"✏️ {item.name[:40]}", callback_data=f"sp:{item.id}")]
        for item in items
    ]
    rows.append([InlineKeyboardButton("➕ Add a product", callback_data="sa:new")])
    if not items:
        await message.reply_html(texts.SUP_NONE, reply_markup=InlineKeyboardMarkup(rows))
        return
    lines = ["• " + _line(item, await _schedule_text(context, item.id or 0)) for item in items]
    await message.reply_html(
        texts.SUP_LIST.format(items="\n".join(lines)), reply_markup=InlineKeyboardMarkup(rows)
    )


def _item_menu(item: Supplement) -> InlineKeyboardMarkup:
    toggle = ("▶️ Resume", f"sp:{item.id}:r") if item.paused else ("⏸ Pause", f"sp:{item.id}:p")
    rows = [
        [("🕒 Add a schedule", f"sc:for:{item.id}"), ("✏️ Edit", f"sp:{item.id}:e")],
        [toggle, ("🗑 Delete", f"sp:{item.id}:d")],
    ]
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(t, callback_data=d) for t, d in row] for row in rows]
    )


async def press(update: Update, context: Context) -> None:
    """Open a product's menu or apply pause, resume or delete after re-checking ownership."""
    query = cast(CallbackQuery, update.callback_query)
    message = cast(Message, query.message)
    parts = (query.data or "").split(":")
    if len(parts) < 2 or not parts[1].isdigit():
        await query.answer(texts.OLD_BUTTON)
        return
    db, telegram_id, supplement_id = context.bot_data.db, query.from_user.id, int(parts[1])
    item = await supplements.get_owned(db, telegram_id=telegram_id, supplement_id=supplement_id)
    if item is None:
        await query.answer(texts.NOT_YOURS, show_alert=True)
        return
    await query.answer()
    action = parts[2] if len(parts) == 3 else ""
    if action == "":
        when = await _schedule_text(context, supplement_id)
        await message.reply_html(_line(item, when), reply_markup=_item_menu(item))
    elif action == "e":
        await supplement_add.begin_edit(message, context, item)
    elif action == "d":
        rows = [
            [
                InlineKeyboardButton("🗑 Yes, delete", callback_data=f"sp:{item.id}:dd"),
                InlineKeyboardButton("↩️ Keep it", callback_data=f"sp:{item.id}"),
            ]
        ]
        await message.edit_text(
            texts.SUP_CONFIRM_DELETE.format(name=escape(item.name)),
            reply_markup=InlineKeyboardMarkup(rows),
            parse_mode="HTML",
        )
    elif action in {"p", "r", "dd"}:
        changed = await supplements.change(
            db,
            telegram_id=telegram_id,
            supplement_id=supplement_id,
            paused=action == "p" if action != "dd" else None,
            deleted=True if action == "dd" else None,
            now=context.bot_data.clock(),
            wake=context.bot_data.wake_scheduler,
        )
        outcome = {"p": texts.SUP_PAUSED, "r": texts.SUP_RESUMED, "dd": texts.SUP_DELETED}[action]
        if changed is not None:
            await message.edit_text(outcome.format(name=escape(item.name)), parse_mode="HTML")
            await advise_on_change(
                message,
                context,
                telegram_id=telegram_id,
                vitamin_k_ug=item.vitamin_k_ug,
                change=VitaminKChange.STOPPED if action == "dd" else VitaminKChange.CHANGED,
            )
