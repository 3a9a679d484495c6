"""End to end: meals typed in words, food questions, custom foods and /undo, via the fake API."""

import pytest
from sqlmodel import col, select

from bot.handlers.food.meals import MAX_MEAL_CHARS
from storage.models import Intake
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import BERLIN, forge_press, log_meal, onboard
from tests.support.fakebot.objects import BotMessage, FakeUser


async def _intakes(h: Harness) -> list[Intake]:
    async with h.db.session() as session:
        return list((await session.exec(select(Intake).order_by(col(Intake.id)))).all())


async def _ready(h: Harness) -> FakeUser:
    user = h.fake.add_user()
    await onboard(h, user)
    return user


def _text(message: BotMessage) -> str:
    return message.text or ""


async def test_english_meal_is_shown_then_logged_to_the_local_day(
    harness: Harness, clock: OffsetClock
) -> None:
    """A typed meal is shown with grams and calcium per item; ✅ Log stores it on the local day."""
    user = await _ready(harness)
    asked = await harness.say(user, "2 cups of milk and 100 g tofu")
    # Tofu's calcium differs 3x by how it was set (nigari or calcium sulfate): the bot asks.
    assert "Which food is “100 g tofu”" in _text(asked)
    await harness.fake.press_button(user, asked.message_id, text_contains="calcium sulfate and ni")
    preview = await harness.fake.wait_for_edit(user.id, asked.message_id)
    assert "488 g" in _text(preview) and "586 mg" in _text(preview)
    assert "100 g" in _text(preview) and "201 mg" in _text(preview)
    assert "Total: 787 mg calcium" in _text(preview)
    assert preview.button_texts == ["✅ Log", "✏️ Fix"]
    assert all(len(data.encode()) <= 64 for data in preview.callback_data)
    total = await harness.tap(user, preview, "Log")
    logged = await harness.fake.wait_for_edit(user.id, preview.message_id)
    assert "Logged" in _text(logged) and not logged.inline_keyboard
    assert (
        "Today's calcium: 787 mg — 787 of your 1,200 mg target (65 %); upper limit 2,000 mg"
        in _text(total)
    )
    assert "▓" in _text(total)
    rows = await _intakes(harness)
    assert [(row.source, row.calcium_mg) for row in rows] == [("food", 586), ("food", 201)]
    assert {row.local_date for row in rows} == {clock().astimezone(BERLIN).date()}


async def test_chinese_meal_is_logged(harness: Harness) -> None:
    """ "一杯牛奶，两片面包" is read as a cup of milk and two slices of bread, and logged."""
    user = await _ready(harness)
    logged, total = await log_meal(harness, user, "一杯牛奶，两片面包")
    assert "一杯牛奶" in _text(logged) and "两片面包" in _text(logged)
    # Chinese bread is not calcium-fortified (China Food Composition Tables), unlike US bread.
    assert "308 mg" in _text(total)
    assert [row.calcium_mg for row in await _intakes(harness)] == [276, 32]


async def test_pressing_log_twice_logs_once(harness: Harness) -> None:
    """A second press of ✅ Log (an old message, a double tap) adds nothing."""
    user = await _ready(harness)
    preview = await harness.say(user, "2 cups of milk")
    data = next(d for d in preview.callback_data if d.endswith(":log"))
    await harness.tap(user, preview, "Log")
    forge_press(harness, user, preview, data, "again")
    answer = await harness.fake.wait_for_callback_answer("again")
    assert "Already logged" in (answer.text or "")
    assert len(await _intakes(harness)) == 1


async def test_unsure_food_is_settled_with_a_button(harness: Harness) -> None:
    """An unsure item is asked about with candidate buttons before ✅ Log is offered."""
    user = await _ready(harness)
    question = await harness.say(user, "nuts")
    assert "Which food is “nuts”?" in _text(question)
    assert "✅ Log" not in question.button_texts and "🚫 None of these" in question.button_texts
    await harness.fake.press_button(user, question, text_contains="Pine nuts")
    settled = await harness.fake.wait_for_edit(user.id, question.message_id)
    assert "Pine nuts" in _text(settled) and "✅ Log" in settled.button_texts
    await harness.tap(user, settled, "Log")
    assert [row.label for row in await _intakes(harness)] == ["Pine nuts"]


async def test_none_of_these_offers_a_custom_food(harness: Harness) -> None:
    """ "None of these" leaves the item uncounted and offers to add it as the user's own food."""
    user = await _ready(harness)
    question = await harness.say(user, "nuts")
    await harness.fake.press_button(user, question, text_contains="None of these")
    edited = await harness.fake.wait_for_edit(user.id, question.message_id)
    assert "a food I don't know" in _text(edited)
    assert any(label.startswith("➕ Add") for label in edited.button_texts)


async def test_custom_food_added_from_a_meal_is_then_logged(harness: Harness) -> None:
    """An unknown food is added from its label line; the meal is shown again and logs with it."""
    user = await _ready(harness)
    preview = await harness.say(user, "/log 1 cup of oatly")
    assert "a food I don't know" in _text(preview)
    ask = await harness.tap(user, preview, "Add")
    assert "my soy milk: 300 mg per cup" in _text(ask)
    saved = await harness.say(user, "oatly: 120 mg per 100 ml")
    assert "Saved oatly" in _text(saved)
    await harness.fake.wait_for_message(user.id)  # "Here is your meal again"
    again = await harness.fake.wait_for_message(user.id)
    assert "oatly: 237 g, 284 mg" in _text(again)
    await harness.tap(user, again, "Log")
    assert [(row.label, row.calcium_mg) for row in await _intakes(harness)] == [("oatly", 284)]


async def test_food_command_adds_lists_and_deletes(harness: Harness) -> None:
    """/food NAME: … adds a food that meals then use; /food lists it and 🗑 deletes it."""
    user = await _ready(harness)
    saved = await harness.say(user, "/food my soy milk: 300 mg per cup")
    assert "Saved my soy milk" in _text(saved)
    _logged, total = await log_meal(harness, user, "2 cups of my soy milk")
    assert "600 mg" in _text(total)
    listing = await harness.say(user, "/food")
    assert "my soy milk" in _text(listing) and "300 mg calcium per 1 cup" in _text(listing)
    await harness.fake.press_button(user, listing, text_contains="🗑")
    emptied = await harness.fake.wait_for_edit(user.id, listing.message_id)
    assert "no foods of your own" in _text(emptied)
    assert [row.calcium_mg for row in await _intakes(harness)] == [600]


async def test_food_add_button_starts_a_short_dialogue(harness: Harness) -> None:
    """➕ in /food asks for a label line, explains what is missing, then saves the food."""
    user = await _ready(harness)
    listing = await harness.say(user, "/food")
    prompt = await harness.tap(user, listing, "Add a food")
    assert "as the label gives it" in _text(prompt)
    assert "calcium in mg" in _text(await harness.say(user, "granny's cake"))
    saved = await harness.say(user, "granny's cake: 50 mg per slice")
    assert "Saved granny's cake: 50 mg calcium per 1 slice" in _text(saved)
    preview = await harness.say(user, "2 slices of granny's cake")
    assert "granny's cake: 200 g, 100 mg" in _text(preview)


async def test_fix_lets_the_user_retype_the_meal(harness: Harness) -> None:
    """✏️ Fix asks for the meal again and shows the retyped one; nothing of the first is logged."""
    user = await _ready(harness)
    preview = await harness.say(user, "2 cups of milk")
    prompt = await harness.tap(user, preview, "Fix")
    assert "type the meal again" in _text(prompt)
    retyped = await harness.say(user, "1 cup of milk")
    assert "244 g" in _text(retyped)
    await harness.tap(user, retyped, "Log")
    assert [row.grams for row in await _intakes(harness)] == [244]


async def test_log_without_text_asks_what_was_eaten(harness: Harness) -> None:
    """/log alone asks for the meal, and the next message is read as one."""
    user = await _ready(harness)
    prompt = await harness.say(user, "/log")
    assert "What did you eat?" in _text(prompt)
    preview = await harness.say(user, "100 g cheddar")
    assert "721 mg" in _text(preview)


async def test_undo_removes_the_last_meal_and_shows_the_new_total(harness: Harness) -> None:
    """/undo removes the whole last meal, names it with its calcium and shows the new total."""
    user = await _ready(harness)
    await log_meal(harness, user, "100 g cheddar")
    await log_meal(harness, user, "2 cups of milk and 100 g tofu made with nigari")
    undone = await harness.say(user, "/undo")
    assert "Removed: Milk, 2%, no added vitamin D (586 mg calcium)" in _text(undone)
    assert "Today's calcium: 721 mg" in _text(undone)
    assert [row.calcium_mg for row in await _intakes(harness)] == [721]


async def test_undo_with_nothing_logged_says_so(harness: Harness) -> None:
    """/undo with no recent entry says there is nothing to undo."""
    user = await _ready(harness)
    assert "nothing to undo" in _text(await harness.say(user, "/undo"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("𝕳𝖊𝖑𝖑𝖔 ∑∂ƒ©˙∆˚¬ 文字化け ☃", "not sure what to do"),
        ("🥛🍞🧀", "not sure what to do"),
        ("1e9 cups of milk", "more than one person eats"),
        ("5 kg of cheese", "more than one person eats"),
        ("-2 eggs", "can't be below zero"),
        ("milk " * 1000, f"up to {MAX_MEAL_CHARS:,} characters"),
    ],
    ids=["unicode", "emoji", "1e9-cups", "5-kg", "negative", "5000-chars"],
)
async def test_bad_input_gets_a_clear_reply_and_saves_nothing(
    harness: Harness, text: str, expected: str
) -> None:
    """Odd text gets a plain answer (never a silent total) and no intake is stored."""
    user = await _ready(harness)
    reply = await harness.say(user, text)
    assert expected in _text(reply)
    assert "✅ Log" not in reply.button_texts
    assert await _intakes(harness) == []


async def test_forged_log_of_an_absurd_amount_logs_nothing(harness: Harness) -> None:
    """A ✅ Log forged for a meal with only an absurd amount is refused; nothing is stored."""
    user = await _ready(harness)
    preview = await harness.say(user, "1e9 cups of milk")
    draft = preview.callback_data[0].split(":")[1]
    forge_press(harness, user, preview, f"ml:{draft}:log", "forged-log")
    answer = await harness.fake.wait_for_callback_answer("forged-log")
    assert "nothing in this meal I can count" in (answer.text or "")
    assert await _intakes(harness) == []


async def test_forged_meal_button_from_another_user_is_refused(harness: Harness) -> None:
    """Another user pressing a meal's buttons (forged data) is refused kindly; nothing is logged."""
    owner, other = await _ready(harness), await _ready(harness)
    preview = await harness.say(owner, "nuts")
    draft = preview.callback_data[0].split(":")[1]
    own_message = await harness.say(other, "/undo")
    for number, data in enumerate((f"ml:{draft}:log", f"ml:{draft}:c:0:1", f"ml:{draft}:fix")):
        forge_press(harness, other, own_message, data, f"forged-{number}")
        answer = await harness.fake.wait_for_callback_answer(f"forged-{number}")
        assert answer.show_alert and "isn't yours" in (answer.text or "")
    assert await _intakes(harness) == []
    await harness.fake.press_button(owner, preview, text_contains="Pine nuts")
    assert "Pine nuts" in _text(await harness.fake.wait_for_edit(owner.id, preview.message_id))
