"""Units of measure: one vocabulary for SR26 weight descriptions and for what patients type."""

from __future__ import annotations

import re
from functools import lru_cache

from nutrition.foods.text import fold, singular

# US customary volumes in ml (NIST Handbook 44, Appendix C: 1 cup = 236.588 ml,
# 1 fl oz = 29.5735 ml, 1 tbsp = 14.7868 ml, 1 tsp = 4.92892 ml).
VOLUME_ML: dict[str, float] = {
    "ml": 1.0,
    "l": 1000.0,
    "tsp": 4.92892,
    "tbsp": 14.7868,
    "fl oz": 29.5735,
    "cup": 236.588,
    "pint": 473.176,
    "quart": 946.353,
    "gallon": 3785.41,
}
# Avoirdupois ounce and pound (NIST Handbook 44, Appendix C); 两 and 斤 are the Chinese market
# units (市两 = 50 g, 市斤 = 500 g).
MASS_G: dict[str, float] = {
    "mg": 0.001,
    "g": 1.0,
    "kg": 1000.0,
    "oz": 28.3495,
    "lb": 453.592,
    "liang": 50.0,
    "jin": 500.0,
}
# Vessels patients name that SR26 rarely weighs. Assumed volumes, so results using them are
# marked approximate: a drinking glass ≈ 1 US cup (8 fl oz); a rice or soup bowl ≈ 1 cup.
VESSEL_ML: dict[str, float] = {"glass": 236.588, "bowl": 236.588, "mug": 236.588}

SIZES = ("extra large", "jumbo", "large", "medium", "small", "mini")

_ALIASES: dict[str, str] = {
    "g": "g", "gm": "g", "gr": "g", "gram": "g", "gramme": "g", "grams": "g",
    "kg": "kg", "kgs": "kg", "kilo": "kg", "kilogram": "kg", "kilogramme": "kg",
    "mg": "mg", "milligram": "mg",
    "oz": "oz", "ounce": "oz", "lb": "lb", "lbs": "lb", "pound": "lb",
    "ml": "ml", "milliliter": "ml", "millilitre": "ml", "cc": "ml",
    "l": "l", "liter": "l", "litre": "l", "ltr": "l",
    "fl oz": "fl oz", "fluid ounce": "fl oz", "fl. oz": "fl oz", "floz": "fl oz",
    "cup": "cup", "c": "cup",
    "tbsp": "tbsp", "tablespoon": "tbsp", "tbs": "tbsp", "tbl": "tbsp", "tblsp": "tbsp",
    "tsp": "tsp", "teaspoon": "tsp",
    "pint": "pint", "quart": "quart", "gallon": "gallon",
    "slice": "slice", "piece": "piece", "pc": "piece", "pcs": "piece", "each": "piece",
    "item": "piece", "unit": "piece",
    "can": "can", "tin": "can", "container": "container", "carton": "container",
    "tub": "container", "serving": "serving", "portion": "serving", "nlea serving": "serving",
    "helping": "serving", "plate": "serving", "plateful": "serving", "order": "order",
    "package": "package", "packet": "package", "pack": "package", "pkg": "package",
    "sachet": "package", "envelope": "package", "pouch": "package", "bag": "package",
    "glass": "glass", "bowl": "bowl", "mug": "mug", "bottle": "bottle", "box": "box", "jar": "jar",
    "bar": "bar", "stick": "stick", "scoop": "scoop", "handful": "handful", "dash": "dash",
    "extra large": "extra large", "xl": "extra large", "jumbo": "jumbo", "large": "large",
    "big": "large", "medium": "medium", "small": "small", "mini": "mini",
    "fillet": "fillet", "filet": "fillet",
}  # fmt: skip
# Chinese measure words and what they mean here (个/块/根/颗 count a food's natural unit).
CHINESE_UNITS: dict[str, str] = {
    "克": "g", "公克": "g", "千克": "kg", "公斤": "kg", "毫克": "mg", "两": "liang", "斤": "jin",
    "毫升": "ml", "升": "l", "杯": "cup", "碗": "bowl", "小碗": "bowl", "大碗": "bowl",
    "片": "slice", "个": "piece", "块": "piece", "根": "piece", "颗": "piece", "粒": "piece",
    "只": "piece", "条": "piece", "枚": "piece", "勺": "tbsp", "汤匙": "tbsp", "大勺": "tbsp",
    "小勺": "tsp", "茶匙": "tsp", "盒": "container", "瓶": "bottle", "罐": "can", "听": "can",
    "包": "package", "袋": "package", "份": "serving", "盘": "serving", "碟": "serving",
    "把": "handful", "串": "piece", "张": "slice",
}  # fmt: skip
GENERIC_UNITS = frozenset(_ALIASES.values()) | frozenset(CHINESE_UNITS.values())
COUNT_UNITS = GENERIC_UNITS - VOLUME_ML.keys() - MASS_G.keys() - VESSEL_ML.keys()

_PAREN_OR_COMMA = re.compile(r"[(,]")
_LEADING_MEASURE = re.compile(r"^[\d./\s-]*\d[\d./\s-]*(?:fl oz|oz|fluid ounces?)\s+(?=[a-z])")
_WORD = re.compile(r"[a-z]+")


def canonical_unit(word: str) -> str | None:
    """Return the unit key for a word a patient typed ("tablespoons" → "tbsp"), else None."""
    folded = fold(word).strip().rstrip(".")
    return _ALIASES.get(folded) or _ALIASES.get(singular(folded)) or CHINESE_UNITS.get(folded)


@lru_cache(maxsize=4096)
def normalise_unit(desc: str) -> str:
    """Return the unit key of an SR26 measure ("cup, chopped" → "cup", "fl oz" → "fl oz")."""
    head = _PAREN_OR_COMMA.split(fold(desc), maxsplit=1)[0].strip()
    head = _LEADING_MEASURE.sub("", head)
    for phrase in ("fl oz", "fluid ounce", "extra large", "nlea serving", "cubic inch"):
        if head.startswith(phrase):
            return _ALIASES.get(phrase, phrase)
    words = _WORD.findall(head)
    if not words:
        return "serving"
    first = singular(words[0])
    return _ALIASES.get(first, first)


@lru_cache(maxsize=4096)
def unit_size(desc: str) -> str | None:
    """Return the size word of an SR26 measure ("1 potato large (3 in)" → "large"), if any."""
    head = _PAREN_OR_COMMA.split(fold(desc), maxsplit=1)
    text = " ".join(part for part in head[:2])
    for size in SIZES:
        if re.search(rf"\b{size}\b", text):
            return size
    return None
