"""Build the packaged food table from USDA SR26 and the curated lists next to this script.

Usage: python scripts/build_food_table.py --sr ../shared/data/usda-sr26 \
           --out nutrition/foods/data/foods.json

Every nutrient value and portion weight of a food_list.txt row is copied from SR26 for its NDB
number; that list adds only names, aliases, Chinese names, a commonness weight and the default
portion. cfct_foods.txt adds the Chinese foods SR26 lacks, with the China Food Composition
Tables' values and code, weighed by a named SR26 food's measures.
The output is deterministic: the same SR files and lists give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

from nutrition.foods.model import FoodRow, Portion
from nutrition.foods.sr import SrFood, read_sr_release
from nutrition.foods.text import fold, match_key

LIST = Path(__file__).with_name("food_list.txt")
CFCT_LIST = Path(__file__).with_name("cfct_foods.txt")
SOURCE = "USDA National Nutrient Database for Standard Reference, Release 26 (SR26)"
CFCT_SOURCE = (
    "中国食物成分表标准版 第6版 (China Food Composition Tables, Standard Edition, 6th ed.)"
)
CFCT_BOOKS = {"1": "Book 1 (plant foods, 2018)", "2": "Book 2 (animal foods, 2019)"}


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


@dataclass(frozen=True)
class CfctFood:
    """One line of cfct_foods.txt: a food from the China Food Composition Tables."""

    code: str
    name: str
    aliases: tuple[str, ...]
    name_zh: str
    aliases_zh: tuple[str, ...]
    commonness: int
    weights_from: str
    default_hint: str
    calcium_mg: float
    magnesium_mg: float | None
    book: str


def read_cfct(path: Path = CFCT_LIST) -> list[CfctFood]:
    """Parse cfct_foods.txt: code | name | aliases | 中文名 | 中文别名 | commonness | weights from
    | default | calcium mg | magnesium mg | book."""
    out: list[CfctFood] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = [field.strip() for field in line.split("|")]
        if len(fields) != 11 or fields[10] not in CFCT_BOOKS or not fields[8]:
            raise SystemExit(f"{path}:{number}: expected 11 fields with calcium and book 1 or 2")
        code, name, aliases, name_zh, aliases_zh, commonness, source, hint, ca, mg, book = fields
        out.append(
            CfctFood(
                code=code,
                name=name,
                aliases=_split(aliases),
                name_zh=name_zh,
                aliases_zh=_split(aliases_zh),
                commonness=int(commonness or 1),
                weights_from=source,
                default_hint=hint,
                calcium_mg=float(ca),
                magnesium_mg=float(mg) if mg else None,
                book=book,
            )
        )
    return out


_PUNCTUATION = str.maketrans(",()", "   ")


def _amount(word: str) -> float | None:
    try:
        return float(word)
    except ValueError:
        return None


def _default_index(name: str, portions: tuple[Portion, ...], hint: str) -> int | None:
    if not portions:
        return None
    if not hint:
        return 0
    wanted = fold(hint).split()
    amount = _amount(wanted[0])
    if amount is not None:
        wanted = wanted[1:]
    for index, portion in enumerate(portions):
        words = fold(portion.desc).translate(_PUNCTUATION).split()
        if amount is not None and portion.amount != amount:
            continue
        if portion.unit == hint or all(word in words for word in wanted):
            return index
    raise SystemExit(f"{name}: no SR26 weight matches default {hint!r}: {portions}")


def _claim_names(owner: dict[str, str], key: str, labels: tuple[str, ...]) -> None:
    """Record which row owns each name; stop when a name would belong to two rows."""
    for label in labels:
        name = match_key(label)
        if name and owner.setdefault(name, key) != key:
            raise SystemExit(f"{label!r} names both {owner[name]} and {key}")


def _cfct_row(item: CfctFood, foods: dict[str, SrFood]) -> FoodRow:
    """Return a China Food Composition Tables row, weighed by its named SR26 food's measures."""
    portions: tuple[Portion, ...] = ()
    if item.weights_from:
        if item.weights_from not in foods:
            raise SystemExit(f"{item.code}: weights from unknown NDB {item.weights_from}")
        portions = foods[item.weights_from].portions
    return FoodRow(
        name=item.name,
        code=item.code,
        aliases=item.aliases,
        name_zh=item.name_zh,
        aliases_zh=item.aliases_zh,
        group="China Food Composition Tables",
        calcium_mg=item.calcium_mg,
        magnesium_mg=item.magnesium_mg,
        portions=portions,
        default_portion=_default_index(item.code, portions, item.default_hint),
        commonness=item.commonness,
        source="cfct",
        cite=f"{CFCT_SOURCE}, {CFCT_BOOKS[item.book]}, food code {item.code}",
        portions_from=item.weights_from or None,
    )


def build_rows(
    curated: list[Curated], foods: dict[str, SrFood], cfct: list[CfctFood] | None = None
) -> list[FoodRow]:
    """Join the curated lists with SR26 and check them: known NDBs, calcium, unique names."""
    rows: list[FoodRow] = []
    owner: dict[str, str] = {}
    chinese: list[FoodRow] = []
    for extra in cfct or []:
        labels = (extra.name, *extra.aliases, extra.name_zh, *extra.aliases_zh)
        _claim_names(owner, f"cfct:{extra.code}", labels)
        chinese.append(_cfct_row(extra, foods))
    for item in curated:
        food = foods.get(item.ndb)
        if food is None:
            raise SystemExit(f"NDB {item.ndb} ({item.name}) is not in SR26")
        if food.calcium_mg is None:
            raise SystemExit(f"NDB {item.ndb} ({item.name}) has no calcium value in SR26")
        _claim_names(owner, item.ndb, (item.name, *item.aliases, item.name_zh, *item.aliases_zh))
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
                default_portion=_default_index(item.ndb, food.portions, item.default_hint),
                commonness=item.commonness,
                sr_name=food.long_desc,
            )
        )
    if len({row.key for row in (*rows, *chinese)}) != len(rows) + len(chinese):
        raise SystemExit("the curated lists name an NDB or a food code twice")
    return sorted(rows, key=lambda row: row.ndb or "") + sorted(chinese, key=lambda r: r.key)


def render(rows: list[FoodRow]) -> str:
    """Return the table as JSON text, one food a line so diffs stay readable."""
    lines = [json.dumps(row.to_dict(), ensure_ascii=False, separators=(",", ":")) for row in rows]
    sources = f"{SOURCE}; rows with a code: {CFCT_SOURCE}"
    header = json.dumps({"source": sources, "per": "100 g edible portion"}, ensure_ascii=False)
    return header[:-1] + ',"foods":[\n' + ",\n".join(lines) + "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    """Build the table and report how many foods it holds."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sr", type=Path, required=True, help="SR26 release directory")
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--list", type=Path, default=LIST, help="curated food list")
    parser.add_argument("--cfct", type=Path, default=CFCT_LIST, help="curated Chinese foods")
    args = parser.parse_args(argv)
    rows = build_rows(read_list(args.list), read_sr_release(args.sr), read_cfct(args.cfct))
    text = render(rows)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(text.encode("utf-8"))
    print(f"wrote {len(rows)} foods, {len(text.encode('utf-8')):,} bytes to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
