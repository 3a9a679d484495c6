"""Conversation steps shared by the end-to-end tests."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from storage.models import User
from tests.e2e.conftest import Harness, OffsetClock
from tests.support.fakebot.objects import BotMessage, FakeUser

BERLIN = ZoneInfo("Europe/Berlin")


async def onboard(
    h: Harness, user: FakeUser, *, year: str = "1950", calcification: str = "❌ No"
) -> None:
    """Answer every onboarding question: Berlin, a year, female, US reference."""
    await h.fake.send_text(user, "/start")
    await h.fake.wait_for_message(user.id)
    await h.fake.wait_for_message(user.id)
    await h.say(user, "Berlin")
    confirm = await h.fake.wait_for_message(user.id)
    await h.tap(user, confirm, "right")
    sex = await h.say(user, year)
    reference = await h.tap(user, sex, "Female")
    vc = await h.tap(user, reference, "US")
    await h.tap(user, vc, calcification)


async def add_carbonate(
    h: Harness, user: FakeUser, *, compound_mg: str = "1500", vitamin_k: str = "0"
) -> BotMessage:
    """Add "Caltrate" as calcium carbonate by compound mg with 400 IU D; return the confirmation."""
    await h.fake.send_text(user, "/supplements")
    listing = await h.fake.wait_for_message(user.id)
    await h.tap(user, listing, "Add")
    form = await h.say(user, "Caltrate")
    basis = await h.tap(user, form, "Calcium carbonate")
    await h.tap(user, basis, "compound")
    await h.say(user, compound_mg)
    await h.say(user, "400 IU")
    return await h.say(user, vitamin_k)


async def schedule_at(h: Harness, user: FakeUser, confirmation: BotMessage, at: str) -> BotMessage:
    """Save the product just confirmed, schedule one tablet every day at `at`; return the reply."""
    await h.tap(user, confirmation, "Save")
    units = await h.fake.wait_for_message(user.id)
    await h.tap(user, units, "1")
    days = await h.say(user, at)
    after_days = await h.tap(user, days, "Every day")
    if "Keep as is" in after_days.button_texts:
        after_days = await h.tap(user, after_days, "Keep as is")
    return await h.tap(user, after_days, "Save")


def next_local(clock: OffsetClock, wall: time, zone: ZoneInfo = BERLIN) -> datetime:
    """Return the next instant at which the wall clock in `zone` shows `wall`."""
    local_now = clock().astimezone(zone)
    candidate = datetime.combine(local_now.date(), wall, tzinfo=zone)
    if candidate <= local_now:
        candidate = datetime.combine(local_now.date() + timedelta(days=1), wall, tzinfo=zone)
    return candidate


async def user_row(h: Harness, user: FakeUser) -> User:
    """Read the user's row."""
    async with h.db.session() as session:
        return (await session.exec(select(User).where(User.telegram_id == user.id))).one()


def forge_press(h: Harness, user: FakeUser, message: BotMessage, data: str, query_id: str) -> None:
    """Deliver a callback query with any data, as a modified client could send it."""
    h.fake.state.open_queries[query_id] = (message.chat_id, message.message_id)
    h.fake.state.enqueue(
        "callback_query",
        {
            "id": query_id,
            "from": user.to_dict(),
            "message": message.message,
            "chat_instance": "1",
            "data": data,
        },
    )


async def change_setting(h: Harness, user: FakeUser, button: str, answer: str) -> BotMessage:
    """Change one answer in /settings by its button, then type or tap `answer`; return the reply."""
    menu = await h.say(user, "/settings")
    question = await h.tap(user, menu, button)
    if question.inline_keyboard:
        return await h.tap(user, question, answer)
    return await h.say(user, answer)


async def log_meal(h: Harness, user: FakeUser, text: str) -> tuple[BotMessage, BotMessage]:
    """Type a meal and press ✅ Log; return the logged meal (as edited) and the day's total."""
    preview = await h.say(user, text)
    total = await h.tap(user, preview, "Log")
    logged = await h.fake.wait_for_edit(user.id, preview.message_id)
    return logged, total


async def onboarded_with_carbonate_at_eight(h: Harness, user: FakeUser) -> BotMessage:
    """Onboard the user, add Caltrate (carbonate) and schedule one tablet daily at 08:00."""
    await onboard(h, user)
    confirmation = await add_carbonate(h, user)
    return await schedule_at(h, user, confirmation, "08:00")
