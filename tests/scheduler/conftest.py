"""Fixtures for the reminder engine tests: a fake clock in June 2026 and a recording Notifier."""

from datetime import UTC, datetime

import pytest

from tests.scheduler.support import RecordingNotifier
from tests.support.clock import FakeClock

# 1 June 2026 is a Monday; 05:00 UTC is 07:00 in Berlin (CEST).
START = datetime(2026, 6, 1, 5, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    """Give a clock standing at 07:00 Berlin time on Monday 1 June 2026."""
    return FakeClock(START)


@pytest.fixture
def notifier(clock: FakeClock) -> RecordingNotifier:
    """Give a Notifier that records what it is asked to send."""
    return RecordingNotifier(clock=clock)
