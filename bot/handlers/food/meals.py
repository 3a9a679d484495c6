"""Meals: free text or /log TEXT shown as items to confirm; ✅ Log, ✏️ Fix and food questions."""

from dataclasses import dataclass
from html import escape
from typing import cast

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest

from bot import dialogue, meal_texts
from bot.advice_texts import vitamin_k_food_text
from bot.callbacks import MealButton
from bot.context import Context
from bot.handlers.food import meal_view
from bot.handlers.food.my_foods import AddFoodFlow, AfterFood
from bot.handlers.shared.intake_reply import send_day_total, send_warnings
from bot.texts import quote
from nutrition.advice import vitamin_k_food_note_due
from services import diary, meals
from services.diary import DayProblem
from services.intakes import LogStatus
from services.meal_drafts import ItemStatus, MealPreview, PreviewItem

# Longer than any meal anyone types; a longer message gets a reply, not a parse.
MAX_MEAL_CHARS = 1000
# Items shown in one preview: 20 lines fit well inside Telegram's 4,096 characters.
MAX_ITEMS = 20
_QUESTION_MARKS = ("?", "？")
_REFUSALS = {
    LogStatus.NOT_FOUND: meal_texts.LOG_NOT_YOURS,
    LogStatus.EXPIRED: meal_texts.LOG_EXPIRED,
    LogStatus.NOTHING_TO_LOG: meal_texts.LOG_NOTHING,
    LogStatus.ALREADY_LOGGED: meal_texts.LOG_ALREADY,
}


@dataclass
class MealTextFlow:
    """Waiting for a meal typed after /log or ✏️ Fix."""

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Read the typed meal and show it to confirm."""
        message = cast(Message, update.effective_message)
        dialogue.end(context)
        if update.effective_user is not None:
            await show_meal(message, context, update.effective_user.id, text, explicit=True)
        return True


def _names_food(item: PreviewItem) -> bool:
    """Tell whether free text reads as food: a food found, even if unsure or oddly measured."""
    return item.status in (ItemStatus.READY, ItemStatus.PROBLEM) or item.chosen is not None


async def show_meal(
    message: Message,
    context: Context,
    telegram_id: int,
    text: str,
    *,
    explicit: bool,
    day_offset: int = 0,
) -> bool:
    """Show a meal text as items to confirm; False when free text names no food at all."""
    if len(text) > MAX_MEAL_CHARS:
        await message.reply_html(meal_texts.MEAL_TOO_LONG.format(limit=MAX_MEAL_CHARS))
        return True
    preview = await meals.preview(
        context.db, telegram_id=telegram_id, text=text, now=context.now(), day_offset=day_offset
    )
    if not preview.items or preview.draft_id is None:
        if explicit:
            await message.reply_html(meal_texts.NOTHING_FOUND)
        return explicit
    if not explicit and not any(_names_food(item) for item in preview.items):
        return False  # the router answers with its hint
    if len(preview.items) > MAX_ITEMS:
        await message.reply_html(meal_texts.MEAL_TOO_MANY.format(limit=MAX_ITEMS))
        return True
    await message.reply_html(
        meal_view.preview_text(preview), reply_markup=meal_view.preview_keyboard(preview)
    )
    return True


async def from_text(message: Message, context: Context, telegram_id: int) -> bool:
    """Show free text as a meal when it names a food; False when it does not read as food."""
    text = message.text or ""
    if text.rstrip().endswith(_QUESTION_MARKS):
        return False  # a question to the bot, not a meal
    return await show_meal(message, context, telegram_id, text, explicit=False)


async def log_command(update: Update, context: Context) -> None:
    """Show /log TEXT as a meal to confirm, or ask what was eaten."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    parts = (message.text or "").split(maxsplit=1)
    if len(parts) < 2:
        dialogue.start(context, MealTextFlow())
        await message.reply_html(meal_texts.LOG_PROMPT)
        return
    telegram_id = update.effective_user.id
    meal, offset = await _past_day(context, telegram_id, parts[1])
    if offset is None:
        await message.reply_html(meal_texts.LOG_DAY_INVALID)
        return
    await show_meal(message, context, telegram_id, meal, explicit=True, day_offset=offset)


async def _past_day(context: Context, telegram_id: int, text: str) -> tuple[str, int | None]:
    """Split "/log 2026-11-30 2 cups of milk" into the meal and its day's offset from today.

    Text that does not start with a day is a meal for today (offset 0); a day in the future or
    more than a year back gives None.
    """
    first, _, rest = text.partition(" ")
    today = await diary.user_today(context.db, telegram_id=telegram_id, now=context.now())
    if today is None or not rest.strip():
        return text, 0
    day = diary.parse_day(first, today=today)
    if day is DayProblem.UNREADABLE:
        return text, 0
    if isinstance(day, DayProblem):
        return rest, None
    return rest.strip(), (day - today).days


def _parse(data: str | None) -> tuple[int, str, list[int]] | None:
    button = MealButton.unpack(data)
    if button is None:
        return None
    numbers = [n for n in (button.item, button.candidate) if n is not None]
    return button.draft_id, button.action.value, numbers


async def press(update: Update, context: Context) -> None:
    """Log, fix or settle a meal draft; the services re-check its owner in the database."""
    query = cast(CallbackQuery, update.callback_query)
    parsed = _parse(query.data)
    if parsed is None or not isinstance(query.message, Message):
        await query.answer(meal_texts.LOG_NOT_YOURS, show_alert=True)
        return
    draft_id, action, numbers = parsed
    if action in ("log", "lt"):
        await _log(query, query.message, context, draft_id, to_today=action == "lt")
    elif action in ("c", "n") and len(numbers) == (2 if action == "c" else 1):
        await _choose(query, query.message, context, draft_id, numbers)
    elif action == "p" and len(numbers) == 2:
        await _choose(query, query.message, context, draft_id, numbers, portion=True)
    elif action in ("fix", "add"):
        await _fix_or_add(query, query.message, context, draft_id, action, numbers)
    else:
        await query.answer(meal_texts.LOG_NOT_YOURS, show_alert=True)


async def _choose(
    query: CallbackQuery,
    message: Message,
    context: Context,
    draft_id: int,
    numbers: list[int],
    *,
    portion: bool = False,
) -> None:
    if portion:
        preview = await meals.set_modifier_amount(
            context.db,
            telegram_id=query.from_user.id,
            draft_id=draft_id,
            item_index=numbers[0],
            option=numbers[1],
            now=context.now(),
        )
    else:
        preview = await meals.choose_candidate(
            context.db,
            telegram_id=query.from_user.id,
            draft_id=draft_id,
            item_index=numbers[0],
            candidate_index=numbers[1] if len(numbers) == 2 else None,
            now=context.now(),
        )
    if preview is None:
        await query.answer(meal_texts.LOG_NOT_YOURS, show_alert=True)
        return
    await query.answer()
    try:
        await message.edit_text(
            meal_view.preview_text(preview),
            parse_mode=ParseMode.HTML,
            reply_markup=meal_view.preview_keyboard(preview),
        )
    except BadRequest as error:
        # Tapping the amount already counted changes nothing: a harmless second tap.
        if "not modified" not in str(error).lower():
            raise


async def _fix_or_add(
    query: CallbackQuery,
    message: Message,
    context: Context,
    draft_id: int,
    action: str,
    numbers: list[int],
) -> None:
    draft = await meals.load_draft(
        context.db,
        telegram_id=query.from_user.id,
        draft_id=draft_id,
        now=context.now(),
    )
    if draft is None:
        await query.answer(meal_texts.LOG_NOT_YOURS, show_alert=True)
        return
    await query.answer()
    await message.edit_reply_markup(reply_markup=None)
    if action == "fix":
        flow: MealTextFlow | AddFoodFlow = MealTextFlow()
        await message.reply_html(meal_texts.FIX_PROMPT)
    else:
        index = numbers[0] if numbers and numbers[0] < len(draft.items) else 0
        meal = ", ".join(item.text for item in draft.items)
        flow = AddFoodFlow(then=_show_again(meal))
        await message.reply_html(
            meal_texts.FOOD_ASK_FOR.format(text=quote(draft.items[index].text))
        )
    dialogue.start(context, flow)


def _show_again(meal: str) -> AfterFood:
    """Return the continuation that shows the meal again once its missing food is saved."""

    async def show_again(message: Message, context: Context, telegram_id: int) -> None:
        await message.reply_html(meal_texts.FOOD_MEAL_AGAIN)
        await show_meal(message, context, telegram_id, meal, explicit=True)

    return show_again


async def _log(
    query: CallbackQuery, message: Message, context: Context, draft_id: int, *, to_today: bool
) -> None:
    db, telegram_id, now = context.db, query.from_user.id, context.now()
    before: MealPreview | None = await meals.load_draft(
        db, telegram_id=telegram_id, draft_id=draft_id, now=now
    )
    if before is not None and meal_view.question(before) is not None:
        await query.answer(meal_texts.ANSWER_FIRST, show_alert=True)
        return
    result = await meals.log_draft(
        db,
        telegram_id=telegram_id,
        draft_id=draft_id,
        now=now,
        policy=context.policy,
        to_today=to_today,
    )
    if result.status is not LogStatus.LOGGED:
        alert = result.status is not LogStatus.ALREADY_LOGGED
        await query.answer(_REFUSALS.get(result.status, meal_texts.LOG_NOTHING), show_alert=alert)
        return
    await query.answer(meal_texts.LOG_DONE)
    if before is not None:
        await message.edit_text(
            meal_view.preview_text(before, logged=True), parse_mode=ParseMode.HTML
        )
    if result.day is None or result.totals is None:
        return
    user = await send_day_total(
        message,
        context,
        telegram_id=telegram_id,
        day=result.day,
        totals=result.totals,
        tail=meal_texts.UNDO_HINT,
    )
    await send_warnings(message, user, result.warnings)
    meal_k = sum(item.vitamin_k_ug for item in result.items)
    if vitamin_k_food_note_due(bool(user is not None and user.takes_warfarin), meal_k):
        await message.reply_html(f"💊 {escape(vitamin_k_food_text(meal_k))}")
