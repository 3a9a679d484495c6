"""Builders for the Telegram objects the fake hands out (User, Chat, PhotoSize …)."""

from __future__ import annotations

import mimetypes
import struct
import time
from dataclasses import dataclass, field
from typing import Any

JSONDict = dict[str, Any]

_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class FakeUser:
    """A Telegram user the test acts as; their private chat has the same id."""

    id: int
    first_name: str
    language_code: str | None = "en"
    last_name: str | None = None
    username: str | None = None

    def to_dict(self) -> JSONDict:
        """Return the Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data

    def chat_dict(self) -> JSONDict:
        """Return the Bot API ``Chat`` object of the private chat with this user."""
        data: JSONDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            if (value := getattr(self, key)) is not None:
                data[key] = value
        return data


@dataclass(frozen=True)
class UploadedFile:
    """A photo or document the bot sent, with the bytes it uploaded (if any)."""

    chat_id: int
    message_id: int
    kind: str  # "photo" or "document"
    file_id: str
    filename: str | None
    content: bytes | None  # None when the bot re-sent a file_id or a URL
    mime_type: str | None
    caption: str | None


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot said in answerCallbackQuery."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    cache_time: int | None


@dataclass(frozen=True)
class BotMessage:
    """One message as the bot sent or edited it, seen from the user's side.

    ``message`` is the Telegram ``Message`` returned to the bot; ``reply_markup`` is the markup as
    sent, which may be a reply keyboard that Telegram never echoes back in ``message``.
    """

    chat_id: int
    message_id: int
    method: str
    text: str | None  # plain text (or caption) after entity parsing
    raw_text: str | None  # as the bot sent it, markup included
    parse_mode: str | None
    reply_markup: JSONDict | None
    message: JSONDict = field(repr=False)

    @property
    def inline_keyboard(self) -> list[list[JSONDict]]:
        """Rows of inline buttons, empty when there are none."""
        markup = self.reply_markup or {}
        rows: list[list[JSONDict]] = markup.get("inline_keyboard", [])
        return rows

    @property
    def button_texts(self) -> list[str]:
        """Labels of all inline buttons, row by row."""
        return [button["text"] for row in self.inline_keyboard for button in row]

    @property
    def callback_data(self) -> list[str]:
        """callback_data of all inline buttons that have one."""
        return [
            b["callback_data"] for row in self.inline_keyboard for b in row if "callback_data" in b
        ]


def now() -> int:
    """Return the Unix time Telegram puts in ``date`` fields."""
    return int(time.time())


def utf16_len(text: str) -> int:
    """Return the length in UTF-16 code units, the unit of entity offsets in the Bot API."""
    return len(text.encode("utf-16-le")) // 2


def bot_user(token: str, username: str, first_name: str) -> JSONDict:
    """Return the bot's own ``User`` object; its id is the token's numeric part."""
    return {
        "id": int(token.split(":", 1)[0]),
        "is_bot": True,
        "first_name": first_name,
        "username": username,
        "can_join_groups": True,
        "can_read_all_group_messages": False,
        "supports_inline_queries": False,
        "can_connect_to_business": False,
        "has_main_web_app": False,
    }


def image_size(content: bytes | None) -> tuple[int, int]:
    """Return (width, height) of a PNG, or a 1×1 stand-in for anything else."""
    if content and content.startswith(_PNG_SIGNATURE) and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return int(width), int(height)
    return 1, 1


def guess_mime(filename: str | None, declared: str | None) -> str:
    """Pick the MIME type Telegram would report for an uploaded document."""
    if declared and declared != "application/octet-stream":
        return declared
    guessed = mimetypes.guess_type(filename or "", strict=False)[0]
    return guessed or "application/octet-stream"
