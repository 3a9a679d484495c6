"""A clock tests move by hand, so the engine's tests never sleep."""

from datetime import UTC, datetime, timedelta


class FakeClock:
    """A clock that stands still until a test moves it, so tests never sleep."""

    def __init__(self, start: datetime) -> None:
        self._now = _checked(start)

    def now(self) -> datetime:
        """Return the instant the test last set."""
        return self._now

    def advance(self, delta: timedelta) -> datetime:
        """Move the clock forward (never back) and return the new instant."""
        if delta < timedelta(0):
            raise ValueError("a clock does not run backwards")
        self._now += delta
        return self._now

    def set(self, moment: datetime) -> datetime:
        """Jump to an instant and return it."""
        self._now = _checked(moment)
        return self._now


def _checked(moment: datetime) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError("the clock holds aware datetimes only")
    return moment.astimezone(UTC)
