"""Small ingredients: milk in coffee, a splash in tea, milk on cereal, the milk of a latte.

A modifier ingredient named without its own amount ("coffee with milk") is not a glass of
milk: it gets a modifier portion per serving of the food it goes with, and the item says so
(`ParsedItem.modifier`) so the bot can show the assumption and let the user change it.
An amount the user gives ("coffee with 100 ml milk") is always taken as given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nutrition.foods.assumptions import ModifierContext, ModifierPortion
from nutrition.foods.model import FoodRow
from nutrition.foods.text import match_key

# Portions per serving of the host, in ml. The first three are the ones issue #10 sets.
COFFEE_TEA_MILK_ML = 40.0  # "with milk" in coffee or tea ≈ 30–50 ml: the middle of the range
SPLASH_ML = 30.0  # "a splash of milk" ≈ 30 ml
CEREAL_MILK_ML = 125.0  # milk on cereal ≈ 125 ml; also milk in oatmeal or porridge
CREAM_ML = 15.0  # cream or half-and-half: 1 tbsp, the FDA reference amount (21 CFR 101.12)
PORTION_ML: dict[ModifierContext, float] = {
    "coffee_tea": COFFEE_TEA_MILK_ML,
    "splash": SPLASH_ML,
    "cereal": CEREAL_MILK_ML,
    "cream": CREAM_ML,
}
# A host counted in half servings of its default portion; a modifier follows it within these.
MIN_SERVINGS, MAX_SERVINGS = 0.5, 20.0

# Milks and creams that count as modifier ingredients (table keys).
MILK_KEYS = frozenset(
    {
        *("ndb:01077", "ndb:01079", "ndb:01082", "ndb:01085", "ndb:42290"),  # cow's milk
        *("ndb:01211", "ndb:01174", "ndb:01151"),  # the same without added vitamin D
        *("ndb:01106", "ndb:16120", "ndb:16139", "ndb:16222", "ndb:14016"),  # goat, soy, almond
        "cfct:031405",  # 豆浆
    }
)
CREAM_KEYS = frozenset({"ndb:01049", "ndb:01053", "ndb:01054", "ndb:01096", "ndb:01095"})


@dataclass(frozen=True, slots=True)
class MilkDrink:
    """A coffee drink that is mostly milk: the milk in one serving and the serving's volume."""

    milk_ml: float
    serving_ml: float


# Latte: 1–2 espresso shots and 5–6 fl oz (≈ 170 ml) steamed milk in an 8 fl oz cup.
# Cappuccino: 25 ml espresso and 85 ml milk in ≈ 150 ml (Istituto Nazionale Espresso Italiano).
# Flat white: two shots and ≈ 140 ml steamed milk. All as quoted by coffee guides; the milk is
# what matters for calcium, the espresso adds 2 mg per 100 g (SR26 14210).
_LATTE = MilkDrink(milk_ml=170.0, serving_ml=200.0)
_CAPPUCCINO = MilkDrink(milk_ml=85.0, serving_ml=110.0)
_FLAT_WHITE = MilkDrink(milk_ml=140.0, serving_ml=200.0)
MILK_DRINKS: dict[str, MilkDrink] = {
    match_key(name): drink
    for names, drink in (
        (("latte", "caffe latte", "cafe latte", "latte coffee", "拿铁", "拿铁咖啡"), _LATTE),
        (("cappuccino", "卡布奇诺", "卡布奇诺咖啡"), _CAPPUCCINO),
        (("flat white", "馥芮白"), _FLAT_WHITE),
    )
    for name in names
}
# Milk a drink is made with when none is named: the table's everyday "milk" / "牛奶".
DRINK_MILK = {"en": "milk", "zh": "牛奶"}

_SPLASH = re.compile(
    r"^(?:an?\s+|one\s+)?(?:splash(?:es)?|dash(?:es)?|drops?|drizzles?|touch(?:es)?|little|bits?"
    r"|tiny\s+bit|hint)"
    r"(?:\s+of)?\s+"
)


def milk_drink(food_text: str) -> MilkDrink | None:
    """Return the milk drink a food text names ("a latte" → latte), if it is one."""
    return MILK_DRINKS.get(match_key(food_text))


def strip_splash(food_text: str) -> tuple[str, bool]:
    """Return the food words without "a splash of" / "a little", and whether they were there."""
    match = _SPLASH.match(food_text)
    if match is None:
        return food_text, False
    return food_text[match.end() :].strip(), True


def host_context(food: FoodRow) -> ModifierContext | None:
    """Tell what a food does to a milk named with it: coffee or tea, cereal, or nothing."""
    name = (food.sr_name or food.name).casefold()
    if name.startswith(("coffee", "tea,", "tea ")) or food.key == "ndb:14355":
        return "coffee_tea"
    if food.group == "Breakfast Cereals":
        return "cereal"
    return None


def modifier_context(
    ingredient: FoodRow, host: ModifierContext | None, *, splash: bool
) -> ModifierContext | None:
    """Return the portion rule for an ingredient with its host, or None when it is a food."""
    if ingredient.key in CREAM_KEYS and (host is not None or splash):
        return "cream"
    if ingredient.key not in MILK_KEYS:
        return None
    if splash:
        return "splash"
    return host


def host_servings(food: FoodRow, grams: float) -> float:
    """Return how many default portions of the host were eaten (for "two coffees with milk")."""
    default = food.default()
    if default is None or default.grams <= 0 or grams <= 0:
        return 1.0
    halves = round(2 * grams / default.grams) / 2  # a mug weighed at 237.0 g is one cup
    return min(max(halves, MIN_SERVINGS), MAX_SERVINGS)


def portion(context: ModifierContext, host: str, servings: float) -> ModifierPortion:
    """Return the modifier portion of a context for `servings` of the host."""
    return ModifierPortion(context, host, PORTION_ML[context], servings)
