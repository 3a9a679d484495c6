"""Split a meal message into item texts and strip the words around the food and its amount."""

from __future__ import annotations

import re
from collections.abc import Callable

from nutrition.foods.numbers import CN_NUMERAL, expand_vulgar_fractions
from nutrition.foods.text import fold

# Telegram messages are at most 4,096 characters; longer input is cut, and at most this many
# items are read, so one message cannot make the parser work without bound.
MAX_TEXT = 4096
MAX_ITEMS = 40

# "with" before bones or skin belongs to the food ("salmon with bones"); other "with" names such
# as "orange juice with calcium" are split, then rejoined because the whole is a known name.
_WITH = r"with(?!\s+(?:bones?|skin|added|pits?)\b)"
_EN_JOINERS = rf"and(?!\s+a\s+half\b)|{_WITH}|plus|also|then"
_OTHER_JOINERS = r"&|(?<!\de)\+|还有|以及|加上|外加|和|及|跟"  # not the "+" of "1e+16"
# A full stop ends an item unless it ends an abbreviation ("1 tbsp. honey") or sits in a number.
_ABBREVIATIONS = "".join(rf"(?<!\b{w})" for w in ("tbsp", "tsp", "oz", "fl", "lb", "lbs", "approx"))
_STOP = rf"{_ABBREVIATIONS}(?<!\d)\.(?!\d)"
_SPLIT = re.compile(
    rf"\s*((?:[,;:\n\r，、；：。!?！？|]|{_STOP})+|\s(?:{_EN_JOINERS})\s|{_OTHER_JOINERS})\s*"
)
_JOINING = re.compile(rf"^(?:{_EN_JOINERS}|{_OTHER_JOINERS})$")
_BULLET = re.compile(r"^\s*(?:[-*•·]\s+|\d+[.)]\s+)", re.MULTILINE)
_DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d{1,2}(?!\d))")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_CJK_EDGE = re.compile(r"(?<=[0-9a-z%.])(?=[\u3400-\u9fff])|(?<=[\u3400-\u9fff])(?=[0-9a-z])")

_LEAD_EN = re.compile(
    r"^(?:(?:i\s+)?(?:had|ate|drank|have|having|eaten|drunk|got|eat|drink)\b|also\b|just\b|"
    r"then\b|about\b|around\b|approx(?:imately|\.)?|roughly\b|~|some\b|another\b|more\b|"
    r"(?:for\s+)?(?:breakfast|lunch|dinner|supper|brunch|snack|dessert)\b[:\s-]*|"
    r"(?:this\s+morning|today|tonight|yesterday)\b)\s*"
)
_TAIL_EN = re.compile(
    r"\s+(?:for|at|with|in\s+the)\s+(?:breakfast|lunch|dinner|supper|brunch|morning|evening)$|"
    r"\s+(?:today|this\s+morning|tonight|yesterday|or\s+so|approx(?:imately)?)$"
)
_CN_FILLERS = "我|今天|今早|昨天|早上|早晨|早餐|早饭|上午|中午|午餐|午饭|下午"
_CN_FILLERS += "|晚上|晚餐|晚饭|夜宵|宵夜|加餐"
_CN_FILLERS += "|吃了|喝了|吃|喝|了|又|还|大约|大概|约|差不多|一共|一些|一点|少许|点"
_LEAD_CN = re.compile(rf"^(?:(?:{_CN_FILLERS})\s*)+")
_TAIL_CN = re.compile(r"(?:左右|而已|了|吧|啊|的样子)+$")
_NUMERAL_START = re.compile(rf"^[{CN_NUMERAL}]")


def prepare(text: str) -> str:
    """Normalise a whole message: fractions, width, case, decimal commas, list bullets."""
    text = expand_vulgar_fractions(text[:MAX_TEXT])
    text = fold(text).replace("⁄", "/")
    text = _THOUSANDS.sub("", _DECIMAL_COMMA.sub(".", text))
    text = _BULLET.sub("", text)
    return _CJK_EDGE.sub(" ", text)


def split_items(text: str, is_name: Callable[[str], bool]) -> list[str]:
    """Split prepared text on separators; rejoin "mac and cheese" when it is a known food name."""
    parts = _SPLIT.split(text)[: 4 * MAX_ITEMS + 1]  # pieces and separators alternate
    pieces: list[str] = [parts[0]]
    for separator, piece in zip(parts[1::2], parts[2::2], strict=True):
        joiner = separator.strip()
        joined = f"{pieces[-1].strip()} {joiner} {piece.strip()}"
        if _JOINING.match(joiner) and is_name(strip_fillers(joined)):
            pieces[-1] = joined
        else:
            pieces.append(piece)
    items = [strip_fillers(piece) for piece in pieces]
    return [item for item in items if item][:MAX_ITEMS]


def strip_fillers(piece: str) -> str:
    """Remove "I had", "for breakfast", "我吃了", "左右" and similar words around an item."""
    text = piece.strip(" \t*•·~'\"()[]{}")
    previous = None
    while text != previous:
        previous = text
        text = _LEAD_EN.sub("", text)
        text = _TAIL_EN.sub("", text)
        if not _NUMERAL_START.match(text):
            text = _LEAD_CN.sub("", text)
        text = _TAIL_CN.sub("", text).strip()
    return text
