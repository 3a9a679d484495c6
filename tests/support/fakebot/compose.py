"""Shared pieces of the message-producing methods: reading chat ids and texts, shaping the
Message, and logging what the bot did for the test to read."""

from __future__ import annotations

import copy
from collections.abc import Awaitable, Callable
from typing import Any

from . import errors
from .entities import ParsedText, parse_text
from .errors import ApiError, bad_request
from .objects import BotMessage, JSONDict
from .params import Params
from .state import BotState, Chat

Handler = Callable[[BotState, Params], Awaitable[Any]]


def chat_id_of(params: Params) -> int:
    """Return the numeric chat_id; "@username" chats do not exist in the fake."""
    value = params.get("chat_id")
    if value is None or value == "":
        raise bad_request("chat_id is empty")
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ApiError(400, errors.CHAT_NOT_FOUND) from None


def parsed_param(params: Params, name: str, entities_name: str) -> ParsedText:
    """Parse ``text``/``caption`` under ``parse_mode``, or take the explicit entities."""
    parsed = parse_text(params.text(name) or "", params.text("parse_mode"))
    explicit = params.decoded(entities_name)
    if isinstance(explicit, list) and not params.text("parse_mode"):
        parsed.entities = explicit
    return parsed


def with_text(message: JSONDict, parsed: ParsedText, field: str, entities_field: str) -> None:
    """Set the text (or caption) and its entities, dropping stale entities."""
    message[field] = parsed.text
    message.pop(entities_field, None)
    if parsed.entities:
        message[entities_field] = parsed.entities


def with_markup(message: JSONDict, markup: JSONDict | None) -> None:
    """Attach the keyboard the way Telegram echoes it."""
    # Telegram echoes only inline keyboards in Message.reply_markup; reply keyboards stay silent.
    message.pop("reply_markup", None)
    if markup and "inline_keyboard" in markup:
        message["reply_markup"] = markup


def reply_to(state: BotState, chat: Chat, params: Params) -> JSONDict:
    """Return ``reply_to_message`` when the bot replies to a message that exists."""
    reply = params.decoded("reply_parameters")
    target = reply.get("message_id") if isinstance(reply, dict) else None
    target = target or params.integer("reply_to_message_id")
    original = state.messages.get((chat.user.id, int(target))) if target else None
    return {"reply_to_message": original} if original else {}


def log_message(
    state: BotState,
    method: str,
    message: JSONDict,
    params: Params,
    source: str,
    markup: JSONDict | None,
) -> BotMessage:
    """Record a send or edit, with the raw text and the markup as the bot sent them."""
    snapshot = copy.deepcopy(message)  # the test's snapshot must not alias the live state
    return state.record(
        BotMessage(
            chat_id=snapshot["chat"]["id"],
            message_id=snapshot["message_id"],
            method=method,
            text=snapshot.get("text", snapshot.get("caption")),
            raw_text=params.text(source),
            parse_mode=params.text("parse_mode"),
            reply_markup=markup,
            message=snapshot,
        )
    )
