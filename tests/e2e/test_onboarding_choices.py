"""End to end: answered onboarding questions show the choice made (issue 9 point 12)."""

from tests.e2e.conftest import Harness
from tests.support.fakebot.objects import BotMessage, FakeUser


async def _to_sex_question(h: Harness, user: FakeUser) -> BotMessage:
    await h.fake.send_text(user, "/start")
    await h.fake.wait_for_message(user.id)
    await h.fake.wait_for_message(user.id)
    await h.say(user, "Berlin")
    confirm = await h.fake.wait_for_message(user.id)
    await h.tap(user, confirm, "right")
    return await h.say(user, "1950")


async def test_answered_question_shows_the_choice(harness: Harness) -> None:
    """Tapping Female edits the question to show "✔ Female" and removes its buttons."""
    user = harness.fake.add_user()
    sex = await _to_sex_question(harness, user)
    await harness.tap(user, sex, "Female")
    edited = harness.fake.edits(user.id, sex.message_id)[-1]
    assert "✔ ♀ Female" in (edited.text or "") and not edited.inline_keyboard
    assert (edited.text or "").startswith((sex.text or "")[:20])


async def test_back_leaves_no_live_buttons_behind(harness: Harness) -> None:
    """⬅️ Back on the sex question removes that question's buttons as the year is asked again."""
    user = harness.fake.add_user()
    sex = await _to_sex_question(harness, user)
    year_again = await harness.tap(user, sex, "Back")
    assert "year" in (year_again.text or "").lower()
    edited = harness.fake.edits(user.id, sex.message_id)[-1]
    assert not edited.inline_keyboard and "✔" not in (edited.text or "")


async def test_typed_year_closes_the_year_questions_back_button(harness: Harness) -> None:
    """Typing the year removes the ⬅️ Back button of the year question it answered."""
    user = harness.fake.add_user()
    await harness.fake.send_text(user, "/start")
    await harness.fake.wait_for_message(user.id)
    await harness.fake.wait_for_message(user.id)
    await harness.say(user, "Berlin")
    confirm = await harness.fake.wait_for_message(user.id)
    year_question = await harness.tap(user, confirm, "right")
    assert year_question.inline_keyboard  # ⬅️ Back
    await harness.say(user, "1950")
    closed = await harness.fake.wait_for_edit(user.id, year_question.message_id)
    assert not closed.inline_keyboard
