"""/food: the user's own foods — list, add from a label line, delete (callback data ``mf:…``)."""

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from html import escape
from typing import cast

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode

from bot import dialogue, meal_texts, texts
from bot.callbacks import FoodButton, FoodOp
from bot.context import Context
from bot.keyboards import Row, inline
from services import custom_foods
from services.custom_foods import MAX_FOODS_PER_USER, AddRefusal, MyFood, SpecProblem

_BUTTON_NAME_CHARS = 30


# What to do once the food is saved: the flow that asked for it resumes (PTB's map_to_parent).
AfterFood = Callable[[Message, Context, int], Awaitable[None]]


@dataclass
class AddFoodFlow:
    """Waiting for a label line; `then` resumes the dialogue that asked for the food, if any."""

    then: AfterFood | None = None

    async def on_text(self, update: Update, context: Context, text: str) -> bool:
        """Read the label line, save the food, then show the meal that asked for it again."""
        message = cast(Message, update.effective_message)
        if update.effective_user is None:
            return False
        if await add_from_label(message, context, update.effective_user.id, text):
            dialogue.end(context)
            if self.then is not None:
                await self.then(message, context, update.effective_user.id)
        return True


async def add_from_label(message: Message, context: Context, telegram_id: int, text: str) -> bool:
    """Save a food read from a label line; tell the user what is missing otherwise."""
    spec = custom_foods.parse_custom_food(text)
    if isinstance(spec, SpecProblem):
        await message.reply_html(meal_texts.FOOD_PROBLEMS[spec.value])
        return False
    saved = await custom_foods.add(context.db, telegram_id=telegram_id, spec=spec)
    if saved is AddRefusal.TOO_MANY:
        await message.reply_html(meal_texts.FOOD_TOO_MANY.format(limit=MAX_FOODS_PER_USER))
        return True
    if isinstance(saved, AddRefusal):
        await message.reply_html(texts.NOT_STARTED)
        return True
    await message.reply_html(
        meal_texts.FOOD_SAVED.format(
            name=escape(saved.name),
            calcium=saved.calcium_mg,
            amount=saved.amount,
            unit=escape(meal_texts.unit_name(saved.unit)),
        )
    )
    return True


def _listing(foods: list[MyFood]) -> tuple[str, InlineKeyboardMarkup]:
    rows: list[Row] = [
        [(f"🗑 {food.name[:_BUTTON_NAME_CHARS]}", FoodButton(FoodOp.DELETE, food.id))]
        for food in foods
        if food.id is not None
    ]
    rows.append([(meal_texts.ADD_FOOD_BUTTON, FoodButton(FoodOp.ADD))])
    if not foods:
        return meal_texts.FOOD_NONE, inline(rows)
    lines = [
        meal_texts.FOOD_LINE.format(
            name=escape(food.name),
            calcium=food.calcium_mg,
            amount=food.amount,
            unit=escape(meal_texts.unit_name(food.unit)),
        )
        for food in foods
    ]
    return meal_texts.FOOD_LIST.format(items="\n".join(lines)), inline(rows)


async def show(update: Update, context: Context) -> None:
    """List the user's own foods, or add the one given after the command ("/food oat drink: …")."""
    message = cast(Message, update.effective_message)
    if update.effective_user is None:
        return
    parts = (message.text or "").split(maxsplit=1)
    if len(parts) == 2:
        await add_from_label(message, context, update.effective_user.id, parts[1])
        return
    foods = await custom_foods.list_for(context.db, telegram_id=update.effective_user.id)
    text, keyboard = _listing(foods)
    await message.reply_html(text, reply_markup=keyboard)


async def press(update: Update, context: Context) -> None:
    """Start adding a food, or delete one after re-checking its owner in the database."""
    query = cast(CallbackQuery, update.callback_query)
    message = query.message
    button = FoodButton.unpack(query.data)
    if button is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    if button.op is FoodOp.ADD and isinstance(message, Message):
        await query.answer()
        dialogue.start(context, AddFoodFlow())
        await message.reply_html(meal_texts.FOOD_ASK)
        return
    if button.op is not FoodOp.DELETE or button.food_id is None:
        await query.answer(texts.NOT_AVAILABLE, show_alert=True)
        return
    db, telegram_id = context.db, query.from_user.id
    if not await custom_foods.delete(db, telegram_id=telegram_id, food_id=button.food_id):
        await query.answer(meal_texts.FOOD_GONE, show_alert=True)
        return
    await query.answer(meal_texts.FOOD_DELETED)
    if isinstance(message, Message):
        text, keyboard = _listing(await custom_foods.list_for(db, telegram_id=telegram_id))
        await message.edit_text(text, parse_mode=ParseMode.HTML, reply_markup=keyboard)
