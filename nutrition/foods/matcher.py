"""Fuzzy food-name matching over built-in, USDA-imported and custom rows (rapidfuzz)."""

from __future__ import annotations

import copy
from collections import ChainMap
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from nutrition.foods.index import Candidate, Layer
from nutrition.foods.model import FoodRow, builtin_foods
from nutrition.foods.text import match_key

# Score thresholds (rapidfuzz WRatio, 0–100), set empirically on the phrasing table in
# tests/nutrition/test_meal_accuracy.py.
ACCEPT_SCORE = 70.0  # the best candidate becomes the item's food from here on
TYPO_SCORE = 83.0  # unless no typed word appears in its name: then only a close misspelling
CONFIDENT_SCORE = 85.0  # and is taken without asking from here on, if no rival is close
CLOSE_RIVAL = 5.0  # a second food within this many points makes the match ambiguous


@dataclass(frozen=True, slots=True)
class Match:
    """The best candidates for one food text, and whether the first is safe to take unasked."""

    candidates: tuple[Candidate, ...]

    @property
    def best(self) -> Candidate | None:
        """Return the first candidate if it is good enough to stand for the text."""
        if not self.candidates:
            return None
        first = self.candidates[0]
        needed = ACCEPT_SCORE if first.coverage > 0 else TYPO_SCORE
        return first if first.score >= needed else None

    @property
    def confident(self) -> bool:
        """Tell whether the best candidate is clearly meant (else the bot asks with buttons)."""
        best = self.best
        if best is None or best.score < CONFIDENT_SCORE:
            return False
        if best.coverage < 1.0 and best.score < 95.0:
            return False  # a typed word is missing from the name: "奶茶" is not just "茶"
        if len(self.candidates) == 1:
            return True
        rival = self.candidates[1]
        if best.exact and not rival.exact:
            return True
        return best.rank - rival.rank >= CLOSE_RIVAL


def _order(candidate: Candidate) -> tuple[float, int, str]:
    return (-candidate.rank, len(candidate.food.name), candidate.food.name)


class FoodMatcher:
    """Find foods by fuzzy name in English or Chinese across layers of rows."""

    # Build one for the built-in table; `with_rows(...)` adds SR-imported or a user's custom rows
    # as a further layer without re-indexing the others (their indexes and caches are shared).

    def __init__(self, rows: Iterable[FoodRow] = ()) -> None:
        layer = Layer(list(rows))
        self._layers: tuple[Layer, ...] = (layer,)
        self._by_key: ChainMap[str, FoodRow] = ChainMap({row.key: row for row in layer.rows})
        self._units = layer.units

    def with_rows(self, rows: Iterable[FoodRow]) -> FoodMatcher:
        """Return a matcher that also searches `rows` (rows already present by key are skipped)."""
        # Cheap enough to do per message for a user's custom foods: nothing is copied or re-indexed.
        layer = Layer([row for row in rows if row.key not in self._by_key])
        other = copy.copy(self)
        other._layers = (*self._layers, layer)
        other._by_key = self._by_key.new_child({row.key: row for row in layer.rows})
        other._units = self._units | layer.units
        return other

    @property
    def rows(self) -> tuple[FoodRow, ...]:
        """Return every searchable row, built-in first."""
        return tuple(row for layer in self._layers for row in layer.rows)

    @property
    def household_units(self) -> frozenset[str]:
        """Return the measure words of all rows' SR26 weights ("stalk", "clove", "slice" …)."""
        return self._units

    def get(self, key: str) -> FoodRow | None:
        """Return the row with this key ("ndb:01079", "custom:7"), if searchable here."""
        return self._by_key.get(key)

    def lookup(self, text: str) -> FoodRow | None:
        """Return the food this exact name or alias belongs to, if exactly one owns it."""
        key = match_key(text)
        for layer in self._layers:
            owners = layer.exact.get(key, [])
            if len(owners) == 1:
                return layer.rows[owners[0]]
        return None

    def match(self, text: str, limit: int = 3) -> Match:
        """Return the best `limit` candidates for a food text."""
        key = match_key(text)
        if not key:
            return Match(())
        found: dict[str, Candidate] = {}
        for layer in self._layers:
            if layer.fallback and any(c.exact for c in found.values()):
                continue  # an exact built-in name already wins; skip the 8,463-row search
            for candidate in layer.search(key):
                found.setdefault(candidate.food.key, candidate)
        ordered = sorted(found.values(), key=_order)
        return Match(tuple(ordered[:limit]))


@cache
def default_matcher() -> FoodMatcher:
    """Return the shared matcher over the built-in table; add layers with `with_rows`."""
    return FoodMatcher(builtin_foods())
