"""End to end: doctor's vitamin D limit, label units, per-nutrient projections, progress."""

from datetime import time, timedelta

from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import change_setting, next_local, onboard
from tests.support.fakebot.objects import BotMessage, FakeUser


def _text(message: BotMessage) -> str:
    return message.text or ""


async def _start_vitamin_d_product(h: Harness, user: FakeUser, name: str) -> BotMessage:
    """Begin adding a vitamin-D-only product up to its vitamin D question; return that question."""
    await h.fake.send_text(user, "/supplements")
    listing = await h.fake.wait_for_message(user.id)
    await h.tap(user, listing, "Add")
    form = await h.say(user, name)
    return await h.tap(user, form, "No calcium")


async def _schedule_vitamin_d_at(
    h: Harness,
    user: FakeUser,
    amount: str,
    at: str,
    *,
    month_day: int | None = None,
    over_plan: bool = False,
) -> None:
    """Add "Vigantol" with `amount` vitamin D per tablet; schedule one daily or monthly.

    `over_plan`: the plan alone passes the limit, so saving it is followed by that warning.
    """
    await _start_vitamin_d_product(h, user, "Vigantol")
    await h.say(user, amount)
    confirmation = await h.say(user, "0")
    await h.tap(user, confirmation, "Save")
    units = await h.fake.wait_for_message(user.id)
    await h.tap(user, units, "1")
    days = await h.say(user, at)
    if month_day is None:
        after_days = await h.tap(user, days, "Every day")
    else:
        asked = await h.tap(user, days, "Once a month")
        assert "Which day of the month" in _text(asked)
        after_days = await h.say(user, str(month_day))
        assert f"monthly on day {month_day}" in _text(after_days)
    if "Keep as is" in after_days.button_texts:
        after_days = await h.tap(user, after_days, "Keep as is")
    await h.tap(user, after_days, "Save")
    if over_plan:
        warning = await h.fake.wait_for_message(user.id)
        assert "Over the limit" in _text(warning) and "vitamin D" in _text(warning)


async def test_doctor_vitamin_d_limit_is_set_in_settings(harness: Harness) -> None:
    """A doctor's vitamin D limit typed in µg in /settings is saved in IU, shown as the doctor's."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    done = await change_setting(harness, user, "vitamin D limit", "50 µg")
    assert "Vitamin D upper limit: 2,000 IU (50 µg) a day (your doctor)" in _text(done)
    today = await harness.say(user, "/today")
    assert "upper limit 2,000 IU (your doctor)" in _text(today)


async def test_doctor_vitamin_d_limit_refuses_nonsense_and_keeps_the_old(harness: Harness) -> None:
    """An out-of-range vitamin D limit gets a friendly reply and the reference limit stays."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    refused = await change_setting(harness, user, "vitamin D limit", "9999999 IU")
    assert "between 200 and 50,000 IU" in _text(refused)
    await harness.say(user, "/cancel")
    today = await harness.say(user, "/today")
    assert "upper limit 4,000 IU" in _text(today) and "(your doctor)" not in _text(today)


async def test_bare_vitamin_d_number_asks_for_the_unit(harness: Harness) -> None:
    """A bare "25" for vitamin D is not taken as IU: the bot asks, and "25 µg" reads as 1,000 IU."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    await _start_vitamin_d_product(harness, user, "D3 drops")
    asked = await harness.say(user, "25")
    assert "25 µg (= 1,000 IU)" in _text(asked) and "25 IU (= 0.625 µg)" in _text(asked)
    await harness.say(user, "25 微克")
    confirmation = await harness.say(user, "0")
    assert "Vitamin D: 1,000 IU (25 µg)" in _text(confirmation)


async def test_vitamin_d_only_reminder_does_not_talk_about_calcium(
    harness: Harness, clock: OffsetClock
) -> None:
    """A vitamin-D-only dose reminder projects vitamin D with its own figures and no calcium."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    clock.jump_to(next_local(clock, time(7)))
    await _schedule_vitamin_d_at(harness, user, "1000 IU", "08:00")
    clock.jump_to(next_local(clock, time(8)) + timedelta(seconds=1))
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    reminder = await harness.fake.wait_for_message(
        user.id, predicate=lambda message: "Vigantol" in _text(message)
    )
    assert "vitamin D to 1,000 of your 4,000 IU upper limit" in _text(reminder)
    assert "calcium" not in _text(reminder).lower()


async def test_day_total_and_today_show_target_progress_and_limit_apart(harness: Harness) -> None:
    """After a meal the reply and /today give progress to the target and the limit separately."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    preview = await harness.say(user, "1 cup of milk")
    total = await harness.tap(user, preview, "Log")
    assert "of your 1,200 mg target (" in _text(total) and "upper limit 2,000 mg" in _text(total)
    today = await harness.say(user, "/today")
    assert "of your 1,200 mg target (" in _text(today)
    assert "upper limit 2,000 mg" in _text(today)
    assert "of your 2,000 mg upper limit" not in _text(today)


async def _due_reminder(h: Harness, user: FakeUser, clock: OffsetClock) -> BotMessage:
    clock.jump_to(next_local(clock, time(8)) + timedelta(seconds=1))
    assert h.app.engine is not None
    await h.app.engine.tick()
    return await h.fake.wait_for_message(
        user.id, predicate=lambda message: "Vigantol" in _text(message)
    )


async def test_monthly_dose_is_judged_as_a_thirty_day_average(
    harness: Harness, clock: OffsetClock
) -> None:
    """A monthly 50,000 IU dose is scheduled by day of month and projected as a daily average."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    clock.jump_to(next_local(clock, time(7)))
    today = next_local(clock, time(8)).date()
    await _schedule_vitamin_d_at(harness, user, "50000 IU", "08:00", month_day=today.day)
    reminder = await _due_reminder(harness, user, clock)
    assert "30-day average vitamin D to 1,666 a day" in _text(reminder)
    assert "would pass" not in _text(reminder)


async def test_prescribed_product_gets_a_neutral_note_not_a_warning(
    harness: Harness, clock: OffsetClock
) -> None:
    """A daily 5,000 IU marked prescribed on its card gets "take as told", never "would pass"."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    clock.jump_to(next_local(clock, time(7)))
    await _schedule_vitamin_d_at(harness, user, "5000 IU", "08:00", over_plan=True)
    listing = await harness.say(user, "/supplements")
    card = await harness.tap(user, listing, "Vigantol")
    await harness.fake.press_button(user, card.message_id, text_contains="Prescribed by my doctor")
    marked = await harness.fake.wait_for_edit(user.id, card.message_id)
    assert "marked as prescribed" in _text(marked)
    reminder = await _due_reminder(harness, user, clock)
    assert "vitamin D to 5,000 of your 4,000 IU upper limit" in _text(reminder)
    assert "prescribed by your doctor — take as told" in _text(reminder)
    assert "would pass" not in _text(reminder)
    await harness.fake.press_button(user, reminder, text_contains="Taken")
    await harness.fake.wait_for_edit(user.id, reminder.message_id)
    await harness.fake.expect_no_message(user.id, within=0.5)  # no "over the limit" warning


async def test_unprescribed_daily_overdose_is_still_warned(
    harness: Harness, clock: OffsetClock
) -> None:
    """The same 5,000 IU daily product not marked prescribed is warned as passing the limit."""
    user = harness.fake.add_user()
    await onboard(harness, user)
    clock.jump_to(next_local(clock, time(7)))
    await _schedule_vitamin_d_at(harness, user, "5000 IU", "08:00", over_plan=True)
    reminder = await _due_reminder(harness, user, clock)
    assert "would pass your daily upper limit for vitamin D" in _text(reminder)
    await harness.fake.press_button(user, reminder, text_contains="Taken")
    warning = await harness.fake.wait_for_message(user.id)
    assert "reached your upper limit" in _text(warning)
