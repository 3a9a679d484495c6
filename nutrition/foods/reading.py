"""Read one item's amount, unit and food words, in English ("2 cups of milk") or Chinese."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from nutrition.foods.numbers import CN_NUMERAL, Quantity, chinese_number, parse_leading
from nutrition.foods.text import has_cjk
from nutrition.foods.units import CHINESE_UNITS, canonical_unit

_CN_UNIT = "|".join(sorted(CHINESE_UNITS, key=len, reverse=True))
# Bounded runs keep the regex linear on hostile input (a numeral is at most 一千二百三十四).
_CN_NUM = rf"(?:[{CN_NUMERAL}]{{1,8}}?|\d{{1,9}}(?:\.\d{{1,6}})?)"
_CN_LEAD = re.compile(rf"^(?:(?P<num>{_CN_NUM})|半)\s*(?P<unit>{_CN_UNIT})(?P<half>半)?\s*的?")
_CN_TAIL = re.compile(
    rf"(?:(?P<num>{_CN_NUM})|(?P<halfonly>半))\s*(?P<unit>{_CN_UNIT})(?P<half>半)?$|\s(?P<digits>\d{{1,9}}(?:\.\d{{1,6}})?)$"
)
# "milk 2 cups", "tofu 100g": the amount after the food.
_EN_TAIL = re.compile(
    r"^(?P<food>.+?)\s+(?:[x×]\s*)?(?P<qty>\d+(?:\.\d+)?(?:\s*/\s*\d+)?)\s*(?P<unit>[a-z. ]*)$"
)
# "eggs x2", "2 x eggs".
_TIMES = re.compile(
    r"^(?P<food>.+?)(?:\s+x|\s*×)\s*(?P<qty>\d+)$|^(?P<qty2>\d+)\s*[x×]\s+(?P<food2>.+)$"
)
CN_SIZES = {"大": "large", "中": "medium", "小": "small"}
_TWO_WORD_UNITS = ("fl oz", "fl. oz", "fluid ounce", "fluid ounces", "extra large", "nlea serving")


@dataclass(frozen=True, slots=True)
class Reading:
    """What an item says: how much, of which unit, and the words naming the food."""

    quantity: Quantity | None
    unit: str | None
    food_text: str


def _unit_prefix(text: str) -> tuple[str | None, str]:
    for phrase in _TWO_WORD_UNITS:
        if text.startswith(phrase + " ") or text == phrase:
            return canonical_unit(phrase), text[len(phrase) :].strip()
    head, _, rest = text.partition(" ")
    unit = canonical_unit(head)
    if unit is None or not rest:
        return None, text
    return unit, rest.removeprefix("of ").strip()


def read_english(text: str) -> Reading:
    """Read "2 cups of milk", "milk 2 cups", "eggs x2" or "half a cup of yogurt"."""
    if times := _TIMES.match(text):
        count = times.group("qty") or times.group("qty2")
        food = times.group("food") or times.group("food2")
        text = f"{count} {food}"
    quantity, rest = parse_leading(text)
    unit, rest = _unit_prefix(rest.removeprefix("of ").strip())
    half = rest.startswith("and a half ") and (quantity is None or quantity.problem is None)
    if unit is not None and half:  # "a cup and a half of milk"
        base = 1.0 if quantity is None else quantity.value
        quantity, rest = Quantity(base + 0.5), rest.removeprefix("and a half ")
    if quantity is None and unit is None and (tail := _EN_TAIL.match(text)):
        tail_unit = canonical_unit(tail.group("unit")) if tail.group("unit").strip() else None
        if tail_unit is not None or not tail.group("unit").strip():
            quantity, _ = parse_leading(tail.group("qty"))
            return Reading(quantity, tail_unit, tail.group("food").strip())
    return Reading(quantity, unit, rest.removeprefix("of ").strip())


def _chinese_quantity(match: re.Match[str]) -> Quantity:
    number = match.group("num")
    value = 0.5 if number is None else chinese_number(number)
    if value is None or not math.isfinite(value):
        return Quantity(0.0, problem="not_a_number")
    value += 0.5 if match.group("half") else 0.0
    return Quantity(value, approximate="几" in (number or ""))


def read_chinese(text: str) -> Reading | None:
    """Read "一杯牛奶", "二两米饭", "牛奶一杯" or "鸡蛋 2"; None without a Chinese amount."""
    if not has_cjk(text):
        return None
    if lead := _CN_LEAD.match(text):
        unit = CHINESE_UNITS[lead.group("unit")]
        return Reading(_chinese_quantity(lead), unit, text[lead.end() :].strip())
    tail = _CN_TAIL.search(text)
    if tail and text[: tail.start()].strip():
        food = text[: tail.start()].strip()
        if tail.group("digits"):
            return Reading(Quantity(float(tail.group("digits"))), None, food)
        return Reading(_chinese_quantity(tail), CHINESE_UNITS[tail.group("unit")], food)
    return None


_PREPARATIONS = frozenset({"cooked", "raw", "boiled", "steamed", "fried", "grilled", "baked"})
_PREPARATIONS |= frozenset({"roasted", "chopped", "sliced", "plain", "fresh", "hot", "cold"})


def amount_only(piece: str) -> bool:
    """Tell whether a piece only adds an amount or a cooking word to the item before it."""
    reading = read_chinese(piece) or read_english(piece)
    text = reading.food_text
    if not text:
        return reading.quantity is not None or reading.unit is not None
    return canonical_unit(text) is not None or all(word in _PREPARATIONS for word in text.split())
