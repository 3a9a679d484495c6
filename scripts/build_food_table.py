"""Build the packaged food table from USDA SR26 and the curated list in scripts/food_list.txt.

Usage: python scripts/build_food_table.py --sr ../shared/data/usda-sr26 \
           --out nutrition/foods/data/foods.json

Every nutrient value and portion weight is copied from SR26 for the curated NDB number; the
curated list adds only names, aliases, Chinese names, a commonness weight and the default portion.
The output is deterministic: the same SR files and list give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from nutrition.foods.model import FoodRow
from nutrition.foods.sr import SrFood, read_sr_release
from nutrition.foods.text import fold, match_key

LIST = Path(__file__).with_name("food_list.txt")
SOURCE = "USDA National Nutrient Database for Standard Reference, Release 26 (SR26)"


@dataclass(frozen=True)
class Curated:
    """One line of the curated list."""

    ndb: str
    name: str
    aliases: tuple[str, ...]
    name_zh: str
    aliases_zh: tuple[str, ...]
    commonness: int
    default_hint: str


def _split(field: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in field.split(";") if part.strip())


def read_list(path: Path = LIST) -> list[Curated]:
    """Parse the curated list: NDB | name | aliases | 中文名 | 中文别名 | commonness | default."""
    out: list[Curated] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("|")]
        if len(fields) != 7:
            raise SystemExit(f"{path}:{number}: expected 7 fields, found {len(fields)}")
        ndb, name, aliases, name_zh, aliases_zh, commonness, hint = fields
        weight = int(commonness or 1)
        out.append(Curated(ndb, name, _split(aliases), name_zh, _split(aliases_zh), weight, hint))
    return out


_PUNCTUATION = str.maketrans(",()", "   ")


def _amount(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return None


def _default_index(food: SrFood, hint: str) -> int | None:
    if not food.portions:
        return None
    if not hint:
        return 0
    wanted = fold(hint).split()
    amount = _amount(wanted[0])
    if amount is not None:
        wanted = wanted[1:]
    for index, portion in enumerate(food.portions):
        words = fold(portion.desc).translate(_PUNCTUATION).split()
        if amount is not None and portion.amount != amount:
            continue
        if portion.unit == hint or all(word in words for word in wanted):
            return index
    raise SystemExit(f"{food.ndb}: no SR26 weight matches default {hint!r}: {food.portions}")


def build_rows(curated: list[Curated], foods: dict[str, SrFood]) -> list[FoodRow]:
    """Join the curated list with SR26 and check it: known NDBs, calcium present, unique names."""
    rows: list[FoodRow] = []
    owner: dict[str, str] = {}
    for item in curated:
        food = foods.get(item.ndb)
        if food is None:
            raise SystemExit(f"NDB {item.ndb} ({item.name}) is not in SR26")
        if food.calcium_mg is None:
            raise SystemExit(f"NDB {item.ndb} ({item.name}) has no calcium value in SR26")
        for label in (item.name, *item.aliases, item.name_zh, *item.aliases_zh):
            key = match_key(label)
            if key and owner.setdefault(key, item.ndb) != item.ndb:
                raise SystemExit(f"{label!r} names both {owner[key]} and {item.ndb}")
        rows.append(
            FoodRow(
                name=item.name,
                ndb=item.ndb,
                aliases=item.aliases,
                name_zh=item.name_zh or None,
                aliases_zh=item.aliases_zh,
                group=food.group,
                calcium_mg=food.calcium_mg,
                vitamin_d_iu=food.vitamin_d_iu,
                vitamin_k_ug=food.vitamin_k_ug,
                magnesium_mg=food.magnesium_mg,
                portions=food.portions,
                default_portion=_default_index(food, item.default_hint),
                commonness=item.commonness,
                sr_name=food.long_desc,
            )
        )
    if len({row.ndb for row in rows}) != len(rows):
        raise SystemExit("the curated list names an NDB twice")
    return sorted(rows, key=lambda row: row.ndb or "")


def render(rows: list[FoodRow]) -> str:
    """Return the table as JSON text, one food a line so diffs stay readable."""
    lines = [json.dumps(row.to_dict(), ensure_ascii=False, separators=(",", ":")) for row in rows]
    header = json.dumps({"source": SOURCE, "per": "100 g edible portion"}, ensure_ascii=False)
    return header[:-1] + ',"foods":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    """Build the table and report how many foods it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sr", type=Path, required=True, help="SR26 release directory")
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--list", type=Path, default=LIST, help="curated food list")
    args = parser.parse_args(argv)
    rows = build_rows(read_list(args.list), read_sr_release(args.sr))
    text = render(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"wrote {len(rows)} foods, {len(text.encode('utf-8')):,} bytes to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
