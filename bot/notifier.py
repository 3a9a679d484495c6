"""The Notifier the scheduler sends through, implemented with PTB's Bot."""

import logging
import re
from collections import OrderedDict

from aiolimiter import AsyncLimiter
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import ParseMode
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TimedOut

from scheduler.notifier import Blocked, Delivered, Failed, OutgoingMessage

log = logging.getLogger(__name__)

# Telegram answers these when the user deleted the chat or never started the bot.
_GONE = ("chat not found", "user is deactivated", "bot was blocked")
# An edit that changes nothing: the user already sees exactly this message.
_NOT_MODIFIED = "message is not modified"
# Chats recently written to; their limiters are kept so a burst to one chat stays at the
# per-chat rate. Only the least recently used (long idle at any real send rate) are dropped.
_MAX_TRACKED_CHATS = 10_000
# Telegram quotes pieces of the message in some refusals ('Unsupported start tag "b1"').
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
_MAX_SUMMARY_CHARS = 80


def _markup(message: OutgoingMessage) -> InlineKeyboardMarkup | None:
    if not message.buttons:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.text, callback_data=b.data) for b in row]
            for row in message.buttons
        ]
    )


def _seconds(value: object) -> float:
    total = getattr(value, "total_seconds", None)
    return float(total()) if callable(total) else float(value)  # type: ignore[arg-type]


def _summary(description: str) -> str:
    """Return the kind of refusal ("Message is too long") without any quoted message text."""
    kind = description.split(":", 1)[0]
    return _QUOTED.sub('"…"', kind)[:_MAX_SUMMARY_CHARS]


class TelegramNotifier:
    """Send and edit messages, keeping under the per-chat rate and mapping errors to outcomes."""

    def __init__(
        self,
        bot: Bot,
        *,
        per_chat_per_s: float,
        max_tracked_chats: int = _MAX_TRACKED_CHATS,
        paid_broadcast: bool = False,
    ) -> None:
        if per_chat_per_s <= 0:
            raise ValueError("per_chat_per_s must be positive")
        if max_tracked_chats < 1:
            raise ValueError("max_tracked_chats must be at least 1")
        self._bot = bot
        self._per_chat_per_s = per_chat_per_s
        self._max_tracked_chats = max_tracked_chats
        self._limiters: OrderedDict[int, AsyncLimiter] = OrderedDict()
        # Telegram lifts the overall limit to 1,000/s for sends paid in Stars (Bot API 7.11,
        # sendMessage allow_paid_broadcast); None leaves the parameter out.
        self._paid_broadcast = True if paid_broadcast else None

    @property
    def tracked_chats(self) -> int:
        """How many chats currently have a rate limiter of their own."""
        return len(self._limiters)

    def _limiter(self, chat_id: int) -> AsyncLimiter:
        limiter = self._limiters.pop(chat_id, None) or AsyncLimiter(1, 1 / self._per_chat_per_s)
        self._limiters[chat_id] = limiter
        while len(self._limiters) > self._max_tracked_chats:
            self._limiters.popitem(last=False)
        return limiter

    async def send(self, chat_id: int, message: OutgoingMessage) -> Delivered | Blocked | Failed:
        """Send a new message; return its id or why it failed."""
        async with self._limiter(chat_id):
            try:
                sent = await self._bot.send_message(
                    chat_id,
                    message.text,
                    parse_mode=ParseMode.HTML,
                    reply_markup=_markup(message),
                    allow_paid_broadcast=self._paid_broadcast,
                )
            except Exception as error:  # every failure becomes an outcome the dispatcher can act on
                return _outcome(error, chat_id)
        return Delivered(message_id=sent.message_id)

    async def edit(
        self, chat_id: int, message_id: int, message: OutgoingMessage
    ) -> Delivered | Blocked | Failed:
        """Replace a sent message's text and buttons; an edit that changes nothing succeeds."""
        async with self._limiter(chat_id):
            try:
                await self._bot.edit_message_text(
                    message.text,
                    chat_id=chat_id,
                    message_id=message_id,
                    parse_mode=ParseMode.HTML,
                    reply_markup=_markup(message),
                )
            except BadRequest as error:
                if _NOT_MODIFIED in error.message.lower():
                    # The message already reads exactly like this (e.g. a retried edit).
                    return Delivered(message_id=message_id)
                return _outcome(error, chat_id)
            except Exception as error:  # see send()
                return _outcome(error, chat_id)
        return Delivered(message_id=message_id)


def _outcome(error: Exception, chat_id: int) -> Blocked | Failed:
    if isinstance(error, Forbidden):
        return Blocked()
    if isinstance(error, BadRequest):  # before NetworkError: PTB's BadRequest subclasses it
        if any(words in error.message.lower() for words in _GONE):
            return Blocked()
        log.warning("chat %s: Telegram refused a message: %s", chat_id, _summary(error.message))
        return Failed(reason="bad_request", retryable=False, retry_after=None)
    if isinstance(error, RetryAfter):
        return Failed(
            reason="rate_limited", retryable=True, retry_after=_seconds(error.retry_after)
        )
    if isinstance(error, TimedOut | NetworkError):
        # PTB raises NetworkError for 5xx answers and connection failures: worth another try.
        return Failed(reason=type(error).__name__, retryable=True, retry_after=None)
    log.error("chat %s: unexpected error while sending", chat_id, exc_info=error)
    return Failed(reason=type(error).__name__, retryable=False, retry_after=None)
