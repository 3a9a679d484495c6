"""Split a meal message into item texts and strip the words around the food and its amount."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

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
# "咖啡加牛奶", "红茶里加了点奶": 加 joins a milk or cream to what it is added to ("加钙牛奶" is
# calcium-fortified milk, a name: 钙 is not a milk word, so it is not split).
_MILK_WORDS = r"(?:全脂|脱脂|低脂|鲜)?(?:牛奶|牛乳|鲜奶|奶油|淡奶|炼乳|豆浆|豆奶|奶)"
_CN_ADD_WORD = r"(?:里|中)?(?:加|放|兑)(?:了|上)?(?:一点儿?|点儿?|一些|些|少许)?"
_CN_ADD = rf"{_CN_ADD_WORD}(?={_MILK_WORDS})"
_LITTLE_CN = re.compile(r"一点|点|些|少许")
# A full stop ends an item unless it ends an abbreviation ("1 tbsp. honey") or sits in a number.
_ABBREVIATIONS = "".join(rf"(?<!\b{w})" for w in ("tbsp", "tsp", "oz", "fl", "lb", "lbs", "approx"))
_STOP = rf"{_ABBREVIATIONS}(?<!\d)\.(?!\d)"
_SPLIT = re.compile(
    rf"\s*((?:[,;:\n\r，、；：。!?！？|]|{_STOP})+|\s(?:{_EN_JOINERS})\s|{_CN_ADD}|{_OTHER_JOINERS})\s*"
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
    r"(?:this\s+morning|today|tonight|(?:the\s+day\s+before\s+)?yesterday|last\s+night)\b)\s*"
)
_TAIL_EN = re.compile(
    r"\s+(?:for|at|with|in\s+the)\s+(?:breakfast|lunch|dinner|supper|brunch|morning|evening)$|"
    r"\s+(?:today|this\s+morning|tonight|yesterday|last\s+night|or\s+so|approx(?:imately)?)$"
)
_CN_FILLERS = "我|今天|今早|昨天|昨晚|昨日|昨夜|前天|早上|早晨|早餐|早饭|上午|中午|午餐|午饭|下午"
_CN_FILLERS += "|晚上|晚餐|晚饭|夜宵|宵夜|加餐"
_CN_FILLERS += "|吃了|喝了|吃|喝|了|又|还|大约|大概|约|差不多|一共|一些|一点|少许|点"
_LEAD_CN = re.compile(rf"^(?:(?:{_CN_FILLERS})\s*)+")
_TAIL_CN = re.compile(r"(?:左右|而已|了|吧|啊|的样子)+$")
_NUMERAL_START = re.compile(rf"^[{CN_NUMERAL}]")
# "tofu made with calcium sulfate" is one food: a word joiner (U+2060, not a space) keeps the
# qualifier in its item; match_key reads it as a space again.
QUALIFIER_JOIN = "\u2060"
_QUALIFIER = re.compile(r"\b(made|set|prepared|coagulated|curdled|cooked)\s+with\b")
_PERCENT_SPACE = re.compile(r"(?<=\d)\s+%")


@dataclass(frozen=True, slots=True)
class Segment:
    """One item's text, the same text before fillers were stripped, and the joiner before it."""

    text: str
    raw: str
    joiner: str = ""

    @property
    def added(self) -> bool:
        """Tell whether the joiner adds it to the item before ("with", "加")."""
        return self.joiner == "with" or bool(re.fullmatch(_CN_ADD_WORD, self.joiner))

    @property
    def little(self) -> bool:
        """Tell whether the joiner says "a little" (加一点, 加了点, 放些)."""
        return self.added and _LITTLE_CN.search(self.joiner) is not None


def prepare(text: str) -> str:
    """Normalise a whole message: fractions, width, case, decimal commas, list bullets."""
    text = expand_vulgar_fractions(text[:MAX_TEXT])
    text = fold(text).replace("⁄", "/")
    text = _THOUSANDS.sub("", _DECIMAL_COMMA.sub(".", text))
    text = _BULLET.sub("", text)
    text = _PERCENT_SPACE.sub("%", text)  # "1 % cottage cheese" is "1% cottage cheese"
    text = _QUALIFIER.sub(lambda match: f"{match.group(1)}{QUALIFIER_JOIN}with", text)
    return _CJK_EDGE.sub(" ", text)


def split_segments(text: str, is_name: Callable[[str], bool]) -> list[Segment]:
    """Split prepared text on separators; rejoin "mac and cheese" when it is a known food name."""
    parts = _SPLIT.split(text)[: 4 * MAX_ITEMS + 1]  # pieces and separators alternate
    pieces: list[tuple[str, str]] = [(parts[0], "")]
    for separator, piece in zip(parts[1::2], parts[2::2], strict=True):
        joiner = separator.strip()
        previous, before = pieces[-1]
        joined = f"{previous.strip()} {joiner} {piece.strip()}"
        # "coffee made with half and half": the name after a qualifier may hold "and" too.
        tail = joined.rpartition(QUALIFIER_JOIN)[2].removeprefix("with").strip()
        if _JOINING.match(joiner) and (is_name(strip_fillers(joined)) or is_name(tail)):
            pieces[-1] = (joined, before)
        else:
            pieces.append((piece, joiner))
    segments: list[Segment] = []
    dropped = ""  # words with no food ("yesterday:") still tell the next item's day
    for piece, joiner in pieces:
        text = strip_fillers(piece)
        if text:
            segments.append(Segment(text, f"{dropped} {piece}".strip(), joiner))
            dropped = ""
        else:
            dropped = f"{dropped} {piece}".strip()
    return segments[:MAX_ITEMS]


def split_items(text: str, is_name: Callable[[str], bool]) -> list[str]:
    """Split prepared text into item texts (see split_segments)."""
    return [segment.text for segment in split_segments(text, is_name)]


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
