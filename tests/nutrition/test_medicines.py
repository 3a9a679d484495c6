"""Medicine kinds and the English/Chinese name matcher."""

import pytest

from nutrition.medicines import BISPHOSPHONATES, NAMES, MedicineKind, match_medicine

K = MedicineKind


def test_kind_codes_are_stable() -> None:
    """The short codes stored and packed into callback data never change."""
    assert {kind.name: kind.value for kind in MedicineKind} == {
        "THYROID": "thy",
        "BISPHOSPHONATE_DAILY": "bpd",
        "BISPHOSPHONATE_WEEKLY": "bpw",
        "IRON": "fe",
        "ZINC": "zn",
        "TETRACYCLINE": "tet",
        "QUINOLONE": "qui",
        "STRONTIUM": "sr",
        "FLUORIDE": "flu",
        "THIAZIDE": "thz",
        "DIGOXIN": "dig",
        "OTHER": "oth",
    }


def test_a_code_reads_back_as_its_kind() -> None:
    """Each code turns back into its kind, and an unknown code is refused."""
    assert all(MedicineKind(kind.value) is kind for kind in MedicineKind)
    with pytest.raises(ValueError, match="xyz"):
        MedicineKind("xyz")


@pytest.mark.parametrize(("kind", "name"), [(k, n) for k, names in NAMES.items() for n in names])
def test_every_listed_name_matches_its_kind(kind: MedicineKind, name: str) -> None:
    """Each name in the table, typed as it is listed, finds the kind it is listed under."""
    assert match_medicine(name) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Levothyroxine", K.THYROID),
        ("Synthroid 100 mcg", K.THYROID),
        ("EUTHYROX 50", K.THYROID),
        ("L-Thyroxine", K.THYROID),
        ("Fosamax", K.BISPHOSPHONATE_WEEKLY),
        ("Fosamax Plus D 70mg", K.BISPHOSPHONATE_WEEKLY),
        ("alendronic acid 70 mg weekly", K.BISPHOSPHONATE_WEEKLY),
        ("risedronate sodium", K.BISPHOSPHONATE_WEEKLY),
        ("ferrous sulfate 325 mg", K.IRON),
        ("Ferrous Sulphate", K.IRON),
        ("zinc gluconate", K.ZINC),
        ("Ciprofloxacin 500mg", K.QUINOLONE),
        ("levofloxacin", K.QUINOLONE),
        ("Doxycycline hyclate", K.TETRACYCLINE),
        ("strontium ranelate", K.STRONTIUM),
        ("sodium fluoride", K.FLUORIDE),
        ("HCTZ 25", K.THIAZIDE),
        ("Lanoxin", K.DIGOXIN),
    ],
)
def test_english_names(text: str, kind: MedicineKind) -> None:
    """English generic and brand names, with strengths and case as typed, find their kind."""
    assert match_medicine(text) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("优甲乐", K.THYROID),
        ("优甲乐 50μg", K.THYROID),
        ("左甲状腺素钠片", K.THYROID),
        ("福善美", K.BISPHOSPHONATE_WEEKLY),
        ("阿仑膦酸钠片", K.BISPHOSPHONATE_WEEKLY),
        ("阿仑膦酸钠维D3片", K.BISPHOSPHONATE_WEEKLY),
        ("硫酸亚铁片", K.IRON),
        ("环丙沙星", K.QUINOLONE),
        ("左氧氟沙星片", K.QUINOLONE),
        ("多西环素", K.TETRACYCLINE),
        ("葡萄糖酸锌口服液", K.ZINC),
        ("氢氯噻嗪片", K.THIAZIDE),
        ("地高辛", K.DIGOXIN),
    ],
)
def test_chinese_names(text: str, kind: MedicineKind) -> None:
    """Chinese generic and brand names, also inside a longer product name, find their kind."""
    assert match_medicine(text) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("levothyroxin", K.THYROID),
        ("synthroyd", K.THYROID),
        ("fosamx", K.BISPHOSPHONATE_WEEKLY),
        ("alendronat", K.BISPHOSPHONATE_WEEKLY),
        ("doxycyline", K.TETRACYCLINE),
        ("ciprofloxacine", K.QUINOLONE),
        ("ferous sulfate", K.IRON),
    ],
)
def test_close_misspellings(text: str, kind: MedicineKind) -> None:
    """A name with one letter wrong, missing or extra still finds its kind."""
    assert match_medicine(text) is kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("gemifloxacin", K.QUINOLONE),
        ("吉米沙星", K.QUINOLONE),
        ("tigecycline", K.TETRACYCLINE),
        ("methyclothiazide", K.THIAZIDE),
        ("ferrous ascorbate", K.IRON),
        ("阿伦膦酸钠", K.BISPHOSPHONATE_WEEKLY),
    ],
)
def test_family_stems(text: str, kind: MedicineKind) -> None:
    """An unlisted member of a family (or a mistyped Chinese name) is known by its stem."""
    assert match_medicine(text) is kind


@pytest.mark.parametrize("text", ["zoledronic acid", "zoledronate", "唑来膦酸注射液", "Prolia"])
def test_infused_and_injected_osteoporosis_medicines_are_other(text: str) -> None:
    """Infusions and injections are OTHER, not caught by the oral bisphosphonate stem."""
    assert match_medicine(text) is K.OTHER


@pytest.mark.parametrize(
    "text", ["alendronate 10 mg daily", "Actonel once a day", "福善美 每日一片", "阿仑膦酸钠 每天"]
)
def test_daily_words_make_a_bisphosphonate_daily(text: str) -> None:
    """A bisphosphonate named with "daily" (每日, 每天) is the daily kind; bare names are weekly."""
    assert match_medicine(text) is K.BISPHOSPHONATE_DAILY


def test_daily_words_do_not_change_other_kinds() -> None:
    """ "Daily" only picks between the bisphosphonate kinds; an iron tablet stays iron."""
    assert match_medicine("iron daily") is K.IRON
    assert K.IRON not in BISPHOSPHONATES


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "Caltrate 600+D",
        "钙尔奇",
        "calcium carbonate",
        "vitamin D3",
        "铁皮石斛",
        "metformin",
        "levocetirizine",
        "amlodipine",
        "atorvastatin",
        "omeprazole",
        "azithromycin",
        "erythromycin",
        "红霉素",
        "甲巯咪唑",
        "iban",
    ],
)
def test_unrelated_names_match_nothing(text: str) -> None:
    """Calcium products, unrelated drugs, a herb starting with 铁, and fragments find no kind."""
    assert match_medicine(text) is None


def test_two_kinds_in_one_text_are_ambiguous() -> None:
    """A text naming two different kinds equally well matches neither (the bot asks instead)."""
    assert match_medicine("iron and zinc") is None


def test_full_width_letters_are_folded() -> None:
    """Full-width Latin letters, as typed by a Chinese keyboard, match like plain ones."""
    assert match_medicine("ＳＹＮＴＨＲＯＩＤ") is K.THYROID
