"""Dialogues end: a timeout, another command or /cancel stops a question from taking later text."""

from datetime import timedelta

from sqlmodel import select

from bot.dialogue import DIALOGUE_TIMEOUT
from storage.models import Supplement
from storage.users import get_user
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import onboard
from tests.support.fakebot.objects import BotMessage, FakeUser


async def _start_adding(h: Harness, user: FakeUser) -> BotMessage:
    """Open /supplements and tap Add: the bot asks for the product's name."""
    await onboard(h, user)
    await h.fake.send_text(user, "/supplements")
    listing = await h.fake.wait_for_message(user.id)
    asked = await h.tap(user, listing, "Add")
    assert "What is the product called" in (asked.text or "")
    return asked


async def _products(h: Harness) -> list[Supplement]:
    async with h.db.session() as session:
        return list((await session.exec(select(Supplement))).all())


async def test_an_abandoned_question_times_out(harness: Harness, clock: OffsetClock) -> None:
    """Hours after "what is the product called?", a meal is read as a meal, not as a name."""
    user = harness.fake.add_user()
    await _start_adding(harness, user)
    clock.jump_to(clock() + DIALOGUE_TIMEOUT + timedelta(minutes=1))
    reply = await harness.say(user, "2 cups of milk")
    assert "What kind of product" not in (reply.text or "")
    assert "milk" in (reply.text or "").lower()
    assert await _products(harness) == []


async def test_an_answer_in_time_is_still_taken(harness: Harness, clock: OffsetClock) -> None:
    """Within the timeout the typed name answers the question, as before."""
    user = harness.fake.add_user()
    await _start_adding(harness, user)
    clock.jump_to(clock() + DIALOGUE_TIMEOUT - timedelta(minutes=1))
    reply = await harness.say(user, "Caltrate")
    assert "What kind of product is <b>Caltrate</b>" in (reply.raw_text or "")


async def test_another_command_ends_the_dialogue(harness: Harness) -> None:
    """After /today, the next free text is not taken as the product's name."""
    user = harness.fake.add_user()
    await _start_adding(harness, user)
    await harness.say(user, "/today")
    reply = await harness.say(user, "Caltrate")
    assert "What kind of product" not in (reply.text or "")


async def test_cancel_ends_the_dialogue_and_says_so(harness: Harness) -> None:
    """/cancel during a question says nothing changed; the next text is free again."""
    user = harness.fake.add_user()
    await _start_adding(harness, user)
    cancelled = await harness.say(user, "/cancel")
    assert cancelled.text == "OK, nothing changed."
    again = await harness.say(user, "/cancel")
    assert again.text == "There is nothing to cancel right now."


async def test_an_unknown_command_gets_the_help_hint(harness: Harness) -> None:
    """/caregiver (not a command) is answered with the pointer to /help, not silence."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    reply = await harness.say(user, "/caregiver")
    assert "/help" in (reply.text or "")


async def test_typed_yes_and_no_answer_yes_no_questions(harness: Harness) -> None:
    """ "不是" answers the vascular calcification question like the ❌ No button would."""
    user = harness.fake.add_user()
    await harness.fake.send_text(user, "/start")
    await harness.fake.wait_for_message(user.id)
    await harness.fake.wait_for_message(user.id)
    await harness.say(user, "Berlin")
    confirm = await harness.fake.wait_for_message(user.id)
    await harness.tap(user, confirm, "right")
    sex = await harness.say(user, "1950")
    reference = await harness.tap(user, sex, "Female")
    calcification = await harness.tap(user, reference, "US")
    assert "calcification" in (calcification.text or "").lower()
    await harness.say(user, "不是")
    async with harness.db.session() as session:
        row = await get_user(session=session, telegram_id=user.id)
    assert row is not None and row.vascular_calcification is False and row.onboarded


async def test_cancel_pauses_onboarding_until_start(harness: Harness) -> None:
    """After /cancel in onboarding, free text is not taken as an answer; /start resumes there."""
    user = harness.fake.add_user()
    await harness.fake.send_text(user, "/start")
    await harness.fake.wait_for_message(user.id)
    await harness.fake.wait_for_message(user.id)
    await harness.say(user, "Berlin")
    confirm = await harness.fake.wait_for_message(user.id)
    year = await harness.tap(user, confirm, "right")
    assert "year" in (year.text or "").lower()
    paused = await harness.say(user, "/cancel")
    assert "/start" in (paused.text or "")
    reply = await harness.say(user, "2 cups of milk")
    assert "four digits" not in (reply.text or "") and "year" not in (reply.text or "").lower()
    await harness.fake.send_text(user, "/start")
    await harness.fake.wait_for_message(user.id)  # "Let's carry on"
    asked = await harness.fake.wait_for_message(user.id)
    assert "year" in (asked.text or "").lower()
    sex = await harness.say(user, "1950")
    assert "Female" in " ".join(sex.button_texts)
