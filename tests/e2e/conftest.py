"""Run the real PTB Application against the fake Bot API, with a real database."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from bot.app import build_application, on_startup
from bot.context import App
from bot.settings import Settings
from scheduler.clock import Clock
from storage.database import Database
from tests.support.fakebot.fixtures import fake_bot_api
from tests.support.fakebot.objects import BotMessage, FakeUser
from tests.support.fakebot.server import FakeBotApi

__all__ = ["fake_bot_api"]


@dataclass
class Harness:
    """The running bot, the fake Telegram it talks to, and its database."""

    fake: FakeBotApi
    app: App
    db: Database

    async def say(self, user: FakeUser, text: str) -> BotMessage:
        """Send text as the user and return the bot's next message to them."""
        await self.fake.send_text(user, text)
        return await self.fake.wait_for_message(user.id)

    async def tap(self, user: FakeUser, message: BotMessage, label: str) -> BotMessage:
        """Press the button whose label contains `label` and return the bot's next message."""
        await self.fake.press_button(user, message.message_id, text_contains=label)
        return await self.fake.wait_for_message(user.id)


def settings_for(fake: FakeBotApi, database_url: str) -> Settings:
    """Return settings that point the bot at the fake API, ignoring any local .env file."""
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        TELEGRAM_BOT_TOKEN=fake.token,
        TELEGRAM_API_BASE_URL=fake.base_url,
        DATABASE_URL=database_url,
        CALCIBOT_RATE_GLOBAL_PER_S=1000,
    )


async def start_app(settings: Settings, db: Database, clock: Clock) -> App:
    """Initialise and start the Application with polling, as `calcibot run` would."""
    app = build_application(settings, db, clock)
    await app.initialize()
    await on_startup(app)
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0, timeout=1, drop_pending_updates=False)
    return app


async def stop_app(app: App) -> None:
    """Stop polling and shut the Application down without leaking transports."""
    assert app.updater is not None
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


class OffsetClock:
    """Real time shifted by an offset a test sets, so APScheduler's real timers still fire.

    Jumping to "two seconds before 08:00 in Berlin" makes the engine's one-shot job for 08:00
    fire two real seconds later: the wake-up path is exercised without waiting for 08:00.
    """

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def now(self) -> datetime:
        """Return the shifted current instant."""
        return datetime.now(UTC) + self.offset

    def __call__(self) -> datetime:
        """Return the shifted current instant (tests read the clock by calling it)."""
        return self.now()

    def jump_to(self, moment: datetime) -> None:
        """Make `moment` the current instant from now on."""
        self.offset = moment - datetime.now(UTC)


@pytest.fixture
def clock() -> OffsetClock:
    """Give a clock that runs in real time and can jump ahead."""
    return OffsetClock()


@pytest.fixture
async def harness(
    fake_bot_api: FakeBotApi, sqlite_db: Database, clock: OffsetClock
) -> AsyncIterator[Harness]:
    """Run the bot against the fake API and a migrated SQLite database."""
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    app = await start_app(settings_for(fake_bot_api, url), sqlite_db, clock)
    running = Harness(fake=fake_bot_api, app=app, db=sqlite_db)
    yield running
    await stop_app(running.app)  # a test may have replaced the app to simulate a restart
