"""Properties of the conflict finder, the proposals and the wait, over random week plans."""

from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from nutrition.medicines import MedicineKind
from nutrition.spacing import (
    CalciumDose,
    Clash,
    Medicine,
    Override,
    check_dose_time,
    find_conflicts,
    propose_move,
    propose_moves,
)

MONDAY = date(2024, 1, 1)  # a Monday: day d of the week is MONDAY + d days
DAY_MIN = 24 * 60
# A 5-minute grid makes equal times and exact boundaries (gap == rule) common.
wall_times = st.builds(
    lambda m: time(m // 60, m % 60), st.integers(0, DAY_MIN // 5 - 1).map(lambda n: n * 5)
)
weekday_masks = st.integers(1, 0b1111111)
overrides = st.none() | st.builds(
    Override,
    calcium_after_min=st.none() | st.sampled_from([0, 30, 60, 240, 600]),
    calcium_before_min=st.none() | st.sampled_from([0, 45, 120, 360]),
    first_of_day=st.none() | st.booleans(),
)
medicines = st.lists(
    st.builds(
        Medicine,
        key=st.integers(1, 3),
        kind=st.sampled_from(MedicineKind),
        times=st.lists(wall_times, min_size=1, max_size=3, unique=True).map(tuple),
        weekdays=weekday_masks,
        override=overrides,
    ),
    max_size=3,
)
calcium_plans = st.lists(
    st.builds(CalciumDose, key=st.integers(10, 11), at=wall_times, weekdays=weekday_masks),
    min_size=1,
    max_size=4,
    unique_by=lambda dose: (dose.key, dose.at),
)
steps = st.sampled_from([5, 15, 30, 60])


def minute(at: time) -> int:
    """Return the minute of the day."""
    return at.hour * 60 + at.minute


def oracle(calcium: list[CalciumDose], meds: list[Medicine]) -> set[tuple[object, ...]]:
    """Classify every pair of dated doses within a day of each other, the slow obvious way."""
    found: set[tuple[object, ...]] = set()
    for dose in calcium:
        for day in (d for d in range(7) if dose.weekdays >> d & 1):
            taken = datetime.combine(MONDAY + timedelta(days=day), dose.at, tzinfo=UTC)
            for med in meds:
                rule = med.spacing
                for med_day in range(day - 1, day + 2):
                    if not med.weekdays >> (med_day % 7) & 1:
                        continue
                    for at in med.times:
                        given = datetime.combine(MONDAY + timedelta(days=med_day), at, tzinfo=UTC)
                        gap = int((taken - given).total_seconds() // 60)
                        clash = None
                        if gap == 0 and rule.spaced:
                            clash = Clash.TOGETHER
                        elif gap > 0 and gap < rule.calcium_after_min:
                            clash = Clash.AFTER
                        elif gap < 0 and rule.first_of_day and given.date() == taken.date():
                            clash = Clash.FIRST_OF_DAY
                        elif gap < 0 and -gap < rule.calcium_before_min:
                            clash = Clash.BEFORE
                        if clash is not None:
                            found.add((dose.key, dose.at, day, med.key, at, clash, abs(gap)))
    return found


def expanded(calcium: list[CalciumDose], meds: list[Medicine]) -> set[tuple[object, ...]]:
    """Return find_conflicts' answer with each conflict's weekdays spelt out one by one."""
    return {
        (c.calcium_key, c.calcium_at, day, c.medicine_key, c.medicine_at, c.clash, c.gap_min)
        for c in find_conflicts(calcium, meds)
        for day in range(7)
        if c.weekdays >> day & 1
    }


def fits(dose: CalciumDose, at: int, calcium: list[CalciumDose], meds: list[Medicine]) -> bool:
    """Tell whether `dose` at minute `at` clashes with nothing and sits on no other dose's time."""
    others = [o for o in calcium if (o.key, o.at) != (dose.key, dose.at)]
    if any(minute(o.at) == at and o.weekdays & dose.weekdays for o in others):
        return False
    return not find_conflicts([replace(dose, at=time(at // 60, at % 60))], meds)


@settings(max_examples=300, deadline=None)
@given(calcium_plans, medicines)
def test_conflicts_match_a_dated_brute_force(
    calcium: list[CalciumDose], meds: list[Medicine]
) -> None:
    """Every clash between real dated doses is found, with its day and gap, and nothing else."""
    assert expanded(calcium, meds) == oracle(calcium, meds)


@settings(max_examples=200, deadline=None)
@given(calcium_plans, medicines, st.data(), steps)
def test_a_proposal_resolves_without_new_conflicts(
    calcium: list[CalciumDose], meds: list[Medicine], data: st.DataObject, step_min: int
) -> None:
    """The moved dose has no conflict left, and the plan's other conflicts stay as they were."""
    dose = data.draw(st.sampled_from(calcium))
    to = propose_move(dose, calcium=calcium, medicines=meds, step_min=step_min)
    if to is None:
        return
    moved = [replace(d, at=to) if d == dose else d for d in calcium]
    before = set(find_conflicts(calcium, meds))
    untouched = {c for c in before if (c.calcium_key, c.calcium_at) != (dose.key, dose.at)}
    assert set(find_conflicts(moved, meds)) == untouched


@settings(max_examples=200, deadline=None)
@given(calcium_plans, medicines, st.data(), steps)
def test_a_proposal_stays_on_its_day_and_grid(
    calcium: list[CalciumDose], meds: list[Medicine], data: st.DataObject, step_min: int
) -> None:
    """A proposal is a time of the same day, on the grid unless it is the dose's own time."""
    dose = data.draw(st.sampled_from(calcium))
    to = propose_move(dose, calcium=calcium, medicines=meds, step_min=step_min)
    if to is None:
        return
    assert 0 <= minute(to) < DAY_MIN
    assert to == dose.at or minute(to) % step_min == 0
    assert to.second == 0


@settings(max_examples=200, deadline=None)
@given(calcium_plans, medicines, st.data(), steps)
def test_a_proposal_is_the_smallest_move(
    calcium: list[CalciumDose], meds: list[Medicine], data: st.DataObject, step_min: int
) -> None:
    """No grid time nearer the dose fits, nor the later one of an equal move; None means none."""
    dose = data.draw(st.sampled_from(calcium))
    to = propose_move(dose, calcium=calcium, medicines=meds, step_min=step_min)
    start = minute(dose.at)
    fitting = [m for m in range(0, DAY_MIN, step_min) if fits(dose, m, calcium, meds)]
    if not find_conflicts([dose], meds):
        assert to == dose.at
        return
    if to is None:
        assert fitting == []
        return
    shift = minute(to) - start
    assert all(abs(m - start) >= abs(shift) for m in fitting)
    if shift < 0:
        assert start - shift not in fitting  # at an equal distance, later wins


@settings(max_examples=100, deadline=None)
@given(calcium_plans, medicines, steps)
def test_moves_for_a_plan_leave_only_the_unfixable(
    calcium: list[CalciumDose], meds: list[Medicine], step_min: int
) -> None:
    """After all moves of a plan, only doses without a proposal still conflict."""
    moves = {(m.key, m.at): m.to for m in propose_moves(calcium, meds, step_min=step_min)}
    moved = [replace(d, at=moves.get((d.key, d.at)) or d.at) for d in calcium]
    stuck = {
        (d.key, d.at) for d in calcium if (d.key, d.at) in moves and moves[d.key, d.at] is None
    }
    assert {(c.calcium_key, c.calcium_at) for c in find_conflicts(moved, meds)} <= stuck


@settings(max_examples=200, deadline=None)
@given(medicines, st.integers(0, 6), st.integers(0, DAY_MIN - 1))
def test_the_wait_ends_at_the_first_clear_minute(
    meds: list[Medicine], weekday: int, now: int
) -> None:
    """A late dose waits exactly until the first minute, within a day, that clashes with nothing."""

    def clear(offset: int) -> bool:
        at = now + offset
        day = 1 << ((weekday + at // DAY_MIN) % 7)
        dose = CalciumDose(0, time(at % DAY_MIN // 60, at % 60), weekdays=day)
        return not find_conflicts([dose], meds)

    at = datetime.combine(MONDAY + timedelta(days=weekday), time(now // 60, now % 60), tzinfo=UTC)
    window = check_dose_time(meds, at=at)
    if window is None:
        assert clear(0)
        return
    assert not clear(0)
    waits = [offset for offset in range(1, DAY_MIN + 1) if clear(offset)]
    assert window.wait_min == (waits[0] if waits else None)
    if window.wait_min is not None:
        assert window.until == at + timedelta(minutes=window.wait_min)
