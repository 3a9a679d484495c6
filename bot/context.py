"""Typed bot state: the services every handler uses, built once by the composition root.

`BotContext` is the `CallbackContext` PTB hands to every handler (PTB's contexttypesbot.py):
it reads the services from the `CalcibotApp` that runs it, so no handler looks anything up by
a string key, and none can find a service missing.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.settings import Settings
from nutrition.levels import NearPolicy
from scheduler.clock import Clock
from storage.database import Database

if TYPE_CHECKING:
    from scheduler.engine import ReminderEngine


@dataclass(frozen=True)
class Services:
    """What handlers work with: the database, the operator's settings, the clock, the policy."""

    database: Database
    settings: Settings
    clock: Clock

    @property
    def policy(self) -> NearPolicy:
        """Return where "nearing the limit" starts, as the operator set it."""
        return self.settings.near_policy


class Flow(Protocol):
    """A short multi-step dialogue (add a product, set a schedule) that reads typed answers."""

    async def on_text(self, update: Any, context: "BotContext", text: str) -> bool:
        """Handle typed text; return False when the text is not for this flow."""
        ...


@dataclass
class Dialogue:
    """The dialogue in progress and when the user last answered it."""

    flow: Flow
    touched_at: datetime


@dataclass
class UserData:
    """Per-user state kept in memory: the dialogue in progress (see bot/dialogue.py) and the
    user's interface language once read from the database (see bot/language.py)."""

    dialogue: Dialogue | None = None
    locale: str | None = None
    # The onboarding question on screen whose buttons (⬅️ Back) a typed answer must close.
    live_question: tuple[int, int] | None = None


class CalcibotApp(Application[Any, Any, Any, Any, Any, Any]):
    """PTB's Application with the services the composition root built for it."""

    def __init__(self, *, services: Services, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.services = services
        # Set when the reminder engine starts (post_init), for shutdown and operators.
        self.engine: ReminderEngine | None = None


class BotContext(CallbackContext[ExtBot[None], UserData, dict[Any, Any], dict[Any, Any]]):
    """The context every handler gets: typed access to the services."""

    @property
    def services(self) -> Services:
        """Return the services of the application handling this update."""
        app = self.application
        if not isinstance(app, CalcibotApp):
            raise TypeError("calcibot handlers run inside a CalcibotApp")
        return app.services

    @property
    def db(self) -> Database:
        """Return the database."""
        return self.services.database

    @property
    def settings(self) -> Settings:
        """Return the operator's settings."""
        return self.services.settings

    @property
    def policy(self) -> NearPolicy:
        """Return the near-limit policy."""
        return self.services.policy

    def now(self) -> datetime:
        """Return the current instant from the one clock the bot and the engine share."""
        return self.services.clock.now()


Context = BotContext
CONTEXT_TYPES = ContextTypes(context=BotContext, user_data=UserData)
App = CalcibotApp
__all__ = [
    "CONTEXT_TYPES",
    "App",
    "BotContext",
    "CalcibotApp",
    "Context",
    "Dialogue",
    "Flow",
    "Services",
    "UserData",
]
