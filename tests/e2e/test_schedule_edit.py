"""End to end: each schedule of a product can be moved, paused or deleted (issue 9 point 6)."""

from datetime import time

from sqlmodel import col, select

from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import BERLIN, forge_press, next_local, onboarded_with_carbonate_at_eight
from tests.support.fakebot.objects import BotMessage, FakeUser


async def _schedule_card(h: Harness, user: FakeUser) -> BotMessage:
    listing = await h.say(user, "/supplements")
    product = await h.tap(user, listing, "Caltrate")
    return await h.tap(user, product, "08:00")


async def _pending(h: Harness) -> list[Reminder]:
    """Select the pending dose reminders (the daily summary's are left out)."""
    async with h.db.session() as session:
        rows = await session.exec(
            select(Reminder)
            .join(Schedule, col(Schedule.id) == col(Reminder.schedule_id))
            .where(Reminder.status == ReminderStatus.PENDING, Schedule.kind == ScheduleKind.DOSE)
        )
        return list(rows.all())


async def test_moving_a_schedule_moves_todays_reminder(
    harness: Harness, clock: OffsetClock
) -> None:
    """At 06:00, moving the 08:00 schedule to 09:30 plans today's reminder at 09:30."""
    user = harness.fake.add_user()
    clock.jump_to(next_local(clock, time(6)))
    await onboarded_with_carbonate_at_eight(harness, user)
    card = await _schedule_card(harness, user)
    assert {"⏰ Change times", "⏸ Pause", "🗑 Delete"} <= set(card.button_texts)
    await harness.tap(user, card, "Change times")
    done = await harness.say(user, "9:30")
    assert "09:30" in (done.text or "")
    pending = await _pending(harness)
    today = clock().astimezone(BERLIN).date()
    assert [
        (r.due_at.astimezone(BERLIN).date(), r.due_at.astimezone(BERLIN).time()) for r in pending
    ] == [(today, time(9, 30))]


async def test_changing_days_by_button(harness: Harness) -> None:
    """ "Change days" → Mon–Fri saves the weekdays."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    card = await _schedule_card(harness, user)
    days = await harness.tap(user, card, "Change days")
    done = await harness.tap(user, days, "Mon–Fri")
    assert "Mon–Fri" in (done.text or "")


async def test_pausing_one_schedule_stops_its_reminders(harness: Harness) -> None:
    """Pause on a schedule's card leaves nothing pending; Resume plans it again."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    card = await _schedule_card(harness, user)
    paused = await harness.tap(user, card, "Pause")
    assert "paused" in (paused.text or "") and await _pending(harness) == []
    card = await _schedule_card(harness, user)
    await harness.tap(user, card, "Resume")
    assert len(await _pending(harness)) == 1


async def test_deleting_one_schedule(harness: Harness) -> None:
    """Delete, confirmed, removes that schedule and its pending reminder."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    card = await _schedule_card(harness, user)
    confirm = await harness.tap(user, card, "Delete")
    await harness.tap(user, confirm, "Yes, delete")
    async with harness.db.session() as session:
        doses = select(Schedule).where(Schedule.kind == ScheduleKind.DOSE)
        assert (await session.exec(doses)).all() == []
    assert await _pending(harness) == []


async def test_a_deleted_products_schedule_cannot_be_resumed(harness: Harness) -> None:
    """An old schedule-card button of a deleted product answers "not available"; nothing resumes."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    card = await _schedule_card(harness, user)
    resume = next(d for d in card.callback_data if d.endswith(":p")).replace(":p", ":r")
    listing = await harness.say(user, "/supplements")
    product = await harness.tap(user, listing, "Caltrate")
    await harness.fake.press_button(user, product, text_contains="Delete")
    confirm = await harness.fake.wait_for_edit(user.id, product.message_id)
    await harness.fake.press_button(user, confirm, text_contains="Yes, delete")
    await harness.fake.wait_for_edit(user.id, product.message_id)
    forge_press(harness, user, card, resume, "4242")
    answer = await harness.fake.wait_for_callback_answer("4242")
    assert answer.show_alert and await _pending(harness) == []
