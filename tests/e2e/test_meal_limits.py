"""End to end: the upper-limit checker after meals and before doses, extra doses, warfarin."""

from datetime import time, timedelta

from sqlmodel import col, select

from storage.models import Intake
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import (
    add_carbonate,
    change_setting,
    log_meal,
    next_local,
    onboard,
    schedule_at,
)
from tests.support.fakebot.objects import BotMessage, FakeUser

NEAR = "nearing your upper limit"
OVER = "reached your upper limit"


def _text(message: BotMessage) -> str:
    return message.text or ""


async def _intakes(h: Harness) -> list[Intake]:
    async with h.db.session() as session:
        return list((await session.exec(select(Intake).order_by(col(Intake.id)))).all())


async def _with_doctor_limit(h: Harness, mg: str = "1000") -> FakeUser:
    user = h.fake.add_user()
    await onboard(h, user)
    done = await change_setting(h, user, "calcium limit", mg)
    assert "your doctor" in _text(done)
    return user


async def _saved_carbonate(h: Harness, user: FakeUser, *, vitamin_k: str = "0") -> str:
    """Add and save Caltrate, skip its schedule; return what the bot said in between."""
    confirmation = await add_carbonate(h, user, vitamin_k=vitamin_k)
    said = [_text(await h.tap(user, confirmation, "Save"))]
    while "schedule" not in said[-1]:
        said.append(_text(await h.fake.wait_for_message(user.id)))
    await h.say(user, "/cancel")
    return "\n".join(said)


async def test_near_then_over_limit_are_each_warned_once(harness: Harness) -> None:
    """Crossing 80 % and then 100 % of the limit brings each warning exactly once that day."""
    user = await _with_doctor_limit(harness)
    _logged, total = await log_meal(harness, user, "3 cups of milk")
    assert "878 of your 1,000 mg target (87 %); upper limit 1,000 mg (your doctor)" in _text(total)
    near = await harness.fake.wait_for_message(user.id)
    assert NEAR in _text(near) and "878 / 1,000 mg" in _text(near)
    _logged, total = await log_meal(harness, user, "1 cup of milk")
    over = await harness.fake.wait_for_message(user.id)
    assert OVER in _text(over) and "1,171 / 1,000 mg" in _text(over)
    await log_meal(harness, user, "1 cup of milk")
    await harness.fake.expect_no_message(user.id)
    sent = [_text(message) for message in harness.fake.sent(user.id)]
    assert sum(NEAR in text for text in sent) == 1 and sum(OVER in text for text in sent) == 1


async def test_dose_reminder_says_it_would_pass_the_limit(
    harness: Harness, clock: OffsetClock
) -> None:
    """After food near the limit, the next dose reminder warns the dose would pass it."""
    user = await _with_doctor_limit(harness)
    clock.jump_to(next_local(clock, time(7)))
    confirmation = await add_carbonate(harness, user)
    await schedule_at(harness, user, confirmation, "08:00")
    await log_meal(harness, user, "2 cups of milk")
    clock.jump_to(next_local(clock, time(8)) + timedelta(seconds=1))
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    reminder = await harness.fake.wait_for_message(
        user.id, predicate=lambda message: "Caltrate" in _text(message)
    )
    assert "calcium to 1,186 of your 1,000 mg upper limit" in _text(reminder)
    assert "would pass your daily upper limit for calcium" in _text(reminder)


async def test_took_a_product_by_name_logs_it_outside_the_schedule(harness: Harness) -> None:
    """ "took 1 Caltrate" with no dose waiting logs one tablet of the user's own product."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await _saved_carbonate(harness, user)
    reply = await harness.say(user, "took 1 Caltrate")
    assert "Logged 1 × Caltrate (600 mg calcium)" in _text(reply)
    assert "Today's calcium: 600 mg" in _text(reply)
    rows = await _intakes(harness)
    assert [(r.source, r.calcium_mg, r.vitamin_d_iu) for r in rows] == [("supplement", 600, 400)]


async def test_saying_it_again_soon_is_not_counted_twice(harness: Harness) -> None:
    """ "took my Caltrate" again soon after is not logged twice; "took another" is logged."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await _saved_carbonate(harness, user)
    await harness.say(user, "took 1 Caltrate")
    again = await harness.say(user, "took my Caltrate")
    assert "haven't counted it again" in _text(again)
    assert len(await _intakes(harness)) == 1
    another = await harness.say(user, "took another Caltrate")
    assert "Logged 1 × Caltrate" in _text(another)
    assert len(await _intakes(harness)) == 2


async def test_took_calcium_tablets_without_a_waiting_dose_logs_them(harness: Harness) -> None:
    """ "took 2 calcium tablets" with no reminder waiting logs two of the one calcium product."""
    user = await _with_doctor_limit(harness)
    await _saved_carbonate(harness, user)
    reply = await harness.say(user, "took 2 calcium tablets")
    assert "Logged 2 × Caltrate (1,200 mg calcium)" in _text(reply)
    over = await harness.fake.wait_for_message(user.id)
    assert OVER in _text(over)
    assert [row.calcium_mg for row in await _intakes(harness)] == [1200]


async def test_took_a_product_with_its_dose_waiting_answers_the_reminder(
    harness: Harness, clock: OffsetClock
) -> None:
    """ "took 1 Caltrate" while its reminder waits marks that dose taken instead of adding one."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    confirmation = await add_carbonate(harness, user)
    await schedule_at(harness, user, confirmation, "08:00")
    clock.jump_to(next_local(clock, time(8)) + timedelta(seconds=1))
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    await harness.fake.wait_for_message(user.id)
    reply = await harness.say(user, "took 1 Caltrate")
    assert "Taken" in _text(reply)
    assert [(row.source, row.calcium_mg) for row in await _intakes(harness)] == [("dose", 600)]


async def test_took_an_unknown_product_logs_nothing(harness: Harness) -> None:
    """Naming a product the user never added gets a pointer to /supplements, and no intake."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    reply = await harness.say(user, "took 1 Osteoflex")
    assert "/supplements" in _text(reply)
    assert await _intakes(harness) == []


async def test_warfarin_user_is_advised_when_vitamin_k_changes(harness: Harness) -> None:
    """A warfarin user adding, pausing or deleting a vitamin K product hears to keep K steady."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await change_setting(harness, user, "Warfarin", "Yes")
    added = await _saved_carbonate(harness, user, vitamin_k="90")
    assert "adding a vitamin K product" in added and "anticoagulation clinic" in added
    listing = await harness.say(user, "/supplements")
    menu = await harness.tap(user, listing, "✏️ Caltrate")
    await harness.fake.press_button(user, menu, text_contains="Pause")
    advice = await harness.fake.wait_for_message(user.id)
    assert "changing your vitamin K dose" in _text(advice)
    listing = await harness.say(user, "/supplements")
    menu = await harness.tap(user, listing, "✏️ Caltrate")
    await harness.fake.press_button(user, menu, text_contains="Delete")
    confirm = await harness.fake.wait_for_edit(user.id, menu.message_id)
    await harness.fake.press_button(user, confirm, text_contains="Yes, delete")
    advice = await harness.fake.wait_for_message(user.id)
    assert "stopping a vitamin K product" in _text(advice)


async def test_no_vitamin_k_advice_without_warfarin(harness: Harness) -> None:
    """Without warfarin, adding a product with vitamin K brings no anticoagulation advice."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    after = await _saved_carbonate(harness, user, vitamin_k="90")
    assert "Saved" in after and "anticoagulation" not in after


async def test_commands_menu_offers_log_undo_and_food(harness: Harness) -> None:
    """The command menu lists /log, /undo and /food with short descriptions."""
    commands = {entry["command"]: entry["description"] for entry in harness.fake.commands}
    assert {"log", "undo", "food"} <= commands.keys()
    assert all(0 < len(commands[name]) <= 40 for name in ("log", "undo", "food"))


async def test_warfarin_user_hears_about_a_vitamin_k_rich_meal(harness: Harness) -> None:
    """A warfarin user logging spinach is told to keep vitamin K steady; others are not."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await log_meal(harness, user, "100 g spinach")
    await harness.fake.expect_no_message(user.id)
    await change_setting(harness, user, "Warfarin", "✅ Yes")
    await log_meal(harness, user, "100 g spinach")
    note = await harness.fake.wait_for_message(user.id)
    assert "vitamin K" in _text(note) and "same amount" in _text(note)
