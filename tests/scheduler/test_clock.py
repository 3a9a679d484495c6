"""The fake clock moves only when told, and only holds aware UTC instants."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from scheduler.clock import SystemClock
from tests.support.clock import FakeClock


def test_fake_clock_advances_and_sets() -> None:
    """advance() moves forward by the delta; set() jumps to an instant, converted to UTC."""
    clock = FakeClock(datetime(2026, 1, 1, tzinfo=UTC))
    assert clock.advance(timedelta(minutes=5)) == datetime(2026, 1, 1, 0, 5, tzinfo=UTC)
    moment = datetime(2026, 1, 2, 3, 0, tzinfo=timezone(timedelta(hours=2)))
    assert clock.set(moment) == datetime(2026, 1, 2, 1, 0, tzinfo=UTC)
    assert clock.now().tzinfo is UTC


def test_fake_clock_refuses_naive_and_backwards() -> None:
    """A naive start and a negative advance are refused."""
    with pytest.raises(ValueError, match="aware"):
        FakeClock(datetime(2026, 1, 1))  # noqa: DTZ001
    with pytest.raises(ValueError, match="backwards"):
        FakeClock(datetime(2026, 1, 1, tzinfo=UTC)).advance(timedelta(seconds=-1))


def test_system_clock_is_aware_utc() -> None:
    """The system clock gives aware UTC instants."""
    assert SystemClock().now().tzinfo is UTC
