"""Advice rules: vitamin K changes on warfarin, food first with vascular calcification."""

import pytest

from nutrition.advice import (
    VitaminKChange,
    food_first_due,
    vitamin_k_change_advice_due,
    vitamin_k_food_note_due,
)


@pytest.mark.parametrize("change", list(VitaminKChange))
def test_vitamin_k_advice_only_on_warfarin(change: VitaminKChange) -> None:
    """Off warfarin there is no vitamin K advice; on it every change is advised on."""
    assert vitamin_k_change_advice_due(False, change) is None
    assert vitamin_k_change_advice_due(True, change.value) is change


def test_vitamin_k_advice_refuses_an_unknown_change() -> None:
    """An unknown change raises ValueError instead of advising on it."""
    with pytest.raises(ValueError, match="unknown"):
        vitamin_k_change_advice_due(True, "doubled")


def test_food_first_only_with_vascular_calcification() -> None:
    """The food-first note is due for vascular calcification only."""
    assert (food_first_due(False), food_first_due(True)) == (False, True)


def test_vitamin_k_food_note_only_for_warfarin_and_rich_meals() -> None:
    """Only a warfarin user's meal with at least 90 µg of vitamin K gets the steady-intake note."""
    assert not vitamin_k_food_note_due(False, 500)
    assert not vitamin_k_food_note_due(True, 89)
    assert vitamin_k_food_note_due(True, 90)
