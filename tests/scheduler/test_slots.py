"""Slots: which schedule time an instant stands for, and which local-day slots are done."""

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from scheduler.slots import done_slots, schedule_next, slot_of
from storage.models import Schedule

BERLIN, TOKYO = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")


def test_a_time_moved_by_a_gap_keeps_its_slot() -> None:
    """02:30 on Berlin's spring-forward day fires at 03:30 CEST and is still the 02:30 slot."""
    fired = datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST
    assert slot_of(fired, zone=BERLIN, times=["02:30", "03:30"]) == "02:30"
    assert (
        slot_of(datetime(2026, 3, 29, 1, 31, tzinfo=UTC), zone=BERLIN, times=["02:30"]) == "03:31"
    )


def test_done_slots_are_keyed_by_the_day_in_the_new_zone() -> None:
    """A Berlin 20:00 dose taken at 03:00 Tokyo time fills 20:00 of that Tokyo day."""
    taken = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)  # 20:00 Berlin, 03:00 on 2 June in Tokyo
    done = done_slots([(taken, BERLIN.key)], zone=TOKYO, times=["08:00", "20:00"])
    assert done == {(date(2026, 6, 2), "20:00")}


def test_rows_planned_in_the_same_zone_are_left_out() -> None:
    """Occurrences planned in the current zone, or before zones were recorded, add no slot."""
    taken = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)
    assert done_slots([(taken, TOKYO.key), (taken, None)], zone=TOKYO, times=["15:00"]) == set()


def test_schedule_next_steps_over_done_slots() -> None:
    """With 2 June's 08:00 and 20:00 done in Tokyo, the next occurrence is 3 June 08:00."""
    schedule = Schedule(user_id=1, kind="dose", times=["08:00", "20:00"])
    after = datetime(2026, 6, 1, 18, 4, tzinfo=UTC)
    done = {(date(2026, 6, 2), "08:00"), (date(2026, 6, 2), "20:00")}
    assert schedule_next(schedule, zone=TOKYO, after=after) == datetime(
        2026, 6, 1, 23, 0, tzinfo=UTC
    )
    assert schedule_next(schedule, zone=TOKYO, after=after, done=done) == datetime(
        2026, 6, 2, 23, 0, tzinfo=UTC
    )
