"""Short notes the checker adds: vitamin K changes on warfarin, food first with calcification.

The texts are plain English; the bot may translate them. They give no diagnosis and make no
treatment claim: they point to the person's own clinic or doctor.
"""

from typing import Literal, get_args

__all__ = ["VitaminKChange", "food_first_note", "vitamin_k_change_advice"]

VitaminKChange = Literal["added", "changed", "stopped"]

_OPENINGS: dict[str, str] = {
    "added": "You are adding a vitamin K product.",
    "changed": "You are changing your vitamin K dose.",
    "stopped": "You are stopping a vitamin K product.",
}

# Warfarin and similar anticoagulants work against vitamin K, so people taking them need to
# keep vitamin K intake consistent; the change, not the amount, is what matters [S21, S22].
# Supplements should not be started or stopped without the anticoagulation clinic (§5).
_WARFARIN_ADVICE = (
    " With warfarin, what matters is keeping your vitamin K steady from day to day. "
    "Please talk to your anticoagulation clinic before this change."
)


def vitamin_k_change_advice(takes_warfarin: bool, change: VitaminKChange) -> str | None:
    """Advise steady vitamin K and a word with the anticoagulation clinic; None off warfarin."""
    if change not in get_args(VitaminKChange):
        raise ValueError(f"unknown vitamin K change: {change!r}")
    if not takes_warfarin:
        return None
    return _OPENINGS[change] + _WARFARIN_ADVICE


# Food first: NOF/ASPC prefer food sources and use supplements to fill shortfalls [S48]; for
# users with vascular calcification domain-facts §6 infers "keep supplemental doses to what
# fills the gap ... never let total intake approach the UL"; the seed article (§8) names
# dairy, soy products, fish, shrimp and other seafood.
_FOOD_FIRST = (
    "Food first: dairy, soy foods, fish, shrimp and other seafood can cover much of your "
    "calcium. A supplement is there to fill the gap to your daily target, not to add on top. "
    "Because you told us about vascular calcification, we warn you earlier, well before your "
    "upper limit. Your doctor decides about supplements and medicines."
)


def food_first_note(has_vascular_calcification: bool) -> str | None:
    """Return the food-first note for users with vascular calcification, else None."""
    return _FOOD_FIRST if has_vascular_calcification else None


# A meal carrying at least a whole day's adequate intake (IOM 2001 AI for women: 90 µg [S22])
# is worth a word to someone on warfarin: NIH ODS asks them to keep intake consistent [S21].
VITAMIN_K_MEAL_NOTE_UG = 90


def vitamin_k_food_note(takes_warfarin: bool, meal_vitamin_k_ug: int) -> str | None:
    """Return a steady-intake note for a warfarin user's vitamin-K-rich meal, else None."""
    if not takes_warfarin or meal_vitamin_k_ug < VITAMIN_K_MEAL_NOTE_UG:
        return None
    return (
        f"This meal has about {meal_vitamin_k_ug:,} µg of vitamin K. With warfarin, what matters "
        "is eating about the same amount of vitamin K from day to day, not avoiding it. Ask your "
        "anticoagulation clinic if your diet is changing."
    )
