"""Spacing rules as data: the default per medicine kind, the user's override, notes and hints."""

import pytest

from nutrition.medicines import MedicineKind
from nutrition.spacing import (
    Caution,
    Override,
    ReminderHint,
    Spacing,
    caution_for,
    reminder_hint,
    spacing_for,
)
from nutrition.spacing.rules import MAX_GAP_MIN

K = MedicineKind


@pytest.mark.parametrize(
    ("kind", "after_min", "before_min", "first_of_day"),
    [
        (K.THYROID, 240, 240, False),  # 4 h either way [S34, S35, S37]
        (K.BISPHOSPHONATE_DAILY, 180, 120, True),  # 3 h after [S35]; first of the day [S36]
        (K.BISPHOSPHONATE_WEEKLY, 180, 120, True),
        (K.IRON, 120, 120, False),  # 2 h either way [S34, S35]
        (K.ZINC, 120, 120, False),
        (K.STRONTIUM, 120, 120, False),
        (K.TETRACYCLINE, 120, 360, False),  # 2 h before, 6 h after calcium [S34, S35]
        (K.QUINOLONE, 120, 360, False),  # 2 h before, 6 h after [S35, S39]
        (K.FLUORIDE, 180, 180, False),  # 3 h before [S34], applied both ways
        (K.THIAZIDE, 0, 0, False),
        (K.DIGOXIN, 0, 0, False),
        (K.OTHER, 0, 0, False),
    ],
)
def test_default_rule_per_kind(
    kind: MedicineKind, after_min: int, before_min: int, first_of_day: bool
) -> None:
    """Each kind's default is the longest interval the reference gives, in each direction."""
    rule = spacing_for(kind)
    assert (rule.calcium_after_min, rule.calcium_before_min) == (after_min, before_min)
    assert rule.first_of_day is first_of_day
    assert rule.overridden is False


def test_caution_and_other_kinds_are_not_spaced() -> None:
    """Only kinds whose absorption calcium cuts keep calcium away; the others are not spaced."""
    unspaced = {kind for kind in MedicineKind if not spacing_for(kind).spaced}
    assert unspaced == {K.THIAZIDE, K.DIGOXIN, K.OTHER}


def test_override_replaces_only_the_given_direction() -> None:
    """A label's "calcium 30 min after" changes that gap and keeps the other and first-of-day."""
    rule = spacing_for(K.BISPHOSPHONATE_WEEKLY, Override(calcium_after_min=30))
    assert rule == Spacing(30, 120, first_of_day=True, overridden=True)


def test_override_can_lift_first_of_day() -> None:
    """A delayed-release bisphosphonate taken after breakfast can drop the first-of-day rule."""
    rule = spacing_for(K.BISPHOSPHONATE_DAILY, Override(first_of_day=False))
    assert rule.first_of_day is False
    assert rule.overridden is True


def test_override_gives_an_other_medicine_a_spacing() -> None:
    """A prescriber's "2 h apart" for a medicine we have no rule for becomes its rule."""
    rule = spacing_for(K.OTHER, Override(calcium_after_min=120, calcium_before_min=120))
    assert rule.spaced
    assert (rule.calcium_after_min, rule.calcium_before_min) == (120, 120)


def test_override_may_shorten_the_default() -> None:
    """The user's entered instruction wins even when it is shorter than our default."""
    rule = spacing_for(K.THYROID, Override(calcium_after_min=60, calcium_before_min=60))
    assert (rule.calcium_after_min, rule.calcium_before_min) == (60, 60)


def test_empty_override_is_the_default() -> None:
    """An override with nothing entered leaves the default rule, not marked as overridden."""
    assert spacing_for(K.IRON, Override()) == spacing_for(K.IRON)


@pytest.mark.parametrize("gap", [-1, MAX_GAP_MIN + 1])
def test_gap_out_of_range_is_refused(gap: int) -> None:
    """A negative gap or one of a whole day or more is refused as a typing slip."""
    with pytest.raises(ValueError, match="gap"):
        spacing_for(K.OTHER, Override(calcium_after_min=gap))


@pytest.mark.parametrize(
    ("kind", "caution"), [(K.THIAZIDE, Caution.THIAZIDE), (K.DIGOXIN, Caution.DIGOXIN)]
)
def test_caution_kinds_have_a_note(kind: MedicineKind, caution: Caution) -> None:
    """Thiazides and digoxin get a one-time note code instead of spacing."""
    assert caution_for(kind) is caution


def test_other_kinds_have_no_caution() -> None:
    """No kind but thiazide and digoxin carries a caution note."""
    noted = {kind for kind in MedicineKind if caution_for(kind) is not None}
    assert noted == {K.THIAZIDE, K.DIGOXIN}


def test_reminder_hints() -> None:
    """Bisphosphonates go on rising; antibiotics and fluoride before calcium; others plain."""
    hints = {kind: reminder_hint(kind) for kind in MedicineKind}
    assert hints[K.BISPHOSPHONATE_WEEKLY] is ReminderHint.ON_RISING
    assert hints[K.BISPHOSPHONATE_DAILY] is ReminderHint.ON_RISING
    before = {kind for kind, hint in hints.items() if hint is ReminderHint.BEFORE_CALCIUM}
    assert before == {K.TETRACYCLINE, K.QUINOLONE, K.FLUORIDE}
    assert hints[K.THYROID] is None
    assert hints[K.IRON] is None
