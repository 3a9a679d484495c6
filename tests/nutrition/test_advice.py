"""Advice notes: vitamin K changes on warfarin, food first with vascular calcification."""

import pytest

from nutrition.checker import food_first_note, vitamin_k_change_advice


@pytest.mark.parametrize("change", ["added", "changed", "stopped"])
def test_vitamin_k_advice_only_on_warfarin(change: str) -> None:
    """Off warfarin there is no vitamin K advice; on it every change asks for steady intake."""
    assert vitamin_k_change_advice(False, change) is None  # type: ignore[arg-type]
    advice = vitamin_k_change_advice(True, change)  # type: ignore[arg-type]
    assert advice is not None
    assert "steady" in advice
    assert "anticoagulation clinic" in advice


def test_vitamin_k_advice_names_the_change() -> None:
    """Each kind of change gets its own opening sentence."""
    texts = {vitamin_k_change_advice(True, c) for c in ("added", "changed", "stopped")}
    assert len(texts) == 3


def test_vitamin_k_advice_refuses_an_unknown_change() -> None:
    """An unknown change raises ValueError instead of advising on it."""
    with pytest.raises(ValueError, match="unknown"):
        vitamin_k_change_advice(True, "doubled")  # type: ignore[arg-type]


def test_food_first_note_only_with_vascular_calcification() -> None:
    """The food-first note shows for vascular calcification only and makes no treatment claim."""
    assert food_first_note(False) is None
    note = food_first_note(True)
    assert note is not None
    assert note.startswith("Food first")
    assert "doctor" in note
    assert not any(word in note.lower() for word in ("cure", "treat", "reverse", "prevent"))


def test_vitamin_k_food_note_only_for_warfarin_and_rich_meals() -> None:
    """Only a warfarin user's meal with at least 90 µg of vitamin K gets the steady-intake note."""
    from nutrition.advice import vitamin_k_food_note

    assert vitamin_k_food_note(False, 500) is None
    assert vitamin_k_food_note(True, 89) is None
    note = vitamin_k_food_note(True, 90)
    assert note is not None and "90 µg" in note and "same amount" in note
