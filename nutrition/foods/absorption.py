"""Foods whose calcium is counted but little of it absorbed: oxalate-rich greens and rhubarb.

Weaver et al., NYAS 2022, Table 1 (../shared/reference/domain-facts.md §4.2 [S9]) estimates
the fraction absorbed from a ½-cup serving: spinach 5.1 %, rhubarb 8.5 %, Chinese spinach
(amaranth) 8.4 %, against 32.1 % for milk. Swiss chard is the spinach family's other
high-oxalate leaf named in issue #10. Their calcium stays in the day's total (the limits are
about intake); the item carries a flag so the bot can add a one-line note.
"""

from __future__ import annotations

from typing import Literal

Flag = Literal["low_absorption_oxalate"]
LOW_ABSORPTION_OXALATE: Flag = "low_absorption_oxalate"

OXALATE_KEYS = frozenset(
    {
        *("ndb:11457", "ndb:11458", "ndb:11464", "cfct:045301"),  # spinach, 菠菜
        *("ndb:09307", "ndb:09310"),  # rhubarb
        *("ndb:11147", "ndb:11148"),  # Swiss chard
        *("ndb:11003", "ndb:11004", "cfct:045319"),  # amaranth, 苋菜 ("Chinese spinach")
    }
)


def flags_of(key: str) -> tuple[Flag, ...]:
    """Return the notes a food's item carries (for now only the oxalate one)."""
    return (LOW_ABSORPTION_OXALATE,) if key in OXALATE_KEYS else ()
