"""Finding the conflicts between a week's calcium doses and medicine doses."""

from datetime import time

import pytest

from nutrition.medicines import MedicineKind
from nutrition.spacing import (
    EVERY_DAY,
    CalciumDose,
    Clash,
    Conflict,
    Medicine,
    Override,
    find_conflicts,
)

K = MedicineKind
MONDAY, TUESDAY, SUNDAY = 1 << 0, 1 << 1, 1 << 6


def calcium_at(hour: int, minute: int = 0, *, weekdays: int = EVERY_DAY) -> CalciumDose:
    """Build a calcium dose of schedule 10."""
    return CalciumDose(key=10, at=time(hour, minute), weekdays=weekdays)


def medicine(
    kind: MedicineKind, *times: time, weekdays: int = EVERY_DAY, override: Override | None = None
) -> Medicine:
    """Build a medicine schedule with key 1."""
    return Medicine(key=1, kind=kind, times=times, weekdays=weekdays, override=override)


def only(conflicts: tuple[Conflict, ...]) -> Conflict:
    """Return the single conflict found."""
    assert len(conflicts) == 1, conflicts
    return conflicts[0]


def test_calcium_an_hour_after_levothyroxine() -> None:
    """Calcium at 08:00 after levothyroxine at 07:00 clashes: 60 min, 4 h needed, every day."""
    found = only(find_conflicts([calcium_at(8)], [medicine(K.THYROID, time(7))]))
    assert found == Conflict(
        calcium_key=10,
        calcium_at=time(8),
        medicine_key=1,
        kind=K.THYROID,
        medicine_at=time(7),
        day_offset=0,
        clash=Clash.AFTER,
        gap_min=60,
        needed_min=240,
        overridden=False,
        weekdays=EVERY_DAY,
    )


@pytest.mark.parametrize(("hour", "minute", "clashes"), [(10, 59, True), (11, 0, False)])
def test_a_gap_of_exactly_the_rule_is_enough(hour: int, minute: int, clashes: bool) -> None:
    """The rule is a minimum: 4 h after levothyroxine is fine, a minute less is not."""
    found = find_conflicts([calcium_at(hour, minute)], [medicine(K.THYROID, time(7))])
    assert bool(found) is clashes


def test_calcium_before_levothyroxine() -> None:
    """Calcium 3 h before levothyroxine clashes the other way (BEFORE), 4 h needed."""
    found = only(find_conflicts([calcium_at(19)], [medicine(K.THYROID, time(22))]))
    assert (found.clash, found.gap_min, found.needed_min) == (Clash.BEFORE, 180, 240)


def test_taken_together() -> None:
    """Iron and calcium at the same minute clash as TOGETHER with the longer gap needed."""
    found = only(find_conflicts([calcium_at(12)], [medicine(K.IRON, time(12))]))
    assert (found.clash, found.gap_min, found.needed_min) == (Clash.TOGETHER, 0, 120)


@pytest.mark.parametrize(
    ("calcium", "clash"),
    [(time(9, 59), Clash.AFTER), (time(10), None), (time(14), None), (time(14, 1), Clash.BEFORE)],
)
def test_quinolone_two_hours_before_six_after(calcium: time, clash: Clash | None) -> None:
    """With ciprofloxacin at 08:00 and 20:00, calcium fits from 10:00 (2 h after) to 14:00."""
    cipro = medicine(K.QUINOLONE, time(8), time(20))
    found = find_conflicts([CalciumDose(10, calcium)], [cipro])
    assert [conflict.clash for conflict in found] == ([] if clash is None else [clash])


@pytest.mark.parametrize(
    ("calcium", "clash"),
    [(time(2), None), (time(2, 1), Clash.BEFORE), (time(9, 59), Clash.AFTER), (time(10), None)],
)
def test_tetracycline(calcium: time, clash: Clash | None) -> None:
    """Doxycycline at 08:00 wants calcium ≥ 6 h before or ≥ 2 h after."""
    found = find_conflicts([CalciumDose(10, calcium)], [medicine(K.TETRACYCLINE, time(8))])
    assert [conflict.clash for conflict in found] == ([] if clash is None else [clash])


@pytest.mark.parametrize(
    ("calcium", "clashes"), [(time(5), False), (time(5, 1), True), (time(10, 59), True)]
)
def test_fluoride_three_hours_either_way(calcium: time, clashes: bool) -> None:
    """Sodium fluoride at 08:00 keeps calcium 3 h away on both sides."""
    found = find_conflicts([CalciumDose(10, calcium)], [medicine(K.FLUORIDE, time(8))])
    assert bool(found) is clashes


def test_calcium_before_a_bisphosphonate_the_same_day() -> None:
    """Any calcium earlier on the alendronate day clashes, however early (first of the day)."""
    found = only(find_conflicts([calcium_at(0, 30)], [medicine(K.BISPHOSPHONATE_DAILY, time(7))]))
    assert (found.clash, found.gap_min, found.needed_min) == (Clash.FIRST_OF_DAY, 390, None)


def test_weekly_bisphosphonate_constrains_its_own_day_only() -> None:
    """Alendronate on Mondays at 07:00 makes the daily 06:30 calcium clash on Mondays only."""
    weekly = medicine(K.BISPHOSPHONATE_WEEKLY, time(7), weekdays=MONDAY)
    found = only(find_conflicts([calcium_at(6, 30)], [weekly]))
    assert (found.clash, found.weekdays) == (Clash.FIRST_OF_DAY, MONDAY)


def test_calcium_three_hours_after_a_bisphosphonate_is_fine() -> None:
    """Calcium 3 h after alendronate fits; 2 h 59 min does not."""
    weekly = medicine(K.BISPHOSPHONATE_WEEKLY, time(7), weekdays=MONDAY)
    assert find_conflicts([calcium_at(10)], [weekly]) == ()
    assert only(find_conflicts([calcium_at(9, 59)], [weekly])).clash is Clash.AFTER


def test_conflicts_across_midnight() -> None:
    """Calcium at 23:00 clashes with a 01:00 levothyroxine dose on the next morning."""
    found = only(find_conflicts([calcium_at(23)], [medicine(K.THYROID, time(1))]))
    assert (found.clash, found.day_offset, found.gap_min) == (Clash.BEFORE, 1, 120)


def test_across_midnight_only_into_a_medicine_day() -> None:
    """Levothyroxine on Tuesdays at 01:00 makes only Monday's 23:00 calcium clash."""
    thyroid = medicine(K.THYROID, time(1), weekdays=TUESDAY)
    found = only(find_conflicts([calcium_at(23)], [thyroid]))
    assert (found.weekdays, found.day_offset) == (MONDAY, 1)


def test_across_the_week_boundary() -> None:
    """Sunday's late calcium meets Monday's early alendronate: the week wraps around."""
    weekly = medicine(K.BISPHOSPHONATE_WEEKLY, time(0, 30), weekdays=MONDAY)
    found = only(find_conflicts([calcium_at(23, 30)], [weekly]))
    assert (found.clash, found.weekdays, found.day_offset) == (Clash.BEFORE, SUNDAY, 1)


def test_bisphosphonate_after_midnight_is_not_first_of_day() -> None:
    """Calcium on the evening before an alendronate day is a different day: only 2 h apply."""
    weekly = medicine(K.BISPHOSPHONATE_WEEKLY, time(7), weekdays=MONDAY)
    assert find_conflicts([calcium_at(22, weekdays=SUNDAY)], [weekly]) == ()


@pytest.mark.parametrize("kind", [K.THIAZIDE, K.DIGOXIN, K.OTHER])
def test_caution_only_kinds_never_conflict(kind: MedicineKind) -> None:
    """Thiazide, digoxin and other medicines taken with calcium give no conflict."""
    assert find_conflicts([calcium_at(8)], [medicine(kind, time(8))]) == ()


def test_override_is_used_and_reported() -> None:
    """With a label's "calcium 30 min after", 07:30 fits and 07:20 clashes as overridden."""
    fosamax = medicine(K.BISPHOSPHONATE_WEEKLY, time(7), override=Override(calcium_after_min=30))
    assert find_conflicts([calcium_at(7, 30)], [fosamax]) == ()
    found = only(find_conflicts([calcium_at(7, 20)], [fosamax]))
    assert (found.needed_min, found.overridden) == (30, True)


def test_one_conflict_per_pair_of_doses() -> None:
    """Two calcium doses and two medicine doses give one conflict for each clashing pair."""
    calcium = [CalciumDose(10, time(8)), CalciumDose(11, time(21))]
    iron = Medicine(2, K.IRON, (time(9), time(20)))
    found = {(c.calcium_key, c.medicine_at, c.clash) for c in find_conflicts(calcium, [iron])}
    assert found == {(10, time(9), Clash.BEFORE), (11, time(20), Clash.AFTER)}


def test_weekdays_of_one_pair_are_merged() -> None:
    """A daily medicine on Mon–Fri and daily calcium give one conflict listing Mon–Fri."""
    thyroid = medicine(K.THYROID, time(7), weekdays=0b0011111)
    assert only(find_conflicts([calcium_at(8)], [thyroid])).weekdays == 0b0011111
