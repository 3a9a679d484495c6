"""The `calcibot` command line: food search and estimates offline, USDA import, no-token run."""

import json
import logging
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import main

TOKEN_VARIABLES = ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_TOKEN_FILE", "DATABASE_URL")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """Run each command in an empty folder (no .env), without a token, restoring logging after."""
    for name in TOKEN_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


def _write_release(root: Path) -> Path:
    """Write a two-food USDA SR release in SR26's file format."""
    root.mkdir()
    foods = [("99001", "Zebrafrost quark, plain", "150"), ("99002", "Yakkity milk, whole", "169")]

    def abbrev(ndb: str, name: str, calcium: str) -> str:
        fields = [f"~{ndb}~", f"~{name.upper()}~", *[""] * 51]
        fields[10], fields[12] = calcium, "20"
        return "^".join(fields)

    files = {
        "FD_GROUP.txt": ["~0100~^~Dairy and Egg Products~"],
        "FOOD_DES.txt": [f"~{n}~^~0100~^~{d}~^~{d.upper()}~^~~^~~^~~^~~^0^~~" for n, d, _ in foods],
        "ABBREV.txt": [abbrev(n, d, ca) for n, d, ca in foods],
        "WEIGHT.txt": [f"~{n}~^1^1^~cup~^240^^" for n, _, _ in foods],
    }
    for name, lines in files.items():
        (root / name).write_text("\r\n".join(lines) + "\r\n", encoding="latin-1")
    return root


def test_estimate_json_has_the_documented_shape(capsys: pytest.CaptureFixture[str]) -> None:
    """`foods estimate --json` prints items, the total and what was not counted, nothing else."""
    assert main(["foods", "estimate", "--json", "2 cups of milk and 100 g tofu, zzqx"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"items", "total_calcium_mg", "unmatched"}
    # Items keep their five keys; issue #10 added what was assumed (key, modifier, assumptions …).
    five = {"text", "food", "ndb", "grams", "calcium_mg"}
    assert all(five <= set(item) for item in result["items"])
    assert len(result["items"]) == 2
    milk, tofu = result["items"]
    assert (milk["ndb"], milk["grams"], milk["calcium_mg"]) == ("01079", 488.0, 585.6)
    assert (tofu["ndb"], tofu["grams"]) == ("16126", 100.0)
    assert result["total_calcium_mg"] == round(milk["calcium_mg"] + tofu["calcium_mg"], 1)
    assert result["unmatched"] == ["zzqx"]


def test_estimate_reads_chinese_and_unquoted_words(capsys: pytest.CaptureFixture[str]) -> None:
    """Words given unquoted are one meal; Chinese is read like English."""
    assert main(["foods", "estimate", "一杯牛奶，两片面包"]) == 0
    text = capsys.readouterr().out
    # Chinese text is read for China: milk without added vitamin D, bread not calcium-fortified.
    assert "Whole milk" in text and "White bread" in text and "Total calcium: 307.6 mg" in text
    assert main(["foods", "estimate", "2", "cups", "of", "milk"]) == 0
    assert "Total calcium: 585.6 mg" in capsys.readouterr().out


def test_estimate_refuses_absurd_amounts(capsys: pytest.CaptureFixture[str]) -> None:
    """An absurd amount is listed as not counted, never added to the total."""
    assert main(["foods", "estimate", "--json", "1e9 cups of milk"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["items"], result["total_calcium_mg"]) == ([], 0)
    assert result["unmatched"] == ["1e9 cups of milk"]


def test_estimate_needs_no_token_and_no_database(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Estimating works with no token set and creates no database file."""
    assert main(["foods", "estimate", "--json", "100 g cheddar"]) == 0
    assert json.loads(capsys.readouterr().out)["total_calcium_mg"] == 721.0
    assert list(tmp_path.iterdir()) == []


def test_search_lists_foods_with_calcium(capsys: pytest.CaptureFixture[str]) -> None:
    """`foods search` prints NDB number, name, Chinese name and calcium per 100 g, best first."""
    assert main(["foods", "search", "tofu", "--limit", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("16126") and "豆腐" in lines[0] and "mg Ca/100 g" in lines[0]


def test_search_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`foods search --json` prints the hits as a JSON list."""
    assert main(["foods", "search", "--json", "cheddar", "--limit", "1"]) == 0
    (hit,) = json.loads(capsys.readouterr().out)
    assert (hit["ndb"], hit["calcium_mg_per_100g"]) == ("01009", 721.0)


def test_import_usda_migrates_then_loads_the_release(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`foods import-usda DIR` creates the schema, stores every food and prints the count."""
    database = tmp_path / "fresh.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{database}")
    release = _write_release(tmp_path / "sr")
    assert main(["foods", "import-usda", str(release)]) == 0
    assert "imported 2 foods" in capsys.readouterr().out
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT ndb, calcium_mg FROM imported_food ORDER BY ndb")
        assert rows.fetchall() == [("99001", 150.0), ("99002", 169.0)]


def test_import_usda_refuses_a_folder_without_the_release(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A folder without SR files is refused with the missing files named and a non-zero exit."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    (tmp_path / "empty").mkdir()
    assert main(["foods", "import-usda", str(tmp_path / "empty")]) == 2
    assert "ABBREV.txt" in capsys.readouterr().err


def test_run_without_token_explains_botfather(capsys: pytest.CaptureFixture[str]) -> None:
    """`calcibot run` with no token exits non-zero and says how to get one from @BotFather."""
    assert main(["run"]) != 0
    error = capsys.readouterr().err
    assert "@BotFather" in error and "TELEGRAM_BOT_TOKEN=" in error


def test_importing_the_cli_loads_no_heavy_libraries() -> None:
    """`calcibot --help` stays fast: importing the CLI pulls in no Telegram or database code."""
    heavy = "{'telegram', 'sqlalchemy', 'pydantic'}"
    probe = f"import sys, bot.cli; print(sorted({heavy} & set(sys.modules)))"
    done = subprocess.run(  # noqa: S603  (our own interpreter and a fixed script)
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_console_script_estimates_a_meal(tmp_path: Path) -> None:
    """The installed `calcibot` script runs `foods estimate --json` and prints the estimate."""
    script = Path(sys.executable).parent / "calcibot"
    env = {key: value for key, value in os.environ.items() if key not in TOKEN_VARIABLES}
    done = subprocess.run(  # noqa: S603  (the project's own console script)
        [script, "foods", "estimate", "--json", "2 cups of milk"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert json.loads(done.stdout)["total_calcium_mg"] == 585.6
