"""Pre-dose projections name only the nutrients a dose carries and word the limit exactly."""

from bot.projection_texts import projection_lines
from nutrition.checker import DayTotals, Limits, Projection, project_dose
from nutrition.levels import NEAR_FRACTION, NEAR_FRACTION_VASCULAR

LIMITS = Limits(
    calcium_ul_mg=2000,
    vitamin_d_ul_iu=4000,
    calcium_target_mg=1200,
    vitamin_d_target_iu=800,
    source="test",
)


def _project(
    *, calcium: int = 0, vitamin_d: int = 0, dose_ca: int = 0, dose_d: int = 0, vascular: bool
) -> Projection:
    totals = DayTotals(calcium_food_mg=calcium, vitamin_d_food_iu=vitamin_d)
    near = NEAR_FRACTION_VASCULAR if vascular else NEAR_FRACTION
    return project_dose(
        totals, LIMITS, dose_calcium_mg=dose_ca, dose_vitamin_d_iu=dose_d, near_fraction=near
    )


def test_vitamin_d_only_dose_does_not_talk_about_calcium() -> None:
    """A vitamin-D-only dose's projection gives vitamin D figures and never mentions calcium."""
    text = "\n".join(projection_lines(_project(calcium=300, dose_d=1000, vascular=False)))
    assert "vitamin D to 1,000 of your 4,000 IU upper limit" in text
    assert "calcium" not in text


def test_calcium_and_vitamin_d_dose_shows_both_with_own_figures() -> None:
    """A dose carrying both nutrients gets one line each, each with its own total and limit."""
    lines = projection_lines(_project(calcium=300, dose_ca=600, dose_d=400, vascular=False))
    assert lines == [
        "📊 Taking it brings today's calcium to 900 of your 2,000 mg upper limit.",
        "📊 Taking it brings today's vitamin D to 400 of your 4,000 IU upper limit.",
    ]


def test_exactly_at_the_limit_says_reaches() -> None:
    """A dose that brings calcium exactly to the limit says "reaches", not "would pass"."""
    text = "\n".join(projection_lines(_project(calcium=1400, dose_ca=600, vascular=False)))
    assert "reaches your daily upper limit for calcium" in text
    assert "would pass" not in text


def test_past_the_limit_says_would_pass() -> None:
    """A dose that takes calcium past the limit says it would pass it."""
    text = "\n".join(projection_lines(_project(calcium=1401, dose_ca=600, vascular=False)))
    assert "would pass your daily upper limit for calcium" in text


def test_vascular_calcification_warns_from_the_earlier_threshold() -> None:
    """With vascular calcification 75 % of the limit already warns; without it, it does not."""
    projection = _project(calcium=900, dose_ca=600, vascular=True)
    warned = projection_lines(projection, vascular_calcification=True)
    assert any("75 % of your upper limit" in line for line in warned)
    quiet = projection_lines(_project(calcium=900, dose_ca=600, vascular=False))
    assert not any("⚠️" in line for line in quiet)


def test_prescribed_vitamin_d_gets_a_neutral_note_instead_of_a_warning() -> None:
    """A prescribed vitamin D dose over the daily limit gets the doctor's note, not a warning."""
    projection = _project(dose_d=50000, vascular=False)
    text = "\n".join(projection_lines(projection, prescribed_vitamin_d=True))
    assert "prescribed by your doctor — take as told" in text
    assert "would pass" not in text and "waiting until tomorrow" not in text
