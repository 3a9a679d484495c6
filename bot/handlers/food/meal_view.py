"""How a meal draft looks in the chat: one line per item, the total, and its buttons.

Callback data: ``ml:<draft id>:<action>[:<item>[:<candidate>]]`` — short ids only; the draft
itself lives in the database, so every press re-checks who owns it.
"""

from functools import cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot import meal_texts
from bot.callbacks import MealAction, MealButton
from bot.i18n import CHINESE, current
from bot.texts import quote
from nutrition.foods.absorption import LOW_ABSORPTION_OXALATE
from nutrition.foods.model import builtin_foods
from nutrition.foods.regions import MILK_TWINS
from services.meal_drafts import (
    MODIFIER_ML_OPTIONS,
    Choice,
    ItemStatus,
    MealPreview,
    PreviewItem,
)

MAX_CANDIDATES = 4  # buttons per question: enough to choose, few enough to read on a phone
_NAME_CHARS = 48
_BUTTON_NAME_CHARS = 34


@cache
def _chinese_names() -> dict[str, str]:
    """Return the food table's Chinese display names by food key ("ndb:01079" → "牛奶")."""
    return {row.key: row.name_zh for row in builtin_foods() if row.name_zh}


@cache
def _chinese_by_name() -> dict[str, str]:
    """Return the food table's Chinese display names by English name ("Whole milk" → "全脂牛奶")."""
    return {row.name: row.name_zh for row in builtin_foods() if row.name_zh}


def label_name(label: str) -> str:
    """Name a logged food (stored by its English name) in the reader's language."""
    if current() == CHINESE:
        return _chinese_by_name().get(label, label)
    return label


def food_name(choice: Choice) -> str:
    """Name a food in the reader's language: the table's Chinese name for Chinese readers."""
    if current() == CHINESE:
        return _chinese_names().get(choice.key, choice.name)
    return choice.name


def _line(item: PreviewItem) -> str:
    text = quote(item.text)
    if item.status is ItemStatus.PROBLEM:
        why = meal_texts.PROBLEM_WHY.get(item.problem or "", meal_texts.PROBLEM_DEFAULT)
        return meal_texts.MEAL_ITEM_PROBLEM.format(text=text, why=why)
    if item.status is ItemStatus.UNKNOWN or item.chosen is None:
        return meal_texts.MEAL_ITEM_UNKNOWN.format(text=text)
    if item.status is ItemStatus.ASK:
        return meal_texts.MEAL_ITEM_ASK.format(text=text)
    food = ("≈ " if item.approximate else "") + quote(food_name(item.chosen), _NAME_CHARS)
    return meal_texts.MEAL_ITEM.format(
        text=text, food=food, grams=item.chosen.grams, calcium=item.chosen.calcium_mg
    )


def _notes(item: PreviewItem) -> list[str]:
    """Word what the parser assumed or noted for a counted item, one short line each."""
    if item.status is not ItemStatus.READY or item.chosen is None:
        return []
    notes: list[str] = []
    if item.modifier_ml is not None:
        host = quote(item.modifier_host or item.text, 24)
        template = meal_texts.MODIFIER_CONTEXTS.get(item.modifier_context or "", "{host}")
        notes.append(
            meal_texts.NOTE_MODIFIER.format(
                what=template.format(host=host), ml=item.modifier_ml, host=host
            )
        )
    for kind, detail in item.assumptions:
        milk = item.chosen.key in MILK_TWINS or item.chosen.key in MILK_TWINS.values()
        what, nutrient = (
            (meal_texts.FORTIFIED_MILK, meal_texts.NUTRIENT_VITAMIN_D)
            if milk
            else (meal_texts.FORTIFIED_BREAD, meal_texts.NUTRIENT_CALCIUM)
        )
        if kind in ("fortified", "unfortified"):
            template = (
                meal_texts.NOTE_FORTIFIED if kind == "fortified" else (meal_texts.NOTE_UNFORTIFIED)
            )
            notes.append(
                template.format(
                    what=what, country=quote(meal_texts.country_name(detail), 8), nutrient=nutrient
                )
            )
        elif kind == "remembered_choice":
            notes.append(meal_texts.NOTE_REMEMBERED.format(group=quote(detail, 16)))
    if LOW_ABSORPTION_OXALATE in item.flags:
        notes.append(meal_texts.NOTE_OXALATE)
    return notes


def settled(preview: MealPreview) -> tuple[PreviewItem, ...]:
    """Return the items "Log" would record: a food the user need not be asked about."""
    return tuple(item for item in preview.items if item.status is ItemStatus.READY and item.chosen)


def question(preview: MealPreview) -> int | None:
    """Return the index of the first item the bot must ask about, if any."""
    return next((i for i, item in enumerate(preview.items) if item.status is ItemStatus.ASK), None)


def first_unknown(preview: MealPreview) -> int | None:
    """Return the index of the first item naming no known food, if any."""
    return next(
        (i for i, item in enumerate(preview.items) if item.status is ItemStatus.UNKNOWN), None
    )


def preview_text(preview: MealPreview, *, logged: bool = False) -> str:
    """Word the meal: each item with grams and calcium, the total, and what to do next."""
    items = settled(preview)
    calcium = sum(item.chosen.calcium_mg for item in items if item.chosen is not None)
    approximate = any(item.approximate for item in items)
    title = meal_texts.MEAL_LOGGED_TITLE if logged else meal_texts.MEAL_TITLE
    shown = [item for item in preview.items if not logged or item in items]
    lines = [title]
    for item in shown:
        lines += [_line(item), *_notes(item)]
    if items:
        approx = "≈ " if approximate else ""
        lines.append(meal_texts.MEAL_TOTAL.format(approx=approx, calcium=calcium))
    if approximate:
        lines.append(meal_texts.MEAL_APPROX_NOTE)
    if logged:
        return "\n".join(lines)
    asking = question(preview)
    if asking is not None:
        lines.append("\n" + meal_texts.MEAL_ASK.format(text=quote(preview.items[asking].text)))
        return "\n".join(lines)
    if preview.problems:
        lines.append(meal_texts.MEAL_PROBLEM_HINT)
    if first_unknown(preview) is not None:
        lines.append(meal_texts.MEAL_UNKNOWN_HINT)
    if items and preview.day_offset:
        day = meal_texts.day_name(preview.day_offset)
        lines.append(meal_texts.MEAL_PAST_DAY.format(day=day))
        lines.append(meal_texts.MEAL_CHECK_PAST.format(day=day))
    elif items:
        lines.append(meal_texts.MEAL_CHECK)
    return "\n".join(lines)


def _button(label: str, data: MealButton) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=data.pack())


MAX_PORTION_ROWS = 2  # modifier items offered amount buttons, so the keyboard stays short


def _portion_rows(preview: MealPreview) -> list[list[InlineKeyboardButton]]:
    draft = preview.draft_id
    if draft is None:
        return []
    rows: list[list[InlineKeyboardButton]] = []
    for index, item in enumerate(preview.items):
        if item.modifier_ml is None or item.status is not ItemStatus.READY:
            continue
        rows.append(
            [
                _button(
                    (
                        meal_texts.PORTION_BUTTON_CURRENT
                        if ml == item.modifier_ml
                        else meal_texts.PORTION_BUTTON
                    ).format(ml=ml),
                    MealButton(draft, MealAction.PORTION, index, option),
                )
                for option, ml in enumerate(MODIFIER_ML_OPTIONS)
            ]
        )
    return rows[:MAX_PORTION_ROWS]


def preview_keyboard(preview: MealPreview) -> InlineKeyboardMarkup | None:
    """Offer the candidates of the first unsure item, else ✅ Log / ✏️ Fix (and ➕ for unknowns)."""
    draft = preview.draft_id
    if draft is None:  # nothing was saved to answer about
        return None
    fix = _button(meal_texts.FIX_BUTTON, MealButton(draft, MealAction.FIX))
    asking = question(preview)
    if asking is not None:
        item = preview.items[asking]
        rows = [
            [
                _button(
                    meal_texts.CANDIDATE_BUTTON.format(
                        name=food_name(c)[:_BUTTON_NAME_CHARS], calcium=c.calcium_mg
                    ),
                    MealButton(draft, MealAction.CHOOSE, asking, j),
                )
            ]
            for j, c in enumerate(item.candidates[:MAX_CANDIDATES])
        ]
        rows.append(
            [
                _button(
                    meal_texts.NONE_OF_THESE_BUTTON,
                    MealButton(draft, MealAction.NONE_OF_THESE, asking),
                ),
                fix,
            ]
        )
        return InlineKeyboardMarkup(rows)
    label = meal_texts.LOG_BUTTON
    if preview.day_offset:
        label = meal_texts.LOG_TO_DAY_BUTTON.format(day=meal_texts.day_name(preview.day_offset))
    first_row = (
        [_button(label, MealButton(draft, MealAction.LOG)), fix] if settled(preview) else [fix]
    )
    rows = [first_row, *_portion_rows(preview)]
    if preview.day_offset and settled(preview):
        today = MealButton(draft, MealAction.LOG_TODAY)
        rows.append([_button(meal_texts.LOG_TODAY_INSTEAD_BUTTON, today)])
    unknown = first_unknown(preview)
    if unknown is not None:
        name = preview.items[unknown].text[:24]
        rows.append(
            [
                _button(
                    meal_texts.ADD_UNKNOWN_BUTTON.format(name=name),
                    MealButton(draft, MealAction.ADD, unknown),
                )
            ]
        )
    return InlineKeyboardMarkup(rows)
