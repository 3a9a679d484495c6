"""End to end: a new user's onboarding through the real Application and the fake Bot API."""

from sqlmodel import select

from bot import texts
from services.onboarding import Step
from storage.models import User
from tests.e2e.conftest import Harness, settings_for, start_app, stop_app
from tests.support.fakebot.objects import BotMessage, FakeUser


async def _user_row(h: Harness, user: FakeUser) -> User:
    async with h.db.session() as session:
        return (await session.exec(select(User).where(User.telegram_id == user.id))).one()


async def _to_birth_year(h: Harness, user: FakeUser) -> BotMessage:
    await h.fake.send_text(user, "/start")
    await h.fake.wait_for_message(user.id)  # welcome
    await h.fake.wait_for_message(user.id)  # time-zone question
    await h.say(user, "Berlin")  # "found it"
    confirm = await h.fake.wait_for_message(user.id)
    return await h.tap(user, confirm, "right")


async def test_start_asks_for_time_zone_and_sets_the_menu(harness: Harness) -> None:
    """A new user's /start gets a welcome and the time-zone question; the command menu is set."""
    user = harness.fake.add_user(language_code="en")
    welcome = await harness.say(user, "/start")
    question = await harness.fake.wait_for_message(user.id)
    assert "calcibot" in (welcome.text or "")
    assert "Where are you" in (question.text or "")
    commands = {c["command"] for c in harness.fake.commands}
    assert {"start", "settings", "help", "cancel"} <= commands


async def test_full_onboarding_saves_every_answer(harness: Harness) -> None:
    """Answering every question saves the profile and shows the limits that follow from it."""
    user = harness.fake.add_user(language_code="en")
    year_question = await _to_birth_year(harness, user)
    assert "year" in (year_question.text or "")
    sex_question = await harness.say(user, "1952")
    reference_question = await harness.tap(user, sex_question, "Female")
    assert "★ EU" in str(reference_question.reply_markup)  # Berlin: where she lives
    calcification = await harness.tap(user, reference_question, "US")
    done = await harness.tap(user, calcification, "❌ No")
    assert "All set" in (done.text or "")
    assert "2,000 mg" in (done.text or "")  # IOM UL from age 51
    row = await _user_row(harness, user)
    assert (row.timezone, row.birth_year, row.sex, row.reference_set) == (
        "Europe/Berlin",
        1952,
        "female",
        "us",
    )
    assert row.vascular_calcification is False and row.onboarding_step is None


async def test_chinese_speaker_is_offered_the_chinese_reference(harness: Harness) -> None:
    """A Chinese speaker is asked in Chinese, and the suggested reference set is China's."""
    user = harness.fake.add_user(language_code="zh-hans")
    await harness.fake.send_text(user, "/start")
    welcome = await harness.fake.wait_for_message(user.id)
    assert "您好" in (welcome.text or "")
    await harness.fake.wait_for_message(user.id)  # time-zone question
    await harness.say(user, "上海")  # "found it"
    confirm = await harness.fake.wait_for_message(user.id)
    year_question = await harness.tap(user, confirm, "对")
    assert "出生" in (year_question.text or "")
    sex_question = await harness.say(user, "1960")
    reference_question = await harness.tap(user, sex_question, "♂ 男")
    assert "★ 中国" in str(reference_question.reply_markup)


async def test_unknown_place_emoji_and_sql_get_a_kind_reply(harness: Harness) -> None:
    """Unknown places, emoji and SQL are refused kindly, escaped, and nothing is lost."""
    user = harness.fake.add_user()
    await harness.say(user, "/start")
    await harness.fake.wait_for_message(user.id)
    for text in ("Xyzzyville", "🙂🙂🙂", "'; DROP TABLE user; --", "<b>Paris"):
        reply = await harness.say(user, text)
        assert "couldn't find" in (reply.text or "")
    row = await _user_row(harness, user)
    assert row.onboarding_step == Step.TIMEZONE and row.timezone is None


async def test_very_long_message_is_refused(harness: Harness) -> None:
    """A 5,000-character message gets a short reply and the question again."""
    user = harness.fake.add_user()
    await harness.say(user, "/start")
    await harness.fake.wait_for_message(user.id)
    reply = await harness.say(user, "x" * 5000)
    assert reply.text == "That message is very long. Please send a short answer."
    again = await harness.fake.wait_for_message(user.id)
    assert "Where are you" in (again.text or "")


async def test_impossible_years_are_refused(harness: Harness) -> None:
    """Years 1850 and 2090 and non-numbers are refused with a hint; a good year then works."""
    user = harness.fake.add_user()
    await _to_birth_year(harness, user)
    assert "before 1900" in ((await harness.say(user, "1850")).text or "")
    assert "hasn't happened" in ((await harness.say(user, "2090")).text or "")
    assert "four digits" in ((await harness.say(user, "nineteen fifty")).text or "")
    sex_question = await harness.say(user, "1950")
    assert "sex" in (sex_question.text or "").lower()


async def test_text_where_a_button_is_expected(harness: Harness) -> None:
    """Typing instead of tapping a button asks again with the buttons."""
    user = harness.fake.add_user()
    await _to_birth_year(harness, user)
    await harness.say(user, "1950")
    reply = await harness.say(user, "female")
    assert reply.text == "Please answer with one of the buttons below 👇"
    again = await harness.fake.wait_for_message(user.id)
    assert "Female" in str(again.reply_markup)


async def test_location_in_the_ocean_and_on_land(harness: Harness) -> None:
    """A location at sea asks for a city; one in Berlin finds Europe/Berlin."""
    user = harness.fake.add_user()
    await harness.say(user, "/start")
    await harness.fake.wait_for_message(user.id)
    await harness.fake.share_location(user, 30.0, -40.0)
    at_sea = await harness.fake.wait_for_message(user.id)
    assert "open water" in (at_sea.text or "")
    await harness.fake.share_location(user, 52.52, 13.40)
    await harness.fake.wait_for_message(user.id)  # found it
    confirm = await harness.fake.wait_for_message(user.id)
    assert "Europe/Berlin" in (confirm.text or "")


async def test_back_returns_to_the_previous_question(harness: Harness) -> None:
    """Back on the sex question asks the year again; the saved year is kept."""
    user = harness.fake.add_user()
    await _to_birth_year(harness, user)
    sex_question = await harness.say(user, "1950")
    year_again = await harness.tap(user, sex_question, "Back")
    assert "year" in (year_again.text or "")
    assert (await _user_row(harness, user)).birth_year == 1950


async def test_restart_mid_onboarding_loses_nothing(harness: Harness) -> None:
    """A new bot process on the same database resumes at the pending question."""
    user = harness.fake.add_user()
    await _to_birth_year(harness, user)
    await harness.say(user, "1950")
    await stop_app(harness.app)
    url = harness.db.engine.url.render_as_string(hide_password=False)
    harness.app = await start_app(
        settings_for(harness.fake, url), harness.db, harness.app.services.clock
    )
    resumed = await harness.say(user, "/start")
    assert resumed.text == "Let's carry on where we left off."
    question = await harness.fake.wait_for_message(user.id)
    assert "sex" in (question.text or "").lower()
    assert (await _user_row(harness, user)).timezone == "Europe/Berlin"


async def _finish(h: Harness, user: FakeUser) -> None:
    await _to_birth_year(h, user)
    sex_question = await h.say(user, "1950")
    reference_question = await h.tap(user, sex_question, "♂ Male")
    calcification = await h.tap(user, reference_question, "EU")
    await h.tap(user, calcification, "✅ Yes")


async def test_returning_user_is_greeted(harness: Harness) -> None:
    """A user who finished onboarding gets a welcome back, not the questions again."""
    user = harness.fake.add_user()
    await _finish(harness, user)
    reply = await harness.say(user, "/start")
    assert (reply.text or "").startswith("👋 Welcome back!")
    await harness.fake.expect_no_message(user.id)


async def test_settings_change_one_answer_and_cancel(harness: Harness) -> None:
    """/settings changes a single answer; /cancel during an edit changes nothing."""
    user = harness.fake.add_user()
    await _finish(harness, user)
    menu = await harness.say(user, "/settings")
    question = await harness.tap(user, menu, "Year of birth")
    assert "year" in (question.text or "")
    assert "Back" not in str(question.reply_markup)
    done = await harness.say(user, "1975")
    assert "1975" in (done.text or "")
    menu = await harness.say(user, "/settings")
    await harness.tap(user, menu, "Time zone")
    cancelled = await harness.say(user, "/cancel")
    assert cancelled.text == texts.CANCELLED_EDIT
    row = await _user_row(harness, user)
    assert (row.birth_year, row.timezone, row.onboarding_step) == (1975, "Europe/Berlin", None)


async def test_doctor_limit_overrides_the_reference(harness: Harness) -> None:
    """A calcium limit typed in /settings is shown as the doctor's and replaces the reference."""
    user = harness.fake.add_user()
    await _finish(harness, user)
    menu = await harness.say(user, "/settings")
    await harness.tap(user, menu, "calcium limit")
    assert "between 200" in ((await harness.say(user, "99999")).text or "")
    done = await harness.say(user, "1500 mg")
    assert "1,500 mg a day (your doctor)" in (done.text or "")


async def test_error_reply_keeps_saved_answers(harness: Harness) -> None:
    """When sending a reply fails, the user hears something went wrong and the answer is kept."""
    user = harness.fake.add_user()
    await _to_birth_year(harness, user)
    harness.fake.fail_next("sendMessage", status=400, description="Bad Request: injected", count=1)
    await harness.fake.send_text(user, "1950")
    apology = await harness.fake.wait_for_message(user.id)
    assert apology.text == texts.ERROR.replace("<b>", "").replace("</b>", "")
    assert (await _user_row(harness, user)).birth_year == 1950


async def test_help_lists_every_command_in_the_menu(harness: Harness) -> None:
    """/help names every command the bot puts in Telegram's command menu."""
    user = harness.fake.add_user()
    reply = await harness.say(user, "/help")
    for command in harness.fake.commands:
        assert f"/{command['command']}" in (reply.text or "")
