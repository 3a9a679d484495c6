"""Reference intakes by set, age band and sex; age from a year of birth."""

import dataclasses
from datetime import date

import pytest

from nutrition.reference import (
    ReferenceSet,
    Sex,
    age_on,
    default_reference_for_language,
    describe,
    intakes_for,
    intakes_for_birth_year,
)

US, EU, CN = ReferenceSet.US, ReferenceSet.EU, ReferenceSet.CN
F, M, X = Sex.FEMALE, Sex.MALE, Sex.OTHER


@pytest.mark.parametrize(
    ("reference", "age", "expected_mg"),
    [
        (US, 8, 2_500),
        (US, 9, 3_000),
        (US, 18, 3_000),
        (US, 19, 2_500),
        (US, 50, 2_500),
        (US, 51, 2_000),
        (US, 95, 2_000),
        (EU, 8, 2_500),
        (EU, 17, 3_000),
        (EU, 18, 2_500),
        (EU, 50, 2_500),
        (EU, 51, 2_500),
        (CN, 3, 1_500),
        (CN, 4, 2_000),
        (CN, 18, 2_000),
        (CN, 51, 2_000),
    ],
)
def test_calcium_upper_limit_by_age(reference: ReferenceSet, age: int, expected_mg: int) -> None:
    """The calcium UL changes exactly at each body's age-band edges (US 2,500 → 2,000 at 51)."""
    for sex in Sex:
        assert intakes_for(reference, age_years=age, sex=sex).calcium_ul_mg == expected_mg


@pytest.mark.parametrize(
    ("reference", "age", "sex", "expected_mg"),
    [
        (US, 18, F, 1_300),
        (US, 19, F, 1_000),
        (US, 50, F, 1_000),
        (US, 51, F, 1_200),
        (US, 51, M, 1_000),
        (US, 70, F, 1_200),
        (US, 70, M, 1_000),
        (US, 71, M, 1_200),
        (US, 71, F, 1_200),
        (EU, 17, F, 1_150),
        (EU, 18, M, 1_000),
        (EU, 24, F, 1_000),
        (EU, 25, F, 950),
        (EU, 70, M, 950),
        (CN, 17, F, 1_000),
        (CN, 18, F, 800),
        (CN, 49, M, 800),
        (CN, 50, M, 1_000),
    ],
)
def test_calcium_target_by_age_and_sex(
    reference: ReferenceSet, age: int, sex: Sex, expected_mg: int
) -> None:
    """Calcium targets follow the tables' age bands, and US 51–70 women get 1,200, men 1,000."""
    assert intakes_for(reference, age_years=age, sex=sex).calcium_target_mg == expected_mg


@pytest.mark.parametrize(
    ("reference", "age", "target_iu", "ul_iu"),
    [
        (US, 3, 600, 2_500),
        (US, 4, 600, 3_000),
        (US, 8, 600, 3_000),
        (US, 9, 600, 4_000),
        (US, 70, 600, 4_000),
        (US, 71, 800, 4_000),
        (EU, 10, 600, 2_000),
        (EU, 11, 600, 4_000),
        (EU, 80, 600, 4_000),
        (CN, 10, 400, 1_800),
        (CN, 11, 400, 2_000),
        (CN, 64, 400, 2_000),
        (CN, 65, 600, 2_000),
    ],
)
def test_vitamin_d_by_age(reference: ReferenceSet, age: int, target_iu: int, ul_iu: int) -> None:
    """Vitamin D targets and ULs in IU match each body's bands (US/EU adults 4,000, CN 2,000)."""
    intakes = intakes_for(reference, age_years=age, sex=F)
    assert (intakes.vitamin_d_target_iu, intakes.vitamin_d_ul_iu) == (target_iu, ul_iu)


@pytest.mark.parametrize(
    ("reference", "age", "sex", "expected_ug"),
    [
        (US, 18, M, 75),
        (US, 19, M, 120),
        (US, 19, F, 90),
        (US, 60, X, 120),
        (EU, 17, M, 65),
        (EU, 18, M, 70),
        (CN, 60, F, 80),
        (US, 0, F, None),
    ],
)
def test_vitamin_k_adequate_intake(
    reference: ReferenceSet, age: int, sex: Sex, expected_ug: int | None
) -> None:
    """Vitamin K AIs follow the tables, and infant US values below 1 µg precision are None."""
    assert intakes_for(reference, age_years=age, sex=sex).vitamin_k_ai_ug == expected_ug


def test_other_sex_takes_higher_target_and_lower_limit() -> None:
    """Sex OTHER gets the women's 1,200 mg US 51–70 target, not the men's 1,000."""
    other = intakes_for(US, age_years=60, sex=X)
    assert other.calcium_target_mg == 1_200
    assert other.calcium_ul_mg == 2_000
    assert any("sex not given" in source for source in other.sources)


def test_first_year_uses_conservative_infant_values() -> None:
    """Age 0 takes the higher infant target and the lower infant limit (US 260 mg, 1,000 mg)."""
    infant = intakes_for(US, age_years=0, sex=F)
    assert (infant.calcium_target_mg, infant.calcium_ul_mg) == (260, 1_000)
    assert infant.vitamin_d_ul_iu == 1_000


@pytest.mark.parametrize("reference", list(ReferenceSet))
@pytest.mark.parametrize("sex", list(Sex))
def test_tables_cover_every_age_with_target_below_limit(reference: ReferenceSet, sex: Sex) -> None:
    """Every age from 0 to 120 finds exactly one row, and no target exceeds its limit."""
    for age in range(121):
        intakes = intakes_for(reference, age_years=age, sex=sex)
        assert intakes.calcium_target_mg < intakes.calcium_ul_mg
        assert intakes.vitamin_d_target_iu < intakes.vitamin_d_ul_iu


def test_sources_name_the_rows_used() -> None:
    """The sources list each value's row with its source id."""
    sources = intakes_for(US, age_years=51, sex=F).sources
    assert "calcium UL: IOM 2011 UL 51+ y, kidney-stone basis [S1b, S3]" in sources
    assert any(source.startswith("calcium target:") and "S1g" in source for source in sources)


def test_eu_children_fall_back_to_us_calcium_limit_and_say_so() -> None:
    """EFSA sets no calcium UL under 18, so the IOM value is used and both sources are named."""
    sources = intakes_for(EU, age_years=12, sex=M).sources
    ul_source = next(source for source in sources if source.startswith("calcium UL:"))
    assert "EFSA set no UL under 18 [S13]" in ul_source
    assert "IOM 2011" in ul_source


def test_negative_age_is_refused() -> None:
    """A negative age raises ValueError instead of finding no row."""
    with pytest.raises(ValueError, match="age"):
        intakes_for(US, age_years=-1, sex=F)


def test_intakes_are_immutable() -> None:
    """Intakes is frozen, so no caller can loosen a limit in place."""
    intakes = intakes_for(US, age_years=60, sex=F)
    with pytest.raises(dataclasses.FrozenInstanceError):
        intakes.calcium_ul_mg = 9_999  # type: ignore[misc]


def test_citation_names_the_reference_set() -> None:
    """Intakes.citation cites the reference set it came from."""
    assert "IOM 2011" in intakes_for(US, age_years=60, sex=F).citation
    assert "EFSA" in intakes_for(EU, age_years=60, sex=F).citation
    assert "CNS 2013" in intakes_for(CN, age_years=60, sex=F).citation


@pytest.mark.parametrize(
    ("birth_year", "today", "expected"),
    [
        (1974, date(2025, 1, 1), 51),
        (1974, date(2025, 12, 31), 51),
        (2025, date(2025, 6, 1), 0),
    ],
)
def test_age_on_is_the_age_reached_this_year(birth_year: int, today: date, expected: int) -> None:
    """age_on counts the age reached this calendar year, whatever the day."""
    assert age_on(birth_year, today) == expected


def test_age_on_refuses_a_future_birth_year() -> None:
    """A year of birth after today raises ValueError."""
    with pytest.raises(ValueError, match="after"):
        age_on(2026, date(2025, 6, 1))


@pytest.mark.parametrize(
    ("reference", "birth_year", "sex", "field", "expected"),
    [
        (US, 1974, F, "calcium_ul_mg", 2_000),  # 50 or 51: 2,000 is stricter
        (US, 1974, F, "calcium_target_mg", 1_200),
        (US, 2016, F, "calcium_ul_mg", 2_500),  # 8 or 9: 2,500 is stricter than 3,000
        (EU, 2000, F, "calcium_target_mg", 1_000),  # 24 or 25: 1,000 beats 950
        (CN, 2014, M, "vitamin_d_ul_iu", 1_800),  # 10 or 11: 45 µg beats 50 µg
    ],
)
def test_intakes_for_birth_year_takes_the_stricter_age(
    reference: ReferenceSet, birth_year: int, sex: Sex, field: str, expected: int
) -> None:
    """With only a year of birth, the higher target and lower limit of both ages apply."""
    intakes = intakes_for_birth_year(
        reference, birth_year=birth_year, today=date(2025, 3, 1), sex=sex
    )
    assert getattr(intakes, field) == expected


def test_intakes_for_birth_year_in_the_first_year() -> None:
    """Born this year gives the first-year values without asking for age −1."""
    intakes = intakes_for_birth_year(US, birth_year=2025, today=date(2025, 3, 1), sex=F)
    assert intakes == intakes_for(US, age_years=0, sex=F)


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [
        ("zh", CN),
        ("zh-hans", CN),
        ("zh_TW", CN),
        ("de", EU),
        ("fr-FR", EU),
        ("it", EU),
        ("es", EU),
        ("nl", EU),
        ("pl", EU),
        ("pt-br", EU),
        ("en", US),
        ("en-GB", US),
        ("ru", US),
        ("ja", US),
        ("", US),
        (None, US),
    ],
)
def test_default_reference_for_language(language_code: str | None, expected: ReferenceSet) -> None:
    """The suggested set follows the primary language: Chinese → CN, EU languages → EU, else US."""
    assert default_reference_for_language(language_code) is expected


def test_each_reference_set_is_described_with_a_citation() -> None:
    """describe() gives each set its own one-line text with source ids."""
    texts = [describe(reference) for reference in ReferenceSet]
    assert len(set(texts)) == len(texts)
    assert all("[S" in text and "\n" not in text for text in texts)


def test_reference_sets_and_sexes_keep_their_stored_values() -> None:
    """The enum values stored in the database stay what storage expects."""
    assert [r.value for r in ReferenceSet] == ["us", "eu", "cn"]
    assert [s.value for s in Sex] == ["female", "male", "other"]
