"""Ambiguous foods (tofu, 豆腐, 海带): reported with their choices, settled by a preference."""

from __future__ import annotations

import pytest

from nutrition.foods import ParsedItem, default_matcher, parse_meal
from nutrition.foods.choices import GROUPS


def only(text: str, preferences: dict[str, str] | None = None) -> ParsedItem:
    """Parse a one-item text and return that item."""
    items = parse_meal(text, preferences=preferences).items
    assert len(items) == 1, items
    return items[0]


def test_every_choice_is_a_row_of_the_table() -> None:
    """Each group's default and options are built-in rows, the default among them or named."""
    matcher = default_matcher()
    for group in GROUPS:
        assert matcher.get(group.default) is not None, group
        assert all(matcher.get(key) is not None for key in group.options), group


def test_bare_tofu_is_asked_about_with_its_coagulants() -> None:
    """ "tofu" is unsure, names its group and offers nigari, calcium-sulfate and silken rows."""
    item = only("100 g tofu")
    assert not item.confident
    assert item.choice_group == "tofu"
    keys = [candidate.food.key for candidate in item.candidates]
    assert keys == ["ndb:16126", "ndb:16426", "ndb:16427", "ndb:16162"]
    calcium = [candidate.food.calcium_mg or 0 for candidate in item.candidates]
    assert max(calcium) >= 3 * calcium[0]  # nigari ≈ 200 mg, calcium sulfate ≈ 680 mg
    assert parse_meal("100 g tofu").needs_confirmation


def test_chinese_tofu_offers_the_chinese_kinds() -> None:
    """豆腐 offers 北豆腐, 南豆腐, 内酯豆腐 and 石膏豆腐, the table's average meanwhile."""
    item = only("100克豆腐")
    assert item.food is not None and item.food.key == "cfct:031301x"
    assert item.choice_group == "tofu" and not item.confident
    names = [candidate.food.name_zh for candidate in item.candidates]
    assert names == ["北豆腐", "嫩豆腐", "内酯豆腐", "石膏豆腐"]


def test_a_remembered_choice_settles_tofu() -> None:
    """With {"tofu": calcium-sulfate firm} 100 g tofu is 683 mg, confident, and says why."""
    item = only("100 g tofu", {"tofu": "ndb:16426"})
    assert item.food is not None and item.food.ndb == "16426"
    assert item.calcium_mg == pytest.approx(683.0)
    assert item.confident
    assert [(a.kind, a.detail) for a in item.assumptions] == [("remembered_choice", "tofu")]


def test_a_remembered_choice_carries_over_between_languages() -> None:
    """A choice made for 豆腐 (北豆腐) also settles "tofu", and weighs by its own measures."""
    item = only("half a cup of tofu", {"tofu": "cfct:031306"})
    assert item.food is not None and item.food.key == "cfct:031306"
    assert item.grams == 126.0


def test_a_preference_outside_the_group_is_ignored() -> None:
    """A stale or forged preference (a milk for tofu) leaves tofu to be asked about."""
    item = only("100 g tofu", {"tofu": "ndb:01079"})
    assert item.food is not None and item.food.ndb == "16126"
    assert not item.confident


@pytest.mark.parametrize("text", ["100 g calcium sulfate tofu", "100克北豆腐", "100克内酯豆腐"])
def test_a_named_kind_of_tofu_is_not_asked_about(text: str) -> None:
    """Naming the kind settles it: no group, no question."""
    item = only(text)
    assert item.choice_group is None and item.confident


def test_kelp_is_asked_about_fresh_soaked_or_dried() -> None:
    """海带 is 46 mg fresh, 241 mg soaked, 348 mg dried per 100 g: the bot asks."""
    item = only("100克海带")
    assert item.choice_group == "kelp" and not item.confident
    assert [c.food.calcium_mg for c in item.candidates] == [46.0, 241.0, 348.0]
