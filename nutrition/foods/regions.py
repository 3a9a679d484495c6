"""Fortification by country: which milk and which white bread a patient most likely has.

SR26's standard milks have added vitamin D and its white bread added calcium, as sold in the
US. Elsewhere that is usually not so, and the difference is large: 260 mg calcium per 100 g
in US white bread (SR26 18069) against 57 mg in an unfortified one (SR26 18073), 51 IU
vitamin D per 100 g in US whole milk (01077) against 2 IU without it (01211). The row is
swapped for its unfortified twin where the country does not fortify; the grams stay, and the
item reports which was assumed.
"""

from __future__ import annotations

import re

from nutrition.foods.assumptions import Assumption
from nutrition.foods.text import has_cjk

# Countries whose milk is assumed to have added vitamin D: the US (SR26 describes its standard
# fluid milks "with added vitamin D") and Canada, where the Food and Drug Regulations require
# 2 µg vitamin D per 100 ml (C.R.C., c. 870, B.08.005). German and Chinese milk usually has none.
MILK_VITAMIN_D = frozenset({"US", "CA"})
# Countries whose white bread is assumed calcium-fortified: the US (SR26 18069, 260 mg/100 g)
# and the UK, where the Bread and Flour Regulations 1998 (Schedule 1) require 235–390 mg calcium
# carbonate per 100 g of white and brown flour.
BREAD_CALCIUM = frozenset({"US", "GB"})
# Each fortified row and its unfortified SR26 twin.
MILK_TWINS = {"ndb:01077": "ndb:01211", "ndb:01079": "ndb:01174", "ndb:01085": "ndb:01151"}
BREAD_TWINS = {"ndb:18069": "ndb:18073", "ndb:18070": "ndb:18073"}
# The reference sets of nutrition.reference stand for these countries when no country is known.
_REFERENCE_COUNTRY = {"us": "US", "eu": "EU", "cn": "CN"}
_ALIASES = {"UK": "GB", "USA": "US", "PRC": "CN"}
# Words by which the user names the fortification themselves: then no country is assumed.
_NAMED = re.compile(r"vitamin\s*d|fortified|enriched|强化|维生素\s*d|加钙|高钙", re.IGNORECASE)


def country_code(country: str | None) -> str | None:
    """Return an upper-case country code for "de", "US", "uk" or a reference set ("eu")."""
    if country is None or not country.strip():
        return None
    text = country.strip()
    if text in _REFERENCE_COUNTRY:
        return _REFERENCE_COUNTRY[text]
    code = text.upper()
    return _ALIASES.get(code, code)


def assumed_country(country: str | None, item_text: str) -> str:
    """Return the country given, else CN for an item written in Chinese, else US."""
    return country_code(country) or ("CN" if has_cjk(item_text) else "US")


def regional_key(key: str, country: str, text: str = "") -> tuple[str, Assumption | None]:
    """Return the row key to use in a country, and what was assumed (None: not country-bound,
    or the text names the fortification: "vitamin D milk")."""
    if _NAMED.search(text):
        return key, None
    for twins, fortifying in ((MILK_TWINS, MILK_VITAMIN_D), (BREAD_TWINS, BREAD_CALCIUM)):
        if key in twins:
            if country in fortifying:
                return key, Assumption("fortified", country)
            return twins[key], Assumption("unfortified", country)
        if key in twins.values():
            return key, None  # the user named the unfortified food themselves
    return key, None
