"""Fixtures for the fake Bot API's own tests: the fake and a real PTB ``Bot`` pointed at it."""

from collections.abc import AsyncIterator

import pytest
from telegram import Bot

from tests.support.fakebot import FakeBotApi, FakeUser
from tests.support.fakebot.fixtures import fake_bot_api

__all__ = ["bot", "fake_bot_api", "user"]

USER_ID = 4242


@pytest.fixture
async def bot(fake_bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    """Give an initialised PTB Bot that talks to the fake over real HTTP."""
    async with Bot(fake_bot_api.token, base_url=fake_bot_api.base_url) as ptb_bot:
        yield ptb_bot


@pytest.fixture
async def user(fake_bot_api: FakeBotApi) -> FakeUser:
    """Give a user who has already written to the bot, so the bot may write back."""
    person = fake_bot_api.add_user(USER_ID, first_name="Ada")
    await fake_bot_api.send_text(person, "/start")
    return person
