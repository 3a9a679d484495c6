"""The packaged food table: its shape, its names, and every value checked against USDA SR26."""

from __future__ import annotations

import json
import os
import sys
from importlib import resources
from pathlib import Path

import pytest

from nutrition.foods import builtin_foods, default_matcher, load_sr_release
from nutrition.foods.text import match_key

REPO = Path(__file__).resolve().parents[2]
TABLE = resources.files("nutrition.foods.data").joinpath("foods.json")


def sr_dir() -> Path:
    """Return the SR26 directory (CALCIBOT_SR_DIR, else ../shared/data/usda-sr26), or skip."""
    path = Path(os.environ.get("CALCIBOT_SR_DIR") or REPO.parent / "shared/data/usda-sr26")
    if not (path / "ABBREV.txt").is_file():
        pytest.skip(f"USDA SR26 files not found at {path}; set CALCIBOT_SR_DIR to check the table")
    return path


def _fields(path: Path) -> list[list[str]]:
    # Read the SR26 format independently of nutrition.foods.sr so the check is not circular.
    lines = path.read_text(encoding="latin-1").splitlines()
    return [[field.strip("~") for field in line.split("^")] for line in lines if line]


def _number(field: str) -> float | None:
    return float(field) if field else None


def test_table_size_is_a_few_hundred_foods() -> None:
    """The built-in table holds 400 to 1,000 foods and stays small enough to commit."""
    assert 400 <= len(builtin_foods()) <= 1000
    assert len(TABLE.read_bytes()) < 1_500_000


def test_table_is_package_data() -> None:
    """The JSON ships inside the nutrition.foods.data package, so an installed bot finds it."""
    data = json.loads(TABLE.read_text(encoding="utf-8"))
    assert data["source"].startswith("USDA National Nutrient Database")
    assert len(data["foods"]) == len(builtin_foods())


# Rows weighed by mass only: SR26 weighs no jujube portion; the China Food Composition Tables
# weigh no household measure and no SR26 food is alike enough to lend one for 千张 and 馒头.
UNWEIGHED = {"ndb:09146", "ndb:09147", "cfct:031509", "cfct:011404x"}


def test_every_food_has_calcium_a_portion_and_a_chinese_name() -> None:
    """Each built-in row has a calcium value, a default portion and a Chinese name."""
    for food in builtin_foods():
        assert food.calcium_mg is not None, food.key
        assert food.name_zh, food.key
        if food.key not in UNWEIGHED:
            assert food.default() is not None, food.key


def test_names_and_aliases_are_unambiguous() -> None:
    """No name or alias (English or Chinese) belongs to two foods."""
    owner: dict[str, str | None] = {}
    for food in builtin_foods():
        for label in (food.name, *food.aliases, food.name_zh or "", *food.aliases_zh):
            key = match_key(label)
            if key:
                assert owner.setdefault(key, food.ndb) == food.ndb, label


@pytest.mark.parametrize(
    "name_zh",
    [
        *["牛奶", "豆腐", "酸奶", "鸡蛋", "米饭", "面包", "苹果", "西兰花", "青菜", "小白菜"],
        *["虾", "豆浆", "芝麻", "杏仁", "奶酪", "面条"],
    ],
)
def test_common_chinese_names_are_known(name_zh: str) -> None:
    """The everyday Chinese food words of the issue each name a built-in food."""
    names = {n for food in builtin_foods() for n in (food.name_zh, *food.aliases_zh)}
    assert name_zh in names


def test_calcium_rich_groups_are_covered() -> None:
    """Tofu by coagulant, canned fish with bones, greens and fortified drinks are all present."""
    ndbs = {food.ndb for food in builtin_foods()}
    assert {"16426", "16427", "16159", "16126"} <= ndbs  # tofu: calcium sulfate, nigari, both
    assert {"15088", "15084"} <= ndbs  # sardines and salmon, canned with bones
    assert {"11116", "11233", "11161", "11090", "11457"} <= ndbs  # bok choy, kale, collards …
    assert {"09211", "16139", "08077", "42290"} <= ndbs  # fortified juice, soy milk, cereal, milk


def test_every_row_matches_the_usda_files() -> None:
    """Calcium, vitamin D IU, vitamin K, magnesium and portion grams equal SR26 for every row."""
    root = sr_dir()
    abbrev = {fields[0]: fields for fields in _fields(root / "ABBREV.txt")}
    weights: dict[str, list[tuple[float, str, float]]] = {}
    for ndb, _seq, amount, desc, grams, *_ in sorted(
        _fields(root / "WEIGHT.txt"), key=lambda f: (f[0], int(f[1]))
    ):
        weights.setdefault(ndb, []).append((float(amount), desc, float(grams)))
    for food in builtin_foods():
        if food.source == "cfct":  # values from the Chinese tables, weights borrowed from SR26
            got = [(p.amount, p.desc, p.grams) for p in food.portions]
            assert got == weights.get(food.portions_from or "", []), food.key
            continue
        assert food.ndb is not None
        row = abbrev[food.ndb]
        # ABBREV.txt fields 11, 13, 43 and 44 (1-based): calcium, magnesium, vitamin D IU, K.
        assert food.calcium_mg == _number(row[10]), food.ndb
        assert food.magnesium_mg == _number(row[12]), food.ndb
        assert food.vitamin_d_iu == _number(row[42]), food.ndb
        assert food.vitamin_k_ug == _number(row[43]), food.ndb
        got = [(p.amount, p.desc, p.grams) for p in food.portions]
        assert got == weights.get(food.ndb, []), food.ndb


def _cfct_lines() -> dict[str, list[str]]:
    # Read scripts/cfct_foods.txt independently of the build script, so the check is not circular.
    text = (REPO / "scripts/cfct_foods.txt").read_text(encoding="utf-8")
    rows = [line.split("|") for line in text.splitlines() if line and not line.startswith("#")]
    return {fields[0]: fields for fields in rows}


def test_chinese_rows_carry_the_tables_values_and_code() -> None:
    """Each China Food Composition Tables row has the list's calcium and magnesium and cites
    the edition, book and food code."""
    lines = _cfct_lines()
    chinese = [food for food in builtin_foods() if food.source == "cfct"]
    assert {food.code for food in chinese} == set(lines)
    for food in chinese:
        fields = lines[food.code or ""]
        assert food.calcium_mg == float(fields[8]), food.key
        assert food.magnesium_mg == (float(fields[9]) if fields[9] else None), food.key
        assert food.cite is not None and "6th ed." in food.cite, food.key
        assert food.cite.endswith(f"food code {food.code}"), food.key
        assert (food.vitamin_d_iu, food.vitamin_k_ug) == (None, None)  # not in those tables


# The calcium (mg per 100 g) the China Food Composition Tables give for the Chinese foods of
# issue #10 (6th ed.: 122205, 031305, 031306, 031307, 031304, 011404x, 052002, 052008, 072017,
# 045120, 045125, 045215; 芝麻酱 from the 2002 edition as commonly quoted), for other calcium
# sources of the Chinese Dietary Guidelines (031510x, 031405, 045205, 045319, 045323, 045301,
# 122201) and for Chinese names whose SR26 food was far off (031506, 124111, 121226, 121123,
# 042109, 045213, 046002, 044404, 045337, 045101x).
CHINESE_CALCIUM = {
    "虾皮": 991, "芝麻酱": 1170, "豆腐脑": 18, "北豆腐": 105, "南豆腐": 113, "内酯豆腐": 17,
    "馒头": 38, "海带": 46, "紫菜": 264, "黑芝麻": 780, "小白菜": 117, "油菜": 148, "芥蓝": 121,
    "豆腐干": 447, "豆浆": 5, "雪里蕻": 230, "苋菜": 187, "荠菜": 294, "菠菜": 66, "虾米": 555,
    "油豆腐": 147, "扇贝": 142, "鲈鱼": 138, "鲫鱼": 79, "毛豆": 135, "羽衣甘蓝": 66,
    "西洋菜": 30, "韭菜": 44, "空心菜": 115, "大白菜": 57,
}  # fmt: skip


@pytest.mark.parametrize(("name", "calcium_mg"), CHINESE_CALCIUM.items())
def test_chinese_calcium_foods_stay_within_a_quarter_of_the_chinese_tables(
    name: str, calcium_mg: float
) -> None:
    """No Chinese calcium food is mapped to a row more than 25 % off the Chinese tables."""
    food = default_matcher().lookup(name)
    assert food is not None and food.calcium_mg is not None
    assert abs(food.calcium_mg - calcium_mg) <= 0.25 * calcium_mg, food.key


def test_committed_table_equals_a_fresh_build(tmp_path: Path) -> None:
    """Building from SR26 again gives byte-identical JSON (the script is deterministic)."""
    root = sr_dir()
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import build_food_table
    finally:
        sys.path.remove(str(REPO / "scripts"))
    out = tmp_path / "foods.json"
    assert build_food_table.main(["--sr", str(root), "--out", str(out)]) == 0
    assert out.read_bytes() == TABLE.read_bytes()


def test_full_release_loads_all_foods() -> None:
    """The import loader reads all 8,463 SR26 foods with their portions."""
    rows = load_sr_release(sr_dir())
    assert len(rows) == 8463
    milk = next(row for row in rows if row.ndb == "01079")
    assert milk.calcium_mg == 120.0
    assert milk.portions[0].grams == 244.0
    assert all(row.source == "usda" for row in rows)
