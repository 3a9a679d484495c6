"""End to end: a new time zone's confirmation says how today's remaining reminders move."""

from datetime import time

from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import add_carbonate, next_local, onboard, schedule_at


async def test_zone_change_says_how_todays_reminders_move(
    harness: Harness, clock: OffsetClock
) -> None:
    """Berlin → London at 10:00: today's 20:00 dose, 19:00 by the new clock, moves to 20:00."""
    user = harness.fake.add_user()
    clock.jump_to(next_local(clock, time(10)))
    await onboard(harness, user)
    await schedule_at(harness, user, await add_carbonate(harness, user), "20:00")
    menu = await harness.say(user, "/settings")
    await harness.tap(user, menu, "Time zone")
    await harness.say(user, "London")
    confirm = await harness.fake.wait_for_message(user.id)
    await harness.tap(user, confirm, "right")
    moves = await harness.fake.wait_for_message(user.id)
    assert "Caltrate: 19:00 → 20:00" in (moves.text or "")
