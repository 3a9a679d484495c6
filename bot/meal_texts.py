"""User-facing texts for meals, custom foods, /undo and doses typed as words (HTML parse mode).

Kept apart from bot/texts.py so neither module grows past a screenful; user input is always
escaped (texts.quote) before it goes in.
"""

from babel import Locale

from bot import i18n
from bot.i18n import _, translate_constants

MEAL_TITLE = "🍽 <b>Your meal</b>"
MEAL_LOGGED_TITLE = "✅ <b>Logged</b>"
MEAL_ITEM = "• {text} → {food}: {grams:,} g, <b>{calcium:,} mg</b> calcium"
MEAL_ITEM_ASK = "• {text} → ❓ which food? (tap below)"
MEAL_ITEM_UNKNOWN = "• {text} → ❔ a food I don't know; not counted"
MEAL_ITEM_PROBLEM = "• {text} → ⚠️ {why}; not counted"
PROBLEM_WHY = {
    "too_much": "that is more than one person eats at once (over 3 kg or 20 portions)",
    "negative": "an amount can't be below zero",
    "not_a_number": "I can't read that amount",
    "zero": "that amount is zero",
}
PROBLEM_DEFAULT = "that amount looks wrong"
MEAL_TOTAL = "<b>Total: {approx}{calcium:,} mg calcium</b>"
MEAL_APPROX_NOTE = "≈ marks an estimate: the portion or the food's calcium is a best guess."
MEAL_ASK = "❓ <b>Which food is “{text}”?</b>"
MEAL_PROBLEM_HINT = "Please check the amount, then press ✏️ Fix to type the meal again."
MEAL_UNKNOWN_HINT = "Tap ➕ to add a food I don't know; I'll count it from then on."
MEAL_CHECK = "Press ✅ Log to add it to today, or ✏️ Fix to type it again."
MEAL_CHECK_PAST = "Press ✅ Log to add it to {day}, 📅 Today instead, or ✏️ Fix to type it again."


def day_name(offset: int) -> str:
    """Name a past day by its offset from today ("yesterday")."""
    if offset in DAY_NAMES:
        return _(DAY_NAMES[offset])  # a module reads its own constants untranslated
    return _("{days} days ago").format(days=-offset)


NOTE_OXALATE = (
    "   ℹ️ Counted, but little of its calcium is absorbed (oxalate binds it: about 5–8 %, "
    "against about 30 % from milk)."
)
MODIFIER_CONTEXTS = {
    "coffee_tea": "milk in {host}",
    "splash": "a splash of milk",
    "cream": "cream in {host}",
    "cereal": "milk on {host}",
    "milk_drink": "the milk of {host}",
}
NOTE_MODIFIER = (
    "   ↳ {what}: counted {ml:,} ml. Another amount? Tap it below, or press ✏️ Fix and "
    "type it, e.g. <i>{host} with 100 ml milk</i>."
)
PORTION_BUTTON = "🥛 {ml} ml"
PORTION_BUTTON_CURRENT = "• {ml} ml"
NOTE_FORTIFIED = "   ↳ assumed {what} as sold in {country} (with added {nutrient})."
NOTE_UNFORTIFIED = "   ↳ assumed {what} as sold in {country} (no added {nutrient})."
NOTE_REMEMBERED = "   ↳ your usual {group}, as you chose before; ✏️ Fix to type another kind."
DAY_NAMES = {-1: "yesterday", -2: "the day before yesterday"}
MEAL_PAST_DAY = "📅 You said <b>{day}</b>: I'll log it to {day}, not today, once you confirm."
LOG_BUTTON = "✅ Log"
LOG_TO_DAY_BUTTON = "✅ Log to {day}"
LOG_TODAY_INSTEAD_BUTTON = "📅 Today instead"
FIX_BUTTON = "✏️ Fix"
NONE_OF_THESE_BUTTON = "🚫 None of these"
CANDIDATE_BUTTON = "{name} · {calcium:,} mg"
ADD_UNKNOWN_BUTTON = "➕ Add “{name}” as my food"
ADD_FOOD_BUTTON = "➕ Add a food"
# What a country's fortification note is about: milk (vitamin D) or white bread (calcium).
FORTIFIED_MILK = "milk"
FORTIFIED_BREAD = "white bread"
NUTRIENT_VITAMIN_D = "vitamin D"
NUTRIENT_CALCIUM = "calcium"
# Units of a custom food's label basis ("per cup"), by nutrition.foods.units key; a key not
# listed here is shown as stored.
UNIT_NAMES = {
    "g": "g",
    "kg": "kg",
    "mg": "mg",
    "IU": "IU",
    "µg": "µg",
    "ml": "ml",
    "l": "l",
    "oz": "oz",
    "lb": "lb",
    "liang": "liang",
    "jin": "jin",
    "fl oz": "fl oz",
    "cup": "cup",
    "tbsp": "tbsp",
    "tsp": "tsp",
    "pint": "pint",
    "quart": "quart",
    "gallon": "gallon",
    "glass": "glass",
    "bowl": "bowl",
    "mug": "mug",
    "slice": "slice",
    "piece": "piece",
    "can": "can",
    "container": "container",
    "bottle": "bottle",
    "box": "box",
    "jar": "jar",
    "bar": "bar",
    "stick": "stick",
    "scoop": "scoop",
    "handful": "handful",
    "package": "package",
    "serving": "serving",
}
UNDO_MORE = "+{count} more"


def country_name(code: str) -> str:
    """Name a country code for a Chinese reader ("CN" → "中国"); English keeps the short code."""
    if i18n.current() == i18n.ENGLISH:
        return code
    return str(Locale.parse(i18n.current()).territories.get(code.upper(), code))


def unit_name(unit: str) -> str:
    """Name a custom food's unit key in the reader's language ("cup" → "杯")."""
    return _(UNIT_NAMES[unit]) if unit in UNIT_NAMES else unit


NOTHING_FOUND = (
    "I couldn't find a food in that. Tell me what you ate, e.g. "
    "<i>2 cups of milk and 100 g tofu</i>. For a food I don't know, add your own with /food "
    "(e.g. <i>my soy milk: 300 mg per cup</i>)."
)
FOOD_HINT = (
    "\nTo log a meal, tell me what you ate (e.g. <i>2 cups of milk</i>); "
    "for a food I don't know, add your own with /food."
)
LOG_PROMPT = (
    "🍽 What did you eat? For example <i>2 cups of milk and 100 g tofu</i> "
    "or <i>一杯牛奶，两片面包</i>."
)
LOG_DAY_INVALID = (
    "I can log a meal to today or a past day up to a year back, e.g. "
    "<i>/log 2026-11-30 2 cups of milk</i> or <i>/log yesterday 100 g tofu</i>."
)
FIX_PROMPT = "✏️ OK, type the meal again, e.g. <i>2 cups of milk and 100 g tofu</i>."
MEAL_TOO_LONG = (
    "That message is too long to read as a meal. Please send up to {limit:,} characters, "
    "e.g. <i>2 cups of milk</i>."
)
MEAL_TOO_MANY = "That's a lot of foods at once. Please send at most {limit} in one message."

LOG_DONE = "Logged ✅"
LOG_ALREADY = "Already logged ✅ Nothing was added twice."
LOG_NOT_YOURS = "This meal isn't yours, or it's gone. Please send it again."
LOG_EXPIRED = "This meal is too old to log now. Please send it again."
LOG_NOTHING = "There is nothing in this meal I can count."
ANSWER_FIRST = "Please answer the question about the food first."
UNDO_HINT = "Wrong? /undo removes it."

DAY_TOTAL = "📊 Today's calcium: <b>{total:,} mg</b> — {progress}\n{bar}"
DAY_TOTAL_ON = "📊 Calcium on {day}: <b>{total:,} mg</b> — {progress}\n{bar}"
PROGRESS = "{total:,} of your {target:,} {unit} target ({percent} %); upper limit {limit:,} {unit}"
DOCTOR_MARK = " (your doctor)"


def progress_text(
    total: int, *, target: int, limit: int, unit: str, doctor_limit: bool = False
) -> str:
    """Word progress to the target and the upper limit apart, as Cronometer does (issue #10)."""
    percent = total * 100 // target if target > 0 else 0
    shown = unit_name(unit)
    line = _(PROGRESS).format(total=total, target=target, percent=percent, limit=limit, unit=shown)
    return line + (_(DOCTOR_MARK) if doctor_limit else "")


DAY_TOTAL_PLAIN = "📊 Today's calcium: <b>{total:,} mg</b>"

FOOD_ASK = (
    "➕ Type the food and its calcium as the label gives it, for example:\n"
    "<i>my soy milk: 300 mg per cup</i>\n<i>oat drink 120 mg/100 ml</i>\n"
    "<i>高钙奶 300mg 每杯</i>\n/cancel to stop."
)
FOOD_ASK_FOR = "➕ Let's add “{text}”. " + FOOD_ASK.removeprefix("➕ ")
FOOD_PROBLEMS = {
    "empty": "Please type the food and its calcium, e.g. <i>my soy milk: 300 mg per cup</i>.",
    "too_long": "Please keep it short: the name, the calcium in mg and per how much.",
    "no_name": "Please start with the food's name, e.g. <i>my soy milk: 300 mg per cup</i>.",
    "no_calcium": "I need the calcium in mg, e.g. <i>my soy milk: 300 mg per cup</i>.",
    "no_basis": "Per how much? e.g. <i>per cup</i>, <i>per 100 g</i> or <i>per slice</i>.",
    "too_much": "That's more calcium than any food holds. Please check the label figures.",
}
FOOD_SAVED = (
    "✅ Saved <b>{name}</b>: {calcium:g} mg calcium per {amount:g} {unit}. "
    "Mention it in a meal and I'll count it."
)
FOOD_TOO_MANY = "You already have {limit} foods of your own. Please delete one in /food first."
FOOD_NONE = (
    "🥣 You have no foods of your own yet. Tap ➕, or type e.g. "
    "<code>/food my soy milk: 300 mg per cup</code>."
)
FOOD_LIST = "🥣 <b>Your own foods</b>\n{items}\n\nTap 🗑 to delete one."
FOOD_LINE = "• <b>{name}</b>: {calcium:g} mg calcium per {amount:g} {unit}"
FOOD_DELETED = "Deleted 🗑"
FOOD_GONE = "That food isn't yours, or it's already deleted."
FOOD_MEAL_AGAIN = "Here is your meal again:"

UNDO_NOTHING = "There is nothing to undo from the last 24 hours."
UNDO_DONE = "↩️ Removed: {what}."
UNDO_ITEM = "{label} ({calcium:,} mg calcium)"

TOOK_ALREADY = (
    "You logged <b>{name}</b> at {time} already, so I haven't counted it again. "
    "If you took one more, say <i>took another {name}</i>."
)
TOOK_LOGGED = (
    "✅ Logged {units} × <b>{name}</b> ({calcium:,} mg calcium), taken outside your schedule."
)
TOOK_WHICH = "Which one did you take? Type it like <i>took 1 {example}</i>:\n{names}"
TOOK_UNKNOWN = (
    "I couldn't find “{text}” among your products and no dose is waiting. Add it in "
    "/supplements, or if it was food, just tell me what you ate."
)
TOOK_BAD_AMOUNT = "Please give a number of tablets from 1 to 20, e.g. <i>took 2 {name}</i>."


translate_constants(__name__)
