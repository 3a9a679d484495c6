"""What the meal parser should know of a user: their country and their remembered food choices.

The country picks fortified or unfortified milk and bread rows (nutrition.foods.regions). It is
read from the user's time zone through tzdata's zone.tab (IANA: each zone's ISO 3166 country),
else from the reference set ("us", "eu", "cn").
"""

from functools import cache
from importlib import resources

from storage.models import User


@cache
def _zone_countries() -> dict[str, str]:
    text = resources.files("tzdata").joinpath("zoneinfo", "zone.tab").read_text("utf-8")
    found: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            fields = line.split("\t")
            if len(fields) >= 3:
                found[fields[2]] = fields[0]
    return found


def zone_country(zone: str | None) -> str | None:
    """Return the ISO country of an IANA zone ("Asia/Shanghai" → "CN"), None when unknown."""
    return _zone_countries().get(zone) if zone else None


def country_of(user: User) -> str | None:
    """Return the user's country code from their zone ("Europe/Berlin" → "DE"), else their set."""
    if user.timezone:
        code = _zone_countries().get(user.timezone)
        if code is not None:
            return code
    return user.reference_set


def preferences_of(user: User) -> dict[str, str]:
    """Return the user's remembered answers to ambiguous foods ({"tofu": "ndb:16426"})."""
    return {str(key): str(value) for key, value in (user.food_choices or {}).items()}
