"""The checker's use cases: warn once per day per level, project a dose, list over-limit days."""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.checker import (
    Limits,
    LimitWarning,
    Projection,
    project_dose,
    warnings_after_intake,
)
from nutrition.levels import Level, NearPolicy, Nutrient
from scheduler.recurrence import EVERY_DAY
from services.caregivers.alerts import enqueue_over_limit
from services.day_totals import (
    SUPPLEMENT_SOURCES,
    DayKey,
    day_totals,
    limits_for,
    local_day,
    many_day_totals,
    near_fraction,
)
from storage.database import Database
from storage.models import DayFlag, Intake, Supplement, User
from storage.models.base import utcnow

_FLAG_KEY = ("user_id", "local_date", "nutrient", "level")


async def _warned(session: AsyncSession, user_id: int, day: date) -> set[tuple[Nutrient, Level]]:
    result = await session.exec(
        select(DayFlag.nutrient, DayFlag.level).where(
            DayFlag.user_id == user_id, DayFlag.local_date == day
        )
    )
    return {(Nutrient(nutrient), Level(level)) for nutrient, level in result.all()}


async def _flag(
    session: AsyncSession, user_id: int, day: date, mark: tuple[Nutrient, Level]
) -> bool:
    """Insert one day flag unless present; tell whether this call inserted it."""
    values: dict[str, Any] = {
        "user_id": user_id,
        "local_date": day,
        "nutrient": mark[0].value,
        "level": mark[1].value,
        "created_at": utcnow(),
    }
    # ON CONFLICT DO NOTHING waits for a concurrent inserter of the same key and then skips,
    # so of two intakes checked at once only one gets the row back and sends the warning.
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    statement = (
        dialect.insert(DayFlag)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(_FLAG_KEY))
        .returning(col(DayFlag.id))
    )
    result = await session.exec(statement)
    return result.first() is not None


async def _prescribed_vitamin_d(session: AsyncSession, user_id: int, day: date) -> int:
    result = await session.exec(
        select(func.coalesce(func.sum(col(Intake.vitamin_d_iu)), 0))
        .join(Supplement, col(Supplement.id) == col(Intake.supplement_id))
        .where(
            Intake.user_id == user_id,
            Intake.local_date == day,
            col(Intake.source).in_([source.value for source in SUPPLEMENT_SOURCES]),
            col(Supplement.prescribed).is_(True),
        )
    )
    return int(result.one())


async def check_after_intake(
    database: Database,
    *,
    user_id: int,
    day: date,
    policy: NearPolicy,
    now: datetime | None = None,
) -> list[LimitWarning]:
    """Return the warnings newly due for the day and record them, each level once a day.

    Call it in its own unit of work after the intake is committed: then the later of two
    concurrent checks sees both intakes, and no crossing of a threshold goes unwarned.
    """
    async with database.session() as session:
        user = await session.get(User, user_id)
        if user is None:
            return []
        limits = limits_for(user, day)
        if limits is None:
            return []
        totals = await day_totals(session, user_id=user_id, day=day)
        # Prescribed vitamin D is taken as told: the UL is for intake without medical care
        # (domain-facts §4), so only the rest of the day's vitamin D is judged against it.
        prescribed = await _prescribed_vitamin_d(session, user_id, day)
        totals = replace(
            totals,
            vitamin_d_supplement_iu=max(0, totals.vitamin_d_supplement_iu - prescribed),
        )
        due = warnings_after_intake(
            totals,
            limits,
            already_warned=await _warned(session, user_id, day),
            near_fraction=near_fraction(user, policy),
        )
        sent: list[LimitWarning] = []
        for warning in due:
            inserted = {mark: await _flag(session, user_id, day, mark) for mark in warning.marks}
            if inserted[(warning.nutrient, warning.level)]:
                sent.append(warning)
        if any(warning.level is Level.OVER for warning in sent):
            # Caregivers who follow over-limit days hear of it once a day (DESIGN.md §4).
            await enqueue_over_limit(session, patient_id=user_id, day=day, now=now or utcnow())
        return sent


async def over_limit_days(database: Database, *, user_id: int, since: date) -> list[date]:
    """Return the local days since `since` on which any nutrient reached its limit, oldest first."""
    async with database.session() as session:
        result = await session.exec(
            select(col(DayFlag.local_date))
            .where(
                DayFlag.user_id == user_id,
                DayFlag.level == Level.OVER.value,
                DayFlag.local_date >= since,
            )
            .distinct()
            .order_by(col(DayFlag.local_date))
        )
        return list(result.all())


async def projection_for_dose(
    database: Database,
    *,
    user_id: int,
    now: datetime,
    dose_calcium_mg: int,
    dose_vitamin_d_iu: int,
    policy: NearPolicy,
) -> Projection | None:
    """Tell what a dose taken now would do to today's totals; None without known limits."""
    async with database.session() as session:
        user = await session.get(User, user_id)
    if user is None:
        return None
    return await projection_for_user(
        database,
        user=user,
        now=now,
        dose_calcium_mg=dose_calcium_mg,
        dose_vitamin_d_iu=dose_vitamin_d_iu,
        policy=policy,
    )


async def projection_for_user(
    database: Database,
    *,
    user: User,
    now: datetime,
    dose_calcium_mg: int,
    dose_vitamin_d_iu: int,
    policy: NearPolicy,
) -> Projection | None:
    """Project a dose for a user row the caller already holds."""
    dose = PlannedDose(user, now, dose_calcium_mg, dose_vitamin_d_iu)
    found = await project_doses(database, [dose], policy=policy)
    return found.get(0)


@dataclass(frozen=True)
class PlannedDose:
    """A dose someone is about to be reminded of: whose, when, and what it carries.

    `window_days` is the span vitamin D is judged over (see `vitamin_d_window_days`).
    """

    user: User
    at: datetime
    calcium_mg: int
    vitamin_d_iu: int
    window_days: int = 1


# A weekly dose is judged over a rolling 7-day average, a monthly one over 30 days: the
# interval the dose is meant to cover (issue #10 item 2; the IOM UL is a chronic daily
# intake, IOM 2011 ch. 6, so a daily average over the interval is what it is compared with).
WEEK_DAYS = 7
MONTH_DAYS = 30


def vitamin_d_window_days(*, weekdays: int, month_day: int | None) -> int:
    """Return the days a schedule's vitamin D is averaged over: 1 daily, 7 weekly, 30 monthly."""
    if month_day is not None:
        return MONTH_DAYS
    return 1 if weekdays & EVERY_DAY == EVERY_DAY else WEEK_DAYS


def _window(user_id: int, day: date, days: int) -> list[DayKey]:
    return [(user_id, day - timedelta(days=back)) for back in range(days)]


async def project_doses(
    database: Database,
    doses: Sequence[PlannedDose],
    *,
    policy: NearPolicy,
) -> dict[int, Projection]:
    """Project many doses with one totals query; keyed by position, absent without limits.

    The dispatcher's hot path: a claimed batch of reminders costs one query, not one each.
    """
    asked: list[tuple[int, DayKey, Limits, PlannedDose]] = []
    keys: set[DayKey] = set()
    for index, dose in enumerate(doses):
        day = local_day(dose.user, dose.at)
        limits = limits_for(dose.user, day)
        if limits is not None and dose.user.id is not None:
            asked.append((index, (dose.user.id, day), limits, dose))
            keys.update(_window(dose.user.id, day, max(1, dose.window_days)))
    if not asked:
        return {}
    async with database.session() as session:
        totals = await many_day_totals(session, keys)
    return {
        index: project_dose(
            totals[key],
            limits,
            dose_calcium_mg=dose.calcium_mg,
            dose_vitamin_d_iu=dose.vitamin_d_iu,
            near_fraction=near_fraction(dose.user, policy),
            vitamin_d_window=[totals[k] for k in _window(*key, max(1, dose.window_days))],
        )
        for index, key, limits, dose in asked
    }
