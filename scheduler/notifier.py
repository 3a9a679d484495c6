"""The only way the scheduler talks to Telegram: a small interface that bot/ implements."""

from dataclasses import dataclass
from typing import Protocol

# Telegram refuses callback_data longer than 64 bytes (Bot API, InlineKeyboardButton).
MAX_CALLBACK_BYTES = 64


@dataclass(frozen=True)
class Button:
    """An inline button: its label and the short id it sends back when pressed."""

    text: str
    data: str

    def __post_init__(self) -> None:
        """Refuse callback data Telegram would refuse."""
        if not self.data or len(self.data.encode()) > MAX_CALLBACK_BYTES:
            raise ValueError("callback data must be 1–64 bytes")


@dataclass(frozen=True)
class OutgoingMessage:
    """A message in HTML parse mode (names escaped by whoever built it) with button rows."""

    text: str
    buttons: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class Delivered:
    """Telegram accepted the message; this is its id in the chat."""

    message_id: int


@dataclass(frozen=True)
class Blocked:
    """The user blocked the bot or the chat is gone (403, chat not found): stop sending."""


@dataclass(frozen=True)
class Failed:
    """The message did not go out; `retryable` says whether trying again may help.

    `reason` is a short error name for the logs (e.g. "TimedOut"), never message text.
    """

    reason: str
    retryable: bool
    retry_after: float | None = None


SendResult = Delivered | Blocked | Failed


class Notifier(Protocol):
    """Sends and edits messages; implementations map Telegram errors to the result types."""

    async def send(self, chat_id: int, message: OutgoingMessage) -> SendResult:
        """Send a new message to a chat."""
        ...

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> SendResult:
        """Replace the text and buttons of a message the bot sent earlier."""
        ...
