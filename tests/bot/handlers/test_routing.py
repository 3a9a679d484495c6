"""Which feature gets free text: a dialogue first, then a dose said in words, then a meal."""

from datetime import UTC, datetime, timedelta

from bot.context import Dialogue
from bot.handlers.products.supplement_add import AddSupplementFlow
from services import schedules
from storage.database import Database
from storage.models import Reminder, ReminderStatus, Supplement
from tests.bot.handlers.conftest import Driver
from tests.factories import make_user


async def _waiting_dose(database: Database, telegram_id: int) -> None:
    """Give the user a Caltrate reminder that was sent a minute ago and awaits an answer."""
    user = await make_user(database, telegram_id=telegram_id)
    assert user.id is not None
    async with database.session() as session:
        product = Supplement(user_id=user.id, name="Caltrate", calcium_mg=600)
        session.add(product)
        await session.flush()
        assert product.id is not None
        product_id = product.id
    now = datetime.now(UTC)
    view = await schedules.create_dose_schedule(
        database, telegram_id=telegram_id, supplement_id=product_id, units_per_dose=1,
        times=["08:00"], now=now,
    )  # fmt: skip
    assert view is not None
    async with database.session() as session:
        session.add(
            Reminder(
                schedule_id=view.id, user_id=user.id, due_at=now - timedelta(minutes=1),
                status=ReminderStatus.SENT,
            )
        )  # fmt: skip


async def test_a_dose_said_in_words_is_taken_without_a_dialogue(
    driver: Driver, sqlite_db: Database
) -> None:
    """With no dialogue open, "I took my calcium" answers the waiting reminder."""
    user = driver.fake.add_user()
    await _waiting_dose(sqlite_db, user.id)
    reply = await driver.say(user, "I took my calcium")
    assert "Taken" in (reply.text or "")


async def test_a_dialogue_wins_over_a_dose_said_in_words(
    driver: Driver, sqlite_db: Database
) -> None:
    """While the bot asks for a product's name, "I took my calcium" is that name."""
    user = driver.fake.add_user()
    await _waiting_dose(sqlite_db, user.id)
    data = driver.app.user_data[user.id]
    data.dialogue = Dialogue(AddSupplementFlow(), datetime.now(UTC))
    reply = await driver.say(user, "I took my calcium")
    assert "What kind of product is <b>I took my calcium</b>" in (reply.raw_text or "")


async def test_a_command_ends_the_dialogue_before_it_runs(
    driver: Driver, sqlite_db: Database
) -> None:
    """/today during a dialogue shows today, and the dialogue is gone afterwards."""
    user = driver.fake.add_user()
    await make_user(sqlite_db, telegram_id=user.id)
    data = driver.app.user_data[user.id]
    data.dialogue = Dialogue(AddSupplementFlow(), datetime.now(UTC))
    reply = await driver.say(user, "/today")
    assert "Today" in (reply.text or "")
    assert data.dialogue is None
