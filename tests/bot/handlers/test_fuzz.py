"""Forged updates from several users: no unhandled error, no change to another user's rows."""

import itertools
import random
from collections.abc import AsyncIterator
from typing import Any

import pytest
from sqlmodel import col, select
from telegram import CallbackQuery, Message, Update

from bot import texts
from bot.app import build_application
from bot.context import App
from scheduler.clock import SystemClock
from storage.database import Database
from storage.models import User
from tests.bot.handlers.fuzz_support import OWNED_TABLES, one_input, plant_objects, row_state
from tests.e2e.conftest import settings_for
from tests.factories import make_user
from tests.support.fakebot.objects import FakeUser
from tests.support.fakebot.server import FakeBotApi

# Enough forged updates to reach every button type with every kind of bad field many times,
# within about half a minute per database.
UPDATES = 400
SEED = 20261201
ACTORS = 3
_update_ids = itertools.count(1)


@pytest.fixture
async def fuzz_app(fake_bot_api: FakeBotApi, any_db: Database) -> AsyncIterator[App]:
    """Build the Application with a recorder of errors that reached the error handler."""
    url = any_db.engine.url.render_as_string(hide_password=False)
    app = build_application(settings_for(fake_bot_api, url), any_db, SystemClock())
    await app.initialize()
    yield app
    await app.shutdown()


async def _owned_rows(database: Database, user_ids: set[int]) -> dict[str, Any]:
    """Return every row the given users own, by table and id."""
    state: dict[str, Any] = {}
    async with database.session() as session:
        users = (await session.exec(select(User).where(col(User.id).in_(user_ids)))).all()
        state["user"] = sorted(row_state(user) for user in users)
        for table in OWNED_TABLES:
            rows = (await session.exec(select(table).where(col(table.user_id).in_(user_ids)))).all()
            state[table.__name__] = sorted(row_state(row) for row in rows)
    return state


async def _ids(database: Database) -> list[int]:
    """Return every id of every owned row (users' own objects and each other's)."""
    ids: set[int] = set()
    async with database.session() as session:
        for table in OWNED_TABLES:
            ids |= set((await session.exec(select(table.id))).all())
    return sorted(ids)


async def _update(app: App, fake: FakeBotApi, user: FakeUser, kind: str, value: str) -> Update:
    """Return an update of `user` typing `value` or pressing a button that carries it."""
    if kind == "text":
        sent: dict[str, Any] = await fake.send_text(user, value)
        return Update(next(_update_ids), message=Message.de_json(sent, app.bot))
    anchor = await fake.send_text(user, "/help")
    await app.process_update(Update(next(_update_ids), message=Message.de_json(anchor, app.bot)))
    shown = fake.state.bot_log[-1]
    message = fake.state.messages[(user.id, shown.message_id)]
    query_id = str(9_000_000_000_000 + fake.state.new_id())
    fake.state.open_queries[query_id] = (user.id, message["message_id"])
    query = {
        "id": query_id,
        "from": user.to_dict(),
        "message": message,
        "chat_instance": str(-1_000_000_000 - user.id),
        "data": value,
    }
    return Update(next(_update_ids), callback_query=CallbackQuery.de_json(query, app.bot))


async def test_forged_updates_crash_nothing_and_touch_no_other_users_rows(
    fuzz_app: App, fake_bot_api: FakeBotApi, any_db: Database
) -> None:
    """400 seeded texts, commands and forged buttons from 3 users: 0 errors, 0 foreign changes."""
    errors: list[BaseException | None] = []

    async def record(_update: object, context: Any) -> None:
        errors.append(context.error)

    fuzz_app.add_error_handler(record)
    people: dict[int, FakeUser] = {}
    owners: list[int] = []
    for number in range(ACTORS + 1):  # the last one never acts: only a victim
        fake_user = fake_bot_api.add_user(started=True)
        user = await make_user(any_db, telegram_id=fake_user.id)
        await plant_objects(any_db, user, number)
        people[user.id or 0] = fake_user
        owners.append(user.id or 0)
    ids = await _ids(any_db)
    rng = random.Random(SEED)
    tried: list[str] = []
    for _ in range(UPDATES):
        actor = rng.choice(owners[:ACTORS])
        kind, value = one_input(rng, ids)
        update = await _update(fuzz_app, fake_bot_api, people[actor], kind, value)
        others = set(owners) - {actor}
        before = await _owned_rows(any_db, others)
        await fuzz_app.process_update(update)
        tried.append(value)
        assert errors == [], f"{value!r} reached the error handler: {errors[-1]!r}"
        assert await _owned_rows(any_db, others) == before, f"{value!r} changed another's rows"
    presses = [value for value in tried if ":" in value or value.isalpha()]
    assert len(presses) > UPDATES // 3  # the generator did forge buttons


async def test_deleting_another_users_exercise_answers_not_available(
    fuzz_app: App, fake_bot_api: FakeBotApi, any_db: Database
) -> None:
    """`ex:del:<someone else's schedule>` says "not available" and deletes nothing."""
    owner_fake, forger_fake = (
        fake_bot_api.add_user(started=True),
        fake_bot_api.add_user(started=True),
    )
    owner = await make_user(any_db, telegram_id=owner_fake.id)
    await make_user(any_db, telegram_id=forger_fake.id)
    await plant_objects(any_db, owner, 0)
    before = await _owned_rows(any_db, {owner.id or 0})
    schedule_ids = [dict(row)["id"] for row in before["Schedule"]]
    for schedule_id in schedule_ids:
        update = await _update(
            fuzz_app, fake_bot_api, forger_fake, "press", f"ex:del:{schedule_id}"
        )
        await fuzz_app.process_update(update)
        await fake_bot_api.wait_for_message(forger_fake.id)  # the /help the button sits under
        message = await fake_bot_api.wait_for_message(forger_fake.id)
        assert message.text == texts.NOT_AVAILABLE
    assert await _owned_rows(any_db, {owner.id or 0}) == before
