"""Proposing a calcium dose's new time, and telling a late dose how long to wait."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from nutrition.medicines import MedicineKind
from nutrition.spacing import (
    EVERY_DAY,
    CalciumDose,
    Clash,
    Medicine,
    Move,
    check_dose_time,
    propose_move,
    propose_moves,
)

K = MedicineKind
MONDAY = 1 << 0
BERLIN = ZoneInfo("Europe/Berlin")
THYROID_7 = Medicine(1, K.THYROID, (time(7),))


def move(dose: CalciumDose, *medicines: Medicine, step_min: int = 15) -> time | None:
    """Propose a time for a dose that is the only calcium dose of the plan."""
    return propose_move(dose, calcium=[dose], medicines=medicines, step_min=step_min)


def test_issue_example_moves_calcium_after_levothyroxine() -> None:
    """Calcium at 08:00 with levothyroxine at 07:00 moves to 11:00, the first time 4 h after."""
    assert move(CalciumDose(10, time(8)), THYROID_7) == time(11)


def test_a_dose_that_fits_stays() -> None:
    """A dose with no conflict is proposed at its own time, even off the grid."""
    assert move(CalciumDose(10, time(12, 7)), THYROID_7) == time(12, 7)


def test_earlier_when_earlier_is_nearer() -> None:
    """Calcium at 11:00 with iron at 12:00 moves back to 10:00 rather than on to 14:00."""
    iron = Medicine(1, K.IRON, (time(12),))
    assert move(CalciumDose(10, time(11)), iron) == time(10)


def test_equal_moves_go_later() -> None:
    """Calcium together with iron at 12:00 could go to 10:00 or 14:00: it goes to 14:00."""
    iron = Medicine(1, K.IRON, (time(12),))
    assert move(CalciumDose(10, time(12)), iron) == time(14)


def test_moves_snap_to_the_grid() -> None:
    """Levothyroxine at 07:05 pushes 08:00 calcium to 11:15 on a 15-minute grid, 11:05 on 5."""
    thyroid = Medicine(1, K.THYROID, (time(7, 5),))
    assert move(CalciumDose(10, time(8)), thyroid) == time(11, 15)
    assert move(CalciumDose(10, time(8)), thyroid, step_min=5) == time(11, 5)


def test_never_past_midnight() -> None:
    """Calcium at 23:00 after 20:00 levothyroxine cannot go to 00:00, so it goes back to 16:00."""
    thyroid = Medicine(1, K.THYROID, (time(20),))
    assert move(CalciumDose(10, time(23)), thyroid) == time(16)


def test_none_when_no_time_of_day_fits() -> None:
    """Levothyroxine every 4 h leaves no time 4 h from all of its doses: no proposal."""
    thyroid = Medicine(1, K.THYROID, tuple(time(hour) for hour in range(2, 24, 4)))
    assert move(CalciumDose(10, time(8)), thyroid) is None


def test_does_not_land_on_another_calcium_dose() -> None:
    """With another calcium dose at 11:00 on the same days, 08:00 goes to 11:15 instead."""
    dose, other = CalciumDose(10, time(8)), CalciumDose(10, time(11))
    assert propose_move(dose, calcium=[dose, other], medicines=[THYROID_7]) == time(11, 15)


def test_a_dose_on_other_days_does_not_block() -> None:
    """A calcium dose at 11:00 on Mondays only does not stop a Tuesday dose moving to 11:00."""
    dose = CalciumDose(10, time(8), weekdays=1 << 1)
    other = CalciumDose(11, time(11), weekdays=MONDAY)
    assert propose_move(dose, calcium=[dose, other], medicines=[THYROID_7]) == time(11)


def test_a_proposal_fits_all_the_dose_days() -> None:
    """Daily calcium at 06:30 moves to 10:00 for Monday's alendronate at 07:00."""
    weekly = Medicine(1, K.BISPHOSPHONATE_WEEKLY, (time(7),), weekdays=MONDAY)
    assert move(CalciumDose(10, time(6, 30)), weekly) == time(10)


def test_a_proposal_for_some_days_only() -> None:
    """Asked for Tuesdays only, the Monday alendronate does not move the dose at all."""
    weekly = Medicine(1, K.BISPHOSPHONATE_WEEKLY, (time(7),), weekdays=MONDAY)
    assert move(CalciumDose(10, time(6, 30), weekdays=1 << 1), weekly) == time(6, 30)


@pytest.mark.parametrize("step_min", [0, 7, 61, 90])
def test_step_must_divide_the_day(step_min: int) -> None:
    """A grid step that is zero, over an hour or does not divide a day is refused."""
    with pytest.raises(ValueError, match="step_min"):
        move(CalciumDose(10, time(8)), THYROID_7, step_min=step_min)


def test_moves_for_a_plan_fit_each_other() -> None:
    """Two doses pushed by one levothyroxine dose get 11:00 and 11:15, not both 11:00."""
    calcium = [CalciumDose(10, time(8)), CalciumDose(11, time(8, 30)), CalciumDose(12, time(18))]
    assert propose_moves(calcium, [THYROID_7]) == (
        Move(10, time(8), time(11), weekdays=EVERY_DAY, clash_days=EVERY_DAY),
        Move(11, time(8, 30), time(11, 15), weekdays=EVERY_DAY, clash_days=EVERY_DAY),
    )


def test_moves_name_the_days_that_clash() -> None:
    """A move for a weekly medicine says which of the dose's days clash now."""
    weekly = Medicine(1, K.BISPHOSPHONATE_WEEKLY, (time(7),), weekdays=MONDAY)
    (found,) = propose_moves([CalciumDose(10, time(6, 30))], [weekly])
    assert (found.to, found.clash_days, found.shift_min) == (time(10), MONDAY, 210)


def test_move_without_a_fit() -> None:
    """An impossible plan gives a move with no new time and no shift."""
    thyroid = Medicine(1, K.THYROID, tuple(time(hour) for hour in range(2, 24, 4)))
    (found,) = propose_moves([CalciumDose(10, time(8))], [thyroid])
    assert (found.to, found.shift_min) == (None, None)


def test_snoozed_dose_inside_the_window_waits() -> None:
    """Calcium at 09:00, 2 h after levothyroxine, should wait 2 h: until 11:00."""
    window = check_dose_time([THYROID_7], at=datetime(2025, 3, 3, 9, 0, tzinfo=BERLIN))
    assert window is not None
    assert (window.wait_min, window.until) == (120, datetime(2025, 3, 3, 11, 0, tzinfo=BERLIN))
    assert [(c.clash, c.gap_min) for c in window.conflicts] == [(Clash.AFTER, 120)]


def test_dose_outside_every_window_may_go() -> None:
    """Calcium at 11:00, 4 h after levothyroxine, needs no wait."""
    assert check_dose_time([THYROID_7], at=datetime(2025, 3, 3, 11, 0, tzinfo=BERLIN)) is None


def test_dose_before_a_bisphosphonate_waits_past_it() -> None:
    """Calcium at 06:40 on alendronate Monday waits until 3 h after the 07:00 tablet."""
    weekly = Medicine(1, K.BISPHOSPHONATE_WEEKLY, (time(7),), weekdays=MONDAY)
    window = check_dose_time([weekly], at=datetime(2025, 3, 3, 6, 40, tzinfo=BERLIN))
    assert window is not None
    assert window.conflicts[0].clash is Clash.FIRST_OF_DAY
    assert window.until == datetime(2025, 3, 3, 10, 0, tzinfo=BERLIN)


def test_seconds_count_as_the_minute_begun() -> None:
    """At 10:59:30 the wait is one minute, until 11:00:00."""
    window = check_dose_time([THYROID_7], at=datetime(2025, 3, 3, 10, 59, 30, tzinfo=BERLIN))
    assert window is not None
    assert (window.wait_min, window.until) == (1, datetime(2025, 3, 3, 11, 0, tzinfo=BERLIN))


def test_no_clear_time_within_a_day() -> None:
    """With levothyroxine every 4 h no minute is clear, so there is no time to wait for."""
    thyroid = Medicine(1, K.THYROID, tuple(time(hour) for hour in range(2, 24, 4)))
    window = check_dose_time([thyroid], at=datetime(2025, 3, 3, 8, 0, tzinfo=BERLIN))
    assert window is not None
    assert (window.wait_min, window.until) == (None, None)


def test_wait_is_in_wall_clock_minutes_across_dst() -> None:
    """On the spring-forward night the wait until 04:00 wall time counts wall minutes."""
    thyroid = Medicine(1, K.THYROID, (time(0),))
    window = check_dose_time([thyroid], at=datetime(2025, 3, 30, 1, 30, tzinfo=BERLIN))
    assert window is not None
    assert window.wait_min == 150
    assert window.until is not None
    assert (window.until.hour, window.until.minute) == (4, 0)


def test_naive_time_is_refused() -> None:
    """A dose time without a zone is refused: the weekday and wall time would be guesses."""
    with pytest.raises(ValueError, match="aware"):
        check_dose_time([THYROID_7], at=datetime(2025, 3, 3, 9, 0))  # noqa: DTZ001
