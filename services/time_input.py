"""Read times of day and weekdays as people type them: "8:00, 20:30", "8am", "Mon Wed Fri"."""

import re
from datetime import time

from scheduler.recurrence import EVERY_DAY, MAX_TIMES_PER_DAY

_TIME = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_SPLIT = re.compile(r"\s*(?:,|;|，|；|、|\band\b|和|&|\s(?=\d))\s*")
# Chinese times: "早上8点", "晚上8点半", "下午3点30", "20点"; the word before the hour says am/pm.
_CN_TIME = re.compile(
    r"^(早上|早晨|上午|中午|下午|傍晚|晚上)?(\d{1,2})(?:点|時|时)(半|(\d{1,2})分?)?$"
)
_CN_PM = {"下午", "傍晚", "晚上"}
# Chinese day names: 周一/星期一/礼拜一 … 周日/星期天; ranges with 至, 到 or a dash.
_CN_DAY = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_CN_DAY_NAME = re.compile(r"(?:周|星期|礼拜)([一二三四五六日天七])")
_CN_EVERY_DAY = {"每天", "每日", "天天", "周一至周日", "周一到周日"}
# Day names as people type them (input, not output: the bot words days in bot/time_texts.py).
_DAY_PREFIXES = {
    name: index for index, name in enumerate(("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
}


def parse_time(text: str) -> time | None:
    """Read one time of day in 24-hour or am/pm form."""
    match = _TIME.match(text.strip().lower())
    if match is None:
        return _parse_chinese_time(text.strip())
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    suffix = (match.group(3) or "").replace(".", "")
    if suffix:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if suffix == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _parse_chinese_time(text: str) -> time | None:
    match = _CN_TIME.match(text)
    if match is None:
        return None
    part, hour = match.group(1), int(match.group(2))
    minute = 30 if match.group(3) == "半" else int(match.group(4) or 0)
    if (part in _CN_PM and hour < 12) or (part == "中午" and hour < 6):
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def _parse_chinese_weekdays(text: str) -> int | None:
    """Read "周一 周三 周五", "周一至周五", "星期一、星期三" into a bitmask."""
    if text in _CN_EVERY_DAY:
        return EVERY_DAY
    mask = 0
    # Each day name becomes one letter a (Monday) … g (Sunday); anything else left over is refused.
    rest = _CN_DAY_NAME.sub(lambda m: "abcdefg"[_CN_DAY[m.group(1)]], text)
    for chunk in re.split(r"[\s,;，；、和]+", rest):
        if not chunk:
            continue
        ends = re.split(r"至|到|-|–|~", chunk)
        if len(ends) == 1:
            ends = list(chunk)  # "周一周三周五" without separators
        elif len(ends) != 2 or not all(len(end) == 1 for end in ends):
            return None
        if not all(end in "abcdefg" for end in ends):
            return None
        days = ["abcdefg".index(end) for end in ends]
        if len(chunk) > 1 and len(ends) == len(chunk):
            for day in days:
                mask |= 1 << day
            continue
        first, last = days[0], days[-1]
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        for day in span:
            mask |= 1 << day
    return mask or None


def parse_times(text: str) -> list[time] | None:
    """Read up to eight distinct times, sorted; None if any part is not a time."""
    if len(text) > 100:
        return None
    parts = [part for part in _SPLIT.split(text.strip().lower()) if part]
    if not parts:
        return None
    times = [parse_time(part) for part in parts]
    if any(value is None for value in times):
        return None
    unique = sorted({value for value in times if value is not None})
    return unique if len(unique) <= MAX_TIMES_PER_DAY else None


def parse_weekdays(text: str) -> int | None:
    """Read weekdays such as "Mon Wed Fri" or "mon-fri" into a bitmask (Monday = bit 0)."""
    cleaned = text.strip().lower()
    if cleaned in {"every day", "daily", "all"}:
        return EVERY_DAY
    if _CN_DAY_NAME.search(cleaned) or cleaned in _CN_EVERY_DAY:
        return _parse_chinese_weekdays(cleaned)
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
