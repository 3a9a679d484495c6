"""Foods whose bare name hides a large difference in calcium, so the bot asks once and remembers.

"Tofu" is 201 mg per 100 g set with nigari and calcium sulfate (SR26 16126), 683 mg firm and
set with calcium sulfate alone (16426), 32 mg silken (16162): three- to twentyfold. 豆腐 in
China is 105 mg as 北豆腐, 113 mg as 南豆腐, 17 mg as 内酯豆腐 (CFCT 6th ed. 031306, 031307,
031304). 海带 is 46 mg fresh, 241 mg soaked and 348 mg dried (052002, 052004, 052003).
A bare name is parsed as the group's default row, marked unsure, with the group's rows as the
candidates; the bot asks, and the answer, passed back as a preference, settles it next time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChoiceGroup:
    """Rows a bare food name may mean: `default` is taken until the user has chosen."""

    name: str
    default: str
    options: tuple[str, ...]


GROUPS: tuple[ChoiceGroup, ...] = (
    ChoiceGroup(
        "tofu",
        "ndb:16126",  # firm, nigari and calcium sulfate: the "nigari ≈ 200 mg"
        ("ndb:16126", "ndb:16426", "ndb:16427", "ndb:16162"),
    ),
    ChoiceGroup(
        "tofu",
        "cfct:031301x",  # 豆腐（代表值）: the table's average of Chinese tofus
        ("cfct:031306", "ndb:16127", "cfct:031304", "ndb:16426"),
    ),
    ChoiceGroup("kelp", "cfct:052002", ("cfct:052002", "cfct:052004", "cfct:052003")),
)
_BY_DEFAULT = {group.default: group for group in GROUPS}


def group_of(key: str) -> ChoiceGroup | None:
    """Return the group whose bare name this row stands for, if any."""
    return _BY_DEFAULT.get(key)


def preferred(group: ChoiceGroup, preferences: Mapping[str, str] | None) -> str | None:
    """Return the row the user chose before for this group, if it is one of its rows."""
    if not preferences:
        return None
    chosen = preferences.get(group.name)
    members = {key for other in GROUPS if other.name == group.name for key in other.options}
    return chosen if chosen in members else None
