"""Which day a meal text speaks of: "yesterday I had …", "昨天喝了…" are not today's intake."""

from __future__ import annotations

import re

# Day offsets relative to the day the message is sent; the bot confirms before logging to a
# past day. Longer phrases come first so "the day before yesterday" is not read as "yesterday".
_DAY_WORDS: tuple[tuple[str, int], ...] = (
    (r"\bthe\s+day\s+before\s+yesterday\b", -2),
    (r"前天|前日", -2),
    (r"\byesterday\b|\blast\s+night\b", -1),
    (r"昨天|昨晚|昨日|昨儿|昨夜", -1),
    (r"\btoday\b|\bthis\s+(?:morning|afternoon|evening)\b|\btonight\b", 0),
    (r"今天|今早|今晚|今日", 0),
)
_DAY = re.compile(
    "|".join(f"(?P<d{index}>{pattern})" for index, (pattern, _) in enumerate(_DAY_WORDS))
)


def day_offset(text: str) -> int | None:
    """Return the offset of the first day word in text (-1 for yesterday), or None if none."""
    match = _DAY.search(text)
    if match is None or match.lastgroup is None:
        return None
    return _DAY_WORDS[int(match.lastgroup[1:])][1]
