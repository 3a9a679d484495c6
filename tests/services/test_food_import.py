"""USDA SR import: bulk load, idempotent re-import, cache refresh, and matching imported foods."""

import os
from pathlib import Path

import pytest
from sqlmodel import func, select

from services import food_import, meals
from storage.database import Database, make_engine
from storage.models import ImportedFood
from tests.services.builders import make_user

REPO = Path(__file__).resolve().parents[2]
SR26_FOODS = 8463


def _sr_dir() -> Path:
    """Find the SR26 copy: CALCIBOT_SR_DIR, else ../shared/data/usda-sr26 beside the repo."""
    return Path(os.environ.get("CALCIBOT_SR_DIR") or REPO.parent / "shared/data/usda-sr26")


def _abbrev(ndb: str, short: str, calcium: str, vitamin_d: str = "", vitamin_k: str = "") -> str:
    fields = [f"~{ndb}~", f"~{short}~", *[""] * 51]
    fields[10], fields[12], fields[42], fields[43] = calcium, "20", vitamin_d, vitamin_k
    return "^".join(fields)


def _write_release(root: Path, foods: list[tuple[str, str, str, str]]) -> Path:
    """Write a tiny SR release: (ndb, long description, calcium mg, grams per cup) per food."""
    root.mkdir(parents=True, exist_ok=True)
    files = {
        "FD_GROUP.txt": ["~0100~^~Dairy and Egg Products~"],
        "FOOD_DES.txt": [
            f"~{n}~^~0100~^~{d}~^~{d.upper()}~^~~^~~^~~^~~^0^~~" for n, d, _, _ in foods
        ],
        "ABBREV.txt": [_abbrev(n, d.upper()[:60], ca, "40") for n, d, ca, _ in foods],
        "WEIGHT.txt": [f"~{n}~^1^1^~cup~^{g}^^" for n, _, _, g in foods],
    }
    for name, lines in files.items():
        (root / name).write_text("\r\n".join(lines) + "\r\n", encoding="latin-1")
    return root


ZEBRA = ("99001", "Zebrafrost quark, plain", "150", "240")
YAKMILK = ("99002", "Yakkity milk, whole", "169", "244")


async def _count(database: Database) -> int:
    async with database.session() as session:
        return (await session.exec(select(func.count()).select_from(ImportedFood))).one()


async def test_import_loads_every_food(any_db: Database, tmp_path: Path) -> None:
    """A release's foods are stored with their nutrients and household measures."""
    release = _write_release(tmp_path / "sr", [ZEBRA, YAKMILK])
    assert await food_import.import_sr(any_db, directory=release) == 2
    rows = {row.ndb: row for row in await food_import.imported_rows(any_db)}
    zebra = rows["99001"]
    assert (zebra.name, zebra.calcium_mg, zebra.vitamin_d_iu, zebra.source) == (
        "Zebrafrost quark, plain",
        150.0,
        40.0,
        "usda",
    )
    assert [(p.unit, p.grams) for p in zebra.portions] == [("cup", 240.0)]


async def test_reimport_replaces(any_db: Database, tmp_path: Path) -> None:
    """Importing twice keeps one copy, and a newer release replaces the old rows."""
    first = _write_release(tmp_path / "a", [ZEBRA, YAKMILK])
    await food_import.import_sr(any_db, directory=first)
    await food_import.import_sr(any_db, directory=first)
    assert await _count(any_db) == 2
    second = _write_release(tmp_path / "b", [(*ZEBRA[:2], "175", ZEBRA[3])])
    assert await food_import.import_sr(any_db, directory=second) == 1
    rows = await food_import.imported_rows(any_db)
    assert [(row.ndb, row.calcium_mg) for row in rows] == [("99001", 175.0)]


async def test_missing_release_files_are_refused(any_db: Database, tmp_path: Path) -> None:
    """A directory without the SR files raises and leaves the imported foods untouched."""
    await food_import.import_sr(any_db, directory=_write_release(tmp_path / "ok", [ZEBRA]))
    with pytest.raises(FileNotFoundError, match="lacks SR26 files"):
        await food_import.import_sr(any_db, directory=tmp_path / "empty")
    assert await _count(any_db) == 1


async def test_cache_sees_an_import_from_another_process(any_db: Database, tmp_path: Path) -> None:
    """An import through another engine (another process) reaches this process's matcher rows."""
    assert await food_import.imported_rows(any_db) == []
    other = Database(make_engine(any_db.engine.url.render_as_string(hide_password=False)))
    try:
        await food_import.import_sr(other, directory=_write_release(tmp_path / "sr", [ZEBRA]))
    finally:
        await other.dispose()
    assert [row.ndb for row in await food_import.imported_rows(any_db)] == ["99001"]


async def test_imported_food_is_matched_in_meals(any_db: Database, tmp_path: Path) -> None:
    """A food only the import knows is found in a meal, with its own cup weight."""
    await food_import.import_sr(any_db, directory=_write_release(tmp_path / "sr", [ZEBRA]))
    user = await make_user(any_db)
    preview = await meals.preview(
        any_db, telegram_id=user.telegram_id, text="a cup of zebrafrost quark"
    )
    (item,) = preview.items
    assert item.chosen is not None
    assert (item.chosen.ndb, item.chosen.grams, item.chosen.calcium_mg) == ("99001", 240, 360)


async def test_full_sr26_import(any_db: Database) -> None:
    """The full SR26 release imports all 8,463 foods, and one only SR knows is matched."""
    directory = _sr_dir()
    if not (directory / "ABBREV.txt").is_file():
        pytest.skip(
            f"USDA SR26 not found at {directory}; set CALCIBOT_SR_DIR to test the full import"
        )
    assert await food_import.import_sr(any_db, directory=directory) == SR26_FOODS
    assert await _count(any_db) == SR26_FOODS
    rows = await food_import.imported_rows(any_db)
    assert len(rows) == SR26_FOODS
    user = await make_user(any_db)
    text = "a cup of pace salsa refried beans"
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text=text)
    (item,) = preview.items
    assert item.chosen is not None
    assert item.chosen.ndb == "16203"
