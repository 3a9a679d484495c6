"""Typed bot state: the services a handler needs, set once by the composition root."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol

from telegram.ext import Application, CallbackContext, ContextTypes, ExtBot

from bot.settings import Settings
from scheduler.engine import ReminderEngine
from storage.database import Database


def _utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass
class BotData:
    """Shared objects for handlers; PTB makes it empty, the composition root fills it."""

    database: Database | None = None
    settings: Settings | None = None
    clock: Callable[[], datetime] = field(default=_utcnow)
    # Wakes the reminder dispatcher at once after a schedule changes (set when it starts).
    wake_scheduler: Callable[[], None] | None = None
    engine: "ReminderEngine | None" = None
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def db(self) -> Database:
        """Return the database, which the composition root always sets before start."""
        if self.database is None:
            raise RuntimeError("BotData.database is not set; build the app with build_application")
        return self.database


class Flow(Protocol):
    """A short multi-step dialogue (add a product, set a schedule) that reads typed answers."""

    async def on_text(self, update: Any, context: "Context", text: str) -> bool:
        """Handle typed text; return False when the text is not for this flow."""
        ...


@dataclass
class UserData:
    """Per-user state kept in memory: the dialogue in progress, if any."""

    flow: Flow | None = None


Context = CallbackContext[ExtBot[Any], UserData, dict[Any, Any], BotData]
CONTEXT_TYPES = ContextTypes(bot_data=BotData, user_data=UserData)
App = Application[ExtBot[Any], Context, UserData, dict[Any, Any], BotData, Any]
