"""Times and weekdays typed in Chinese: 早上8点, 晚上8点半, 8点15分, 每天, 周一到周五, 周一三五.

Whatever the interface language, people type times the way they say them; these are the forms
Chinese speakers use (a period word, then the hour with 点, then 半 or the minutes).
"""

import re
from datetime import time

from nutrition.foods.numbers import chinese_number
from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS

_NUM = r"[0-9零〇一二两三四五六七八九十]+"
_TIME = re.compile(
    rf"^(?P<period>凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间)?"
    rf"(?P<hour>{_NUM})\s*(?:点|點|时|時)(?:(?P<half>半)|(?P<minute>{_NUM})分?)?$"
)
# The hours a period word moves: 下午3点 is 15:00, 晚上8点 is 20:00, 中午12点 stays 12:00.
_AFTERNOON = {"下午", "傍晚", "晚上", "夜里", "夜间"}
_DAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_WEEK_WORD = r"(?:周|週|星期|礼拜|禮拜)"
_EVERY_DAY = {"每天", "每日", "天天", "每一天", "日日"}


def _number(text: str | None) -> int | None:
    value = chinese_number(text or "")
    if value is None or value != int(value):
        return None
    return int(value)


def parse_time_zh(text: str) -> time | None:
    """Read one Chinese time of day ("晚上8点半" → 20:30); None when it is not one."""
    match = _TIME.match(text.strip())
    if match is None:
        return None
    hour, minute = _number(match["hour"]), 30 if match["half"] else _number(match["minute"]) or 0
    if hour is None or minute is None or hour > 24 or minute > 59:
        return None
    period = match["period"]
    if period in _AFTERNOON and 1 <= hour < 12:
        hour += 12
    elif period == "凌晨" and hour == 12:
        hour = 0
    elif period == "中午" and hour < 6:  # 中午1点 is 13:00
        hour += 12
    return time(hour % 24, minute)


def split_zh(text: str) -> list[str]:
    """Split "早上8点晚上8点" or "8点、20点" into single times."""
    marked = re.sub(r"(?<!^)(?=凌晨|早上|早晨|清晨|上午|中午|下午|傍晚|晚上|夜里|夜间)", "|", text)
    return [part for part in re.split(r"[|，,、；;和及]|\s+", marked) if part]


def parse_weekdays_zh(text: str) -> int | None:
    """Read Chinese weekdays ("周一到周五", "周一三五", "工作日", "每天") as a Monday-first mask."""
    cleaned = re.sub(r"\s+", "", text)
    if cleaned in _EVERY_DAY:
        return EVERY_DAY
    if cleaned in {"工作日", "周一至周五", "平日"}:
        return WEEKDAYS
    if cleaned in {"周末", "週末", "双休日"}:
        return WEEKENDS
    ranged = re.fullmatch(rf"{_WEEK_WORD}(.)(?:到|至|-|~|—){_WEEK_WORD}?(.)", cleaned)
    if ranged is not None:
        first, last = _DAY_CHARS.get(ranged[1]), _DAY_CHARS.get(ranged[2])
        if first is None or last is None:
            return None
        span = range(first, last + 1) if first <= last else [*range(first, 7), *range(last + 1)]
        return sum(1 << day for day in span)
    mask = 0
    for chunk in re.split(r"[、，,和及]", cleaned):
        # "周一周三周五" and "周一三五" alike: week words, each with one or more day characters.
        if not re.fullmatch(rf"(?:{_WEEK_WORD}[一二三四五六日天七]+)+", chunk):
            return None
        for days in re.findall(rf"{_WEEK_WORD}([一二三四五六日天七]+)", chunk):
            for char in days:
                mask |= 1 << _DAY_CHARS[char]
    return mask or None
