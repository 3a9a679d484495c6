"""Spacing calcium away from the medicines it interacts with: rules, conflicts, moves.

Policy in short (details in each module): the longest interval the reference gives is the
default and a prescriber's or label's instruction entered by the user wins (`rules`); conflicts
are checked per weekday, across midnight, in wall-clock minutes (`plan`); only calcium moves, by
the smallest step on a clock grid, on its own day, onto no other calcium dose, later on a tie,
and not at all when nothing fits (`moves`). Everything returns values and codes, never words.
"""

from nutrition.spacing.moves import (
    DEFAULT_STEP_MIN,
    DoseWindow,
    Move,
    check_dose_time,
    propose_move,
    propose_moves,
)
from nutrition.spacing.plan import (
    EVERY_DAY,
    CalciumDose,
    Clash,
    Conflict,
    Medicine,
    clashes_at,
    find_conflicts,
)
from nutrition.spacing.rules import (
    Caution,
    Override,
    ReminderHint,
    Spacing,
    caution_for,
    reminder_hint,
    spacing_for,
)

__all__ = [
    "DEFAULT_STEP_MIN",
    "EVERY_DAY",
    "CalciumDose",
    "Caution",
    "Clash",
    "Conflict",
    "DoseWindow",
    "Medicine",
    "Move",
    "Override",
    "ReminderHint",
    "Spacing",
    "caution_for",
    "check_dose_time",
    "clashes_at",
    "find_conflicts",
    "propose_move",
    "propose_moves",
    "reminder_hint",
    "spacing_for",
]
