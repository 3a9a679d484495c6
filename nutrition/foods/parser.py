"""Meal text → items: amounts, units and foods from what a patient types in English or Chinese.

Beyond reading "2 cups of milk", the parser applies what issue #10 asks of a meal:
- a milk or cream named without its own amount beside coffee, tea or cereal gets a modifier
  portion ("coffee with milk" ≈ 40 ml), and a latte or cappuccino is counted as its milk;
- "made with / set with …" chooses the food row ("tofu made with calcium sulfate") instead of
  adding an item, and "a can of salmon" takes the canned row;
- a bare name that hides a threefold difference ("tofu", "豆腐") is left for the user to choose,
  unless a remembered choice is passed in;
- fortified milk and bread rows follow the country, spinach and rhubarb carry a note, and
  "yesterday" is reported as a day offset.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from nutrition.foods.adjust import finish, weighed
from nutrition.foods.amounts import grams_of
from nutrition.foods.assumptions import Assumption, ModifierPortion
from nutrition.foods.days import day_offset
from nutrition.foods.index import Candidate
from nutrition.foods.items import MAX_ITEM_GRAMS, ParsedItem, ParsedMeal, problem_of
from nutrition.foods.matcher import FoodMatcher, Match, default_matcher
from nutrition.foods.model import FoodRow
from nutrition.foods.modifiers import (
    DRINK_MILK,
    MilkDrink,
    host_context,
    host_servings,
    milk_drink,
    modifier_context,
    portion,
    strip_splash,
)
from nutrition.foods.numbers import Quantity
from nutrition.foods.reading import CN_SIZES, Reading, amount_only, read_chinese, read_english
from nutrition.foods.segments import QUALIFIER_JOIN, Segment, prepare, split_segments
from nutrition.foods.text import has_cjk, singular
from nutrition.foods.units import VOLUME_ML

__all__ = ["MAX_ITEM_GRAMS", "MealParser", "ParsedItem", "ParsedMeal", "parse_meal"]
# Volumes that measure a drink; "a cup of latte", "一杯拿铁" count one drink, not 237 ml.
_MEASURED = frozenset({"ml", "l", "fl oz"})


class MealParser:
    """Parse meal texts against a matcher (built-in foods by default, plus any added layers)."""

    def __init__(
        self,
        matcher: FoodMatcher | None = None,
        *,
        country: str | None = None,
        preferences: Mapping[str, str] | None = None,
    ) -> None:
        """Use `country` ("US", "DE", "CN" or a reference set) for fortified rows, and the
        user's earlier `preferences` ({"tofu": "ndb:16426"}) for ambiguous foods."""
        self.matcher = matcher or default_matcher()
        self.country = country
        self.preferences = dict(preferences or {})
        self._units = self.matcher.household_units

    def parse(self, text: str) -> ParsedMeal:
        """Return the items of a meal text; never raises on odd input."""
        segments: list[Segment] = []
        for segment in split_segments(prepare(text), self._names_food):
            if segments and amount_only(segment.text):  # "cheddar, 1 slice"; "kale, cooked"
                last = segments[-1]
                joined = f"{last.text} {segment.text}"
                segments[-1] = Segment(joined, f"{last.raw} {segment.raw}", last.joiner)
            else:
                segments.append(segment)
        offsets = [day_offset(segment.raw) for segment in segments]
        first = next((offset for offset in offsets if offset is not None), 0)
        items: list[ParsedItem] = []
        current = first
        for segment, offset in zip(segments, offsets, strict=True):
            current = current if offset is None else offset
            previous = items[-1] if items else None
            items.extend(
                replace(item, day_offset=current) for item in self._items(segment, previous)
            )
        unmatched = tuple(item.text for item in items if item.food is None)
        return ParsedMeal(tuple(items), unmatched, first)

    def _is_name(self, text: str) -> bool:
        return self.matcher.lookup(text) is not None

    def _names_food(self, text: str) -> bool:
        """Tell whether text is a known food name, with or without an amount in front."""
        if self._is_name(text):
            return True
        reading = read_chinese(text) or read_english(text)
        return bool(reading.food_text) and self._is_name(reading.food_text)

    def _read(self, piece: str) -> Reading:
        reading = read_chinese(piece) or read_english(piece)
        food = reading.food_text
        if reading.unit == "piece" and food[:1] in CN_SIZES and not self._is_name(food):
            reading = Reading(reading.quantity, CN_SIZES[food[0]], food[1:])  # 一个大苹果
        if reading.food_text and self._is_name(reading.food_text):
            return reading
        if self._is_name(piece):  # "half and half", "三文鱼": the number is part of the name
            return Reading(None, None, piece)
        return reading

    def _finish(self, item: ParsedItem) -> ParsedItem:
        return finish(item, self.matcher, country=self.country, preferences=self.preferences)

    def _items(self, segment: Segment, previous: ParsedItem | None) -> list[ParsedItem]:
        """Return the items of one segment: usually one, two for "oatmeal made with milk"."""
        text = segment.text.replace(QUALIFIER_JOIN, " ")
        piece, _, qualifier = segment.text.partition(QUALIFIER_JOIN)
        if qualifier:  # "tofu made⁠with calcium sulfate": the words before "with" are dropped
            piece = piece.rsplit(" ", 1)[0] if " " in piece else piece
            qualifier = qualifier.removeprefix("with").strip()
        reading = self._read(piece)
        if not qualifier and (drink := milk_drink(reading.food_text)) is not None:
            return [self._finish(self._milk_drink(text, reading, drink))]
        food_text, splash = strip_splash(reading.food_text)
        count = reading.quantity
        splashes = 1.0 if count is None else count.value
        if splash and problem_of(count, None, 0.0) is None and splashes > 0:
            reading = Reading(None, None, food_text)  # "two splashes of milk": 2 splashes
        else:  # an odd count ("nan splashes") stays on the item, to be flagged
            splash, splashes = False, 1.0
            reading = Reading(count, reading.unit, food_text)
        splash = splash or segment.little
        qualified = self._qualified(food_text, qualifier)
        item = replace(self._item(piece, reading, qualified), text=text)
        if qualifier and qualified is None and item.food is not None:
            added = self._qualifier_item(qualifier, item)
            if added is not None:
                return [self._finish(item), self._finish(added)]
            item = replace(item, assumptions=(Assumption("qualifier_ignored", qualifier),))
        host = previous if segment.added else None
        modified = self._as_modifier(item, host, splash=splash, splashes=splashes)
        return [self._finish(modified or item)]

    def _qualified(self, food_text: str, qualifier: str) -> FoodRow | None:
        """Return the row a qualifier names with its food ("tofu" + "calcium sulfate")."""
        if not qualifier:
            return None
        for name in (f"{food_text} with {qualifier}", f"{qualifier} {food_text}"):
            if (row := self.matcher.lookup(name)) is not None:
                return row
        return None

    def _qualifier_item(self, qualifier: str, host: ParsedItem) -> ParsedItem | None:
        """Return "milk" of "oatmeal made with milk" as a modifier item, if it is one."""
        reading = self._read(qualifier)
        item = self._item(qualifier, reading, None)
        return self._as_modifier(item, host, splash=False, qualified=True)

    def _as_modifier(
        self,
        item: ParsedItem,
        host: ParsedItem | None,
        *,
        splash: bool,
        splashes: float = 1.0,
        qualified: bool = False,
    ) -> ParsedItem | None:
        """Recount a milk without its own amount at its modifier portion; None if not one."""
        if item.food is None or item.problem or item.quantity is not None or item.unit:
            return None
        host_food = host.food if host is not None and host.modifier is None else None
        context = modifier_context(
            item.food, host_context(host_food) if host_food else None, splash=splash
        )
        if context is None or (qualified and host_food is None):
            return None
        servings = host_servings(host_food, host.grams) if host_food and host else 1.0
        if context == "splash":
            servings = splashes
        host_text = host.text if host is not None else ""
        assumed = portion(context, host_text, servings)
        return weighed(item, item.food, assumed)

    def _milk_drink(self, piece: str, reading: Reading, drink: MilkDrink) -> ParsedItem:
        """Count "a latte" as the milk it holds (the espresso adds almost no calcium)."""
        milk = self.matcher.lookup(DRINK_MILK["zh" if has_cjk(piece) else "en"])
        if milk is None:
            return self._item(piece, reading, None)
        quantity = reading.quantity or Quantity(1.0)
        servings = quantity.value
        if reading.unit in _MEASURED:  # "500 ml latte": servings of the drink's volume
            servings *= VOLUME_ML[reading.unit] / drink.serving_ml
        assumed = ModifierPortion("milk_drink", piece, drink.milk_ml, servings)
        grams = grams_of(milk, assumed.ml, "ml").grams
        found = (Candidate(milk, 100.0, True, 1.0),)
        item = ParsedItem(piece, milk, found, True, 0.0, None, None, None)
        problem = problem_of(replace(quantity, value=servings), None, grams)
        if problem is not None:
            return replace(item, confident=False, problem=problem, quantity=servings)
        return weighed(item, milk, assumed)

    def _item(self, piece: str, reading: Reading, qualified: FoodRow | None) -> ParsedItem:
        unit, food_text, quantity = reading.unit, reading.food_text, reading.quantity
        if not food_text:
            return ParsedItem(piece, None, (), False, 0.0, None, None, None)
        if qualified is not None:
            match = Match((Candidate(qualified, 100.0, True, 1.0),))
        else:
            match = self.matcher.match(food_text)
        if unit is None:
            unit, match, food_text = self._household_unit(food_text, match)
        best = match.best
        if best is None:
            return ParsedItem(piece, None, match.candidates, False, 0.0, None, None, None)
        food = best.food
        assumptions: tuple[Assumption, ...] = ()
        if unit == "can" and "canned" not in (food.sr_name or food.name).casefold():
            canned = self.matcher.lookup(f"canned {food_text}")
            if canned is not None:  # "a can of salmon" is canned salmon, bones and all
                food, assumptions = canned, (Assumption("canned", canned.key),)
        if unit is None and quantity is not None:
            unit = self._counted_unit(food, food_text)
        value = None if quantity is None else quantity.value
        amount = grams_of(food, value, unit)
        problem = problem_of(quantity, unit, amount.grams)
        ok = problem is None
        nutrients = food.per_grams(amount.grams if ok else 0.0)
        return ParsedItem(
            text=piece,
            food=food,
            candidates=match.candidates,
            confident=ok and match.confident,
            grams=amount.grams if ok else 0.0,
            calcium_mg=nutrients["calcium_mg"] if ok else None,
            vitamin_d_iu=nutrients["vitamin_d_iu"] if ok else None,
            vitamin_k_ug=nutrients["vitamin_k_ug"] if ok else None,
            approximate=amount.approximate or bool(quantity and quantity.approximate),
            problem=problem,
            quantity=value,
            unit=unit,
            assumptions=assumptions,
        )

    def _household_unit(self, text: str, match: Match) -> tuple[str | None, Match, str]:
        """Read "a stalk of celery": a first word that is one of the food's own measures."""
        head, _, rest = text.partition(" ")
        word = singular(head)
        rest = rest.removeprefix("of ").strip()
        if rest and word in self._units:
            trial = self.matcher.match(rest)
            best = trial.best
            if best is not None and any(word in (p.unit, p.size) for p in best.food.portions):
                names = " ".join((best.food.name, *best.food.aliases)).casefold()
                if word not in names:  # in "pizza slice", "pizza" is the food, not a measure
                    return word, trial, rest
        return None, match, text

    @staticmethod
    def _counted_unit(food: FoodRow, food_text: str) -> str | None:
        """Use the food's own count word: "2 sardines" → its "sardine" measure, if SR26 has one."""
        words = food_text.split()
        last = singular(words[-1]) if words else ""
        default = food.default()
        if default is not None and default.size is not None and default.unit != last:
            return None  # "a muffin" is the default medium one, not SR's odd "1 muffin" weight
        return last if any(portion.unit == last for portion in food.portions) else None


def parse_meal(
    text: str,
    matcher: FoodMatcher | None = None,
    *,
    country: str | None = None,
    preferences: Mapping[str, str] | None = None,
) -> ParsedMeal:
    """Parse a meal text ("2 cups of skim milk and 100 g tofu", "一杯牛奶，两片面包")."""
    return MealParser(matcher, country=country, preferences=preferences).parse(text)
