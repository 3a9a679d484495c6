"""When the checker adds a note: vitamin K changes on warfarin, food first with calcification.

The rules only: each function says whether a note is due (and which), never in what words;
the bot words them. The notes give no diagnosis and make no treatment claim: they point to the
person's own clinic or doctor.
"""

from enum import StrEnum

__all__ = [
    "VITAMIN_K_MEAL_NOTE_UG",
    "VitaminKChange",
    "food_first_due",
    "vitamin_k_change_advice_due",
    "vitamin_k_food_note_due",
]


class VitaminKChange(StrEnum):
    """How a warfarin user's vitamin K supplement changes."""

    ADDED = "added"
    CHANGED = "changed"
    STOPPED = "stopped"


def vitamin_k_change_advice_due(
    takes_warfarin: bool, change: VitaminKChange | str
) -> VitaminKChange | None:
    """Return the change to advise on when a warfarin user changes vitamin K; None off warfarin.

    Warfarin and similar anticoagulants work against vitamin K, so people taking them need to
    keep vitamin K intake consistent; the change, not the amount, is what matters [S21, S22].
    Supplements should not be started or stopped without the anticoagulation clinic (§5).
    """
    try:
        kind = VitaminKChange(change)
    except ValueError:
        raise ValueError(f"unknown vitamin K change: {change!r}") from None
    return kind if takes_warfarin else None


def food_first_due(has_vascular_calcification: bool) -> bool:
    """Tell whether the food-first note applies: to users with vascular calcification.

    Food first: NOF/ASPC prefer food sources and use supplements to fill shortfalls [S48]; for
    users with vascular calcification domain-facts §6 infers "keep supplemental doses to what
    fills the gap ... never let total intake approach the UL"; the seed article (§8) names
    dairy, soy products, fish, shrimp and other seafood.
    """
    return has_vascular_calcification


# A meal carrying at least a whole day's adequate intake (IOM 2001 AI for women: 90 µg [S22])
# is worth a word to someone on warfarin: NIH ODS asks them to keep intake consistent [S21].
VITAMIN_K_MEAL_NOTE_UG = 90


def vitamin_k_food_note_due(takes_warfarin: bool, meal_vitamin_k_ug: int) -> bool:
    """Tell whether a warfarin user's meal is rich enough in vitamin K for a steady-intake note."""
    return takes_warfarin and meal_vitamin_k_ug >= VITAMIN_K_MEAL_NOTE_UG
