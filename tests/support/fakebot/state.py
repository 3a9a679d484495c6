"""What the fake Telegram knows: users and chats, messages, the update queue, and logs."""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from . import errors
from .errors import ApiError
from .objects import (
    BotMessage,
    CallbackAnswer,
    FakeUser,
    JSONDict,
    UploadedFile,
    bot_user,
    now,
)

# core.telegram.org/bots/api#getupdates: without allowed_updates, all kinds are sent except these.
_OPT_IN_UPDATES = frozenset({"chat_member", "message_reaction", "message_reaction_count"})


class Changes:
    """Wake every waiter whenever anything changes; waiters re-check their own condition.

    A fresh Event per change lets synchronous code (``add_user``, request handlers) signal without
    holding a lock, and waiters never poll with sleeps.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def bump(self) -> None:
        """Signal one change."""
        self._event.set()
        self._event = asyncio.Event()

    async def wait_until(self, condition: Callable[[], bool], within_s: float) -> bool:
        """Wait until ``condition()`` holds; return False when ``within_s`` passes first."""
        try:
            async with asyncio.timeout(within_s):
                while not condition():
                    await self._event.wait()
        except TimeoutError:
            return condition()
        return True


@dataclass
class Chat:
    """A private chat between the bot and one user."""

    user: FakeUser
    started: bool = False  # Telegram lets a bot write only to users who wrote to it first
    next_message_id: int = 1
    reply_keyboard: JSONDict | None = None  # the reply keyboard the user currently sees
    history: list[int] = field(default_factory=list)  # message ids, both sides, in order


class BotState:
    """The bot's view of Telegram, shared by the HTTP handlers and the test API."""

    def __init__(self, token: str, *, username: str, first_name: str) -> None:
        self.token = token
        self.me = bot_user(token, username, first_name)
        self.changes = Changes()
        self.chats: dict[int, Chat] = {}
        self.messages: dict[tuple[int, int], JSONDict] = {}  # current version of each message
        self.bot_log: list[BotMessage] = []  # every send and edit by the bot, in order
        self.consumed: set[int] = set()  # indexes into bot_log already returned by a wait
        self.api_errors: list[tuple[str, int, str]] = []  # (method, status, description)
        self.deleted: list[tuple[int, int]] = []
        self.open_queries: dict[str, tuple[int, int]] = {}  # callback query id → message
        self.callback_answers: list[CallbackAnswer] = []
        self.files: list[UploadedFile] = []
        self.chat_actions: list[tuple[int, str]] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}  # (scope, language) → list
        self.webhook_url = ""
        self.webhook_secret = ""
        self.closing = False
        self._allowed_updates: frozenset[str] | None = None
        self._updates: list[JSONDict] = []
        self._update_ids = itertools.count(1)
        self._poll_generation = 0
        self._ids = itertools.count(1)

    def new_id(self) -> int:
        """Return a fresh number for callback query and file ids."""
        return next(self._ids)

    def chat(self, chat_id: int) -> Chat:
        """Return a chat the bot may write to, or refuse like Telegram."""
        chat = self.chats.get(chat_id)
        if chat is None or not chat.started:
            raise ApiError(400, errors.CHAT_NOT_FOUND)
        return chat

    def new_message(self, chat: Chat, sender: JSONDict, content: JSONDict) -> JSONDict:
        """Number, date and store a message in ``chat``; return it."""
        message: JSONDict = {
            "message_id": chat.next_message_id,
            "from": sender,
            "chat": chat.user.chat_dict(),
            "date": now(),
            **content,
        }
        chat.next_message_id += 1
        chat.history.append(message["message_id"])
        self.messages[(chat.user.id, message["message_id"])] = message
        return message

    def record(self, entry: BotMessage) -> BotMessage:
        """Log a send or edit by the bot and remember a reply keyboard it showed."""
        self.bot_log.append(entry)
        markup = entry.reply_markup or {}
        chat = self.chats[entry.chat_id]
        if "keyboard" in markup:
            chat.reply_keyboard = markup
        elif markup.get("remove_keyboard"):
            chat.reply_keyboard = None
        self.changes.bump()
        return entry

    # --- updates -------------------------------------------------------------------------

    def enqueue(self, kind: str, payload: JSONDict) -> JSONDict:
        """Queue an update of ``kind`` (e.g. "message") for getUpdates; return it."""
        update = {"update_id": next(self._update_ids), kind: copy.deepcopy(payload)}
        self._updates.append(update)
        self.changes.bump()
        return update

    @property
    def pending_updates(self) -> int:
        """Count updates not yet confirmed by the bot."""
        return len(self._updates)

    def drop_pending_updates(self) -> None:
        """Forget every queued update (deleteWebhook/setWebhook with drop_pending_updates)."""
        self._updates.clear()

    async def get_updates(
        self, *, offset: int | None, limit: int, poll_s: float, allowed: list[str] | None
    ) -> list[JSONDict]:
        """Confirm updates before ``offset`` and return up to ``limit``, long-polling ``poll_s``."""
        if self.webhook_url:
            raise ApiError(409, errors.WEBHOOK_CONFLICT)
        self._poll_generation += 1
        generation = self._poll_generation
        self.changes.bump()  # wakes an older poll so that it can answer 409
        if allowed is not None:
            self._allowed_updates = frozenset(allowed) if allowed else None
        if offset is not None and offset < 0:
            del self._updates[:offset]
        elif offset is not None:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        await self.changes.wait_until(
            lambda: (
                bool(self._deliverable()) or self.closing or generation != self._poll_generation
            ),
            poll_s,
        )
        if generation != self._poll_generation:
            raise ApiError(409, errors.GET_UPDATES_CONFLICT)
        return self._deliverable()[:limit]

    def _deliverable(self) -> list[JSONDict]:
        # Updates the bot did not ask for are dropped, as Telegram never stores them.
        self._updates = [u for u in self._updates if self._allowed(u)]
        return self._updates

    def _allowed(self, update: JSONDict) -> bool:
        kind = next(key for key in update if key != "update_id")
        if self._allowed_updates is None:
            return kind not in _OPT_IN_UPDATES
        return kind in self._allowed_updates

    # --- commands ------------------------------------------------------------------------

    @staticmethod
    def command_key(scope: object, language_code: str | None) -> tuple[str, str]:
        """Key the command lists by scope and language, as setMyCommands does."""
        scope = scope or {"type": "default"}
        return json.dumps(scope, sort_keys=True), language_code or ""
