"""The web chat page and its HTTP endpoints, and the standalone runner's typed lines."""

from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from tests.support.fakebot import FakeBotApi, FakeUser
from tests.support.fakebot.__main__ import _handle_line
from tests.support.fakebot.console import install_console

MARKUP = InlineKeyboardMarkup([[InlineKeyboardButton("Took it", callback_data="took")]])


@pytest.fixture
async def console() -> AsyncIterator[tuple[FakeBotApi, FakeUser, aiohttp.ClientSession]]:
    """Run a fake with the console mounted, plus an HTTP client for the page's endpoints."""
    fake = FakeBotApi()
    person = fake.add_user(1000, first_name="Tester")
    install_console(fake, person)
    async with fake, aiohttp.ClientSession(f"http://127.0.0.1:{fake.port}") as session:
        yield fake, person, session


async def test_page_is_served(
    console: tuple[FakeBotApi, FakeUser, aiohttp.ClientSession],
) -> None:
    """GET / returns the chat page with its script."""
    _, _, session = console
    async with session.get("/") as response:
        page = await response.text()
    assert response.status == 200
    assert "/_console/chat" in page


async def test_console_round_trip(
    console: tuple[FakeBotApi, FakeUser, aiohttp.ClientSession],
) -> None:
    """Typing, the bot's reply with buttons, and pressing one all go through the page's API."""
    fake, person, session = console
    async with session.post("/_console/send", json={"text": "/start"}):
        pass
    async with Bot(fake.token, base_url=fake.base_url) as bot:
        (update,) = await bot.get_updates()
        reply = await bot.send_message(person.id, "Take your dose", reply_markup=MARKUP)
        await bot.send_document(person.id, document=b"a,b\n", filename="log.csv")
        async with session.get("/_console/chat") as response:
            chat = await response.json()
        async with session.post(
            "/_console/press", json={"message_id": reply.message_id, "data": "took"}
        ) as response:
            assert response.status == 200
        pressed = await bot.get_updates(offset=update.update_id + 1)
    assert [m["text"] for m in chat["messages"][:2]] == ["/start", "Take your dose"]
    assert chat["messages"][1]["buttons"] == [[{"text": "Took it", "data": "took", "url": None}]]
    assert pressed[0].callback_query is not None
    assert pressed[0].callback_query.data == "took"
    async with session.get(f"/_console/file/{chat['messages'][2]['file']['id']}") as response:
        assert await response.read() == b"a,b\n"


async def test_console_location_and_stale_press(
    console: tuple[FakeBotApi, FakeUser, aiohttp.ClientSession],
) -> None:
    """The page can share a location; pressing a button that is gone answers 409."""
    fake, _, session = console
    async with session.post("/_console/location", json={"latitude": 1.5, "longitude": 2.5}):
        pass
    async with session.post("/_console/press", json={"message_id": 99, "data": "x"}) as response:
        assert response.status == 409
    assert fake.state.pending_updates == 1


async def test_terminal_lines_send_text_press_and_share(bot: Bot, fake_bot_api: FakeBotApi) -> None:
    """A typed line is a message, "[label]" presses a button, "!loc" shares a location."""
    person = fake_bot_api.add_user(1000)
    await _handle_line(fake_bot_api, person, "hello")
    await bot.send_message(person.id, "Took it?", reply_markup=MARKUP)
    await _handle_line(fake_bot_api, person, "[took]")
    await _handle_line(fake_bot_api, person, "!loc 1.0 2.0")
    kinds = [next(k for k in u.to_dict() if k != "update_id") for u in await bot.get_updates()]
    assert kinds == ["message", "callback_query", "message"]
