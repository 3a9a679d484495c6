"""Fixtures for the records tests: a fake clock at midnight UTC on 1 June 2026, a recorder."""

from datetime import UTC, datetime

import pytest

from tests.scheduler.support import RecordingNotifier
from tests.support.clock import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    """Give a clock standing at 00:00 UTC on Monday 1 June 2026."""
    return FakeClock(datetime(2026, 6, 1, 0, 0, tzinfo=UTC))


@pytest.fixture
def notifier(clock: FakeClock) -> RecordingNotifier:
    """Give a Notifier that records what it is asked to send."""
    return RecordingNotifier(clock=clock)
