"""Read a USDA SR26 release (ABBREV, FOOD_DES, WEIGHT, FD_GROUP) into food rows."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from nutrition.foods.model import FoodRow, Portion

# 0-based fields of ABBREV.txt (the SR26 documentation numbers them from 1: 11 calcium,
# 13 magnesium, 43 vitamin D IU, 44 vitamin K µg).
_CALCIUM, _MAGNESIUM, _VITAMIN_D_IU, _VITAMIN_K = 10, 12, 42, 43
_FILES = ("ABBREV.txt", "FOOD_DES.txt", "WEIGHT.txt", "FD_GROUP.txt")


@dataclass(frozen=True, slots=True)
class SrFood:
    """One SR26 food as the release states it, nutrients per 100 g (None = no value)."""

    ndb: str
    long_desc: str
    group: str
    calcium_mg: float | None
    vitamin_d_iu: float | None
    vitamin_k_ug: float | None
    magnesium_mg: float | None
    portions: tuple[Portion, ...]

    def to_row(self) -> FoodRow:
        """Return this food as an imported (source "usda") row named by its long description."""
        return FoodRow(
            name=self.long_desc,
            ndb=self.ndb,
            group=self.group,
            calcium_mg=self.calcium_mg,
            vitamin_d_iu=self.vitamin_d_iu,
            vitamin_k_ug=self.vitamin_k_ug,
            magnesium_mg=self.magnesium_mg,
            portions=self.portions,
            source="usda",
            sr_name=self.long_desc,
        )


def records(path: Path) -> Iterator[list[str]]:
    """Yield the fields of each line: Latin-1, "^"-separated, text wrapped in "~"."""
    with path.open(encoding="latin-1", newline="") as lines:
        for line in lines:
            line = line.rstrip("\r\n")
            if line:
                yield [field.strip("~") for field in line.split("^")]


def _value(field: str) -> float | None:
    # SR26 leaves a field empty when it has no value; that is unknown, not zero.
    return float(field) if field.strip() else None


def read_sr_release(directory: Path | str) -> dict[str, SrFood]:
    """Read every food of an SR release directory, keyed by NDB number."""
    root = Path(directory)
    missing = [name for name in _FILES if not (root / name).is_file()]
    if missing:
        raise FileNotFoundError(f"{root} lacks SR26 files: {', '.join(missing)}")
    groups = {fields[0]: fields[1] for fields in records(root / "FD_GROUP.txt")}
    descriptions = {fields[0]: fields for fields in records(root / "FOOD_DES.txt")}
    weights: dict[str, list[tuple[int, Portion]]] = {}
    for ndb, seq, amount, desc, grams, *_ in records(root / "WEIGHT.txt"):
        if _value(amount) and _value(grams):
            portion = Portion.from_sr(float(amount), desc, float(grams))
            weights.setdefault(ndb, []).append((int(seq), portion))
    foods: dict[str, SrFood] = {}
    for fields in records(root / "ABBREV.txt"):
        ndb = fields[0]
        des = descriptions.get(ndb)
        foods[ndb] = SrFood(
            ndb=ndb,
            long_desc=des[2] if des else fields[1],
            group=groups.get(des[1], "") if des else "",
            calcium_mg=_value(fields[_CALCIUM]),
            vitamin_d_iu=_value(fields[_VITAMIN_D_IU]),
            vitamin_k_ug=_value(fields[_VITAMIN_K]),
            magnesium_mg=_value(fields[_MAGNESIUM]),
            portions=tuple(portion for _, portion in sorted(weights.get(ndb, []), key=_seq)),
        )
    return foods


def _seq(item: tuple[int, Portion]) -> int:
    return item[0]


def load_sr_release(directory: Path | str) -> list[FoodRow]:
    """Load every food of a full SR release (8,463 in SR26), as `foods import-usda` needs."""
    return [food.to_row() for _, food in sorted(read_sr_release(directory).items())]
