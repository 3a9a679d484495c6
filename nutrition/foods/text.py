"""Text normalisation shared by the matcher and the parser: case, width, plurals, CJK."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# U+3400–U+9FFF covers CJK Extension A and the Unified Ideographs used for Chinese food names.
_CJK = re.compile(r"[\u3400-\u9fff]")
_NOT_WORD = re.compile(r"[^0-9a-z%\u3400-\u9fff]+")
_STOPWORDS = frozenset({"of", "the", "a", "an", "some", "my"})
# Words that end in "s" but are not plurals; stripping the "s" would break them.
_KEEP_S = frozenset({"hummus", "asparagus", "couscous", "citrus", "octopus", "swiss", "molasses"})
_KEEP_S |= frozenset({"bass", "grass", "glass", "series", "species", "oats", "grits", "chips"})
_KEEP_S |= frozenset({"brussels", "dress", "express"})


def has_cjk(text: str) -> bool:
    """Tell whether text holds any Chinese character."""
    return _CJK.search(text) is not None


@lru_cache(maxsize=8192)
def singular(word: str) -> str:
    """Return a naive English singular ("berries" → "berry"), the same way for queries and names."""
    if len(word) <= 3 or word in _KEEP_S or not word.isascii() or not word.endswith("s"):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("oes", "ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith(("ss", "us", "is")):
        return word
    return word[:-1]


def fold(text: str) -> str:
    """Return NFKC-normalised, lower-cased text (full-width digits and letters become ASCII)."""
    return unicodedata.normalize("NFKC", text).casefold()


@lru_cache(maxsize=16384)
def match_key(text: str) -> str:
    """Return the form names and queries are compared in: words, singular, no punctuation."""
    folded = fold(text).replace("&", " and ").replace("'", "")
    words = _NOT_WORD.sub(" ", folded).split()
    return " ".join(singular(word) for word in words if word not in _STOPWORDS)


def tokens(key: str) -> list[str]:
    """Split a match key into index tokens: Latin words, and each Chinese character alone."""
    out: list[str] = []
    for word in key.split():
        if has_cjk(word):
            out.extend(char for char in word if has_cjk(char))
            latin = _CJK.sub(" ", word).split()
            out.extend(latin)
        else:
            out.append(word)
    return out
