"""How `calcibot foods estimate|search` print their results for a person at a terminal."""

from collections.abc import Iterable, Mapping
from typing import Any


def format_estimate(result: Mapping[str, Any]) -> str:
    """Return an estimate as text: one line per item, the total, and what was not counted."""
    lines = []
    for item in result["items"]:
        source = f" [NDB {item['ndb']}]" if item["ndb"] else f" [{item['key']}]"
        lines.append(
            f"• {item['text']} → {item['food']}{source}: "
            f"{item['grams']:g} g, {item['calcium_mg']:g} mg calcium"
        )
    lines.append(f"Total calcium: {result['total_calcium_mg']:g} mg")
    if result["unmatched"]:
        skipped = ", ".join(result["unmatched"])
        lines.append(f"Not counted (unknown food or implausible amount): {skipped}")
    return "\n".join(lines)


def format_search(hits: Iterable[Mapping[str, Any]]) -> str:
    """Return search hits as text lines."""
    lines = []
    for hit in hits:
        calcium = hit["calcium_mg_per_100g"]
        per_100g = "?" if calcium is None else f"{calcium:g}"
        zh = f" ({hit['name_zh']})" if hit["name_zh"] else ""
        lines.append(f"{hit['ndb'] or hit['key']}  {hit['food']}{zh}: {per_100g} mg Ca/100 g")
    return "\n".join(lines) or "No food found."
