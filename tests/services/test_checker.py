"""The checker: warnings once per day per level, over-limit days, dose projections."""

import asyncio
from datetime import UTC, date, datetime

import pytest
from sqlmodel import col, select

from nutrition.levels import Level, NearPolicy, Nutrient
from services.checker import (
    PlannedDose,
    check_after_intake,
    over_limit_days,
    project_doses,
    projection_for_dose,
)
from services.intakes import log_supplement_outside_schedule
from storage.database import Database
from storage.models import DayFlag, User
from tests.services.builders import DAY, add_intake, make_product, make_user

NOON = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


async def _check(database: Database, user: User, day: date = DAY) -> list[tuple[Nutrient, Level]]:
    assert user.id is not None
    warnings = await check_after_intake(database, user_id=user.id, day=day, policy=NearPolicy())
    return [(warning.nutrient, warning.level) for warning in warnings]


@pytest.mark.parametrize(
    ("calcium_mg", "expected"),
    [
        (1580, []),
        (1600, [(Nutrient.CALCIUM, Level.NEAR)]),
        (2000, [(Nutrient.CALCIUM, Level.OVER)]),
    ],
)
async def test_warning_boundaries(
    any_db: Database, calcium_mg: int, expected: list[object]
) -> None:
    """Real intake rows at 79 % warn of nothing, at 80 % of NEAR, at 100 % of OVER."""
    user = await make_user(any_db)
    await add_intake(any_db, user, calcium_mg=calcium_mg // 2)
    await add_intake(any_db, user, calcium_mg=calcium_mg - calcium_mg // 2, source="dose")
    assert await _check(any_db, user) == expected


async def test_each_level_is_warned_once_a_day(any_db: Database) -> None:
    """NEAR comes once, OVER once after it, and NEAR never again after OVER."""
    user = await make_user(any_db)
    await add_intake(any_db, user, calcium_mg=1700)
    assert await _check(any_db, user) == [(Nutrient.CALCIUM, Level.NEAR)]
    await add_intake(any_db, user, calcium_mg=50)
    assert await _check(any_db, user) == []
    await add_intake(any_db, user, calcium_mg=400)
    assert await _check(any_db, user) == [(Nutrient.CALCIUM, Level.OVER)]
    await add_intake(any_db, user, calcium_mg=400)
    assert await _check(any_db, user) == []


async def test_a_new_local_day_warns_again(any_db: Database) -> None:
    """The flags of one day do not silence the next day's warning."""
    user = await make_user(any_db)
    await add_intake(any_db, user, calcium_mg=1700)
    assert await _check(any_db, user) == [(Nutrient.CALCIUM, Level.NEAR)]
    tomorrow = date(2026, 6, 11)
    await add_intake(any_db, user, calcium_mg=1700, day=tomorrow)
    assert await _check(any_db, user, tomorrow) == [(Nutrient.CALCIUM, Level.NEAR)]


async def test_calcification_warns_at_seventy_percent(any_db: Database) -> None:
    """At 75 % only the user with vascular calcification is warned."""
    plain, calcified = await make_user(any_db), await make_user(any_db, vascular_calcification=True)
    for user in (plain, calcified):
        await add_intake(any_db, user, calcium_mg=1500)
    assert await _check(any_db, plain) == []
    assert await _check(any_db, calcified) == [(Nutrient.CALCIUM, Level.NEAR)]


async def test_doctor_limit_overrides_the_reference(any_db: Database) -> None:
    """With a doctor's 1,500 mg limit, 1,500 mg is OVER though the reference UL is 2,000 mg."""
    user = await make_user(any_db, doctor_calcium_limit_mg=1500)
    await add_intake(any_db, user, calcium_mg=1500)
    assert await _check(any_db, user) == [(Nutrient.CALCIUM, Level.OVER)]


async def test_age_band_edge_changes_the_warning(any_db: Database) -> None:
    """2,100 mg is NEAR for a woman born 1975 in 2025 but OVER on a day of 2026."""
    user = await make_user(any_db, birth_year=1975)
    old, new = date(2025, 12, 31), date(2026, 1, 1)
    await add_intake(any_db, user, calcium_mg=2100, day=old)
    await add_intake(any_db, user, calcium_mg=2100, day=new)
    assert await _check(any_db, user, old) == [(Nutrient.CALCIUM, Level.NEAR)]
    assert await _check(any_db, user, new) == [(Nutrient.CALCIUM, Level.OVER)]


async def test_vitamin_d_is_checked_too(any_db: Database) -> None:
    """Vitamin D at its 4,000 IU limit gives its own OVER warning."""
    user = await make_user(any_db)
    await add_intake(any_db, user, calcium_mg=0, source="dose", vitamin_d_iu=4000)
    assert await _check(any_db, user) == [(Nutrient.VITAMIN_D, Level.OVER)]


async def test_concurrent_checks_warn_once(pg_db: Database) -> None:
    """Five checks of one NEAR day at once on PostgreSQL give exactly one warning."""
    user = await make_user(pg_db)
    await add_intake(pg_db, user, calcium_mg=1700)
    results = await asyncio.gather(*(_check(pg_db, user) for _ in range(5)))
    assert sorted(map(len, results)) == [0, 0, 0, 0, 1]


async def test_concurrent_doses_warn_over_once(pg_db: Database) -> None:
    """Four 500 mg products logged at once reach 2,000 mg: one OVER, no NEAR, one flag each."""
    user = await make_user(pg_db)
    product = await make_product(pg_db, user, calcium_mg=500)
    results = await asyncio.gather(
        *(
            log_supplement_outside_schedule(
                pg_db, telegram_id=user.telegram_id, supplement_id=product, units=1, now=NOON
            )
            for _ in range(4)
        )
    )
    warnings = [warning.level for result in results for warning in result.warnings]
    assert warnings == [Level.OVER]
    async with pg_db.session() as session:
        flags = await session.exec(select(col(DayFlag.level)).where(DayFlag.user_id == user.id))
        assert sorted(flags.all()) == ["near", "over"]


async def test_over_limit_days_are_recorded(any_db: Database) -> None:
    """Days that reached OVER are listed from a date on, oldest first, NEAR days left out."""
    user = await make_user(any_db)
    assert user.id is not None
    for day, mg in ((date(2026, 6, 1), 2100), (date(2026, 6, 3), 1700), (date(2026, 6, 5), 2500)):
        await add_intake(any_db, user, calcium_mg=mg, day=day)
        await _check(any_db, user, day)
    since_2 = await over_limit_days(any_db, user_id=user.id, since=date(2026, 6, 2))
    assert since_2 == [date(2026, 6, 5)]
    assert await over_limit_days(any_db, user_id=user.id, since=date(2026, 1, 1)) == [
        date(2026, 6, 1),
        date(2026, 6, 5),
    ]


async def test_projection_tells_what_a_dose_would_do(any_db: Database) -> None:
    """With 1,500 mg eaten, a 600 mg dose would pass the 2,000 mg limit."""
    user = await make_user(any_db)
    assert user.id is not None
    await add_intake(any_db, user, calcium_mg=1500)
    projection = await projection_for_dose(
        any_db,
        user_id=user.id,
        now=NOON,
        dose_calcium_mg=600,
        dose_vitamin_d_iu=1000,
        policy=NearPolicy(),
    )
    assert projection is not None
    assert projection.would_exceed
    assert (projection.calcium.total_after, projection.calcium.headroom_before) == (2100, 500)
    assert projection.vitamin_d.level_after is Level.OK


async def test_projection_needs_limits(any_db: Database) -> None:
    """A user who has not given a year of birth gets no projection."""
    user = await make_user(any_db, birth_year=None)
    assert user.id is not None
    projection = await projection_for_dose(
        any_db,
        user_id=user.id,
        now=NOON,
        dose_calcium_mg=600,
        dose_vitamin_d_iu=0,
        policy=NearPolicy(),
    )
    assert projection is None


async def test_project_doses_answers_each_dose_from_its_own_day(any_db: Database) -> None:
    """A batch of doses is projected at once: each against its user's totals and limits."""
    full, empty = await make_user(any_db), await make_user(any_db)
    new_user = await make_user(any_db, birth_year=None)
    await add_intake(any_db, full, calcium_mg=1500)
    doses = [
        PlannedDose(full, NOON, calcium_mg=600, vitamin_d_iu=0),
        PlannedDose(empty, NOON, calcium_mg=600, vitamin_d_iu=1000),
        PlannedDose(new_user, NOON, calcium_mg=600, vitamin_d_iu=0),
        PlannedDose(full, NOON, calcium_mg=300, vitamin_d_iu=0),
    ]
    found = await project_doses(any_db, doses, policy=NearPolicy())
    assert set(found) == {0, 1, 3}  # no limits without a year of birth
    assert (found[0].calcium.total_after, found[0].would_exceed) == (2100, True)
    assert (found[1].calcium.total_after, found[1].would_exceed) == (600, False)
    assert (found[3].calcium.total_after, found[3].would_exceed) == (1800, False)
