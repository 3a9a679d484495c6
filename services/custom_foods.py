"""Users' own foods: read a label line, then add, list and delete them (each user sees only theirs).

A label gives calcium per some basis: a weight ("per 100 g"), a volume ("/100ml", "per cup") or
a household unit ("per slice", "每个"). Volumes are weighed at 1 g/ml (water's density), as the
food table does for any food it has no density for. A household unit that is neither weight nor
volume weighs what the label says ("per serving (30 g)"), else a nominal 100 g (SR26's basis):
"2 slices" is exactly twice the label either way, and only a weight in grams rests on the guess.
"""

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from nutrition.foods.model import FoodRow, custom_food
from nutrition.foods.numbers import chinese_number
from nutrition.foods.text import match_key
from nutrition.foods.units import MASS_G, VESSEL_ML, VOLUME_ML, canonical_unit
from storage.database import Database
from storage.models import CustomFood
from storage.users import get_user

NOMINAL_UNIT_G = 100.0  # see the module docstring
MAX_TEXT = 300
MAX_NAME = 80
MAX_FOODS_PER_USER = 200  # keeps each user's matcher layer small
# No portion of a food sensibly holds twice the highest adult UL (2,500 mg, IOM 2011 [S1a]).
MAX_PORTION_CALCIUM_MG = 5000.0
# Calcium carbonate is 40 % calcium by mass; nothing one eats is denser in calcium than that.
MAX_CALCIUM_MG_PER_100G = 40_000.0
# Cod-liver oil, the richest food, gives ~1,360 IU a tablespoon (SR26 04589); 10,000 IU in one
# portion is 2.5 × the adult UL (IOM 2011 [S1f]) and only a typo.
MAX_PORTION_VITAMIN_D_IU = 10_000.0
MAX_BASIS_AMOUNT = 10_000.0

_CALCIUM = re.compile(r"(\d+(?:[.,]\d+)?)\s*(?:mg|毫克)(?:\s*(?:of\s+)?(?:calcium|ca|钙))?", re.I)
_VITAMIN_D = re.compile(
    r"(\d+(?:\.\d+)?)\s*(?:iu|国际单位)(?:\s*(?:of\s+)?(?:vitamin\s*d3?))?", re.I
)
_BASIS = re.compile(
    r"(?:\bper\b|/|每|\beach\b|\bevery\b|\bin\b|\bfor\b|\ban?\b)\s*"
    r"([\d.]+|[一二两三四五六七八九十百半]+)?\s*(fl\.?\s*oz|[a-z]+|[\u3400-\u9fff]{1,2})",
    re.I,
)
_WEIGHT = re.compile(r"\s*[(（]?\s*(\d+(?:\.\d+)?)\s*(?:g|克|ml|毫升)\b", re.I)
_THOUSANDS = re.compile(r"\d{1,3},\d{3}")
_NAME_TAIL = re.compile(r"(?:[\s:：,，;=\-–(（]|\b(?:calcium|has|contains|with)\b|钙|含)+$", re.I)


class SpecProblem(StrEnum):
    """Why a label line could not be read as a custom food."""

    EMPTY = "empty"
    TOO_LONG = "too_long"
    NO_NAME = "no_name"
    NO_CALCIUM = "no_calcium"
    NO_BASIS = "no_basis"
    TOO_MUCH = "too_much"


class AddRefusal(StrEnum):
    """Why a custom food was not saved."""

    NO_USER = "no_user"
    TOO_MANY = "too_many"


@dataclass(frozen=True, kw_only=True)
class CustomFoodSpec:
    """A food read from a label: calcium (and vitamin D) per amount × unit weighing `grams`."""

    name: str
    calcium_mg: float
    vitamin_d_iu: float | None
    amount: float
    unit: str
    grams: float


def _basis(rest: str) -> tuple[float, str, float] | SpecProblem:
    """Read the first "per <amount> <unit>" that names a unit; "per serving (30 g)" weighs it."""
    # Searched from every start, not finditer: "in a cup" must retry at "a cup".
    matches = (_BASIS.match(rest, start) for start in range(len(rest)))
    for match in (found for found in matches if found is not None):
        raw_amount, word = match.group(1), match.group(2)
        amount = 1.0 if raw_amount is None else chinese_number(raw_amount.replace("半", "0.5"))
        unit = canonical_unit(word) or (canonical_unit(word[0]) if len(word) > 1 else None)
        if amount is None or unit is None or unit == "mg":
            continue
        if not 0 < amount <= MAX_BASIS_AMOUNT:
            return SpecProblem.TOO_MUCH
        per_unit = MASS_G.get(unit) or VOLUME_ML.get(unit) or VESSEL_ML.get(unit)
        if per_unit is None:
            weight = _WEIGHT.match(rest, match.end())
            grams = float(weight.group(1)) if weight else amount * NOMINAL_UNIT_G
            return (amount, unit, grams) if grams > 0 else SpecProblem.NO_BASIS
        return amount, unit, amount * per_unit
    return SpecProblem.NO_BASIS


def parse_custom_food(text: str) -> CustomFoodSpec | SpecProblem:
    """Read "my soy milk: 300 mg per cup", "oat drink 120mg/100ml" or "高钙奶 300mg 每杯"."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not text:
        return SpecProblem.EMPTY
    if len(text) > MAX_TEXT:
        return SpecProblem.TOO_LONG
    calcium = _CALCIUM.search(text)
    if calcium is None:
        return SpecProblem.NO_CALCIUM
    name = _NAME_TAIL.sub("", text[: calcium.start()]).strip()
    name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
    if not match_key(name) or len(name) > MAX_NAME:
        return SpecProblem.NO_NAME
    vitamin_d = _VITAMIN_D.search(text, calcium.end())
    rest = text[max(calcium.end(), vitamin_d.end() if vitamin_d else 0) :]
    basis = _basis(rest)
    if isinstance(basis, SpecProblem):
        return basis
    amount, unit, grams = basis
    figure = calcium.group(1)
    # "1,500 mg" is a thousands comma, "1,5 mg" a decimal one.
    calcium_mg = float(figure.replace(",", "" if _THOUSANDS.fullmatch(figure) else "."))
    vitamin_d_iu = float(vitamin_d.group(1)) if vitamin_d else None
    if calcium_mg > MAX_PORTION_CALCIUM_MG or calcium_mg * 100 / grams > MAX_CALCIUM_MG_PER_100G:
        return SpecProblem.TOO_MUCH
    if vitamin_d_iu is not None and vitamin_d_iu > MAX_PORTION_VITAMIN_D_IU:
        return SpecProblem.TOO_MUCH
    return CustomFoodSpec(
        name=name,
        calcium_mg=calcium_mg,
        vitamin_d_iu=vitamin_d_iu,
        amount=amount,
        unit=unit,
        grams=grams,
    )


def to_row(food: CustomFood) -> FoodRow:
    """Return a custom food as a row the matcher searches, keyed "custom:<id>"."""
    return custom_food(
        food.name,
        calcium_mg=food.calcium_mg,
        amount=food.amount,
        unit=food.unit,
        grams=food.grams,
        vitamin_d_iu=food.vitamin_d_iu,
        vitamin_k_ug=food.vitamin_k_ug,
        custom_id=str(food.id),
    )


@dataclass(frozen=True)
class MyFood:
    """A custom food as handlers see it: its label portion and calcium."""

    id: int
    name: str
    calcium_mg: float
    amount: float
    unit: str


def my_food(row: CustomFood) -> MyFood:
    """Copy a custom-food row into the view handlers get."""
    if row.id is None:
        raise ValueError("a custom food is shown after it is saved")
    return MyFood(row.id, row.name, row.calcium_mg, row.amount, row.unit)


async def foods_of(session: AsyncSession, *, user_id: int) -> list[CustomFood]:
    """Return one user's custom foods, oldest first."""
    result = await session.exec(
        select(CustomFood).where(CustomFood.user_id == user_id).order_by(col(CustomFood.id))
    )
    return list(result.all())


async def add(database: Database, *, telegram_id: int, spec: CustomFoodSpec) -> MyFood | AddRefusal:
    """Save a custom food for the user; a food of the same name is replaced."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return AddRefusal.NO_USER
        key = match_key(spec.name)[:MAX_NAME]
        owned = await foods_of(session, user_id=user.id)
        food = next((row for row in owned if row.name_key == key), None)
        if food is None:
            if len(owned) >= MAX_FOODS_PER_USER:
                return AddRefusal.TOO_MANY
            food = CustomFood(
                user_id=user.id,
                name=spec.name,
                name_key=key,
                calcium_mg=0,
                amount=1,
                unit="",
                grams=1,
            )
        _fill(food, spec)
        session.add(food)
        await session.flush()
        return my_food(food)


def _fill(food: CustomFood, spec: CustomFoodSpec) -> None:
    food.name = spec.name
    food.calcium_mg = spec.calcium_mg
    food.vitamin_d_iu = spec.vitamin_d_iu
    food.amount, food.unit, food.grams = spec.amount, spec.unit, spec.grams


async def list_for(database: Database, *, telegram_id: int) -> list[MyFood]:
    """Return the user's custom foods, oldest first."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return []
        return [my_food(row) for row in await foods_of(session, user_id=user.id)]


async def delete(database: Database, *, telegram_id: int, food_id: int) -> bool:
    """Delete one of the user's custom foods; logged intakes keep their own copy of the values."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        food = await session.get(CustomFood, food_id)
        if user is None or food is None or food.user_id != user.id:
            return False
        await session.delete(food)
        return True
