"""Reference intake tables of the three bodies, by age band (and sex where they differ).

Ages are whole years, a band covers ``min_age <= age < max_age`` (``None``: open-ended), so
"19–50 y" is written ``19, 51``. Calcium in mg of elemental calcium; vitamin D in IU (µg × 40,
the µg a body publishes is in the comment); vitamin K in µg. All ULs here count total intake
from food and supplements [S2, S13, S20]; the Chinese definition is unconfirmed (§1.3).

The first year of life is one band because we only know a year of birth: where a body splits
it at 6 months we keep the higher target and the lower limit (conservative), and say so.
"""

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Band:
    """One row: a value for ages ``[min_age, max_age)``, optionally for one sex only."""

    min_age: int
    max_age: int | None
    value: int | None
    source: str
    sex: Literal["female", "male"] | None = None

    def covers(self, age: int, sex: Literal["female", "male"]) -> bool:
        """Tell whether this row applies to a person of this age and sex."""
        in_band = self.min_age <= age and (self.max_age is None or age < self.max_age)
        return in_band and self.sex in (None, sex)


@dataclass(frozen=True)
class Table:
    """All the rows one reference set needs."""

    calcium_target_mg: tuple[Band, ...]
    calcium_ul_mg: tuple[Band, ...]
    vitamin_d_target_iu: tuple[Band, ...]
    vitamin_d_ul_iu: tuple[Band, ...]
    vitamin_k_ai_ug: tuple[Band, ...]


US = Table(
    calcium_target_mg=(
        Band(0, 1, 260, "IOM 2011 AI 7–12 mo, the higher infant value [S4, S5]"),
        Band(1, 4, 700, "IOM 2011 RDA 1–3 y [S4, S5]"),
        Band(4, 9, 1_000, "IOM 2011 RDA 4–8 y [S4, S5]"),
        Band(9, 19, 1_300, "IOM 2011 RDA 9–18 y [S4, S5]"),
        Band(19, 51, 1_000, "IOM 2011 RDA 19–50 y [S4, S5]"),
        Band(51, 71, 1_000, "IOM 2011 RDA men 51–70 y [S4, S5, S1g]", sex="male"),
        Band(51, 71, 1_200, "IOM 2011 RDA women 51–70 y [S4, S5, S1g]", sex="female"),
        Band(71, None, 1_200, "IOM 2011 RDA 71+ y [S4, S5]"),
    ),
    calcium_ul_mg=(
        Band(0, 1, 1_000, "IOM 2011 UL 0–6 mo, the lower infant value [S1e, S3]"),
        Band(1, 9, 2_500, "IOM 2011 UL 1–8 y [S1a, S3]"),
        Band(9, 19, 3_000, "IOM 2011 UL 9–18 y [S1a, S3]"),
        Band(19, 51, 2_500, "IOM 2011 UL 19–50 y [S1b, S3]"),
        Band(51, None, 2_000, "IOM 2011 UL 51+ y, kidney-stone basis [S1b, S3]"),
    ),
    vitamin_d_target_iu=(
        Band(0, 1, 400, "IOM 2011 AI infants, 10 µg [S4, S5]"),
        Band(1, 71, 600, "IOM 2011 RDA 1–70 y, 15 µg [S1d, S5]"),
        Band(71, None, 800, "IOM 2011 RDA 71+ y, 20 µg [S1d, S5]"),
    ),
    vitamin_d_ul_iu=(
        Band(0, 1, 1_000, "IOM 2011 UL 0–6 mo, 25 µg, the lower infant value [S62, S1f]"),
        Band(1, 4, 2_500, "IOM 2011 UL 1–3 y [S1f]"),
        Band(4, 9, 3_000, "IOM 2011 UL 4–8 y [S1f]"),
        Band(9, None, 4_000, "IOM 2011 UL 9+ y, 100 µg [S1f]"),
    ),
    vitamin_k_ai_ug=(
        # Infant AIs are 2.0 and 2.5 µg: finer than the whole µg we show, so none is given.
        Band(0, 1, None, "IOM 2001 AI infants 2.0–2.5 µg, not shown [S22]"),
        Band(1, 4, 30, "IOM 2001 AI 1–3 y [S22]"),
        Band(4, 9, 55, "IOM 2001 AI 4–8 y [S22]"),
        Band(9, 14, 60, "IOM 2001 AI 9–13 y [S22]"),
        Band(14, 19, 75, "IOM 2001 AI 14–18 y [S22]"),
        Band(19, None, 120, "IOM 2001 AI men 19+ y [S22]", sex="male"),
        Band(19, None, 90, "IOM 2001 AI women 19+ y [S22]", sex="female"),
    ),
)

# EFSA sets no calcium UL under 18 [S13]. Rather than leave children without a limit, we use
# the IOM 2011 UL for the same age and name both sources, so the user can see where it came from.
_EFSA_NO_CHILD_UL = "EFSA set no UL under 18 [S13]; IOM 2011 UL"

EU = Table(
    calcium_target_mg=(
        Band(0, 1, 280, "EFSA 2015 AI 7–11 mo [S11]"),
        Band(1, 4, 450, "EFSA 2015 PRI 1–3 y [S11]"),
        Band(4, 11, 800, "EFSA 2015 PRI 4–10 y [S11]"),
        Band(11, 18, 1_150, "EFSA 2015 PRI 11–17 y [S11]"),
        Band(18, 25, 1_000, "EFSA 2015 PRI 18–24 y [S11]"),
        Band(25, None, 950, "EFSA 2015 PRI 25+ y [S12, S10]"),
    ),
    calcium_ul_mg=(
        Band(0, 1, 1_000, f"{_EFSA_NO_CHILD_UL} 0–6 mo used [S1e]"),
        Band(1, 9, 2_500, f"{_EFSA_NO_CHILD_UL} 1–8 y used [S1a]"),
        Band(9, 18, 3_000, f"{_EFSA_NO_CHILD_UL} 9–18 y used [S1a]"),
        Band(18, None, 2_500, "EFSA 2012 UL adults [S13, S14]"),
    ),
    vitamin_d_target_iu=(
        Band(0, 1, 400, "EFSA 2016 AI 7–11 mo, 10 µg [S18]"),
        Band(1, None, 600, "EFSA 2016 AI 1+ y, 15 µg [S18]"),
    ),
    vitamin_d_ul_iu=(
        Band(0, 1, 1_000, "EFSA 2018 UL 0–6 mo, 25 µg, the lower infant value [S17]"),
        Band(1, 11, 2_000, "EFSA 2012/2023 UL 1–10 y, 50 µg [S15, S16]"),
        Band(11, None, 4_000, "EFSA 2012/2023 UL 11+ y, 100 µg [S15, S16]"),
    ),
    vitamin_k_ai_ug=(
        Band(0, 1, 10, "EFSA 2017 AI 7–11 mo [S19]"),
        Band(1, 4, 12, "EFSA 2017 AI 1–3 y [S19]"),
        Band(4, 7, 20, "EFSA 2017 AI 4–6 y [S19]"),
        Band(7, 11, 30, "EFSA 2017 AI 7–10 y [S19]"),
        Band(11, 15, 45, "EFSA 2017 AI 11–14 y [S19]"),
        Band(15, 18, 65, "EFSA 2017 AI 15–17 y [S19]"),
        Band(18, None, 70, "EFSA 2017 AI adults [S19]"),
    ),
)

# CNS 2013 values come from an open-source encoding of the tables, not the book (confidence C,
# domain-facts §1.3, §2.3). The 2023 edition reportedly lowers the 50+ calcium RNI to 800 mg;
# that is unconfirmed, so the 2013 values stay until someone checks the book [S24, S25].
CN = Table(
    calcium_target_mg=(
        Band(0, 1, 250, "CNS 2013 AI 0.5–1 y, the higher infant value [S23]"),
        Band(1, 4, 600, "CNS 2013 RNI 1–3 y [S23]"),
        Band(4, 7, 800, "CNS 2013 RNI 4–6 y [S23]"),
        Band(7, 11, 1_000, "CNS 2013 RNI 7–10 y [S23]"),
        Band(11, 14, 1_200, "CNS 2013 RNI 11–13 y [S23]"),
        Band(14, 18, 1_000, "CNS 2013 RNI 14–17 y [S23]"),
        Band(18, 50, 800, "CNS 2013 RNI 18–49 y [S23]"),
        Band(50, None, 1_000, "CNS 2013 RNI 50+ y [S23, S26]"),
    ),
    calcium_ul_mg=(
        Band(0, 1, 1_000, "CNS 2013 UL 0–0.5 y, the lower infant value [S23]"),
        Band(1, 4, 1_500, "CNS 2013 UL 1–3 y [S23]"),
        Band(4, 18, 2_000, "CNS 2013 UL 4–17 y [S23]"),
        Band(18, None, 2_000, "CNS 2013 UL adults [S23, S26]"),
    ),
    vitamin_d_target_iu=(
        Band(0, 1, 400, "CNS 2013 AI infants, 10 µg [S23]"),
        Band(1, 65, 400, "CNS 2013 RNI 1–64 y, 10 µg [S23]"),
        Band(65, None, 600, "CNS 2013 RNI 65+ y, 15 µg [S23]"),
    ),
    vitamin_d_ul_iu=(
        Band(0, 4, 800, "CNS 2013 UL 0–3 y, 20 µg [S23]"),
        Band(4, 7, 1_200, "CNS 2013 UL 4–6 y, 30 µg [S23]"),
        Band(7, 11, 1_800, "CNS 2013 UL 7–10 y, 45 µg [S23]"),
        Band(11, None, 2_000, "CNS 2013 UL 11+ y, 50 µg [S23]"),
    ),
    vitamin_k_ai_ug=(
        Band(0, 1, 10, "CNS 2013 AI 0.5–1 y, the higher infant value [S23]"),
        Band(1, 4, 30, "CNS 2013 AI 1–3 y [S23]"),
        Band(4, 7, 40, "CNS 2013 AI 4–6 y [S23]"),
        Band(7, 11, 50, "CNS 2013 AI 7–10 y [S23]"),
        Band(11, 14, 70, "CNS 2013 AI 11–13 y [S23]"),
        Band(14, 18, 75, "CNS 2013 AI 14–17 y [S23]"),
        Band(18, None, 80, "CNS 2013 AI adults [S23]"),
    ),
)
