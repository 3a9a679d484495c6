"""Food rows: JSON round trip, custom foods, the SR26 reader on a small synthetic release."""

from __future__ import annotations

from pathlib import Path

import pytest

from nutrition.foods import FoodRow, builtin_foods, custom_food, load_sr_release
from nutrition.foods.sr import read_sr_release


def test_rows_survive_a_json_round_trip() -> None:
    """to_dict/from_dict keep every field of a built-in row (storage can keep rows as JSON)."""
    for row in builtin_foods()[:50]:
        assert FoodRow.from_dict(row.to_dict()) == row


def test_chinese_table_rows_survive_a_json_round_trip_and_have_short_keys() -> None:
    """A China Food Composition Tables row keeps its code, citation and borrowed weights, and
    its key "cfct:<code>" fits Telegram's 64-byte callback data."""
    chinese = [row for row in builtin_foods() if row.source == "cfct"]
    assert len(chinese) >= 20
    for row in chinese:
        assert FoodRow.from_dict(row.to_dict()) == row
        assert row.key == f"cfct:{row.code}" and len(row.key.encode()) <= 64
        assert row.ndb is None


def test_custom_food_is_stored_per_100_g() -> None:
    """A label of 300 mg per cup (243 g) becomes 123.5 mg per 100 g with a cup portion."""
    row = custom_food("my soy milk", calcium_mg=300, unit="cups", grams=243, custom_id="3")
    assert row.calcium_mg == pytest.approx(300 / 2.43)
    assert row.ndb is None
    assert row.source == "custom"
    assert row.key == "custom:3"
    default = row.default()
    assert default is not None
    assert (default.unit, default.grams) == ("cup", 243)


def test_custom_food_by_volume_assumes_water_density() -> None:
    """Without a weight, a volume portion is weighed at 1 g per ml."""
    row = custom_food("my kefir", calcium_mg=250, unit="cup")
    default = row.default()
    assert default is not None
    assert default.grams == pytest.approx(236.588)


def test_custom_food_needs_a_weight_for_a_count() -> None:
    """A count portion ("per bar") without grams is refused rather than guessed."""
    with pytest.raises(ValueError, match="grams"):
        custom_food("my bar", calcium_mg=200, unit="bar")


def write_release(root: Path) -> None:
    """Write a two-food SR26-format release (Latin-1, ^ and ~, empty = missing)."""
    files = {
        "FD_GROUP.txt": "~0100~^~Dairy and Egg Products~\r\n",
        "FOOD_DES.txt": "~01079~^~0100~^~Milk, 2%~^~MILK~^~~^~~^~Y~^~~^0^~~^6.38^4.27^8.79^3.87\r\n"
        "~99999~^~0100~^~Fromage, caf\xe9~^~X~^~~^~~^~~^~~^0^~~^^^^\r\n",
        "WEIGHT.txt": "~01079~^2^1^~fl oz~^30.5^^\r\n~01079~^1^1^~cup~^244^^\r\n",
    }
    nutrients = ["50"] * 51
    nutrients[8] = "120"  # calcium, ABBREV field 11
    nutrients[40] = ""  # vitamin D IU missing, field 43
    abbrev = "~01079~^~MILK~^" + "^".join(nutrients) + "\r\n"
    abbrev += "~99999~^~FROMAGE~^" + "^".join([""] * 51) + "\r\n"
    files["ABBREV.txt"] = abbrev
    for name, text in files.items():
        (root / name).write_bytes(text.encode("latin-1"))


def test_reader_keeps_missing_values_missing(tmp_path: Path) -> None:
    """Empty SR26 fields load as None, never as zero; Latin-1 text is decoded."""
    write_release(tmp_path)
    foods = read_sr_release(tmp_path)
    assert foods["01079"].calcium_mg == 120.0
    assert foods["01079"].vitamin_d_iu is None
    assert foods["99999"].calcium_mg is None
    assert foods["99999"].long_desc == "Fromage, café"
    assert foods["99999"].group == "Dairy and Egg Products"


def test_reader_orders_portions_by_sequence(tmp_path: Path) -> None:
    """Portions follow WEIGHT.txt's Seq, so the first is SR26's first measure."""
    write_release(tmp_path)
    rows = {row.ndb: row for row in load_sr_release(tmp_path)}
    assert [p.unit for p in rows["01079"].portions] == ["cup", "fl oz"]
    assert rows["99999"].portions == ()


def test_reader_names_missing_files(tmp_path: Path) -> None:
    """A directory that is not an SR release is refused with the missing file names."""
    with pytest.raises(FileNotFoundError, match=r"ABBREV\.txt"):
        read_sr_release(tmp_path)
