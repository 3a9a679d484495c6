"""Read how many tablets make one dose: whole, half and quarter tablets ("1.5", "½", "1 1/2")."""

import re
from decimal import Decimal, InvalidOperation

# Scored tablets are split in halves, some in quarters (the smallest piece a tablet splitter
# makes reliably); anything finer is a typo.
TABLET_STEP = Decimal("0.25")
MAX_TABLETS_PER_DOSE = Decimal(10)  # more than ten tablets at once is a typo, not a dose

_FRACTIONS = {"½": "0.5", "¼": "0.25", "¾": "0.75", "半": "0.5"}
_WORDS = {"half": "0.5", "a half": "0.5", "quarter": "0.25", "a quarter": "0.25"}
_MIXED = re.compile(r"^(\d+)?\s*(\d)\s*/\s*(\d)$")


def parse_tablets(text: str) -> Decimal | None:
    """Return the tablets per dose typed, or None when it is no multiple of ¼ from ¼ to 10."""
    cleaned = " ".join(text.strip().lower().split()).removesuffix("tablets").strip()
    cleaned = cleaned.removesuffix("tablet").strip()
    if len(cleaned) > 12:
        return None
    value = _read(cleaned)
    if value is None or not value.is_finite() or value <= 0 or value > MAX_TABLETS_PER_DOSE:
        return None
    if value % TABLET_STEP:
        return None
    return value.normalize() if value != value.to_integral_value() else Decimal(int(value))


def _read(text: str) -> Decimal | None:
    if text in _WORDS:
        return Decimal(_WORDS[text])
    whole, _, tail = text.rpartition(" ") if " " in text else ("", "", text)
    if tail and tail[-1] in _FRACTIONS:
        whole = (whole + " " + tail[:-1]).strip()
        fraction = Decimal(_FRACTIONS[tail[-1]])
        if not whole:
            return fraction
        return Decimal(whole) + fraction if whole.isdigit() else None
    mixed = _MIXED.match(text)
    if mixed is not None:
        units, top, bottom = mixed.groups()
        if bottom == "0":
            return None
        return Decimal(units or 0) + Decimal(top) / Decimal(bottom)
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        return None
