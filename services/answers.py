"""How typed onboarding and /settings answers are read: a year of birth, yes/no, a doctor's
limit. Pure reading: saving them is services/onboarding.py."""

from datetime import date
from enum import StrEnum

from nutrition.amounts import AmountProblem, bare_number, parse_vitamin_d_iu
from nutrition.reference import age_on

# Nobody alive was born before this; it also rules out typos such as 1850.
OLDEST_BIRTH_YEAR = 1900
# The bot's targets and limits are the adult rows of its reference sets (IOM 2011, EFSA 2012,
# CNS 2023: children's limits differ), and osteoporosis care is for adults: 18 and over.
ADULT_AGE = 18
# Words that remove a doctor's limit. Not "0": a limit of zero is a typing slip, and silently
# dropping a doctor's limit would loosen the checks, so "0" is refused as out of range.
_CLEAR_WORDS = {"none", "no", "remove", "clear", "-", "无", "没有", "删除"}


class YearProblem(StrEnum):
    """Why a birth-year answer was refused."""

    NOT_A_YEAR = "not_a_year"
    TOO_EARLY = "too_early"
    IN_FUTURE = "in_future"
    UNDER_ADULT = "under_adult"


def parse_birth_year(text: str, *, today: date) -> int | YearProblem:
    """Read a four-digit year of birth between 1900 and this year ("1952", "1952年")."""
    cleaned = text.strip().removesuffix("年").strip()
    if len(cleaned) != 4 or not cleaned.isascii() or not cleaned.isdigit():
        return YearProblem.NOT_A_YEAR
    year = int(cleaned)
    if year < OLDEST_BIRTH_YEAR:
        return YearProblem.TOO_EARLY
    if year > today.year:
        return YearProblem.IN_FUTURE
    if age_on(year, today) < ADULT_AGE:
        return YearProblem.UNDER_ADULT
    return year


# Yes / no / not sure as people type them, in English and Chinese (是, 对, 有; 否, 不是, 没有).
_YES = {"yes", "y", "yeah", "yep", "是", "是的", "对", "对的", "有", "嗯", "好"}
_NO = {"no", "n", "nope", "否", "不", "不是", "没有", "无", "不对"}
_UNSURE = {"not sure", "unsure", "don't know", "dont know", "不确定", "不知道", "不清楚", "说不准"}


def parse_yes_no(text: str) -> bool | str | None:
    """Read a typed yes (True), no (False) or not sure (None); "unknown" when it is none."""
    cleaned = text.strip().lower().rstrip(".!。！")
    if cleaned in _YES:
        return True
    if cleaned in _NO:
        return False
    if cleaned in _UNSURE:
        return None
    return "unknown"


def parse_limit(text: str, *, low: int, high: int) -> int | str | None:
    """Read a doctor's daily limit; a word ("none", "无") clears it; an error word when invalid.

    "0" is not a way to clear it: a limit of zero is a typing slip, and silently dropping a
    doctor's limit would loosen the checks, so it is refused as out of range.
    """
    cleaned = text.strip().lower().replace(",", "").replace(" ", "")
    cleaned = cleaned.removesuffix("perday").removesuffix("aday").removesuffix("/day")
    cleaned = cleaned.removesuffix("mg").removesuffix("iu").removesuffix("毫克")
    if cleaned in _CLEAR_WORDS:
        return None
    if not cleaned.isascii() or not cleaned.isdigit() or len(cleaned) > 6:
        return "not_a_number"
    value = int(cleaned)
    if not low <= value <= high:
        return "out_of_range"
    return value


# A doctor's daily vitamin D limit between 200 IU (5 µg, below every reference set's adult
# intake: IOM 2011 RDA 600 IU) and 50,000 IU (the largest single prescription dose in
# domain-facts §4); outside that it is a typo.
DOCTOR_VITAMIN_D_LOW_IU = 200
DOCTOR_VITAMIN_D_HIGH_IU = 50_000


def parse_vitamin_d_limit(text: str) -> int | str | None:
    """Read a doctor's daily vitamin D limit in IU or µg (a bare number is IU, as asked)."""
    cleaned = text.strip().lower()
    if cleaned in _CLEAR_WORDS:
        return None
    number = bare_number(cleaned)
    if number is not None:
        value = int(number)
    else:
        parsed = parse_vitamin_d_iu(cleaned)
        if isinstance(parsed, AmountProblem):
            return "not_a_number"
        value = parsed
    if not DOCTOR_VITAMIN_D_LOW_IU <= value <= DOCTOR_VITAMIN_D_HIGH_IU:
        return "out_of_range"
    return value
