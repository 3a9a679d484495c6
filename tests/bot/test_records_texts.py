"""The daily summary's words: totals, doses, exercise, and a food only when it fits."""

from bot.records_texts import summary_lines


def test_a_low_day_names_one_food_that_fits() -> None:
    """Short of the target with room left: the figures, doses, exercise and one food."""
    text = summary_lines(
        calcium=(700, 1200, 2000),
        vitamin_d=(400, 800, 4000),
        doses=(2, 1, 0),
        exercise_done=1,
        suggestion=("Skim milk", "1 cup (245 g)", 299),
        room_mg=1300,
    )
    assert "<b>700 mg</b> · target 1,200 · upper limit 2,000" in text
    assert "✅ 2 taken · ❌ 1 missed" in text and "Exercise done: 1" in text
    assert "skim milk, 1 cup (245 g), adds ≈ 299 mg" in text


def test_a_day_at_the_limit_suggests_no_food() -> None:
    """At the limit the summary says to stop, whatever suggestion was passed in."""
    text = summary_lines(
        calcium=(2000, 1200, 2000),
        vitamin_d=(0, 800, 4000),
        doses=(0, 0, 0),
        exercise_done=0,
        suggestion=None,
        room_mg=0,
    )
    assert "reached your upper limit" in text and "adds ≈" not in text
