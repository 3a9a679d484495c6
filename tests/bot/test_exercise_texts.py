"""The exercise plan's words: sets and reps, nothing high-impact, the movements to avoid."""

import pytest

from bot.exercise_texts import PLAN_TEXTS, SAFETY_NOTES
from nutrition.exercise import ExerciseKind, default_plan


def test_every_plan_item_has_words() -> None:
    """Each kind in the default plan has a title and a how-to."""
    assert {item.kind for item in default_plan()} <= set(PLAN_TEXTS)


def test_strength_how_to_gives_sets_and_reps() -> None:
    """The strength item says 2 sets of 8 to 12 repetitions [S44]."""
    assert "2 sets of 8 to 12 repetitions" in PLAN_TEXTS[ExerciseKind.STRENGTH][1]


@pytest.mark.parametrize("word", ["jump", "jog", "run", "high-impact", "sit-up", "twist"])
def test_plan_gives_no_high_impact_or_risky_advice(word: str) -> None:
    """No plan item suggests high-impact or spine-loading movements by default [S43, S47]."""
    assert all(word not in how_to.lower() for _, how_to in PLAN_TEXTS.values())


def test_safety_notes_cover_the_movements_to_avoid() -> None:
    """The notes warn of rounded-back bending, twisting, heavy lifts, high impact [S47, S43]."""
    text = " ".join(SAFETY_NOTES).lower()
    for phrase in ("rounded back", "twist", "overhead", "stools", "high-impact", "physiotherapist"):
        assert phrase in text
