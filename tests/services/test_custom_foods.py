"""Custom foods: read label lines, keep them per user, and match them for their owner only."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services import custom_foods, meals
from services.custom_foods import (
    AddRefusal,
    CustomFoodSpec,
    MyFood,
    SpecProblem,
    parse_custom_food,
)
from storage.database import Database
from storage.models import User
from tests.services.builders import make_user


def _spec(text: str) -> CustomFoodSpec:
    spec = parse_custom_food(text)
    assert isinstance(spec, CustomFoodSpec), spec
    return spec


async def _add(database: Database, user: User, text: str) -> MyFood:
    food = await custom_foods.add(database, telegram_id=user.telegram_id, spec=_spec(text))
    assert isinstance(food, MyFood)
    return food


@pytest.mark.parametrize(
    ("text", "name", "calcium_mg", "amount", "unit", "grams"),
    [
        ("my soy milk: 300 mg per cup", "my soy milk", 300, 1, "cup", 236.588),
        ("oat drink 120mg/100ml", "oat drink", 120, 100, "ml", 100),
        ("高钙奶 300mg 每杯", "高钙奶", 300, 1, "cup", 236.588),
        ("高钙奶 钙300毫克 每100毫升", "高钙奶", 300, 100, "ml", 100),
        ("Seeded bread, 60 mg calcium per 2 slices", "Seeded bread", 60, 2, "slice", 200),
        ("Tofu 1,500 mg per kg", "Tofu", 1500, 1, "kg", 1000),
        ("kefir: 1,5 mg per 100 g", "kefir", 1.5, 100, "g", 100),
        ("yogurt 300 mg in a cup", "yogurt", 300, 1, "cup", 236.588),
        ("cereal 200 mg per serving (30 g)", "cereal", 200, 1, "serving", 30),
        ("豆腐 钙350毫克 每块（150克）", "豆腐", 350, 1, "piece", 150),
    ],
)
def test_parse_label_lines(
    text: str, name: str, calcium_mg: float, amount: float, unit: str, grams: float
) -> None:
    """Label lines in English and Chinese give the name, calcium and its basis."""
    spec = _spec(text)
    assert (spec.name, spec.calcium_mg, spec.amount, spec.unit) == (name, calcium_mg, amount, unit)
    assert spec.grams == pytest.approx(grams)


def test_parse_reads_vitamin_d() -> None:
    """A label line may also give vitamin D in IU."""
    spec = _spec("fortified milk: 120 mg calcium, 40 IU vitamin D per 100 ml")
    assert (spec.calcium_mg, spec.vitamin_d_iu) == (120, 40)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", SpecProblem.EMPTY),
        ("   ", SpecProblem.EMPTY),
        ("soy milk " * 40 + "300 mg per cup", SpecProblem.TOO_LONG),
        ("soy milk per cup", SpecProblem.NO_CALCIUM),
        ("soy milk 300 mg", SpecProblem.NO_BASIS),
        ("soy milk 300 mg per wheelbarrow", SpecProblem.NO_BASIS),
        (": 300 mg per cup", SpecProblem.NO_NAME),
        ("soy milk 9000 mg per cup", SpecProblem.TOO_MUCH),
        ("chalk 500 mg per g", SpecProblem.TOO_MUCH),
        ("milk 120 mg, 99999 IU per cup", SpecProblem.TOO_MUCH),
        ("soy milk 300 mg per 0 cup", SpecProblem.TOO_MUCH),
    ],
)
def test_parse_refuses_what_it_cannot_read(text: str, problem: SpecProblem) -> None:
    """Unreadable or implausible label lines are refused with a reason."""
    assert parse_custom_food(text) == problem


@given(st.text(max_size=200))
def test_parse_never_raises_and_stays_plausible(text: str) -> None:
    """Any text gives a problem or a food whose calcium is within physical bounds."""
    spec = parse_custom_food(text)
    if isinstance(spec, CustomFoodSpec):
        assert 0 <= spec.calcium_mg <= custom_foods.MAX_PORTION_CALCIUM_MG
        assert spec.grams > 0
        assert spec.calcium_mg * 100 / spec.grams <= custom_foods.MAX_CALCIUM_MG_PER_100G
        assert 0 < len(spec.name) <= custom_foods.MAX_NAME


async def test_add_list_delete(any_db: Database) -> None:
    """A user's foods are listed oldest first, replaced by name, and deleted by their owner."""
    user, stranger = await make_user(any_db), await make_user(any_db)
    first = await _add(any_db, user, "my soy milk: 300 mg per cup")
    await _add(any_db, user, "oat drink 120mg/100ml")
    again = await _add(any_db, user, "My Soy Milk: 250 mg per cup")
    listed = await custom_foods.list_for(any_db, telegram_id=user.telegram_id)
    assert [(food.name, food.calcium_mg) for food in listed] == [
        ("My Soy Milk", 250),
        ("oat drink", 120),
    ]
    assert again.id == first.id
    assert first.id is not None
    assert not await custom_foods.delete(any_db, telegram_id=stranger.telegram_id, food_id=first.id)
    assert await custom_foods.delete(any_db, telegram_id=user.telegram_id, food_id=first.id)
    assert [f.name for f in await custom_foods.list_for(any_db, telegram_id=user.telegram_id)] == [
        "oat drink"
    ]


async def test_add_refuses_unknown_user_and_too_many(
    any_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Foods are saved only for known users, and only up to the per-user limit."""
    spec = _spec("oat drink 120mg/100ml")
    refusal = await custom_foods.add(any_db, telegram_id=1, spec=spec)
    assert refusal is AddRefusal.NO_USER
    monkeypatch.setattr(custom_foods, "MAX_FOODS_PER_USER", 1)
    user = await make_user(any_db)
    await _add(any_db, user, "oat drink 120mg/100ml")
    second = _spec("soy drink 120mg/100ml")
    refusal = await custom_foods.add(any_db, telegram_id=user.telegram_id, spec=second)
    assert refusal is AddRefusal.TOO_MANY


async def test_custom_food_is_matched_for_its_owner(any_db: Database) -> None:
    """ "2 cups of my soy milk" uses the owner's label: twice 300 mg."""
    user = await make_user(any_db)
    food = await _add(any_db, user, "my soy milk: 300 mg per cup")
    preview = await meals.preview(
        any_db, telegram_id=user.telegram_id, text="2 cups of my soy milk"
    )
    (item,) = preview.items
    assert item.chosen is not None
    assert item.chosen.custom_food_id == food.id
    assert item.chosen.calcium_mg == 600


async def test_custom_food_by_volume(any_db: Database) -> None:
    """A food labelled per 100 ml is weighed by the millilitre."""
    user = await make_user(any_db)
    await _add(any_db, user, "oat drink 120mg/100ml")
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="250 ml oat drink")
    (item,) = preview.items
    assert item.chosen is not None
    assert item.chosen.calcium_mg == 300


async def test_other_users_never_match_a_custom_food(any_db: Database) -> None:
    """User B's meal never matches or offers user A's custom food."""
    owner, other = await make_user(any_db), await make_user(any_db)
    await _add(any_db, owner, "grandma kefir zq: 300 mg per cup")
    await _add(any_db, owner, "my soy milk: 300 mg per cup")
    for text in ("a cup of grandma kefir zq", "2 cups of my soy milk"):
        preview = await meals.preview(any_db, telegram_id=other.telegram_id, text=text)
        keys = {
            choice.key
            for item in preview.items
            for choice in (item.chosen, *item.candidates)
            if choice is not None
        }
        assert not any(key.startswith("custom:") for key in keys)
