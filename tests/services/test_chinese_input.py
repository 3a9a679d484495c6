"""Chinese answers that the Chinese prompts give as examples are read like the English ones."""

from datetime import date, time

import pytest

from bot.handlers.doses.extra_doses import read_took
from nutrition.amounts import parse_mg, parse_vitamin_d_iu, parse_vitamin_k_ug
from scheduler.recurrence import EVERY_DAY, WEEKDAYS, WEEKENDS
from services.answers import parse_birth_year, parse_limit
from services.onboarding import suggested_reference
from services.profiles import Profile
from services.time_input import parse_times, parse_weekdays
from services.timezones import resolve_zone_name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("早上8点", [time(8)]),
        ("8点", [time(8)]),
        ("晚上8点半", [time(20, 30)]),
        ("下午3点30", [time(15, 30)]),
        ("中午12点", [time(12)]),
        ("8:00，20:00", [time(8), time(20)]),
        ("早上8点、晚上8点", [time(8), time(20)]),
        ("晚上25点", None),
        ("早饭后", None),
    ],
)
def test_chinese_times(text: str, expected: list[time] | None) -> None:
    """Hours with 点, a part of the day and 半 are read; nonsense is None."""
    assert parse_times(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("每天", EVERY_DAY),
        ("周一 周三 周五", 0b0010101),
        ("周一周三周五", 0b0010101),
        ("星期一、星期三", 0b0000101),
        ("周一至周五", WEEKDAYS),
        ("周一-周五", WEEKDAYS),
        ("周六、周日", WEEKENDS),
        ("周五到周一", 0b1110001),
        ("周八", None),
        ("周一 12", None),
        ("周一至周五至周日", None),
    ],
)
def test_chinese_weekdays(text: str, expected: int | None) -> None:
    """周/星期 day names, lists and 至/到 ranges become the same Monday-first bitmask."""
    assert parse_weekdays(text) == expected


def test_chinese_amounts_and_limits() -> None:
    """毫克, 微克 and 国际单位 are units; 无 means none."""
    assert parse_vitamin_d_iu("400国际单位") == 400
    assert parse_vitamin_d_iu("10微克") == 400
    assert parse_vitamin_d_iu("无") == 0
    assert parse_vitamin_k_ug("90微克") == 90
    assert parse_mg("600毫克") == 600
    assert parse_limit("无", low=200, high=5000) is None
    assert parse_limit("1500毫克", low=200, high=5000) == 1500


def test_took_another_in_chinese() -> None:
    """ "又吃了一片钙尔奇" is a dose taken, like "took another Caltrate"."""
    phrase = read_took("又吃了一片钙尔奇")
    assert phrase is not None
    assert (phrase.units, phrase.name) == (1, "钙尔奇")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1500", 1500),
        ("1,500 mg", 1500),
        ("1500mg per day", 1500),
        ("1500毫克", 1500),
        ("none", None),
        ("无", None),
        ("0", "out_of_range"),
        ("100", "out_of_range"),
        ("1500.5", "not_a_number"),
    ],
)
def test_a_doctors_limit_is_read_and_zero_does_not_remove_it(
    text: str, expected: int | str | None
) -> None:
    """A doctor's limit is read in common forms; only a word removes it, "0" is refused."""
    assert parse_limit(text, low=200, high=5000) == expected


@pytest.mark.parametrize(
    ("text", "zone"),
    [("UTC+8", "Etc/GMT-8"), ("GMT-5", "Etc/GMT+5"), ("utc+0", "Etc/UTC"), ("UTC+15", None)],
)
def test_utc_offsets_are_read_as_fixed_zones(text: str, zone: str | None) -> None:
    """A typed UTC offset becomes the fixed IANA Etc zone (whose sign runs the other way)."""
    found = resolve_zone_name(text)
    assert (found.zone if found is not None else None) == zone


def test_a_birth_year_with_年_is_read() -> None:
    """ "1952年" is the year 1952."""
    assert parse_birth_year("1952年", today=date(2026, 12, 1)) == 1952


@pytest.mark.parametrize(
    ("zone", "language", "expected"),
    [
        ("Europe/Berlin", "en", "eu"),
        ("Asia/Shanghai", "en", "cn"),
        ("America/New_York", "zh-hans", "us"),
        ("Asia/Tokyo", "zh-hans", "cn"),
        (None, "de", "eu"),
    ],
)
def test_the_suggested_reference_set_follows_the_place_first(
    zone: str | None, language: str, expected: str
) -> None:
    """Where the user lives picks the starred reference set; the language only when it can't."""
    profile = Profile(telegram_id=1, chat_id=1, timezone=zone, language_code=language)
    assert suggested_reference(profile).value == expected
