"""End to end: medicines that calcium gets in the way of, from the plan to the dose."""

from datetime import datetime, time, timedelta

from sqlmodel import col, select

from storage.models import Reminder, ReminderStatus, Schedule, Supplement
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import BERLIN, add_carbonate, forge_press, next_local, onboard, schedule_at
from tests.support.fakebot.objects import BotMessage, FakeUser

LEAD = timedelta(seconds=-1)


async def _next_with(h: Harness, user: FakeUser, fragment: str) -> BotMessage:
    return await h.fake.wait_for_message(user.id, predicate=lambda m: fragment in (m.text or ""))


async def _add_medicine(h: Harness, user: FakeUser, name: str, kind: str) -> BotMessage:
    """Add a medicine, tap its kind and return the first message after the kind question."""
    listing = await h.say(user, "/supplements")
    form = await h.tap(user, listing, "Add")
    form = await h.say(user, name)
    confirm = await h.tap(user, form, "A medicine")
    await h.tap(user, confirm, "Save")
    question = await _next_with(h, user, "What kind of medicine")
    return await h.tap(user, question, kind)


async def _schedule_medicine_at(h: Harness, user: FakeUser, units: BotMessage, at: str) -> None:
    times = await h.tap(user, units, "1")
    assert "time" in (times.text or "").lower()
    days = await h.say(user, at)
    confirm = await h.tap(user, days, "Every day")
    await h.tap(user, confirm, "Save")


async def _levothyroxine_at_seven_calcium_at_eight(h: Harness, user: FakeUser) -> BotMessage:
    """Onboard, Caltrate daily at 08:00, then Euthyrox (levothyroxine) at 07:00; the conflict."""
    await onboard(h, user)
    await schedule_at(h, user, await add_carbonate(h, user), "08:00")
    usual = await _add_medicine(h, user, "Euthyrox", "Thyroid")
    assert "4 h" in (usual.text or "")
    noted = await h.tap(user, usual, "usual")
    assert "Noted" in (noted.text or "")
    units = await _next_with(h, user, "tablets per dose")
    await _schedule_medicine_at(h, user, units, "07:00")
    return await _next_with(h, user, "Euthyrox")


async def _tick_to(h: Harness, clock: OffsetClock, user: FakeUser, moment: datetime) -> BotMessage:
    clock.jump_to(moment - LEAD)
    assert h.app.engine is not None
    await h.app.engine.tick()
    return await h.fake.wait_for_message(user.id, timeout=5)


async def _caltrate_schedule(h: Harness) -> Schedule:
    async with h.db.session() as session:
        return (
            await session.exec(
                select(Schedule)
                .join(Supplement, col(Supplement.id) == col(Schedule.supplement_id))
                .where(col(Supplement.name) == "Caltrate")
            )
        ).one()


async def test_conflict_and_proposal_at_save_time_and_accepting_moves_the_reminder(
    harness: Harness,
) -> None:
    """Levothyroxine at 07:00 and calcium at 08:00: the rule and 11:00 shown; one tap moves it."""
    user = harness.fake.add_user()
    conflict = await _levothyroxine_at_seven_calcium_at_eight(harness, user)
    text = conflict.text or ""
    assert "4 h" in text and "07:00" in text and "08:00" in text and "11:00" in text
    assert any("Move to 11:00" in label for label in conflict.button_texts)
    moved = await harness.tap(user, conflict, "Move to 11:00")
    assert "08:00 → 11:00" in (moved.text or "")
    schedule = await _caltrate_schedule(harness)
    assert schedule.times == ["11:00"]
    async with harness.db.session() as session:
        pending = (
            await session.exec(
                select(Reminder).where(
                    col(Reminder.schedule_id) == schedule.id,
                    col(Reminder.status) == ReminderStatus.PENDING,
                )
            )
        ).all()
    assert [r.due_at.astimezone(BERLIN).time() for r in pending] == [time(11)]
    # A second tap on the old proposal moves nothing more.
    data = next(d for d in conflict.callback_data if d.startswith("mv:"))
    forge_press(harness, user, conflict, data, "q-again")
    await harness.fake.wait_for_callback_answer("q-again")
    assert "already clear" in ((await harness.fake.wait_for_message(user.id)).text or "")
    assert (await _caltrate_schedule(harness)).times == ["11:00"]


async def test_snoozed_calcium_inside_the_window_says_wait_and_snoozes_to_the_end(
    harness: Harness, clock: OffsetClock
) -> None:
    """Kept at 08:00, snoozed to 09:00: "2 h since your Euthyrox; wait until 11:00", then 11:00."""
    user = harness.fake.add_user()
    conflict = await _levothyroxine_at_seven_calcium_at_eight(harness, user)
    await harness.fake.press_button(user, conflict.message_id, text_contains="Keep")
    seven = next_local(clock, time(7))
    medicine = await _tick_to(harness, clock, user, seven)
    assert "Euthyrox" in (medicine.text or "") and "4 h" in (medicine.text or "")
    await harness.fake.press_button(user, medicine.message_id, text_contains="Taken")
    await harness.fake.wait_for_edit(user.id, medicine.message_id)
    calcium = await _tick_to(harness, clock, user, seven + timedelta(hours=1))
    assert "Caltrate" in (calcium.text or "") and "1 h since your Euthyrox" in (calcium.text or "")
    await harness.fake.press_button(user, calcium.message_id, text_contains="1 h")
    await harness.fake.wait_for_edit(user.id, calcium.message_id)
    again = await _tick_to(harness, clock, user, clock() + timedelta(hours=1, seconds=5))
    text = again.text or ""
    assert "2 h since your Euthyrox" in text and "wait until 11:00" in text
    await harness.fake.press_button(user, again.message_id, text_contains="Until 11:00")
    edit = await harness.fake.wait_for_edit(user.id, again.message_id)
    assert "Snoozed until 11:00" in (edit.text or "")
    async with harness.db.session() as session:
        follow_up = (
            await session.exec(
                select(Reminder).where(col(Reminder.one_off), col(Reminder.status) == "pending")
            )
        ).all()
    assert [r.due_at.astimezone(BERLIN).time() for r in follow_up] == [time(11)]


async def test_calcium_clear_of_the_window_has_no_wait_note_nor_snooze_until(
    harness: Harness, clock: OffsetClock
) -> None:
    """After the move to 11:00: no wait note, no extra snooze, a forged one snoozes nothing."""
    user = harness.fake.add_user()
    conflict = await _levothyroxine_at_seven_calcium_at_eight(harness, user)
    await harness.tap(user, conflict, "Move to 11:00")
    seven = next_local(clock, time(7))
    await _tick_to(harness, clock, user, seven)
    calcium = await _tick_to(harness, clock, user, seven + timedelta(hours=4))
    assert "Caltrate" in (calcium.text or "")
    assert "wait" not in (calcium.text or "") and not any(
        "Until" in label for label in calcium.button_texts
    )
    taken = next(d for d in calcium.callback_data if d.endswith(":t"))
    forge_press(harness, user, calcium, taken.replace(":t", ":su"), "q-clear")
    assert "fine to take it now" in str(await harness.fake.wait_for_callback_answer("q-clear"))
    stranger = harness.fake.add_user()
    forge_press(harness, stranger, calcium, taken.replace(":t", ":su"), "q-stranger")
    assert "isn't yours" in str(await harness.fake.wait_for_callback_answer("q-stranger"))


async def test_thiazide_gets_one_note_when_added(harness: Harness) -> None:
    """A thiazide is recognised from its name; the calcium and vitamin D note comes at once."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    noted = await _add_medicine(harness, user, "Hydrochlorothiazide 25 mg", "✅")
    assert "Noted" in (noted.text or "") and "Water tablet" in (noted.text or "")
    note = await harness.fake.wait_for_message(user.id)
    assert "vitamin D levels" in (note.text or "")
    units = await harness.fake.wait_for_message(user.id)
    assert "tablets per dose" in (units.text or "")
    async with harness.db.session() as session:
        row = (await session.exec(select(Supplement))).one()
    assert row.medicine_kind == "thz"


async def test_typed_medicine_name_and_prescriber_spacing(harness: Harness) -> None:
    """Typing 优甲乐 picks thyroid hormone; typing 0.5 stores a 30-minute spacing."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    listing = await harness.say(user, "/supplements")
    form = await harness.tap(user, listing, "Add")
    form = await harness.say(user, "My pill")
    confirm = await harness.tap(user, form, "A medicine")
    await harness.tap(user, confirm, "Save")
    await _next_with(harness, user, "What kind of medicine")
    unknown = await harness.say(user, "qwerty")
    assert "pick from the list" in (unknown.text or "")
    usual = await harness.say(user, "优甲乐")
    assert "4 h" in (usual.text or "")
    bad = await harness.say(user, "forty")
    assert "hours" in (bad.text or "")
    noted = await harness.say(user, "0.5")
    assert "30 min" in (noted.text or "")
    async with harness.db.session() as session:
        row = (await session.exec(select(Supplement))).one()
    assert (row.medicine_kind, row.spacing_after_min, row.spacing_before_min) == ("thy", 30, 30)


async def test_forged_spacing_button_is_not_available(harness: Harness) -> None:
    """A move button for someone else's schedule or a bad minute answers "not available"."""
    owner, other = harness.fake.add_user(), harness.fake.add_user()
    conflict = await _levothyroxine_at_seven_calcium_at_eight(harness, owner)
    await onboard(harness, other)
    schedule = await _caltrate_schedule(harness)
    forge_press(harness, other, conflict, f"mv:{schedule.id}:480:m", "q-other")
    answer = await harness.fake.wait_for_callback_answer("q-other")
    assert "not available" in str(answer)
    forge_press(harness, owner, conflict, f"mv:{schedule.id}:9999:m", "q-bad")
    assert "not available" in str(await harness.fake.wait_for_callback_answer("q-bad"))
    assert (await _caltrate_schedule(harness)).times == ["08:00"]


async def test_kind_told_later_from_the_product_card_checks_the_plan(harness: Harness) -> None:
    """A medicine scheduled without a kind is named from its card; the conflict shows at once."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await schedule_at(harness, user, await add_carbonate(harness, user), "08:00")
    listing = await harness.say(user, "/supplements")
    form = await harness.tap(user, listing, "Add")
    form = await harness.say(user, "My pill")
    confirm = await harness.tap(user, form, "A medicine")
    await harness.tap(user, confirm, "Save")
    question = await _next_with(harness, user, "What kind of medicine")
    await harness.tap(user, question, "Something else")
    units = await _next_with(harness, user, "tablets per dose")
    await _schedule_medicine_at(harness, user, units, "07:00")
    await harness.fake.expect_no_message(user.id)  # "something else" is spaced from nothing
    listing = await harness.say(user, "/supplements")
    card = await harness.tap(user, listing, "My pill")
    question = await harness.tap(user, card, "What medicine is it")
    usual = await harness.tap(user, question, "Thyroid")
    await harness.tap(user, usual, "usual")
    conflict = await _next_with(harness, user, "My pill")
    assert "4 h" in (conflict.text or "") and "11:00" in (conflict.text or "")
