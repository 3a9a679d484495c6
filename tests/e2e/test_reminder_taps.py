"""End to end: repeated taps, and reminders brought to their final state (issue 9 points 2, 9)."""

import logging
from datetime import time, timedelta

import pytest
from sqlmodel import select

from storage.models import Intake
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import BERLIN, next_local, onboarded_with_carbonate_at_eight
from tests.support.fakebot.objects import BotMessage, FakeUser


async def reminder_at(
    h: Harness, clock: OffsetClock, user: FakeUser, moment_s: int = 1
) -> BotMessage:
    """Tick the engine a moment after the next 08:00 and return the reminder it sent."""
    clock.jump_to(next_local(clock, time(8)) + timedelta(seconds=moment_s))
    assert h.app.engine is not None
    await h.app.engine.tick()
    return await h.fake.wait_for_message(user.id, timeout=5)


async def test_double_tap_records_once_and_later_taps_get_a_toast(
    harness: Harness, clock: OffsetClock, caplog: pytest.LogCaptureFixture
) -> None:
    """✅ Taken, ✅ Taken, ⏭ Skip at once: one answer, two "Already recorded" toasts, no error."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    reminder = await reminder_at(harness, clock, user)
    taken = next(d for d in reminder.callback_data if d.endswith(":t"))
    skip = next(d for d in reminder.callback_data if d.endswith(":k"))
    caplog.set_level(logging.INFO)
    queries = [
        await harness.fake.press(user, reminder, taken),
        await harness.fake.press(user, reminder, taken),
        await harness.fake.press(user, reminder, skip),
    ]
    answers = [await harness.fake.wait_for_callback_answer(q) for q in queries]
    at = clock().astimezone(BERLIN).strftime("%H:%M")
    assert [a.text for a in answers] == [None] + [f"Already recorded ✅ at {at}"] * 2
    edits = harness.fake.edits(user.id, reminder.message_id)
    assert len(edits) == 1 and "✅ Taken" in (edits[0].text or "")
    await harness.fake.expect_no_message(user.id, within=0.5)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    async with harness.db.session() as session:
        assert len((await session.exec(select(Intake))).all()) == 1
