"""Import a full USDA SR release into the database, and serve it to the matcher from a cache.

The imported foods are a fallback layer under the built-in table: they are searched only when
no built-in food matches exactly. Each process keeps the rows and their matcher in memory and
re-reads them only when the import stamp changes (one tiny query), so a `calcibot foods
import-usda` run from another process is picked up without a restart.
"""

import asyncio
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import delete, insert
from sqlmodel import col, select

from nutrition.foods import FoodMatcher, FoodRow, Portion, default_matcher, load_sr_release
from storage.database import Database
from storage.models import ImportedFood
from storage.models.base import utcnow

# Rows per INSERT batch: bounded memory per statement, still ~25× faster than add_all.
BATCH_ROWS = 2000


@dataclass(frozen=True)
class _Cached:
    stamp: datetime | None
    rows: tuple[FoodRow, ...]
    matcher: FoodMatcher


_cache: WeakKeyDictionary[Database, _Cached] = WeakKeyDictionary()
_locks: WeakKeyDictionary[Database, asyncio.Lock] = WeakKeyDictionary()


def _params(row: FoodRow, stamp: datetime) -> dict[str, Any]:
    return {
        "ndb": row.ndb,
        "name": row.name[:200],
        "food_group": row.group[:80],
        "calcium_mg": row.calcium_mg,
        "vitamin_d_iu": row.vitamin_d_iu,
        "vitamin_k_ug": row.vitamin_k_ug,
        "magnesium_mg": row.magnesium_mg,
        "portions": [portion.to_dict() for portion in row.portions],
        "imported_at": stamp,
    }


def _row(food: ImportedFood) -> FoodRow:
    return FoodRow(
        name=food.name,
        ndb=food.ndb,
        group=food.food_group,
        calcium_mg=food.calcium_mg,
        vitamin_d_iu=food.vitamin_d_iu,
        vitamin_k_ug=food.vitamin_k_ug,
        magnesium_mg=food.magnesium_mg,
        portions=tuple(Portion.from_dict(portion) for portion in food.portions),
        source="usda",
        sr_name=food.name,
    )


async def import_sr(database: Database, *, directory: Path | str) -> int:
    """Replace the imported foods with every food of an SR release directory; return the count."""
    # Reading 8,463 foods takes a fifth of a second: off the event loop, so the bot keeps answering.
    rows = await asyncio.to_thread(load_sr_release, directory)
    stamp = utcnow()
    params = [_params(row, stamp) for row in rows if row.ndb]
    async with database.session() as session:
        await session.exec(delete(ImportedFood))
        for start in range(0, len(params), BATCH_ROWS):
            await session.exec(insert(ImportedFood), params=params[start : start + BATCH_ROWS])
    _cache.pop(database, None)
    return len(params)


async def _stamp(database: Database) -> datetime | None:
    async with database.session() as session:
        result = await session.exec(select(col(ImportedFood.imported_at)).limit(1))
        return result.first()


async def _load(database: Database, stamp: datetime | None) -> _Cached:
    async with database.session() as session:
        foods = (await session.exec(select(ImportedFood).order_by(col(ImportedFood.ndb)))).all()
    rows = tuple(_row(food) for food in foods)
    matcher = default_matcher().with_rows(rows) if rows else default_matcher()
    return _Cached(stamp, rows, matcher)


async def _current(database: Database) -> _Cached:
    stamp = await _stamp(database)
    cached = _cache.get(database)
    if cached is not None and cached.stamp == stamp:
        return cached
    lock = _locks.setdefault(database, asyncio.Lock())
    async with lock:
        cached = _cache.get(database)
        if cached is None or cached.stamp != stamp:
            cached = _cache[database] = await _load(database, stamp)
        return cached


async def imported_rows(database: Database) -> list[FoodRow]:
    """Return the imported SR foods (empty before any import), from the per-process cache."""
    return list((await _current(database)).rows)


async def food_matcher(database: Database) -> FoodMatcher:
    """Return the matcher over the built-in table plus any imported SR foods (cached)."""
    return (await _current(database)).matcher
