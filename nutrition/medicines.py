"""Medicines whose absorption calcium cuts, or that need a caution with calcium and vitamin D.

The kinds follow domain-facts §5: thyroid hormone, oral bisphosphonates, iron, zinc, the
tetracycline and quinolone antibiotics, strontium, fluoride (spacing), and thiazide diuretics and
digoxin (a caution, no spacing). Each kind's value is a short stable code for callback data and
storage; never rename one.

Name matching policy: a typed product or generic name (English or Chinese) is matched first
exactly, then as a whole word (or, for Chinese, a run of at least two characters) inside the
text, then by family stem ("-floxacin", "沙星", "-cycline", "环素" …), and last by a close
misspelling (rapidfuzz). The longest matching name wins, so "zoledronic acid" (an infusion,
which calcium cannot get in the way of) is not taken for the oral "-dronate" stem. When two
different kinds match equally well the matcher returns None and the bot asks with the list.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import cache

from rapidfuzz import fuzz, process

__all__ = ["BISPHOSPHONATES", "NAMES", "MedicineKind", "match_medicine"]


class MedicineKind(StrEnum):
    """What a medicine is, as far as calcium is concerned; the value is a stable short code."""

    THYROID = "thy"  # levothyroxine
    BISPHOSPHONATE_DAILY = "bpd"  # oral alendronate, risedronate, ibandronate, etidronate
    BISPHOSPHONATE_WEEKLY = "bpw"
    IRON = "fe"
    ZINC = "zn"
    TETRACYCLINE = "tet"
    QUINOLONE = "qui"
    STRONTIUM = "sr"
    FLUORIDE = "flu"
    THIAZIDE = "thz"  # thiazide and thiazide-like diuretics
    DIGOXIN = "dig"  # cardiac glycosides
    OTHER = "oth"


BISPHOSPHONATES = frozenset({MedicineKind.BISPHOSPHONATE_DAILY, MedicineKind.BISPHOSPHONATE_WEEKLY})

# Generic names, a few widely sold brands (US/EU/China), and Chinese generic and brand names; a
# name appears under one kind only. Osteoporosis medicines that calcium does not get in the way
# of (infusions, injections, raloxifene, active vitamin D) are listed under OTHER on purpose: a
# user who types "zoledronic acid" or "Prolia" must not get an oral bisphosphonate's spacing from
# a near-miss match.
_K = MedicineKind

# fmt: off
NAMES: dict[MedicineKind, tuple[str, ...]] = {
    _K.THYROID: (
        "levothyroxine", "levothyroxine sodium", "l-thyroxine", "thyroxine", "synthroid",
        "levoxyl", "unithroid", "euthyrox", "eltroxin", "tirosint", "eutirox", "letrox",
        "levothroid",
        "左甲状腺素", "左甲状腺素钠", "左旋甲状腺素", "甲状腺素", "左旋甲狀腺素", "甲狀腺素",
        "优甲乐", "優甲樂", "雷替斯",
    ),
    # Oral bisphosphonates; the weekly kind stands for the family (see _DAILY_WORDS).
    _K.BISPHOSPHONATE_WEEKLY: (
        "alendronate", "alendronate sodium", "alendronic acid", "fosamax", "fosamax plus",
        "binosto", "risedronate", "risedronic acid", "actonel", "atelvia", "ibandronate",
        "ibandronic acid", "boniva", "bonviva", "etidronate", "didronel", "tiludronate",
        "阿仑膦酸钠", "阿仑膦酸", "阿崙膦酸鈉", "福善美", "福美加", "利塞膦酸钠", "利塞膦酸",
        "安妥良", "伊班膦酸钠", "伊班膦酸", "依替膦酸二钠", "依替膦酸", "替鲁膦酸",
    ),
    _K.IRON: (
        "iron", "ferrous sulfate", "ferrous sulphate", "ferrous fumarate", "ferrous gluconate",
        "ferrous bisglycinate", "ferric maltol", "polysaccharide iron", "iron polysaccharide",
        "carbonyl iron", "feosol", "slow fe", "ferrograd", "ferro gradumet", "niferex",
        "硫酸亚铁", "富马酸亚铁", "葡萄糖酸亚铁", "琥珀酸亚铁", "多糖铁复合物", "力蜚能",
        "速力菲", "铁剂", "补铁", "铁",
    ),
    _K.ZINC: (
        "zinc", "zinc sulfate", "zinc sulphate", "zinc gluconate", "zinc acetate",
        "zinc citrate", "zinc picolinate",
        "葡萄糖酸锌", "硫酸锌", "醋酸锌", "甘草锌", "补锌", "锌",
    ),
    _K.TETRACYCLINE: (
        "tetracycline", "doxycycline", "minocycline", "oxytetracycline", "demeclocycline",
        "vibramycin", "doryx", "minocin", "solodyn",
        "四环素", "多西环素", "强力霉素", "米诺环素", "美满霉素", "土霉素", "地美环素",
    ),
    _K.QUINOLONE: (
        "ciprofloxacin", "levofloxacin", "moxifloxacin", "ofloxacin", "norfloxacin", "cipro",
        "ciproxin", "levaquin", "tavanic", "avelox", "cravit",
        "环丙沙星", "左氧氟沙星", "氧氟沙星", "莫西沙星", "诺氟沙星", "可乐必妥", "拜复乐",
        "氟哌酸",
    ),
    _K.STRONTIUM: (
        "strontium", "strontium ranelate", "protelos", "osseor", "雷奈酸锶", "锶",
    ),
    _K.FLUORIDE: ("sodium fluoride", "fluoride", "氟化钠"),
    # Thiazide-like diuretics (chlorthalidone, indapamide, metolazone) cut urinary calcium
    # the same way; combinations with hydrochlorothiazide carry the same caution.
    _K.THIAZIDE: (
        "hydrochlorothiazide", "hctz", "chlorothiazide", "bendroflumethiazide",
        "chlorthalidone", "indapamide", "metolazone", "microzide", "hyzaar",
        "氢氯噻嗪", "双氢克尿噻", "氯噻酮", "吲达帕胺", "海捷亚",
    ),
    _K.DIGOXIN: ("digoxin", "lanoxin", "digitoxin", "地高辛", "洋地黄毒苷", "洋地黄"),
    _K.OTHER: (
        "zoledronic acid", "zoledronate", "aclasta", "reclast", "zometa", "pamidronate",
        "aredia", "denosumab", "prolia", "teriparatide", "forteo", "forsteo",
        "romosozumab", "evenity", "raloxifene", "evista", "calcitriol", "alfacalcidol",
        "唑来膦酸", "密固达", "帕米膦酸", "地舒单抗", "普罗力", "特立帕肽", "复泰奥",
        "雷洛昔芬", "易维特", "骨化三醇", "罗盖全", "阿法骨化醇",
    ),
}

# Family endings and roots, matched anywhere in the text after the names themselves.
STEMS: dict[str, MedicineKind] = {
    "floxacin": _K.QUINOLONE, "沙星": _K.QUINOLONE,
    "cycline": _K.TETRACYCLINE, "环素": _K.TETRACYCLINE,
    "dronate": _K.BISPHOSPHONATE_WEEKLY, "dronic": _K.BISPHOSPHONATE_WEEKLY,
    "膦酸": _K.BISPHOSPHONATE_WEEKLY,
    "thiazide": _K.THIAZIDE, "噻嗪": _K.THIAZIDE,
    "ferrous": _K.IRON, "ferric": _K.IRON, "亚铁": _K.IRON,
}
# fmt: on

# A close misspelling: fuzz.ratio ≥ 85 allows one wrong letter in a 7-letter name ("fosamx",
# "synthroyd", "levothyroxin") and nothing looser; set on the typo cases in the tests.
TYPO_SCORE = 85.0
# Shorter words are compared exactly only: "iron" vs "irn" is too close to other words to guess.
_MIN_FUZZY_LEN = 5
# Chinese names of one character (铁, 锌, 锶) match only exactly: 铁 also starts 铁皮石斛, a herb.
_MIN_CJK_RUN = 2

_CJK = re.compile(r"[\u3400-\u9fff]")
_NOT_WORD = re.compile(r"[^0-9a-z\u3400-\u9fff]+")
# A bare bisphosphonate name means the weekly kind unless the text says daily (a product choice:
# the once-weekly tablet is the regimen osteoporosis patients meet most). Only the label is at
# stake: spacing always follows the weekdays the user schedules.
_DAILY_WORDS = re.compile(r"\b(daily|once a day|every day|each day)\b|每日|每天|一日一次|日服")


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


@cache
def _table() -> dict[str, MedicineKind]:
    table: dict[str, MedicineKind] = {}
    for kind, names in NAMES.items():
        for name in names:
            key = _key(name)
            if table.setdefault(key, kind) is not kind:
                raise ValueError(f"medicine name {name!r} is listed under two kinds")
    return table


@cache
def _fuzzy_names() -> tuple[str, ...]:
    return tuple(key for key in _table() if len(key) >= _MIN_FUZZY_LEN and key.isascii())


def _contains(key: str, name: str) -> bool:
    if _CJK.search(name):
        return len(name) >= _MIN_CJK_RUN and name in key
    return f" {name} " in f" {key} "


def _best(hits: list[tuple[int, MedicineKind]]) -> MedicineKind | None:
    if not hits:
        return None
    longest = max(length for length, _ in hits)
    kinds = {kind for length, kind in hits if length == longest}
    return kinds.pop() if len(kinds) == 1 else None


def _lookup(key: str) -> MedicineKind | None:
    table = _table()
    if key in table:
        return table[key]
    hits = [(len(name), kind) for name, kind in table.items() if _contains(key, name)]
    hits += [(len(stem), kind) for stem, kind in STEMS.items() if stem in key]
    if hits:
        return _best(hits)
    words = [word for word in key.split() if len(word) >= _MIN_FUZZY_LEN and word.isascii()]
    scored: list[tuple[float, str]] = []
    for query in {key, *words}:
        found = process.extract(
            query, _fuzzy_names(), scorer=fuzz.ratio, score_cutoff=TYPO_SCORE, limit=None
        )
        scored += [(score, name) for name, score, _ in found]
    if not scored:
        return None
    top = max(score for score, _ in scored)
    return _best([(0, table[name]) for score, name in scored if score == top])


def match_medicine(text: str) -> MedicineKind | None:
    """Return the kind a typed medicine name stands for, or None when unknown or ambiguous."""
    key = _key(text)
    kind = _lookup(key) if key else None
    if kind in BISPHOSPHONATES and _DAILY_WORDS.search(key):
        return MedicineKind.BISPHOSPHONATE_DAILY
    return kind
