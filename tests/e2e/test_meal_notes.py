"""End to end: a meal's assumptions and notes, yesterday's meals and the remembered tofu choice."""

from datetime import timedelta

from sqlmodel import col, select

from bot.i18n import day
from services.day_totals import local_day
from storage.models import Intake
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import BERLIN, forge_press, log_meal, onboard, user_row
from tests.support.fakebot.objects import BotMessage, FakeUser


def _text(message: BotMessage) -> str:
    return message.text or ""


async def _ready(h: Harness) -> FakeUser:
    user = h.fake.add_user()
    await onboard(h, user)
    return user


async def _intakes(h: Harness) -> list[Intake]:
    async with h.db.session() as session:
        return list((await session.exec(select(Intake).order_by(col(Intake.id)))).all())


async def test_yesterday_meal_is_logged_to_yesterday_after_the_button(
    harness: Harness, clock: OffsetClock
) -> None:
    """ "yesterday I had 2 cups of milk" asks with a "Log to yesterday" button and logs there."""
    user = await _ready(harness)
    preview = await harness.say(user, "yesterday I had 2 cups of milk")
    assert "You said yesterday" in _text(preview)
    assert "✅ Log to yesterday" in preview.button_texts
    assert await _intakes(harness) == []
    total = await harness.tap(user, preview, "Log to yesterday")
    row = await user_row(harness, user)
    yesterday = local_day(row, clock()) - timedelta(days=1)
    assert [intake.local_date for intake in await _intakes(harness)] == [yesterday]
    assert f"Calcium on {day(yesterday)}" in _text(total)  # "Mon 30 Nov", "Wed 2 Dec"


async def test_today_meal_keeps_the_plain_log_button(harness: Harness) -> None:
    """A meal with no day word is offered the usual ✅ Log for today."""
    user = await _ready(harness)
    preview = await harness.say(user, "2 cups of milk")
    assert "✅ Log" in preview.button_texts and "You said" not in _text(preview)


async def test_spinach_gets_a_one_line_oxalate_note(harness: Harness) -> None:
    """Spinach is counted, with one line saying little of its calcium is absorbed."""
    user = await _ready(harness)
    preview = await harness.say(user, "1 cup of spinach")
    assert "little of its calcium is absorbed" in _text(preview)
    milk = await harness.say(user, "1 cup of milk")
    assert "absorbed" not in _text(milk)


async def test_modifier_milk_shows_its_assumed_amount(harness: Harness) -> None:
    """ "coffee with milk" shows the milk counted at its assumed small portion and how to change."""
    user = await _ready(harness)
    preview = await harness.say(user, "coffee with milk")
    assert "milk in coffee: counted 40 ml" in _text(preview)
    assert "coffee with 100 ml milk" in _text(preview)


async def test_milk_in_germany_is_assumed_unfortified(harness: Harness) -> None:
    """A user in Berlin gets milk without added vitamin D, and the preview says so."""
    user = await _ready(harness)
    preview = await harness.say(user, "1 cup of milk")
    assert "assumed milk as sold in DE (no added vitamin D)" in _text(preview)


async def test_tofu_choice_is_remembered_for_next_time(harness: Harness) -> None:
    """After choosing calcium-sulfate tofu once, the next "tofu" takes it without asking."""
    user = await _ready(harness)
    asked = await harness.say(user, "100 g tofu")
    assert "Which food is “100 g tofu”" in _text(asked)
    await harness.fake.press_button(
        user, asked.message_id, text_contains="firm, set with calcium sulfa"
    )
    await harness.fake.wait_for_edit(user.id, asked.message_id)
    again = await harness.say(user, "100 g tofu")
    assert "Which food" not in _text(again)
    assert "your usual tofu" in _text(again)
    assert "683 mg" in _text(again)
    _logged, total = await log_meal(harness, user, "50 g tofu")
    assert "Today's calcium: 342 mg" in _text(total)


async def test_yesterday_meal_can_go_to_today_instead(harness: Harness, clock: OffsetClock) -> None:
    """A meal said to be yesterday's is logged to today when the user taps "Today instead"."""
    user = await _ready(harness)
    preview = await harness.say(user, "yesterday I had 2 cups of milk")
    total = await harness.tap(user, preview, "Today instead")
    row = await user_row(harness, user)
    assert [intake.local_date for intake in await _intakes(harness)] == [local_day(row, clock())]
    assert "Today's calcium" in _text(total)
    stale = next(
        button["callback_data"]
        for row in preview.inline_keyboard
        for button in row
        if "Log to yesterday" in button["text"]
    )
    forge_press(harness, user, preview, stale, "stale-1")  # the old button, pressed late
    await harness.fake.expect_no_message(user.id, within=0.5)
    assert len(await _intakes(harness)) == 1  # the second tap logs nothing more


async def test_modifier_amount_can_be_changed_with_a_button(harness: Harness) -> None:
    """Tapping 125 ml recounts the milk in coffee at 125 ml; tapping it again changes nothing."""
    user = await _ready(harness)
    preview = await harness.say(user, "coffee with milk")
    assert "🥛 125 ml" in preview.button_texts
    await harness.fake.press_button(user, preview.message_id, text_contains="125 ml")
    changed = await harness.fake.wait_for_edit(user.id, preview.message_id)
    assert "counted 125 ml" in _text(changed) and "• 125 ml" in changed.button_texts
    await harness.fake.press_button(user, preview.message_id, text_contains="• 125 ml")
    await harness.fake.expect_no_message(user.id, within=0.5)
    total = await harness.tap(user, changed, "Log")
    milk = [intake for intake in await _intakes(harness) if "ilk" in intake.label]
    assert len(milk) == 1 and 120 <= (milk[0].grams or 0) <= 135  # ~125 ml, not 40 ml
    assert "Today's calcium" in _text(total)


async def test_a_meal_is_logged_into_a_named_past_day(harness: Harness, clock: OffsetClock) -> None:
    """/log 2026-…-… <meal> asks to confirm that day, and Log stores it on that local day."""
    user = await _ready(harness)
    today = clock().astimezone(BERLIN).date()
    past = today - timedelta(days=5)
    preview = await harness.say(user, f"/log {past.isoformat()} 2 cups of milk")
    assert "5 days ago" in _text(preview)
    await harness.tap(user, preview, "Log to")
    async with harness.db.session() as session:
        rows = (await session.exec(select(Intake))).all()
    assert {row.local_date for row in rows} == {past}
    future = await harness.say(user, f"/log {(today + timedelta(days=2)).isoformat()} milk")
    assert "past day up to a year back" in _text(future)
