"""A meal draft keeps the parser's notes, assumptions and day, and reads older drafts too."""

from nutrition.foods import parse_meal
from services.meal_context import country_of
from services.meal_drafts import (
    MODIFIER_ML_OPTIONS,
    MealPreview,
    from_payload,
    items_of,
    to_payload,
    with_modifier_ml,
)
from storage.models import User


def test_draft_round_trip_keeps_notes_and_day() -> None:
    """Modifier ml, assumptions, flags, choice group and day offset survive the JSON draft."""
    meal = parse_meal("yesterday coffee with milk and 1 cup of spinach", country="DE")
    items = items_of(meal)
    again = from_payload(to_payload(items))
    assert again == items
    milk = next(item for item in again if item.modifier_ml is not None)
    assert (milk.modifier_ml, milk.modifier_context, milk.modifier_host) == (
        40,
        "coffee_tea",
        "coffee",
    )
    assert ("unfortified", "DE") in milk.assumptions
    assert any("low_absorption_oxalate" in item.flags for item in again)
    assert MealPreview(draft_id=1, items=again).day_offset == -1


def test_older_draft_without_the_new_fields_still_reads() -> None:
    """A draft saved before the notes existed reads with no notes and today's day."""
    payload = to_payload(items_of(parse_meal("1 cup of milk")))
    for item in payload["items"]:
        for field in ("modifier_ml", "assumptions", "flags", "choice_group", "day_offset"):
            item.pop(field)
    (item,) = from_payload(payload)
    assert (item.assumptions, item.flags, item.day_offset) == ((), (), 0)


def test_country_comes_from_the_zone_else_the_reference_set() -> None:
    """Berlin reads as DE, Shanghai as CN; without a known zone the reference set is used."""
    assert country_of(User(telegram_id=1, chat_id=1, timezone="Europe/Berlin")) == "DE"
    assert country_of(User(telegram_id=1, chat_id=1, timezone="Asia/Shanghai")) == "CN"
    assert country_of(User(telegram_id=1, chat_id=1, timezone=None, reference_set="us")) == "us"


def test_modifier_amount_scales_its_nutrients() -> None:
    """Counting milk in coffee at 125 ml instead of 40 ml scales grams and calcium by 125/40."""
    items = items_of(parse_meal("coffee with milk", country="US"))
    milk = next(item for item in items if item.modifier_ml == 40)
    assert milk.chosen is not None
    changed = with_modifier_ml(milk, MODIFIER_ML_OPTIONS.index(125))
    assert changed is not None and changed.chosen is not None
    assert changed.modifier_ml == 125
    assert abs(changed.chosen.calcium_mg - milk.chosen.calcium_mg * 125 / 40) <= 1
    assert with_modifier_ml(milk, len(MODIFIER_ML_OPTIONS)) is None
    plain = items_of(parse_meal("1 cup of milk"))[0]
    assert with_modifier_ml(plain, 0) is None  # only a modifier ingredient has an amount to change
