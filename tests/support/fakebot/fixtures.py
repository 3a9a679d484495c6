"""The pytest fixture that gives each test its own fake Bot API server.

Import it into a conftest: ``from tests.support.fakebot.fixtures import fake_bot_api``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest_asyncio

from .server import FakeBotApi


@pytest_asyncio.fixture
async def fake_bot_api() -> AsyncIterator[FakeBotApi]:
    """Start a fake Bot API on a free 127.0.0.1 port and stop it after the test."""
    async with FakeBotApi() as fake:
        yield fake
