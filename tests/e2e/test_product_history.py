"""End to end: deleting a product keeps its history (issue 9 point 5 and part of point 9)."""

from datetime import time, timedelta

from sqlmodel import col, select

from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import next_local, onboarded_with_carbonate_at_eight
from tests.support.fakebot.objects import BotMessage, FakeUser


async def _reminder(h: Harness, clock: OffsetClock, user: FakeUser) -> BotMessage:
    await onboarded_with_carbonate_at_eight(h, user)
    clock.jump_to(next_local(clock, time(8)) + timedelta(seconds=1))
    assert h.app.engine is not None
    await h.app.engine.tick()
    return await h.fake.wait_for_message(user.id, timeout=5)


async def _delete_caltrate(h: Harness, user: FakeUser) -> None:
    listing = await h.say(user, "/supplements")
    card = await h.tap(user, listing, "Caltrate")
    await h.fake.press_button(user, card, text_contains="Delete")
    confirm = await h.fake.wait_for_edit(user.id, card.message_id)
    await h.fake.press_button(user, confirm, text_contains="Yes, delete")
    await h.fake.wait_for_edit(
        user.id, card.message_id, predicate=lambda e: "deleted" in (e.text or "")
    )


async def test_deleted_product_keeps_its_history(harness: Harness, clock: OffsetClock) -> None:
    """A dose taken, then the product deleted: /history still shows it under the product's name."""
    user = harness.fake.add_user()
    reminder = await _reminder(harness, clock, user)
    await harness.fake.press_button(user, reminder, text_contains="Taken")
    await harness.fake.wait_for_edit(user.id, reminder.message_id)
    await _delete_caltrate(harness, user)
    history = await harness.say(user, "/history")
    assert "Caltrate" in (history.text or "") and "1/1" in (history.text or "")
    listing = await harness.say(user, "/supplements")
    assert "Caltrate" not in (listing.text or "")
    async with harness.db.session() as session:
        rows = (
            await session.exec(
                select(Reminder)
                .join(Schedule, col(Schedule.id) == col(Reminder.schedule_id))
                .where(Schedule.kind == ScheduleKind.DOSE)
            )
        ).all()
    assert ReminderStatus.TAKEN in {r.status for r in rows}
    assert not [r for r in rows if r.status == ReminderStatus.PENDING]


async def test_open_reminder_of_a_deleted_product_says_so(
    harness: Harness, clock: OffsetClock
) -> None:
    """Taken pressed on a deleted product's open reminder says it was deleted, not "isn't yours"."""
    user = harness.fake.add_user()
    reminder = await _reminder(harness, clock, user)
    await _delete_caltrate(harness, user)
    query = await harness.fake.press_button(user, reminder, text_contains="Taken")
    answer = await harness.fake.wait_for_callback_answer(query)
    assert "deleted" in (answer.text or "") and "isn't yours" not in (answer.text or "")
    closed = await harness.fake.wait_for_edit(user.id, reminder.message_id)
    assert "🗑 Product deleted" in (closed.text or "") and not closed.inline_keyboard
