"""Telegram's limits on texts, captions, keyboards and commands, enforced so bot bugs fail tests."""

from __future__ import annotations

import json
import re
from typing import Any

from . import errors
from .entities import ParsedText
from .errors import ApiError, bad_request
from .objects import JSONDict

# core.telegram.org/bots/api#sendmessage: "1-4096 characters after entities parsing".
MAX_TEXT_CHARS = 4096
# core.telegram.org/bots/api#sendphoto: caption "0-1024 characters after entities parsing".
MAX_CAPTION_CHARS = 1024
# core.telegram.org/bots/api#inlinekeyboardbutton: callback_data "1-64 bytes".
MAX_CALLBACK_DATA_BYTES = 64
# core.telegram.org/bots/api#botcommand: command 1-32 chars of a-z, 0-9 and "_";
# description 1-256 chars; at most 100 commands per setMyCommands.
_COMMAND = re.compile(r"[a-z0-9_]{1,32}")
MAX_COMMAND_DESCRIPTION = 256
MAX_COMMANDS = 100
# Exactly one of these makes an inline button do something; a text-only button is refused.
_INLINE_ACTIONS = (
    "callback_data",
    "url",
    "login_url",
    "switch_inline_query",
    "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat",
    "callback_game",
    "pay",
    "web_app",
    "copy_text",
)


def check_text(parsed: ParsedText) -> None:
    """Refuse an empty or over-long message text."""
    if not parsed.text.strip():
        raise ApiError(400, errors.TEXT_EMPTY)
    if len(parsed.text) > MAX_TEXT_CHARS:
        raise ApiError(400, errors.TEXT_TOO_LONG)


def check_caption(parsed: ParsedText) -> None:
    """Refuse an over-long caption."""
    if len(parsed.text) > MAX_CAPTION_CHARS:
        raise ApiError(400, errors.CAPTION_TOO_LONG)


def parse_reply_markup(raw: Any, *, inline_only: bool = False) -> JSONDict | None:
    """Decode and check ``reply_markup``; return it as a dict (None when absent)."""
    if raw is None or raw == "":
        return None
    markup = raw
    if isinstance(raw, str):
        try:
            markup = json.loads(raw)
        except json.JSONDecodeError:
            markup = None
    if not isinstance(markup, dict):
        raise bad_request("can't parse reply keyboard markup JSON object")
    if "inline_keyboard" in markup:
        _check_inline_keyboard(markup["inline_keyboard"])
    elif inline_only:
        # Only inline keyboards can be attached by editing; Telegram refuses the rest.
        raise bad_request("inline keyboard expected")
    elif "keyboard" in markup:
        _check_reply_keyboard(markup["keyboard"])
    elif not (markup.get("remove_keyboard") or markup.get("force_reply")):
        raise bad_request("can't parse reply keyboard markup JSON object")
    return markup


def _rows(rows: Any, what: str) -> list[list[Any]]:
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        raise bad_request(f"can't parse reply keyboard markup JSON object: {what} must be rows")
    return rows


def _check_inline_keyboard(rows: Any) -> None:
    for row in _rows(rows, "inline_keyboard"):
        for button in row:
            if not isinstance(button, dict) or not isinstance(button.get("text"), str):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "text" must be of type String'
                )
            actions = [key for key in _INLINE_ACTIONS if key in button]
            if not actions:
                raise bad_request(
                    "can't parse inline keyboard button: "
                    "Text buttons are unallowed in the inline keyboard"
                )
            if "callback_data" in button:
                check_callback_data(button["callback_data"])
            if "url" in button and not re.match(r"(https?|tg)://\S+$", str(button["url"])):
                raise bad_request("BUTTON_URL_INVALID")


def _check_reply_keyboard(rows: Any) -> None:
    for row in _rows(rows, "keyboard"):
        for button in row:
            text = button if isinstance(button, str) else (button or {}).get("text")
            if not isinstance(text, str) or not text:
                raise bad_request(
                    'can\'t parse keyboard button: Field "text" must be of type String'
                )


def check_callback_data(data: Any) -> None:
    """Refuse callback_data that is not 1-64 bytes of UTF-8."""
    if not isinstance(data, str) or not 1 <= len(data.encode()) <= MAX_CALLBACK_DATA_BYTES:
        raise ApiError(400, errors.BUTTON_DATA_INVALID)


def check_commands(commands: Any) -> list[JSONDict]:
    """Check a setMyCommands list and return it as plain dicts."""
    if isinstance(commands, str):
        commands = json.loads(commands)
    if not isinstance(commands, list) or len(commands) > MAX_COMMANDS:
        raise bad_request("can't parse commands JSON object")
    checked = []
    for item in commands:
        if not isinstance(item, dict) or "description" not in item:
            raise bad_request("can't parse BotCommand: Can't find field \"description\"")
        command, description = str(item.get("command", "")), str(item["description"])
        if not _COMMAND.fullmatch(command):
            raise bad_request("BOT_COMMAND_INVALID")
        if not description.strip():
            raise bad_request("command description must be non-empty")
        if len(description) > MAX_COMMAND_DESCRIPTION:
            raise bad_request("command description is too long")
        checked.append({"command": command, "description": description})
    return checked
