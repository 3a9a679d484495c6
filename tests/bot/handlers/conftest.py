"""The real Application with every handler, fed updates directly (no polling, no engine)."""

import itertools
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from telegram import Message, Update

from bot.app import build_application
from bot.context import App
from scheduler.clock import SystemClock
from storage.database import Database
from tests.e2e.conftest import settings_for
from tests.support.fakebot.fixtures import fake_bot_api
from tests.support.fakebot.objects import BotMessage, FakeUser
from tests.support.fakebot.server import FakeBotApi

__all__ = ["fake_bot_api"]
_update_ids = itertools.count(1)


@dataclass
class Driver:
    """Sends a user's text straight into the Application and reads the bot's reply."""

    app: App
    fake: FakeBotApi

    async def say(self, user: FakeUser, text: str) -> BotMessage:
        """Process `text` from `user` as one update and return the bot's next message."""
        sent: dict[str, Any] = await self.fake.send_text(user, text)
        update = Update(next(_update_ids), message=Message.de_json(sent, self.app.bot))
        await self.app.process_update(update)
        return await self.fake.wait_for_message(user.id)


@pytest.fixture
async def driver(fake_bot_api: FakeBotApi, sqlite_db: Database) -> AsyncIterator[Driver]:
    """Build and initialise the Application against the fake API and a migrated database."""
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    app = build_application(settings_for(fake_bot_api, url), sqlite_db, SystemClock())
    await app.initialize()
    yield Driver(app, fake_bot_api)
    await app.shutdown()
