"""The default exercise plan and its safety notes."""

from datetime import UTC, time

import pytest

from nutrition.exercise import ExerciseKind, ExercisePlanItem, default_plan, weekly_minutes


def item(kind: ExerciseKind) -> ExercisePlanItem:
    """Return the default plan's item of one kind."""
    return next(entry for entry in default_plan() if entry.kind is kind)


def test_plan_has_one_item_of_each_kind() -> None:
    """The plan combines weight-bearing, strength and balance work [S44]."""
    assert sorted(entry.kind for entry in default_plan()) == sorted(ExerciseKind)


def test_weight_bearing_is_30_minutes_on_most_days() -> None:
    """Weight-bearing activity is 30 min on 5 days, 150 min a week [S42, S44]."""
    walk = item(ExerciseKind.WEIGHT_BEARING)
    assert walk.minutes == 30
    assert len(walk.weekdays) == 5
    assert weekly_minutes(default_plan(), ExerciseKind.WEIGHT_BEARING) >= 150


def test_strength_is_two_or_three_non_consecutive_days() -> None:
    """Strength training falls on 2–3 days a week with a rest day between, Sunday→Monday too."""
    days = sorted(item(ExerciseKind.STRENGTH).weekdays)
    assert 2 <= len(days) <= 3
    gaps = [(later - earlier) % 7 for earlier, later in zip(days, days[1:] + days[:1], strict=True)]
    assert min(gaps) >= 2


def test_balance_is_daily_and_reaches_two_hours_a_week() -> None:
    """Balance work is 15–20 min every day and adds up to at least 2 h a week [S44]."""
    balance = item(ExerciseKind.BALANCE)
    assert 15 <= balance.minutes <= 20
    assert balance.weekdays == frozenset(range(7))
    assert weekly_minutes(default_plan(), ExerciseKind.BALANCE) >= 120


def test_every_item_cites_sources_and_has_a_local_time() -> None:
    """Each item names source ids and a zone-free local default time."""
    for entry in default_plan():
        assert entry.sources
        assert all(source.startswith("S") for source in entry.sources)
        assert entry.default_time.tzinfo is None


@pytest.mark.parametrize(
    ("minutes", "weekdays", "default_time"),
    [
        (0, frozenset({0}), time(9, 0)),
        (10, frozenset(), time(9, 0)),
        (10, frozenset({7}), time(9, 0)),
        (10, frozenset({0}), time(9, 0, tzinfo=UTC)),
    ],
)
def test_plan_item_refuses_what_no_scheduler_could_run(
    minutes: int, weekdays: frozenset[int], default_time: time
) -> None:
    """Zero minutes, no weekdays, a weekday past Sunday or a zoned time raise ValueError."""
    with pytest.raises(ValueError, match=r"minutes|weekdays|zone"):
        ExercisePlanItem(
            kind=ExerciseKind.BALANCE,
            minutes=minutes,
            weekdays=weekdays,
            default_time=default_time,
            sources=("S44",),
        )
