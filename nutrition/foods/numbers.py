"""Quantities as patients write them: digits, fractions, English words and Chinese numerals."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

Problem = Literal["too_much", "negative", "not_a_number"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """A parsed amount; `approximate` for "a few" or "2-3", `problem` when it is not a number."""

    value: float
    approximate: bool = False
    problem: Problem | None = None


_WORDS: dict[str, float] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
# Phrases first (longest wins); the value of "a few" and "several" is a guess, so approximate.
_PHRASES: tuple[tuple[str, float, bool], ...] = (
    ("half a dozen", 6, False), ("a dozen", 12, False), ("dozen", 12, False),
    ("a couple of", 2, False), ("a couple", 2, False), ("couple of", 2, False),
    ("a few", 3, True), ("few", 3, True), ("several", 3, True),
    ("one and a half", 1.5, False), ("a half", 0.5, False), ("one half", 0.5, False),
    ("half an", 0.5, False), ("half a", 0.5, False), ("half", 0.5, False),
    ("a quarter", 0.25, False), ("quarter", 0.25, False), ("a third", 1 / 3, False),
    ("an", 1, False), ("a", 1, False),
)  # fmt: skip
_NOT_A_NUMBER = re.compile(r"^[-−+]?\s*(?:nan|inf|infinity)\b\s*")
_PERCENT = re.compile(r"^\d+(?:\.\d+)?\s*%")
_SIGN = re.compile(r"^(?:[-−]\s*(?=[\d.])|minus\s+|negative\s+)")
_RANGE = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:-|–|~|to)\s*(\d+(?:\.\d+)?)(?![\d/])")
_MIXED = re.compile(r"^(\d+)\s+(\d+)\s*/\s*(\d+)")
_FRACTION = re.compile(r"^(\d+)\s*/\s*(\d+)")
_DECIMAL = re.compile(r"^(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?")
_AND_A_HALF = re.compile(r"^\s*and a half\b")
_WORD_NUMBER = re.compile(r"^([a-z]+)(?:[\s-]+([a-z]+))?\b")
_VULGAR = {"½": "1/2", "¼": "1/4", "¾": "3/4", "⅓": "1/3", "⅔": "2/3", "⅛": "1/8", "⅜": "3/8"}
_VULGAR |= {"⅝": "5/8", "⅞": "7/8", "⅕": "1/5", "⅖": "2/5", "⅗": "3/5", "⅘": "4/5", "⅙": "1/6"}
_VULGAR_RE = re.compile(r"(\d?)\s*([" + "".join(_VULGAR) + "])")

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9, "几": 3}
_CN_POWERS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
CN_NUMERAL = "零〇一二两三四五六七八九十百千万几"


def expand_vulgar_fractions(text: str) -> str:
    """Write "1½" as "1 1/2" and "½" as "1/2" before Unicode normalisation mangles them."""

    def spell(match: re.Match[str]) -> str:
        whole, fraction = match.group(1), _VULGAR[match.group(2)]
        return f"{whole} {fraction}" if whole else f" {fraction}"

    return _VULGAR_RE.sub(spell, text)


def _checked(value: float, approximate: bool = False) -> Quantity:
    if math.isnan(value):
        return Quantity(0.0, problem="not_a_number")
    if math.isinf(value):
        return Quantity(0.0, problem="too_much")
    return Quantity(value, approximate)


def _digits(text: str) -> tuple[Quantity, str] | None:
    if match := _RANGE.match(text):
        low, high = float(match.group(1)), float(match.group(2))
        return _checked((low + high) / 2, approximate=True), text[match.end() :]
    if match := _MIXED.match(text):
        whole, num, den = (int(group) for group in match.groups())
        value = whole + num / den if den else math.nan
        return _checked(value), text[match.end() :]
    if match := _FRACTION.match(text):
        num, den = int(match.group(1)), int(match.group(2))
        return _checked(num / den if den else math.nan), text[match.end() :]
    if match := _DECIMAL.match(text):
        try:
            value = float(match.group(0))
        except (ValueError, OverflowError):
            value = math.inf
        return _checked(value), text[match.end() :]
    return None


def _words(text: str) -> tuple[Quantity, str] | None:
    for phrase, value, approximate in _PHRASES:
        if text.startswith(phrase) and text[len(phrase) : len(phrase) + 1] in ("", " "):
            rest = text[len(phrase) :]
            if phrase in ("a", "an") and rest.startswith((" half", " quarter", " third")):
                continue
            return Quantity(value, approximate), rest
    match = _WORD_NUMBER.match(text)
    if match is None or match.group(1) not in _WORDS:
        return None
    value, end = _WORDS[match.group(1)], match.end(1)
    second = match.group(2)
    if second is not None and second in _WORDS and value >= 20 and _WORDS[second] < 10:
        value, end = value + _WORDS[second], match.end(2)
    if text[end:].lstrip().startswith("hundred"):
        value *= 100
        end = text.index("hundred", end) + len("hundred")
    return Quantity(value), text[end:]


def parse_leading(text: str) -> tuple[Quantity | None, str]:
    """Read a quantity at the start of folded text; return it and the rest of the text."""
    if match := _NOT_A_NUMBER.match(text):
        return Quantity(0.0, problem="not_a_number"), text[match.end() :]
    if _PERCENT.match(text):
        return None, text  # "2% milk" names a milk; it is not two of something
    negative = False
    if match := _SIGN.match(text):
        negative, text = True, text[match.end() :]
    found = _digits(text) or _words(text)
    if found is None:
        return None, text
    quantity, rest = found
    if half := _AND_A_HALF.match(rest):
        quantity, rest = Quantity(quantity.value + 0.5, quantity.approximate), rest[half.end() :]
    if negative and quantity.problem is None and quantity.value > 0:
        quantity = Quantity(-quantity.value, problem="negative")
    return quantity, rest.strip()


def chinese_number(text: str) -> float | None:
    """Return the value of Chinese (一百五十, 两) or Arabic (1.5) numerals, or None."""
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        try:
            return float(text)
        except ValueError:
            return None
    total = section = 0.0
    digit: float | None = None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in _CN_POWERS:
            power = _CN_POWERS[char]
            if power == 10000:
                total += (section + (digit or 0)) * power
                section = 0.0
            else:
                section += (1 if digit is None else digit) * power
            digit = None
        else:
            return None
    return total + section + (digit or 0)
