"""Meal parser accuracy: top-1 food and grams, and calcium against published values."""

from __future__ import annotations

import pytest

from nutrition.foods import estimate, parse_meal
from tests.nutrition.meal_phrasings import CASES, Expected
from tests.nutrition.meal_phrasings_calcium import CHINESE, ENGLISH, PublishedCase
from tests.nutrition.meal_phrasings_heldback import HELD_BACK_CHINESE, HELD_BACK_ENGLISH

# An item of tests/nutrition/meal_phrasings.py counts as right when the parser's best food has
# its NDB number (or "cfct:<code>" key) and its grams are within GRAMS_TOLERANCE.
GRAMS_TOLERANCE = 0.05
REQUIRED_ACCURACY = 0.90


def _right(got_ndb: str | None, got_grams: float, want_ndb: str | None, want_grams: float) -> bool:
    if got_ndb != want_ndb:
        return False
    return want_ndb is None or abs(got_grams - want_grams) <= GRAMS_TOLERANCE * want_grams


def test_table_has_enough_phrasings() -> None:
    """The accuracy table covers at least 150 phrasings, a third of them Chinese."""
    chinese = [text for text, _ in CASES if any("\u4e00" <= char <= "\u9fff" for char in text)]
    assert len(CASES) >= 150
    assert len(chinese) >= 50


def test_top1_accuracy() -> None:
    """At least 90 % of expected items get the right food (NDB) and weight on the first guess."""
    right = total = 0
    misses: list[str] = []
    for text, expected in CASES:
        items = parse_meal(text).items
        for index, (want_ndb, want_grams) in enumerate(expected):
            total += 1
            item = items[index] if index < len(items) else None
            got_ndb = (item.food.ndb or item.food.key) if item and item.food else None
            got_grams = item.grams if item else 0.0
            if item is not None and _right(got_ndb, got_grams, want_ndb, want_grams):
                right += 1
            else:
                misses.append(f"{text!r}[{index}]: want {want_ndb} {want_grams} g, got {got_ndb}")
        if len(items) > len(expected):
            misses.append(f"{text!r}: {len(items) - len(expected)} extra item(s)")
            total += len(items) - len(expected)
    accuracy = right / total
    report = f"\nmeal parser top-1 accuracy: {right}/{total} = {accuracy:.1%}\n" + "\n".join(misses)
    print(report)  # noqa: T201 - the issue asks this test to report its accuracy figure
    assert accuracy >= REQUIRED_ACCURACY


@pytest.mark.parametrize(("text", "expected"), [case for case in CASES if len(case[1]) > 1])
def test_multi_item_phrasings_split_into_their_items(text: str, expected: Expected) -> None:
    """A phrasing that names several foods yields exactly that many items."""
    assert len(parse_meal(text).items) == len(expected)


# Calcium against published values (tests/nutrition/meal_phrasings_calcium.py and the held-back
# set): the share of phrasings whose total is within ±10 % and ±25 % of the published figure.
# Measured on the parser before issue #10's meal changes (commit 4b523fe):
#   English 64 % / 64 %, Chinese 15 % / 28 %, held-back English 33 % / 33 %, Chinese 7 % / 33 %.
CALCIUM_SETS: tuple[tuple[str, tuple[PublishedCase, ...], float, float], ...] = (
    ("English", ENGLISH, 0.90, 0.90),
    ("Chinese", CHINESE, 0.90, 0.95),
    ("held-back English", HELD_BACK_ENGLISH, 0.80, 0.90),
    ("held-back Chinese", HELD_BACK_CHINESE, 0.80, 0.90),
)


def _share_within(cases: tuple[PublishedCase, ...], tolerance: float) -> tuple[float, list[str]]:
    right, misses = 0, []
    for text, published_mg, source in cases:
        got = estimate(text)["total_calcium_mg"]
        if abs(got - published_mg) <= tolerance * published_mg:
            right += 1
        else:
            misses.append(f"{text!r}: {got} mg, published {published_mg} mg ({source})")
    return right / len(cases), misses


@pytest.mark.parametrize(("name", "cases", "within_10", "within_25"), CALCIUM_SETS)
def test_calcium_is_near_published_values(
    name: str, cases: tuple[PublishedCase, ...], within_10: float, within_25: float
) -> None:
    """Enough phrasings of each set come within ±10 % and ±25 % of their published calcium."""
    share_10, misses = _share_within(cases, 0.10)
    share_25, _ = _share_within(cases, 0.25)
    report = f"\n{name}: ±10 % {share_10:.0%}, ±25 % {share_25:.0%}\n" + "\n".join(misses)
    print(report)  # noqa: T201 - the issue asks for these figures
    assert share_10 >= within_10
    assert share_25 >= within_25
