"""The searchable index of one layer of food rows: word postings, near spellings, scoring."""

from __future__ import annotations

import heapq
import threading
from collections import Counter, OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from nutrition.foods.model import FoodRow
from nutrition.foods.text import has_cjk, match_key, tokens

# Scores and weights below were set empirically on tests/nutrition/test_meal_accuracy.py.
MIN_SCORE = 55.0  # below this a name is not offered as a candidate at all
_SR_NAME_PENALTY = 8.0  # SR's own wording ranks below the names we curated
_SOURCE_BONUS = {"custom": 5.0, "builtin": 0.0, "cfct": 0.0, "usda": -3.0}
_COVERAGE_WEIGHT = 10.0  # prefer names holding more typed words ("chicken thigh" > "chicken")
_MAX_CANDIDATES = 400  # names gathered per query from the word index
_MAX_SCORED = 80  # of which the closest are scored; keeps a search of all 8,463 SR foods fast
_CACHE_SIZE = 4096
# Words too common to find a food by; they still count when names are compared.
_WEAK_TOKENS = frozenset({"with", "and", "or", "in", "without", "no", "raw", "cooked", "plain"})
# Words that describe rather than name a food: a name may lack them and still be "clearly meant".
_LIGHT_TOKENS = frozenset({"chopped", "sliced", "diced", "fresh", "organic", "homemade", "plain"})
_LIGHT_TOKENS |= frozenset({"hot", "cold", "warm", "iced", "small", "medium", "large", "big"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A food that may be meant, with how well its best name matched (0–100)."""

    food: FoodRow
    score: float
    exact: bool = False
    coverage: float = 0.0

    @property
    def rank(self) -> float:
        """Return the ordering score: similarity, share of typed words found, common foods first."""
        bonus = 0.5 * (self.food.commonness - 1) + _SOURCE_BONUS[self.food.source]
        return self.score + _COVERAGE_WEIGHT * self.coverage + bonus


class Layer:
    """The searchable names of one group of rows, with a token index and a result cache."""

    def __init__(self, rows: Sequence[FoodRow]) -> None:
        self.rows = tuple(rows)
        self.fallback = bool(rows) and all(row.source == "usda" for row in rows)
        self.choices: list[str] = []
        self.words: list[frozenset[str]] = []
        self.owner: list[int] = []
        self.penalty: list[float] = []
        self.exact: dict[str, list[int]] = {}
        postings: dict[str, list[int]] = {}
        for index, row in enumerate(self.rows):
            for label, penalty in _labels(row):
                key = match_key(label)
                if not key:
                    continue
                choice = len(self.choices)
                self.choices.append(key)
                self.words.append(frozenset(tokens(key)))
                self.owner.append(index)
                self.penalty.append(penalty)
                if penalty == 0.0:
                    owners = self.exact.setdefault(key, [])
                    if index not in owners:
                        owners.append(index)
                for token in set(tokens(key)):
                    postings.setdefault(token, []).append(choice)
        self.postings = {token: frozenset(ids) for token, ids in postings.items()}
        self.lengths = [len(choice) for choice in self.choices]
        self.vocabulary: dict[str, list[str]] = {}
        for token in sorted(self.postings):
            if not has_cjk(token):
                self.vocabulary.setdefault(token[0], []).append(token)
        self.units = frozenset(p.unit for row in self.rows for p in row.portions)
        self._similar: dict[str, frozenset[int]] = {}
        self._cache: OrderedDict[str, tuple[Candidate, ...]] = OrderedDict()
        self._lock = threading.Lock()  # the bot may search from worker threads as well

    def _token_ids(self, token: str) -> frozenset[int]:
        """Return the names holding this word or a near spelling ("brocoli", "yoghurt")."""
        edits = _edits_allowed(token)
        if not edits:
            return self.postings.get(token, frozenset())
        found = self._similar.get(token)
        if found is None:
            # One edit (OSA: a swap counts as one) for short words, two from eight letters on.
            bucket = self.vocabulary.get(token[0], [])
            similar = process.extract(
                token, bucket, scorer=OSA.distance, score_cutoff=edits, limit=12
            )
            ids = [self.postings[word] for word, _, _ in similar]
            found = frozenset().union(*ids) if ids else frozenset()
            if len(self._similar) > 50_000:
                self._similar.clear()
            self._similar[token] = found
        return found

    def _candidate_choices(self, words: list[str]) -> list[int]:
        """Return the names sharing most typed words (near spellings count), shortest first."""
        strong = [word for word in words if word not in _WEAK_TOKENS] or words
        sets = sorted((self._token_ids(word) for word in strong), key=len)
        chosen: set[int] = set()
        for ids in sets:
            if chosen and len(chosen) + len(ids) > _MAX_CANDIDATES:
                break
            chosen |= ids
        if len(chosen) <= _MAX_SCORED:
            return sorted(chosen)
        shared: Counter[int] = Counter()
        for ids in sets:
            shared.update(ids & chosen)
        lengths = self.lengths
        best = heapq.nsmallest(
            _MAX_SCORED, chosen, key=lambda choice: (-shared[choice], lengths[choice], choice)
        )
        return sorted(best)

    def search(self, key: str) -> tuple[Candidate, ...]:
        """Return this layer's candidates for a match key, unordered (cached, least recent out)."""
        with self._lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        words = tokens(key)
        typed = frozenset(words) - _LIGHT_TOKENS or frozenset(words)
        ids = self._candidate_choices(words)
        strings = [self.choices[choice] for choice in ids]
        hits = process.extract(
            key, strings, scorer=fuzz.WRatio, processor=None, limit=24, score_cutoff=MIN_SCORE
        )
        best: dict[int, tuple[float, float]] = {}
        for _, score, position in hits:
            choice = ids[position]
            value = score - self.penalty[choice]
            coverage = _coverage(typed, self.words[choice])
            owner = self.owner[choice]
            if value >= MIN_SCORE and (value, coverage) > best.get(owner, (-1.0, 0.0)):
                best[owner] = (value, coverage)
        exact = set(self.exact.get(key, ()))
        found = tuple(
            Candidate(self.rows[index], round(score, 1), index in exact, round(coverage, 3))
            for index, (score, coverage) in best.items()
        )
        with self._lock:
            if len(self._cache) >= _CACHE_SIZE:
                self._cache.popitem(last=False)
            self._cache[key] = found
        return found


def _edits_allowed(word: str) -> int:
    """Return how many edits still count as a misspelling of a word (none below four letters)."""
    if len(word) < 4 or has_cjk(word):
        return 0
    return 1 if len(word) < 8 else 2


def _coverage(typed: frozenset[str], words: frozenset[str]) -> float:
    """Return the share of typed words found in a name, counting close misspellings."""
    found = len(typed & words)
    for word in typed - words:
        edits = _edits_allowed(word)
        if edits and any(OSA.distance(word, other, score_cutoff=edits) <= edits for other in words):
            found += 1
    return found / len(typed)


def _labels(row: FoodRow) -> Iterable[tuple[str, float]]:
    for label in (row.name, *row.aliases, row.name_zh or "", *row.aliases_zh):
        yield label, 0.0
    if row.sr_name and row.sr_name != row.name:
        yield row.sr_name, _SR_NAME_PENALTY
