"""End to end: /exercise after the plan, its times, its days and "later" (issue 9 point 10)."""

from datetime import time, timedelta

from sqlmodel import select

from storage.models import Reminder, ReminderStatus, Schedule
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import BERLIN, next_local, onboard


async def test_plan_text_is_sent_once_then_a_short_list(harness: Harness) -> None:
    """After the plan is saved, /exercise lists exercises briefly with a "Show the plan" button."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    plan = await harness.say(user, "/exercise")
    assert len(plan.text or "") > 1_000
    await harness.tap(user, plan, "bone-health plan")
    short = await harness.say(user, "/exercise")
    assert len(short.text or "") < 500 and "Balance practice" in (short.text or "")
    full = await harness.tap(user, short, "Show the plan")
    assert "Move safely" in (full.text or "")


async def test_a_plan_exercise_can_move_to_another_time(harness: Harness) -> None:
    """A plan exercise's card changes its time; the schedule keeps the new time."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    plan = await harness.say(user, "/exercise")
    await harness.tap(user, plan, "bone-health plan")
    short = await harness.say(user, "/exercise")
    card = await harness.tap(user, short, "Balance practice")
    await harness.tap(user, card, "Change times")
    done = await harness.say(user, "18:30")
    assert "18:30" in (done.text or "")
    async with harness.db.session() as session:
        balance = (
            await session.exec(select(Schedule).where(Schedule.title == "Balance practice"))
        ).one()
    assert balance.times == ["18:30"]


async def test_own_exercise_days_by_button_or_in_chinese(harness: Harness) -> None:
    """The days question shows the buttons it mentions, and 每天 means every day."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    plan = await harness.say(user, "/exercise")
    await harness.tap(user, plan, "My own exercise")
    await harness.say(user, "Tai chi")
    days = await harness.say(user, "07:00")
    assert "Tap below" in (days.text or "") and "Every day" in days.button_texts
    saved = await harness.say(user, "每天")
    assert "every day" in (saved.text or "")
    plan = await harness.say(user, "/exercise")
    await harness.tap(user, plan, "My own exercise")
    await harness.say(user, "Walk")
    days = await harness.say(user, "18:00")
    saved = await harness.tap(user, days, "Mon–Fri")
    assert "Mon–Fri" in (saved.text or "")


async def test_later_offers_half_an_hour(harness: Harness, clock: OffsetClock) -> None:
    """An exercise reminder offers 30 min, 1 h and 2 h; 30 min brings it back half an hour on."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    plan = await harness.say(user, "/exercise")
    await harness.tap(user, plan, "My own exercise")
    await harness.say(user, "Tai chi")
    days = await harness.say(user, "07:00")
    await harness.tap(user, days, "Every day")
    clock.jump_to(next_local(clock, time(7)) + timedelta(seconds=1))
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    reminder = await harness.fake.wait_for_message(user.id, timeout=5)
    assert {"⏰ 30 min", "⏰ 1 h", "⏰ 2 h"} <= set(reminder.button_texts)
    await harness.fake.press_button(user, reminder, text_contains="30 min")
    edit = await harness.fake.wait_for_edit(user.id, reminder.message_id)
    assert "Snoozed until 07:30" in (edit.text or "")
    async with harness.db.session() as session:
        follow_up = (
            await session.exec(
                select(Reminder).where(Reminder.one_off, Reminder.status == ReminderStatus.PENDING)
            )
        ).one()
    assert follow_up.due_at.astimezone(BERLIN).time().replace(second=0, microsecond=0) == time(
        7, 30
    )
