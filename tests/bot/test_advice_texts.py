"""The checker's notes in words: steady vitamin K, food first, no treatment claims."""

from bot.advice_texts import FOOD_FIRST, vitamin_k_change_text, vitamin_k_food_text
from nutrition.advice import VitaminKChange


def test_vitamin_k_change_asks_for_steady_intake_and_names_the_change() -> None:
    """Every change asks for steady intake and the clinic, each with its own opening."""
    texts = [vitamin_k_change_text(change) for change in VitaminKChange]
    assert all("steady" in text and "anticoagulation clinic" in text for text in texts)
    assert len(set(texts)) == len(texts)


def test_food_first_makes_no_treatment_claim() -> None:
    """The food-first note points to the doctor and promises nothing."""
    assert FOOD_FIRST.startswith("Food first") and "doctor" in FOOD_FIRST
    assert not any(word in FOOD_FIRST.lower() for word in ("cure", "treat", "reverse", "prevent"))


def test_vitamin_k_food_note_gives_the_amount() -> None:
    """The meal note says how much vitamin K the meal has and asks for the same amount daily."""
    text = vitamin_k_food_text(1_250)
    assert "1,250 µg" in text and "same amount" in text
