"""The test acting as Telegram users: write to the bot, share a location, press buttons."""

from __future__ import annotations

import copy
from typing import Any

from .objects import BotMessage, FakeUser, JSONDict, utf16_len
from .state import BotState, Chat

MessageRef = BotMessage | JSONDict | int


def _message_id(message: MessageRef) -> int:
    if isinstance(message, BotMessage):
        return message.message_id
    if isinstance(message, dict):
        return int(message["message_id"])
    return int(message)


def _label(button: Any) -> str:
    return button if isinstance(button, str) else str(button.get("text", ""))


def _pick(buttons: list[Any], text_contains: str, where: str) -> Any:
    """Find the one button meant: an exact label first, then a case-sensitive, then any-case
    substring (so "Male" picks "Male", not "Female")."""
    wanted = text_contains.casefold()
    tiers = (
        [b for b in buttons if _label(b).casefold() == wanted],
        [b for b in buttons if text_contains in _label(b)],
        [b for b in buttons if wanted in _label(b).casefold()],
    )
    matches = next((tier for tier in tiers if tier), [])
    if len(matches) != 1:
        labels = [_label(b) for b in buttons]
        found = "no" if not matches else f"{len(matches)}"
        raise AssertionError(f"{found} buttons labelled like {text_contains!r} {where}: {labels}")
    return matches[0]


class UserActions:
    """What a person can do in Telegram, as async methods on ``FakeBotApi``."""

    state: BotState

    def add_user(
        self,
        user_id: int | None = None,
        *,
        first_name: str = "Tester",
        language_code: str | None = "en",
        last_name: str | None = None,
        username: str | None = None,
        started: bool = False,
    ) -> FakeUser:
        """Create a user; the bot may write to them once they wrote first (or ``started``)."""
        if user_id is None:
            user_id = 100_000 + len(self.state.chats) + 1
        if user_id in self.state.chats:
            raise AssertionError(f"user {user_id} was already added")
        user = FakeUser(user_id, first_name, language_code, last_name, username)
        self.state.chats[user_id] = Chat(user=user, started=started)
        return user

    def _chat_of(self, user: FakeUser) -> Chat:
        chat = self.state.chats.get(user.id)
        if chat is None:
            raise AssertionError(f"user {user.id} is unknown; call fake.add_user() first")
        return chat

    async def send_message(self, user: FakeUser, **content: Any) -> JSONDict:
        """Send any message content (``text=…``, ``location=…``); return the Message."""
        chat = self._chat_of(user)
        chat.started = True
        message = self.state.new_message(chat, user.to_dict(), content)
        self.state.enqueue("message", message)
        return copy.deepcopy(message)

    async def send_text(self, user: FakeUser, text: str) -> JSONDict:
        """Type ``text``; a leading "/command" gets its bot_command entity, as in Telegram."""
        content: JSONDict = {"text": text}
        if text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            content["entities"] = [
                {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
            ]
        return await self.send_message(user, **content)

    async def share_location(
        self, user: FakeUser, latitude: float, longitude: float, *, live_period: int | None = None
    ) -> JSONDict:
        """Share a (live, when ``live_period`` is given) location."""
        location: JSONDict = {"latitude": latitude, "longitude": longitude}
        if live_period is not None:
            location["live_period"] = live_period
        return await self.send_message(user, location=location)

    def _inline_buttons(self, user: FakeUser, message: MessageRef) -> tuple[JSONDict, list[Any]]:
        message_id = _message_id(message)
        current = self.state.messages.get((user.id, message_id))
        if current is None:
            raise AssertionError(f"message {message_id} is not in chat {user.id} (deleted?)")
        rows = current.get("reply_markup", {}).get("inline_keyboard", [])
        return current, [button for row in rows for button in row]

    async def press(self, user: FakeUser, message: MessageRef, callback_data: str) -> JSONDict:
        """Press the inline button carrying ``callback_data``; return the CallbackQuery.

        Only buttons the message shows *now* (after edits) can be pressed, so a test can never
        press something the bot did not offer.
        """
        current, buttons = self._inline_buttons(user, message)
        offered = [b.get("callback_data") for b in buttons if "callback_data" in b]
        if callback_data not in offered:
            raise AssertionError(
                f"message {current['message_id']} has no button with callback_data "
                f"{callback_data!r}; it offers {offered} ({[_label(b) for b in buttons]})"
            )
        query_id = str(4_000_000_000_000 + self.state.new_id())
        query: JSONDict = {
            "id": query_id,
            "from": user.to_dict(),
            "message": current,
            "chat_instance": str(-1_000_000_000 - user.id),
            "data": callback_data,
        }
        self.state.open_queries[query_id] = (user.id, current["message_id"])
        self.state.enqueue("callback_query", query)
        return copy.deepcopy(query)

    async def press_button(
        self, user: FakeUser, message: MessageRef, *, text_contains: str
    ) -> JSONDict:
        """Press the one inline button whose label contains ``text_contains`` (any case)."""
        current, buttons = self._inline_buttons(user, message)
        button = _pick(buttons, text_contains, f"on message {current['message_id']}")
        if "callback_data" not in button:
            raise AssertionError(f"button {button['text']!r} is not a callback button: {button}")
        return await self.press(user, message, button["callback_data"])

    async def press_reply_button(
        self,
        user: FakeUser,
        *,
        text_contains: str,
        location: tuple[float, float] | None = None,
    ) -> JSONDict:
        """Tap a button of the reply keyboard the chat shows; location buttons need ``location``."""
        chat = self._chat_of(user)
        keyboard = chat.reply_keyboard
        if keyboard is None:
            raise AssertionError(f"chat {user.id} shows no reply keyboard")
        buttons = [button for row in keyboard["keyboard"] for button in row]
        button = _pick(buttons, text_contains, "on the reply keyboard")
        if keyboard.get("one_time_keyboard"):
            chat.reply_keyboard = None
        if isinstance(button, dict) and button.get("request_location"):
            if location is None:
                raise AssertionError(f"{_label(button)!r} asks for a location; pass location=")
            return await self.share_location(user, *location)
        return await self.send_text(user, _label(button))
