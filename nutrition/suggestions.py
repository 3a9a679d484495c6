"""One practical food to suggest when the day's calcium is low, never one that passes the limit."""

from collections.abc import Iterable
from dataclasses import dataclass

from nutrition.foods.model import FoodRow, builtin_foods

# A suggestion worth making adds at least this much; smaller portions (an egg's 28 mg) do not
# move the day (about 5 % of the 1,000–1,200 mg adult RDA, IOM 2011).
MIN_USEFUL_MG = 50
# Only the table's most common foods (commonness 3: milk, yogurt, tofu, cheese …), so the
# suggestion is something the user likely has at home.
COMMON = 3


@dataclass(frozen=True)
class FoodSuggestion:
    """A food, its usual portion and the calcium that portion brings."""

    name: str
    name_zh: str | None
    portion: str
    calcium_mg: int


def _portion_calcium(row: FoodRow) -> tuple[str, int] | None:
    portion = row.default()
    if portion is None or row.calcium_mg is None:
        return None
    return portion.label(), round(row.calcium_mg * portion.grams / 100.0)


def suggest_food(
    *, missing_mg: int, room_mg: int, foods: Iterable[FoodRow] | None = None
) -> FoodSuggestion | None:
    """Return the common food whose usual portion best fills the gap without passing the room.

    `missing_mg` is what the target still lacks, `room_mg` what is left under the upper limit;
    a portion above `room_mg` is never suggested. None when nothing useful fits.
    """
    if missing_mg <= 0 or room_mg < MIN_USEFUL_MG:
        return None
    wanted = min(missing_mg, room_mg)
    best: tuple[int, FoodSuggestion] | None = None
    for row in builtin_foods() if foods is None else foods:
        if row.commonness < COMMON:
            continue
        found = _portion_calcium(row)
        if found is None:
            continue
        label, calcium = found
        if not MIN_USEFUL_MG <= calcium <= room_mg:
            continue
        distance = abs(calcium - wanted)
        if best is None or distance < best[0]:
            best = (distance, FoodSuggestion(row.name, row.name_zh, label, calcium))
    return None if best is None else best[1]
