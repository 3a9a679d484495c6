"""Read times of day and weekdays as people type them: "8:00, 20:30", "8am", "Mon Wed Fri"."""

import re
from datetime import time

from scheduler.recurrence import EVERY_DAY, MAX_TIMES_PER_DAY, WEEKDAYS, WEEKENDS
from services.time_input_zh import parse_time_zh, parse_weekdays_zh, split_zh

_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_HAS_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")
_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\s(?=\d))\s*")
# Day names as people type them (input, not output: the bot words days in bot/time_texts.py).
# Whole sets of days, in English and Chinese, as people say them.
_NAMED_DAYS = {
    **dict.fromkeys(("every day", "everyday", "daily", "all", "each day"), EVERY_DAY),
    **dict.fromkeys(("weekdays", "workdays"), WEEKDAYS),
    **dict.fromkeys(("weekends", "weekend"), WEEKENDS),
}
_DAY_PREFIXES = {
    name: index for index, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}


def parse_time(text: str) -> time | None:
    """Read one time of day in 24-hour or am/pm form."""
    match = _TIME.match(text.strip().lower())
    if match is None:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_times(text: str) -> list[time] | None:
    """Read up to eight distinct times, sorted; None if any part is not a time."""
    if len(text) > 100:
        return None
    cleaned = text.strip().lower()
    if _HAS_CJK.search(cleaned):
        parts = split_zh(cleaned)
        times = [parse_time_zh(part) or parse_time(part) for part in parts]
    else:
        parts = [part for part in _SPLIT.split(cleaned) if part]
        times = [parse_time(part) for part in parts]
    if not parts:
        return None
    if any(value is None for value in times):
        return None
    unique = sorted({value for value in times if value is not None})
    return unique if len(unique) <= MAX_TIMES_PER_DAY else None


def parse_weekdays(text: str) -> int | None:
    """Read weekdays such as "Mon Wed Fri" or "mon-fri" into a bitmask (Monday = bit 0)."""
    cleaned = " ".join(text.strip().lower().split())
    if _HAS_CJK.search(cleaned):
        return parse_weekdays_zh(cleaned)
    if cleaned in _NAMED_DAYS:
        return _NAMED_DAYS[cleaned]
    mask = 0
    for chunk in re.split(r"[\s,;]+", cleaned):
        if not chunk:
            continue
        ends = chunk.split("-")
        days = [_DAY_PREFIXES[end[:3]] for end in ends if end[:3] in _DAY_PREFIXES]
        if len(ends) > 2 or len(days) != len(ends):
            return None
        first, last = days[0], days[-1]
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        for day in span:
            mask |= 1 << day
    return mask or None
