"""A user's local day, its intake totals, the limits in force and the /today summary."""

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from fractions import Fraction
from zoneinfo import ZoneInfo

from sqlalchemy import func
from sqlalchemy import select as sa_select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.checker import DayTotals, Limits, effective_limits
from nutrition.levels import NearPolicy, Nutrient, headroom, percent_of, text_bar
from nutrition.reference import ReferenceSet, Sex, intakes_for_birth_year
from scheduler.recurrence import zone_for
from storage.database import Database
from storage.models import Intake, User
from storage.models.users import UserBase
from storage.users import get_user

UTC_ZONE = ZoneInfo("UTC")


class IntakeSource(StrEnum):
    """Where an Intake row came from; the day totals split food from supplements by it."""

    FOOD = "food"  # a meal parsed from text
    MANUAL = "manual"  # something eaten whose nutrients the user typed: counted as food
    DOSE = "dose"  # a scheduled dose marked taken
    SUPPLEMENT = "supplement"  # a supplement taken outside any schedule


SUPPLEMENT_SOURCES = frozenset({IntakeSource.DOSE, IntakeSource.SUPPLEMENT})


def local_day(user: UserBase, now: datetime) -> date:
    """Return the user's calendar day at `now` in their zone (the one default when unset)."""
    if now.tzinfo is None:
        raise ValueError("now must be an aware datetime")
    return now.astimezone(zone_for(user.timezone)).date()


# One user's local day: the key of the day totals.
DayKey = tuple[int, date]
# Keys per query: well under SQLite's and asyncpg's bound-parameter limits.
_KEYS_PER_QUERY = 500
_SUM_NAMES = ("food_ca", "supp_ca", "food_d", "supp_d", "k")


async def day_totals(session: AsyncSession, *, user_id: int, day: date) -> DayTotals:
    """Sum one local day's intakes in one query, food apart from supplements."""
    return (await many_day_totals(session, [(user_id, day)]))[(user_id, day)]


async def many_day_totals(
    session: AsyncSession, keys: Collection[DayKey]
) -> dict[DayKey, DayTotals]:
    """Sum the intakes of many users' local days, one query per few hundred keys.

    The dispatcher projects every dose of a claimed batch with this, so a burst of reminders
    costs a handful of queries rather than one per reminder. Keys without intakes get zeros.
    """
    wanted = set(keys)
    sums: dict[DayKey, dict[str, int]] = {key: dict.fromkeys(_SUM_NAMES, 0) for key in wanted}
    ordered = sorted(wanted)
    for start in range(0, len(ordered), _KEYS_PER_QUERY):
        chunk = ordered[start : start + _KEYS_PER_QUERY]
        # Users and days filtered apart (a portable IN each); the few pairs that were not asked
        # for, another user's row on a neighbouring day, are dropped below.
        # SQLAlchemy's select on the session's connection: SQLModel's select and exec are typed
        # for up to four columns.
        statement = (
            sa_select(
                col(Intake.user_id),
                col(Intake.local_date),
                col(Intake.source),
                func.sum(col(Intake.calcium_mg)),
                func.sum(col(Intake.vitamin_d_iu)),
                func.sum(col(Intake.vitamin_k_ug)),
            )
            .where(
                col(Intake.user_id).in_({user_id for user_id, _ in chunk}),
                col(Intake.local_date).in_({day for _, day in chunk}),
            )
            .group_by(col(Intake.user_id), col(Intake.local_date), col(Intake.source))
        )
        connection = await session.connection()
        for user_id, day, source, calcium, vitamin_d, vitamin_k in await connection.execute(
            statement
        ):
            found = sums.get((user_id, day))
            if found is None:
                continue
            side = "supp" if source in SUPPLEMENT_SOURCES else "food"
            found[f"{side}_ca"] += int(calcium or 0)
            found[f"{side}_d"] += int(vitamin_d or 0)
            found["k"] += int(vitamin_k or 0)
    return {key: _totals(found) for key, found in sums.items()}


def _totals(sums: dict[str, int]) -> DayTotals:
    return DayTotals(
        calcium_food_mg=sums["food_ca"],
        calcium_supplement_mg=sums["supp_ca"],
        vitamin_d_food_iu=sums["food_d"],
        vitamin_d_supplement_iu=sums["supp_d"],
        vitamin_k_ug=sums["k"],
    )


async def totals_for_day(database: Database, *, user_id: int, day: date) -> DayTotals:
    """Return what the user took in on one local day."""
    async with database.session() as session:
        return await day_totals(session, user_id=user_id, day=day)


def limits_for(user: UserBase, today: date) -> Limits | None:
    """Return the limits in force for the user, or None while onboarding answers are missing.

    A missing sex reads as "other": the reference tables then give the stricter of both rows.
    """
    if user.birth_year is None or user.reference_set is None:
        return None
    try:
        reference = ReferenceSet(user.reference_set)
        sex = Sex(user.sex) if user.sex else Sex.OTHER
        intakes = intakes_for_birth_year(
            reference, birth_year=user.birth_year, today=today, sex=sex
        )
        return effective_limits(
            intakes,
            doctor_calcium_limit_mg=user.doctor_calcium_limit_mg,
            doctor_vitamin_d_limit_iu=user.doctor_vitamin_d_limit_iu,
        )
    except (ValueError, LookupError):
        return None


def near_fraction(user: User, policy: NearPolicy) -> Fraction:
    """Return the user's NEAR threshold under the operator's policy."""
    return policy.fraction_for(has_vascular_calcification=bool(user.vascular_calcification))


@dataclass(frozen=True, kw_only=True)
class NutrientSummary:
    """One nutrient of /today: food and supplements against the target and the limit."""

    nutrient: Nutrient
    food: int
    supplements: int
    total: int
    target: int
    limit: int
    doctor_limit: bool
    headroom: int
    percent: int
    bar: str


@dataclass(frozen=True, kw_only=True)
class TodaySummary:
    """What /today shows: the local day, calcium, vitamin D and the vitamin K total."""

    day: date
    calcium: NutrientSummary
    vitamin_d: NutrientSummary
    vitamin_k_ug: int
    limit_source: str


def _summary(
    nutrient: Nutrient, food: int, supplements: int, target: int, limits: Limits
) -> NutrientSummary:
    total, limit = food + supplements, limits.limit(nutrient)
    return NutrientSummary(
        nutrient=nutrient,
        food=food,
        supplements=supplements,
        total=total,
        target=target,
        limit=limit,
        doctor_limit=nutrient in limits.doctor_set,
        headroom=headroom(total, limit),
        percent=percent_of(total, limit),
        bar=text_bar(total, limit),
    )


async def today_summary(
    database: Database, *, telegram_id: int, now: datetime, day: date | None = None
) -> TodaySummary | None:
    """Summarise the user's local day so far (or a past `day`); None before onboarding ends."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return None
        day = day or local_day(user, now)
        limits = limits_for(user, day)
        if limits is None:
            return None
        totals = await day_totals(session, user_id=user.id, day=day)
    return TodaySummary(
        day=day,
        calcium=_summary(
            Nutrient.CALCIUM,
            totals.calcium_food_mg,
            totals.calcium_supplement_mg,
            limits.calcium_target_mg,
            limits,
        ),
        vitamin_d=_summary(
            Nutrient.VITAMIN_D,
            totals.vitamin_d_food_iu,
            totals.vitamin_d_supplement_iu,
            limits.vitamin_d_target_iu,
            limits,
        ),
        vitamin_k_ug=totals.vitamin_k_ug,
        limit_source=limits.source,
    )
