"""Food rows and household portions: one shape for built-in, USDA-imported and custom foods."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal, cast

from nutrition.foods.units import VOLUME_ML, normalise_unit, unit_size

# "builtin": a curated SR26 row; "cfct": a curated row from the China Food Composition Tables;
# "usda": a full SR26 import; "custom": a user's own food.
Source = Literal["builtin", "usda", "custom", "cfct"]


@dataclass(frozen=True, slots=True)
class Portion:
    """A household measure: `amount` × `unit` weighs `grams` (USDA SR26 WEIGHT.txt)."""

    amount: float
    unit: str
    grams: float
    desc: str = ""
    size: str | None = None

    @property
    def grams_per_unit(self) -> float:
        """Return the weight of one unit of this measure."""
        return self.grams / self.amount

    def label(self) -> str:
        """Return a short human label such as "1 cup (244 g)"."""
        amount = f"{self.amount:g}"
        return f"{amount} {self.desc or self.unit} ({self.grams:g} g)"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of this portion."""
        return {"amount": self.amount, "unit": self.unit, "grams": self.grams, "desc": self.desc}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Portion:
        """Build a portion from its JSON form; the size word is derived from the description."""
        desc = str(data.get("desc") or data["unit"])
        return cls(
            amount=float(data["amount"]),
            unit=str(data["unit"]),
            grams=float(data["grams"]),
            desc=desc,
            size=unit_size(desc),
        )

    @classmethod
    def from_sr(cls, amount: float, msre_desc: str, grams: float) -> Portion:
        """Build a portion from one SR26 WEIGHT.txt row."""
        return cls(amount, normalise_unit(msre_desc), grams, msre_desc, unit_size(msre_desc))


_NUTRIENTS = ("calcium_mg", "vitamin_d_iu", "vitamin_k_ug", "magnesium_mg")


@dataclass(frozen=True, slots=True)
class FoodRow:
    """A food with nutrients per 100 g edible portion; None where the source has no value."""

    name: str
    calcium_mg: float | None
    vitamin_d_iu: float | None = None
    vitamin_k_ug: float | None = None
    magnesium_mg: float | None = None
    ndb: str | None = None
    group: str = ""
    aliases: tuple[str, ...] = ()
    name_zh: str | None = None
    aliases_zh: tuple[str, ...] = ()
    portions: tuple[Portion, ...] = ()
    default_portion: int | None = None
    commonness: int = 1
    source: Source = "builtin"
    sr_name: str | None = None
    custom_id: str | None = None
    code: str | None = None  # China Food Composition Tables food code, for "cfct" rows
    cite: str | None = None  # where a non-SR26 row's nutrient values come from
    portions_from: str | None = None  # the SR26 NDB whose household weights a row borrows

    @property
    def key(self) -> str:
        """Return a stable short id: "ndb:01079", "cfct:031306" or "custom:<id>" (≤ 64 bytes)."""
        if self.ndb is not None:
            return f"ndb:{self.ndb}"
        if self.code is not None:
            return f"cfct:{self.code}"
        return f"custom:{self.custom_id or self.name}"

    def default(self) -> Portion | None:
        """Return the portion meant by "an apple" or "a slice of cheese", if any is known."""
        if self.default_portion is not None and self.default_portion < len(self.portions):
            return self.portions[self.default_portion]
        return self.portions[0] if self.portions else None

    def per_grams(self, grams: float) -> dict[str, float | None]:
        """Return the four nutrients in `grams` of this food (None where unknown)."""
        out: dict[str, float | None] = {}
        for nutrient in _NUTRIENTS:
            per_100g = cast("float | None", getattr(self, nutrient))
            out[nutrient] = None if per_100g is None else per_100g * grams / 100.0
        return out

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used by the packaged table and for storing imported rows."""
        data: dict[str, Any] = {"ndb": self.ndb, "name": self.name, "aliases": list(self.aliases)}
        data |= {"name_zh": self.name_zh, "aliases_zh": list(self.aliases_zh), "group": self.group}
        data |= {nutrient: getattr(self, nutrient) for nutrient in _NUTRIENTS}
        data["portions"] = [portion.to_dict() for portion in self.portions]
        data |= {"default_portion": self.default_portion, "commonness": self.commonness}
        data |= {"source": self.source, "sr_name": self.sr_name, "custom_id": self.custom_id}
        if self.code is not None:
            data |= {"code": self.code, "cite": self.cite, "portions_from": self.portions_from}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> FoodRow:
        """Build a row from its JSON form."""
        return cls(
            name=str(data["name"]),
            ndb=data.get("ndb"),
            aliases=tuple(data.get("aliases") or ()),
            name_zh=data.get("name_zh"),
            aliases_zh=tuple(data.get("aliases_zh") or ()),
            group=str(data.get("group") or ""),
            calcium_mg=_number(data.get("calcium_mg")),
            vitamin_d_iu=_number(data.get("vitamin_d_iu")),
            vitamin_k_ug=_number(data.get("vitamin_k_ug")),
            magnesium_mg=_number(data.get("magnesium_mg")),
            portions=tuple(Portion.from_dict(p) for p in data.get("portions") or ()),
            default_portion=data.get("default_portion"),
            commonness=int(data.get("commonness") or 1),
            source=cast("Source", data.get("source") or "builtin"),
            sr_name=data.get("sr_name"),
            custom_id=data.get("custom_id"),
            code=data.get("code"),
            cite=data.get("cite"),
            portions_from=data.get("portions_from"),
        )


def _number(value: object) -> float | None:
    return None if value is None else float(cast("float", value))


def custom_food(
    name: str,
    *,
    calcium_mg: float,
    amount: float = 1.0,
    unit: str = "serving",
    grams: float | None = None,
    vitamin_d_iu: float | None = None,
    vitamin_k_ug: float | None = None,
    custom_id: str | None = None,
    name_zh: str | None = None,
    aliases: tuple[str, ...] = (),
) -> FoodRow:
    """Build a user's own food from a label ("my soy milk: 300 mg per cup") as a per-100 g row."""
    # Nutrients are per `amount` × `unit`, which weighs `grams`. A volume without a weight is
    # weighed at 1 g per ml (water), as for any food SR26 never weighs by volume.
    unit_key = normalise_unit(unit)
    if grams is None:
        if unit_key not in VOLUME_ML:
            raise ValueError(f"give the weight in grams of {amount:g} {unit}")
        grams = amount * VOLUME_ML[unit_key]
    if not grams > 0 or not amount > 0:
        raise ValueError("amount and grams must be positive")
    scale = 100.0 / grams

    def per_100g(value: float | None) -> float | None:
        return None if value is None else value * scale

    return FoodRow(
        name=name,
        calcium_mg=calcium_mg * scale,
        vitamin_d_iu=per_100g(vitamin_d_iu),
        vitamin_k_ug=per_100g(vitamin_k_ug),
        aliases=aliases,
        name_zh=name_zh,
        portions=(Portion(amount, unit_key, grams, unit, unit_size(unit)),),
        default_portion=0,
        commonness=3,
        source="custom",
        custom_id=custom_id,
    )


@cache
def builtin_foods() -> tuple[FoodRow, ...]:
    """Return the packaged table (data/foods.json, built by scripts/build_food_table.py)."""
    data = resources.files("nutrition.foods.data").joinpath("foods.json").read_text("utf-8")
    return tuple(FoodRow.from_dict(row) for row in json.loads(data)["foods"])
