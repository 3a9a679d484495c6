"""Local days, day totals, limits and the /today summary."""

from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest

from nutrition.levels import NearPolicy
from services.day_totals import (
    limits_for,
    local_day,
    many_day_totals,
    near_fraction,
    today_summary,
    totals_for_day,
)
from services.intakes import log_supplement_outside_schedule
from storage.database import Database
from storage.models import User
from tests.services.builders import DAY, add_intake, make_product, make_user

BERLIN = ZoneInfo("Europe/Berlin")
NOON = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


def test_local_day_uses_the_users_zone() -> None:
    """An intake at 23:30 in Berlin belongs to that Berlin day, though UTC is still earlier."""
    late = datetime(2026, 6, 10, 23, 30, tzinfo=BERLIN)
    assert local_day(User(telegram_id=1, chat_id=1, timezone="Europe/Berlin"), late) == DAY
    after_midnight = datetime(2026, 6, 11, 0, 30, tzinfo=BERLIN)
    assert local_day(
        User(telegram_id=1, chat_id=1, timezone="Europe/Berlin"), after_midnight
    ) == date(2026, 6, 11)


def test_local_day_falls_back_to_utc() -> None:
    """Without a zone, or with one tzdata does not know, the day is the UTC day."""
    moment = datetime(2026, 6, 10, 23, 30, tzinfo=UTC)
    assert local_day(User(telegram_id=1, chat_id=1, timezone=None), moment) == DAY
    assert local_day(User(telegram_id=1, chat_id=1, timezone="Mars/Olympus"), moment) == DAY


async def test_totals_split_food_from_supplements(any_db: Database) -> None:
    """Food and manual rows count as food, dose and supplement rows as supplements, K in one sum."""
    user, other = await make_user(any_db), await make_user(any_db)
    await add_intake(any_db, user, calcium_mg=300, vitamin_d_iu=40, vitamin_k_ug=10)
    await add_intake(any_db, user, calcium_mg=100, source="manual", vitamin_k_ug=5)
    await add_intake(any_db, user, calcium_mg=500, source="dose", vitamin_d_iu=800)
    await add_intake(
        any_db, user, calcium_mg=250, source="supplement", vitamin_d_iu=200, vitamin_k_ug=90
    )
    await add_intake(any_db, user, calcium_mg=999, day=date(2026, 6, 9))
    await add_intake(any_db, other, calcium_mg=999)
    assert user.id is not None
    totals = await totals_for_day(any_db, user_id=user.id, day=DAY)
    assert (totals.calcium_food_mg, totals.calcium_supplement_mg) == (400, 750)
    assert (totals.vitamin_d_food_iu, totals.vitamin_d_supplement_iu) == (40, 1000)
    assert totals.vitamin_k_ug == 105


def test_limits_need_the_onboarding_answers() -> None:
    """Without a year of birth or a reference set there are no limits to check against."""
    assert limits_for(User(telegram_id=1, chat_id=1, reference_set="us"), DAY) is None
    assert limits_for(User(telegram_id=1, chat_id=1, birth_year=1960), DAY) is None
    limits = limits_for(User(telegram_id=1, chat_id=1, birth_year=1960, reference_set="us"), DAY)
    assert limits is not None
    assert limits.calcium_ul_mg == 2000


def test_age_band_edge_50_to_51_lowers_the_limit() -> None:
    """Born 1975: the US calcium UL is 2,500 mg in 2025 (age 50) and 2,000 mg in 2026 (age 51)."""
    user = User(telegram_id=1, chat_id=1, birth_year=1975, sex="female", reference_set="us")
    before, after = limits_for(user, date(2025, 12, 31)), limits_for(user, date(2026, 1, 1))
    assert before is not None
    assert before.calcium_ul_mg == 2500
    assert after is not None
    assert after.calcium_ul_mg == 2000


def test_near_fraction_is_gentler_with_calcification() -> None:
    """Users with vascular calcification are warned from the lower configured percent."""
    plain = User(telegram_id=1, chat_id=1, vascular_calcification=False)
    calcified = User(telegram_id=1, chat_id=1, vascular_calcification=True)
    assert near_fraction(plain, NearPolicy(80, 70)) == Fraction(4, 5)
    assert near_fraction(calcified, NearPolicy(80, 70)) == Fraction(7, 10)
    with pytest.raises(ValueError, match="between 1 and 99"):
        NearPolicy(100, 70)


async def test_today_summary(any_db: Database) -> None:
    """/today shows food and supplements apart, the target, the doctor's limit and the headroom."""
    user = await make_user(any_db, doctor_calcium_limit_mg=1800)
    await add_intake(any_db, user, calcium_mg=400, vitamin_k_ug=30)
    await add_intake(any_db, user, calcium_mg=500, source="dose", vitamin_d_iu=1000)
    summary = await today_summary(any_db, telegram_id=user.telegram_id, now=NOON)
    assert summary is not None
    assert summary.day == DAY
    calcium = summary.calcium
    assert (calcium.food, calcium.supplements, calcium.total) == (400, 500, 900)
    assert (calcium.target, calcium.limit, calcium.doctor_limit) == (1200, 1800, True)
    assert (calcium.headroom, calcium.percent, calcium.bar) == (900, 50, "▓▓▓▓▓░░░░░ 50 %")
    assert (summary.vitamin_d.total, summary.vitamin_d.limit) == (1000, 4000)
    assert not summary.vitamin_d.doctor_limit
    assert summary.vitamin_k_ug == 30


async def test_intake_late_in_berlin_counts_for_that_day(any_db: Database) -> None:
    """A product taken at 23:30 Berlin time counts on that Berlin day, not the next one."""
    user = await make_user(any_db)
    product = await make_product(any_db, user, calcium_mg=600)
    late = datetime(2026, 6, 10, 23, 30, tzinfo=BERLIN)
    result = await log_supplement_outside_schedule(
        any_db, telegram_id=user.telegram_id, supplement_id=product, units=Decimal(1), now=late
    )
    assert result.day == DAY
    tonight = await today_summary(any_db, telegram_id=user.telegram_id, now=late)
    assert tonight is not None
    assert tonight.calcium.total == 600
    next_morning = datetime(2026, 6, 11, 0, 30, tzinfo=BERLIN)
    tomorrow = await today_summary(any_db, telegram_id=user.telegram_id, now=next_morning)
    assert tomorrow is not None
    assert tomorrow.calcium.total == 0


async def test_today_summary_for_unknown_user(any_db: Database) -> None:
    """Someone who never talked to the bot gets no summary."""
    assert await today_summary(any_db, telegram_id=424242, now=NOON) is None


async def test_many_day_totals_keeps_each_users_day_apart(any_db: Database) -> None:
    """One call sums several users' days; a row of a user on another asked-for day stays out."""
    first, second, idle = await make_user(any_db), await make_user(any_db), await make_user(any_db)
    yesterday = date(2026, 6, 9)
    await add_intake(any_db, first, calcium_mg=300)
    await add_intake(any_db, first, calcium_mg=500, source="dose", vitamin_d_iu=800)
    await add_intake(any_db, first, calcium_mg=777, day=yesterday)  # not asked for `first`
    await add_intake(any_db, second, calcium_mg=200, day=yesterday, vitamin_k_ug=60)
    await add_intake(any_db, second, calcium_mg=888)  # not asked for `second`
    assert first.id is not None and second.id is not None and idle.id is not None
    keys = [(first.id, DAY), (second.id, yesterday), (idle.id, DAY)]
    async with any_db.session() as session:
        totals = await many_day_totals(session, keys)
    assert set(totals) == set(keys)
    assert (totals[keys[0]].calcium_food_mg, totals[keys[0]].calcium_supplement_mg) == (300, 500)
    assert totals[keys[0]].vitamin_d_supplement_iu == 800
    assert (totals[keys[1]].calcium_mg, totals[keys[1]].vitamin_k_ug) == (200, 60)
    assert totals[keys[2]].calcium_mg == 0
