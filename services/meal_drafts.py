"""What a parsed meal looks like before it is logged, and how it is kept as a JSON draft.

A draft holds everything needed to log or fix the meal (each item's chosen food and its
candidates with their grams and nutrients already worked out), so pressing a button after a
restart, or after the food table changed, logs exactly what the user saw.
"""

from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any

from nutrition.foods import Candidate, FoodRow
from nutrition.foods.amounts import grams_of
from nutrition.foods.parser import MAX_ITEM_GRAMS, ParsedItem, ParsedMeal


class ItemStatus(StrEnum):
    """Where one item of a meal stands."""

    READY = "ready"  # a food the matcher is sure of, or the user chose
    ASK = "ask"  # unsure: the bot asks with the candidates as buttons
    UNKNOWN = "unknown"  # no food found, or "none of these": offer to add a custom food
    PROBLEM = "problem"  # an implausible amount ("500 apples", "0 cups"): ask, never log it


@dataclass(frozen=True, kw_only=True)
class Choice:
    """A food an item may be, with what the item's amount of it weighs and holds."""

    key: str  # "ndb:01079" or "custom:7"
    name: str
    grams: int
    calcium_mg: int
    vitamin_d_iu: int
    vitamin_k_ug: int

    @property
    def ndb(self) -> str | None:
        """Return the USDA NDB number, if this is a USDA food."""
        return self.key.removeprefix("ndb:") if self.key.startswith("ndb:") else None

    @property
    def custom_food_id(self) -> int | None:
        """Return the custom food's id, if this is the user's own food."""
        tail = self.key.removeprefix("custom:")
        return int(tail) if self.key.startswith("custom:") and tail.isdigit() else None


@dataclass(frozen=True, kw_only=True)
class PreviewItem:
    """One item of a meal: what was typed, the food taken for it and the alternatives."""

    text: str
    status: ItemStatus
    chosen: Choice | None
    candidates: tuple[Choice, ...]
    approximate: bool = False
    problem: str | None = None
    # What the parser assumed and noted (issue #10): a modifier's counted ml and its context,
    # the rows chosen by country or a remembered choice as (kind, detail), notes such as
    # "low_absorption_oxalate", the ambiguous-food group an answer is remembered for, and the
    # day the text speaks of (-1: yesterday).
    modifier_ml: int | None = None
    modifier_context: str | None = None
    modifier_host: str | None = None
    assumptions: tuple[tuple[str, str], ...] = ()
    flags: tuple[str, ...] = ()
    choice_group: str | None = None
    day_offset: int = 0

    @property
    def confident(self) -> bool:
        """Tell whether the item can be logged without asking."""
        return self.status is ItemStatus.READY

    @property
    def loggable(self) -> bool:
        """Tell whether "Log" records this item (a food is chosen and the amount is sane)."""
        return self.chosen is not None and self.status is not ItemStatus.PROBLEM


@dataclass(frozen=True, kw_only=True)
class MealPreview:
    """A parsed meal: its items, their totals, and what needs an answer before logging."""

    draft_id: int | None
    items: tuple[PreviewItem, ...]

    def _sum(self, field: str) -> int:
        return sum(getattr(item.chosen, field) for item in self.items if item.loggable)

    @property
    def calcium_mg(self) -> int:
        """Return the calcium of the items that "Log" would record."""
        return self._sum("calcium_mg")

    @property
    def vitamin_d_iu(self) -> int:
        """Return the vitamin D of the items that "Log" would record."""
        return self._sum("vitamin_d_iu")

    @property
    def vitamin_k_ug(self) -> int:
        """Return the vitamin K of the items that "Log" would record."""
        return self._sum("vitamin_k_ug")

    @property
    def unmatched(self) -> tuple[str, ...]:
        """Return the texts that named no known food."""
        return tuple(item.text for item in self.items if item.status is ItemStatus.UNKNOWN)

    @property
    def problems(self) -> tuple[str, ...]:
        """Return the texts with an implausible amount."""
        return tuple(item.text for item in self.items if item.status is ItemStatus.PROBLEM)

    @property
    def day_offset(self) -> int:
        """Return the day the meal speaks of: the first item's offset, never in the future."""
        return min(0, self.items[0].day_offset) if self.items else 0

    @property
    def ready(self) -> bool:
        """Tell whether every item is settled, so the bot offers "✅ Log / ✏️ Fix"."""
        return bool(self.items) and all(item.confident for item in self.items)


def _whole(value: float | None) -> int:
    # Half up, never negative: a parser oddity must not lower a day's total.
    return max(0, int((value or 0.0) + 0.5))


def _choice(food: FoodRow, grams: float) -> Choice:
    nutrients = food.per_grams(grams)
    return Choice(
        key=food.key,
        name=food.name,
        grams=_whole(grams),
        calcium_mg=_whole(nutrients["calcium_mg"]),
        vitamin_d_iu=_whole(nutrients["vitamin_d_iu"]),
        vitamin_k_ug=_whole(nutrients["vitamin_k_ug"]),
    )


def _alternative(item: ParsedItem, candidate: Candidate) -> Choice | None:
    if item.food is not None and candidate.food.key == item.food.key:
        return _choice(item.food, item.grams)
    amount = grams_of(candidate.food, item.quantity, item.unit)
    return _choice(candidate.food, amount.grams) if 0 < amount.grams <= MAX_ITEM_GRAMS else None


def _notes(item: ParsedItem) -> dict[str, Any]:
    modifier = item.modifier
    return {
        "modifier_ml": None if modifier is None else _whole(modifier.ml),
        "modifier_context": None if modifier is None else modifier.context,
        "modifier_host": None if modifier is None else modifier.host,
        "assumptions": tuple((a.kind, a.detail) for a in item.assumptions),
        "flags": tuple(item.flags),
        "choice_group": item.choice_group,
        "day_offset": item.day_offset,
    }


def from_parsed(item: ParsedItem) -> PreviewItem:
    """Turn one parsed item into a preview item, working out every candidate's nutrients."""
    # "0 cups of milk" parses, but a row of nothing is a typo to ask about, not a meal.
    problem = item.problem or ("zero" if item.food is not None and item.grams < 0.5 else None)
    if problem is not None:
        return PreviewItem(
            text=item.text,
            status=ItemStatus.PROBLEM,
            chosen=None,
            candidates=(),
            problem=problem,
            day_offset=item.day_offset,
        )
    options = (_alternative(item, candidate) for candidate in item.candidates)
    candidates = tuple(option for option in options if option is not None)
    chosen = None if item.food is None else _choice(item.food, item.grams)
    if chosen is not None and item.confident:
        status = ItemStatus.READY
    else:
        status = ItemStatus.ASK if candidates else ItemStatus.UNKNOWN
    unknown_calcium = item.food is not None and item.food.calcium_mg is None
    return PreviewItem(
        text=item.text,
        status=status,
        chosen=chosen,
        candidates=candidates,
        approximate=item.approximate or unknown_calcium,
        **_notes(item),
    )


def items_of(meal: ParsedMeal) -> tuple[PreviewItem, ...]:
    """Turn a parsed meal into preview items."""
    return tuple(from_parsed(item) for item in meal.items)


def choose(item: PreviewItem, candidate_index: int | None) -> PreviewItem | None:
    """Settle an item on one candidate, or mark it unknown ("none of these"); None if invalid."""
    if candidate_index is None:
        return replace(item, status=ItemStatus.UNKNOWN, chosen=None, candidates=())
    if item.status is ItemStatus.PROBLEM or not 0 <= candidate_index < len(item.candidates):
        return None
    return replace(item, status=ItemStatus.READY, chosen=item.candidates[candidate_index])


# Amounts a modifier ingredient may be changed to, in ml: a splash (≈ 30 ml), a generous
# pour in coffee or tea (issue #10: 30–50 ml), milk on cereal (≈ 125 ml, issue #10), and a
# cup (250 ml, the Chinese 一杯; a US cup is 237–244 ml, SR26 WEIGHT.txt).
MODIFIER_ML_OPTIONS = (30, 60, 125, 250)


def with_modifier_ml(item: PreviewItem, option: int) -> PreviewItem | None:
    """Count a modifier ingredient at another of MODIFIER_ML_OPTIONS; None if that is not one."""
    chosen, before = item.chosen, item.modifier_ml
    if chosen is None or not before or not 0 <= option < len(MODIFIER_ML_OPTIONS):
        return None
    ml = MODIFIER_ML_OPTIONS[option]

    def scaled(value: int) -> int:
        return _whole(value * ml / before)

    counted = replace(
        chosen,
        grams=scaled(chosen.grams),
        calcium_mg=scaled(chosen.calcium_mg),
        vitamin_d_iu=scaled(chosen.vitamin_d_iu),
        vitamin_k_ug=scaled(chosen.vitamin_k_ug),
    )
    return replace(item, chosen=counted, modifier_ml=ml)


def to_payload(items: tuple[PreviewItem, ...]) -> dict[str, Any]:
    """Return the JSON form of a draft's items."""
    return {"version": 1, "items": [asdict(item) for item in items]}


def _choice_from(data: dict[str, Any]) -> Choice:
    return Choice(**{field: data[field] for field in Choice.__dataclass_fields__})


def from_payload(payload: dict[str, Any]) -> tuple[PreviewItem, ...]:
    """Rebuild a draft's items from their JSON form."""
    return tuple(
        PreviewItem(
            text=str(data["text"]),
            status=ItemStatus(data["status"]),
            chosen=None if data["chosen"] is None else _choice_from(data["chosen"]),
            candidates=tuple(_choice_from(choice) for choice in data["candidates"]),
            approximate=bool(data["approximate"]),
            problem=data["problem"],
            # Drafts saved before these fields existed read as having none.
            modifier_ml=data.get("modifier_ml"),
            modifier_context=data.get("modifier_context"),
            modifier_host=data.get("modifier_host"),
            assumptions=tuple((str(k), str(d)) for k, d in data.get("assumptions") or ()),
            flags=tuple(str(flag) for flag in data.get("flags") or ()),
            choice_group=data.get("choice_group"),
            day_offset=int(data.get("day_offset") or 0),
        )
        for data in payload.get("items", [])
    )
