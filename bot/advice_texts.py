"""The words of the checker's notes: steady vitamin K on warfarin, food first."""

from bot.i18n import translate_constants
from nutrition.advice import VitaminKChange

_OPENINGS = {
    VitaminKChange.ADDED: "You are adding a vitamin K product.",
    VitaminKChange.CHANGED: "You are changing your vitamin K dose.",
    VitaminKChange.STOPPED: "You are stopping a vitamin K product.",
}
_WARFARIN_ADVICE = (
    " With warfarin, what matters is keeping your vitamin K steady from day to day. "
    "Please talk to your anticoagulation clinic before this change."
)
FOOD_FIRST = (
    "Food first: dairy, soy foods, fish, shrimp and other seafood can cover much of your "
    "calcium. A supplement is there to fill the gap to your daily target, not to add on top. "
    "Because you told us about vascular calcification, we warn you earlier, well before your "
    "upper limit. Your doctor decides about supplements and medicines."
)


def vitamin_k_change_text(change: VitaminKChange) -> str:
    """Word the steady-vitamin-K advice for a change of vitamin K supplement."""
    return _OPENINGS[change] + _WARFARIN_ADVICE


def vitamin_k_food_text(meal_vitamin_k_ug: int) -> str:
    """Word the steady-intake note for a vitamin-K-rich meal."""
    return (
        f"This meal has about {meal_vitamin_k_ug:,} µg of vitamin K. With warfarin, what matters "
        "is eating about the same amount of vitamin K from day to day, not avoiding it. Ask your "
        "anticoagulation clinic if your diet is changing."
    )


translate_constants(__name__)
