"""What the parser assumed for an item, as values the bot can show and let the user change."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Why a row or an amount was assumed:
# - "fortified" / "unfortified": the country's milk or white bread (detail: the country code);
# - "remembered_choice": the user's earlier answer for an ambiguous food (detail: the group);
# - "qualifier_ignored": "made with …" named nothing the table knows (detail: those words);
# - "canned": "a can of salmon" took the canned row (detail: the canned row's key).
AssumptionKind = Literal[
    "fortified", "unfortified", "remembered_choice", "qualifier_ignored", "canned"
]
# Where a modifier portion comes from: milk in coffee or tea, a splash, cream, milk on
# cereal, or the milk of a milk drink such as a latte.
ModifierContext = Literal["coffee_tea", "splash", "cream", "cereal", "milk_drink"]


@dataclass(frozen=True, slots=True)
class Assumption:
    """One thing the parser assumed for an item; `detail` says which country, group or words."""

    kind: AssumptionKind
    detail: str = ""

    def to_dict(self) -> dict[str, str]:
        """Return the JSON form used by `foods estimate --json`."""
        return {"kind": self.kind, "detail": self.detail}


@dataclass(frozen=True, slots=True)
class ModifierPortion:
    """An ingredient named without its own amount ("coffee with milk"), counted small."""

    context: ModifierContext
    host: str  # the text of the food it goes with: "coffee", "a latte"
    ml_per_serving: float
    servings: float = 1.0

    @property
    def ml(self) -> float:
        """Return the whole assumed volume: the portion per host serving times the servings."""
        return self.ml_per_serving * self.servings

    def to_dict(self) -> dict[str, str | float]:
        """Return the JSON form used by `foods estimate --json`."""
        return {"context": self.context, "host": self.host, "ml": round(self.ml, 1)}
