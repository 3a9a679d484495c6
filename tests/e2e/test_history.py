"""End to end: /history and the product list say what each schedule is (issue 9 point 13)."""

from datetime import time, timedelta

from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import (
    add_carbonate,
    next_local,
    onboard,
    onboarded_with_carbonate_at_eight,
    schedule_at,
)
from tests.support.fakebot.objects import BotMessage, FakeUser


async def _tick_at(h: Harness, clock: OffsetClock, user: FakeUser, wall: time) -> BotMessage:
    clock.jump_to(next_local(clock, wall) + timedelta(seconds=1))
    assert h.app.engine is not None
    await h.app.engine.tick()
    return await h.fake.wait_for_message(user.id, timeout=5)


async def test_history_names_each_schedule_by_its_times(
    harness: Harness, clock: OffsetClock
) -> None:
    """Two schedules of one product are two lines told apart by their times; none reads 0/0."""
    user = harness.fake.add_user()
    clock.jump_to(next_local(clock, time(6)))
    await onboard(harness, user)
    await schedule_at(harness, user, await add_carbonate(harness, user), "08:00")
    await schedule_at(harness, user, await add_carbonate(harness, user), "20:00")
    reminder = await _tick_at(harness, clock, user, time(8))
    await harness.fake.press_button(user, reminder, text_contains="Taken")
    await harness.fake.wait_for_edit(user.id, reminder.message_id)
    history = await harness.say(user, "/history")
    lines = (history.text or "").splitlines()
    assert any("(08:00): 1/1 taken (100 %)" in line for line in lines)
    assert not any("0/0" in line for line in lines)


async def test_exercise_counts_as_done(harness: Harness, clock: OffsetClock) -> None:
    """An exercise answered with Done is counted as "done" in /history, not "taken"."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    menu = await harness.say(user, "/exercise")
    await harness.tap(user, menu, "bone-health plan")
    monday = next_local(clock, time(0, 1))
    while monday.weekday() != 0:
        monday += timedelta(days=1)
    clock.jump_to(monday.replace(hour=9, minute=0, second=1))
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    reminder = await harness.fake.wait_for_message(user.id, timeout=5)
    await harness.fake.press_button(user, reminder, text_contains="Done")
    await harness.fake.wait_for_edit(user.id, reminder.message_id)
    history = await harness.say(user, "/history")
    text = history.text or ""
    assert "Balance practice (09:00): 1/" in text and "taken" not in text


async def test_paused_product_shows_its_paused_schedule(harness: Harness) -> None:
    """A paused product lists its schedule (it comes back on resume), not "not scheduled"."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    listing = await harness.say(user, "/supplements")
    card = await harness.tap(user, listing, "Caltrate")
    await harness.fake.press_button(user, card, text_contains="Pause")
    await harness.fake.wait_for_edit(user.id, card.message_id)
    listing = await harness.say(user, "/supplements")
    assert "paused" in (listing.text or "") and "08:00" in (listing.text or "")
    assert "not scheduled" not in (listing.text or "")


async def test_snoozed_reminder_keeps_its_dose_details(
    harness: Harness, clock: OffsetClock
) -> None:
    """Snoozing edits the reminder to say so but keeps how much to take."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    reminder = await _tick_at(harness, clock, user, time(8))
    await harness.fake.press_button(user, reminder, text_contains="15 min")
    edit = await harness.fake.wait_for_edit(user.id, reminder.message_id)
    assert "Snoozed" in (edit.text or "") and "1 tablet · 600 mg calcium" in (edit.text or "")
