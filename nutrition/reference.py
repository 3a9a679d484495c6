"""Reference intakes and upper limits for calcium, vitamin D and K by reference set, age and sex.

The numbers live in :mod:`nutrition.dri_tables`, each row with its source id. This module picks
the row for a person and, where we cannot tell which row applies (sex not given, only a year of
birth), takes the conservative one: the higher target and the lower upper limit.
"""

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal

from nutrition import dri_tables
from nutrition.dri_tables import Band
from nutrition.units import IU_PER_UG_VITAMIN_D, iu_from_ug, ug_from_iu

__all__ = [
    "IU_PER_UG_VITAMIN_D",
    "Intakes",
    "ReferenceSet",
    "Sex",
    "age_on",
    "default_reference_for_language",
    "describe",
    "intakes_for",
    "intakes_for_birth_year",
    "iu_from_ug",
    "ug_from_iu",
]


class ReferenceSet(StrEnum):
    """Whose dietary reference values the user follows."""

    US = "us"  # IOM/NASEM 2011 for calcium and vitamin D, IOM 2001 for vitamin K
    EU = "eu"  # EFSA
    CN = "cn"  # Chinese Nutrition Society, 2013 edition


class Sex(StrEnum):
    """Sex as the reference tables split it."""

    FEMALE = "female"
    MALE = "male"
    # Other or not given: we use the higher target and the lower limit of the women's and men's
    # rows, so nobody is told a limit above the one that may apply to them.
    OTHER = "other"


_DESCRIPTIONS: dict[ReferenceSet, tuple[str, str]] = {
    ReferenceSet.US: (
        "United States & Canada: National Academies (IOM/NASEM) 2011 for calcium and "
        "vitamin D, IOM 2001 for vitamin K",
        "IOM 2011 [S1a, S1b, S1f, S4]; IOM 2001 [S22]",
    ),
    ReferenceSet.EU: (
        "European Union: EFSA reference values (calcium 2015, vitamin D 2016, vitamin K 2017) "
        "and upper levels (2012, 2023)",
        "EFSA [S10, S13, S15, S16, S18, S19]",
    ),
    ReferenceSet.CN: (
        "China: Chinese Nutrition Society reference intakes, 2013 edition (WS/T 578.2-2018)",
        "CNS 2013 [S23, S26]",
    ),
}

_TABLES: dict[ReferenceSet, dri_tables.Table] = {
    ReferenceSet.US: dri_tables.US,
    ReferenceSet.EU: dri_tables.EU,
    ReferenceSet.CN: dri_tables.CN,
}

# Official EU languages (English aside: most English speakers on Telegram are not in the EU)
# plus regional languages of member states.
_EU_LANGUAGES = frozenset(
    {
        *("bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr", "hu", "it"),
        *("lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv"),
        *("ca", "eu", "gl", "lb"),  # Catalan, Basque, Galician, Luxembourgish
    }
)


def describe(reference: ReferenceSet) -> str:
    """Name the reference set in one line, with its citation."""
    description, citation = _DESCRIPTIONS[reference]
    return f"{description} ({citation})"


def default_reference_for_language(language_code: str | None) -> ReferenceSet:
    """Suggest a reference set from a Telegram language code (zh → CN, EU languages → EU)."""
    primary = (language_code or "").strip().lower().replace("_", "-").split("-")[0]
    if primary == "zh":
        return ReferenceSet.CN
    if primary in _EU_LANGUAGES:
        return ReferenceSet.EU
    return ReferenceSet.US


# EFSA's dietary reference values serve the EU and EEA states and Switzerland; the UK kept
# them in practice after 2020 (SACN sets no calcium UL of its own). CNS 2013 is China's,
# also used in Hong Kong and Macao.
_EFSA_COUNTRIES = frozenset(
    {
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
        "CH",
        "GB",
    }
)
_CNS_COUNTRIES = frozenset({"CN", "HK", "MO"})


def default_reference_for_country(country: str | None) -> ReferenceSet | None:
    """Suggest a reference set from where the user lives (ISO country code), if it tells."""
    code = (country or "").upper()
    if code in _CNS_COUNTRIES:
        return ReferenceSet.CN
    if code in _EFSA_COUNTRIES:
        return ReferenceSet.EU
    if code == "US":
        return ReferenceSet.US
    return None


@dataclass(frozen=True, kw_only=True)
class Intakes:
    """Daily targets and upper limits for one person under one reference set."""

    calcium_target_mg: int
    calcium_ul_mg: int
    vitamin_d_target_iu: int
    vitamin_d_ul_iu: int
    vitamin_k_ai_ug: int | None
    sources: tuple[str, ...]
    reference: ReferenceSet

    @property
    def citation(self) -> str:
        """Cite the reference set in a few words, e.g. "IOM 2011 [S1a, …]"."""
        return _DESCRIPTIONS[self.reference][1]


def age_on(birth_year: int, today: date) -> int:
    """Return the age reached this calendar year: ``today.year - birth_year``.

    We only know the year of birth, so the true age is this or one less. Taking the age the
    person reaches this year moves them into an older band up to a year early. From 18 on
    that is the safe side: every later change of a limit lowers it (US calcium UL 3,000 →
    2,500 mg at 19 and 2,500 → 2,000 mg at 51 [S1a, S1b]). Children's limits rise with age,
    so for them it is not; :func:`intakes_for_birth_year` removes the doubt at every age by
    using the stricter of both possible ages.
    """
    if birth_year > today.year:
        raise ValueError(f"birth year {birth_year} is after {today.year}")
    return today.year - birth_year


_SexRow = Literal["female", "male"]
_SEX_ROWS: dict[Sex, tuple[_SexRow, ...]] = {
    Sex.FEMALE: ("female",),
    Sex.MALE: ("male",),
    Sex.OTHER: ("female", "male"),
}


def _row(bands: tuple[Band, ...], age: int, sex: _SexRow) -> Band:
    matches = [band for band in bands if band.covers(age, sex)]
    if len(matches) != 1:
        raise LookupError(f"{len(matches)} rows for age {age}, {sex}: the table is broken")
    return matches[0]


def _pick(
    bands: tuple[Band, ...],
    ages: Iterable[int],
    sexes: tuple[_SexRow, ...],
    prefer: Callable[[list[Band]], Band],
) -> Band:
    return prefer([_row(bands, age, sex) for age in ages for sex in sexes])


def _highest(rows: list[Band]) -> Band:
    return max(rows, key=lambda band: -1 if band.value is None else band.value)


def _lowest(rows: list[Band]) -> Band:
    return min(rows, key=lambda band: math.inf if band.value is None else band.value)


def _value(band: Band) -> int:
    if band.value is None:
        raise LookupError(f"no value in row {band.source!r}")
    return band.value


def _conservative(reference: ReferenceSet, ages: tuple[int, ...], sex: Sex) -> Intakes:
    if any(isinstance(age, bool) or not isinstance(age, int) or age < 0 for age in ages):
        raise ValueError(f"age must be a whole number of years, zero or more: {ages}")
    table, sexes = _TABLES[reference], _SEX_ROWS[sex]
    ca_target = _pick(table.calcium_target_mg, ages, sexes, _highest)
    ca_ul = _pick(table.calcium_ul_mg, ages, sexes, _lowest)
    d_target = _pick(table.vitamin_d_target_iu, ages, sexes, _highest)
    d_ul = _pick(table.vitamin_d_ul_iu, ages, sexes, _lowest)
    k_ai = _pick(table.vitamin_k_ai_ug, ages, sexes, _highest)
    notes: list[str] = []
    if len(sexes) > 1:
        notes.append("sex not given: higher target and lower limit of women's and men's rows")
    if len(ages) > 1:
        notes.append(
            f"year of birth only: higher target and lower limit of ages {ages[0]} and {ages[1]}"
        )
    return Intakes(
        calcium_target_mg=_value(ca_target),
        calcium_ul_mg=_value(ca_ul),
        vitamin_d_target_iu=_value(d_target),
        vitamin_d_ul_iu=_value(d_ul),
        vitamin_k_ai_ug=k_ai.value,
        sources=(
            f"calcium target: {ca_target.source}",
            f"calcium UL: {ca_ul.source}",
            f"vitamin D target: {d_target.source}",
            f"vitamin D UL: {d_ul.source}",
            f"vitamin K AI: {k_ai.source}",
            *notes,
        ),
        reference=reference,
    )


def intakes_for(reference: ReferenceSet, *, age_years: int, sex: Sex) -> Intakes:
    """Look up the targets and upper limits for one age in whole years and one sex."""
    return _conservative(reference, (age_years,), sex)


def intakes_for_birth_year(
    reference: ReferenceSet, *, birth_year: int, today: date, sex: Sex
) -> Intakes:
    """Look up intakes for a year of birth, the stricter of the two ages the person may be."""
    age = age_on(birth_year, today)
    ages = (age - 1, age) if age > 0 else (age,)
    return _conservative(reference, ages, sex)
