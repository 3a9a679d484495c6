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


async def _reminder_and_nudge(
    h: Harness, clock: OffsetClock, user: FakeUser
) -> tuple[BotMessage, BotMessage]:
    await onboarded_with_carbonate_at_eight(h, user)
    reminder = await reminder_at(h, clock, user)
    clock.jump_to(clock() + timedelta(minutes=30, seconds=1))
    assert h.app.engine is not None
    await h.app.engine.tick()
    nudge = await h.fake.wait_for_message(user.id, timeout=5)
    return reminder, nudge


async def test_missed_dose_edits_both_messages_keeping_one_took_it_button(
    harness: Harness, clock: OffsetClock
) -> None:
    """Two hours unanswered: both messages say missed; the nudge keeps one "I took it" button."""
    user = harness.fake.add_user()
    reminder, nudge = await _reminder_and_nudge(harness, clock, user)
    clock.jump_to(clock() + timedelta(hours=2))
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    first = await harness.fake.wait_for_edit(user.id, reminder.message_id)
    assert "⏱ Missed" in (first.text or "") and not first.inline_keyboard
    last = await harness.fake.wait_for_edit(user.id, nudge.message_id)
    assert "⏱ Missed — tap if you took it" in (last.text or "")
    assert last.button_texts == ["✅ I took it"]
    await harness.fake.press_button(user, nudge, text_contains="I took it")
    taken = await harness.fake.wait_for_edit(
        user.id, nudge.message_id, predicate=lambda e: "✅ Taken" in (e.text or "")
    )
    assert not taken.inline_keyboard and "600 mg" in (taken.text or "")
    async with harness.db.session() as session:
        assert len((await session.exec(select(Intake))).all()) == 1


async def test_answer_on_the_nudge_closes_the_first_message(
    harness: Harness, clock: OffsetClock
) -> None:
    """Taken pressed on the nudge removes the first reminder's four buttons, showing the outcome."""
    user = harness.fake.add_user()
    reminder, nudge = await _reminder_and_nudge(harness, clock, user)
    await harness.fake.press_button(user, nudge, text_contains="Taken")
    closed = await harness.fake.wait_for_edit(user.id, reminder.message_id)
    assert "Caltrate" in (closed.text or "") and "✅ Taken" in (closed.text or "")
    assert not closed.inline_keyboard


async def test_taken_in_words_closes_the_reminder(harness: Harness, clock: OffsetClock) -> None:
    """ "I took my calcium" answers the waiting dose and removes the reminder's buttons."""
    user = harness.fake.add_user()
    await onboarded_with_carbonate_at_eight(harness, user)
    reminder = await reminder_at(harness, clock, user)
    await harness.say(user, "I took my calcium")
    closed = await harness.fake.wait_for_edit(user.id, reminder.message_id)
    assert "✅ Taken" in (closed.text or "") and not closed.inline_keyboard
