"""Fixtures for tests of bot/: the fake Bot API and a real PTB ``Bot`` talking HTTP to it."""

from collections.abc import AsyncIterator

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from tests.support.fakebot import FakeBotApi
from tests.support.fakebot.fixtures import fake_bot_api

__all__ = ["fake_bot_api", "make_bot", "ptb_bot"]

# Generous for a server on 127.0.0.1, so only a deliberately slow answer ever times out.
DEFAULT_READ_TIMEOUT_S = 5.0


def make_bot(fake: FakeBotApi, *, read_timeout: float = DEFAULT_READ_TIMEOUT_S) -> Bot:
    """Build a PTB Bot pointed at the fake, with short connect/pool timeouts."""
    request = HTTPXRequest(
        connect_timeout=2.0, read_timeout=read_timeout, write_timeout=2.0, pool_timeout=2.0
    )
    return Bot(fake.token, base_url=fake.base_url, request=request)


@pytest.fixture
async def ptb_bot(fake_bot_api: FakeBotApi) -> AsyncIterator[Bot]:
    """Give an initialised PTB Bot that talks to the fake over real HTTP."""
    bot = make_bot(fake_bot_api)
    await bot.initialize()
    try:
        yield bot
    finally:
        await bot.shutdown()
