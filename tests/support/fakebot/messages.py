"""Bot API methods that send text, edit or delete messages and answer button presses."""

from __future__ import annotations

from . import errors
from .compose import (
    Handler,
    chat_id_of,
    log_message,
    parsed_param,
    reply_to,
    with_markup,
    with_text,
)
from .errors import ApiError, bad_request
from .objects import CallbackAnswer, JSONDict, now
from .params import Params
from .state import BotState
from .validation import check_text, parse_reply_markup

# core.telegram.org/bots/api#answercallbackquery: text "0-200 characters".
MAX_CALLBACK_ANSWER_CHARS = 200
# core.telegram.org/bots/api#sendchataction: the actions Telegram knows.
CHAT_ACTIONS = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)


async def send_message(state: BotState, params: Params) -> JSONDict:
    """sendMessage: validate like Telegram, store and return the Message."""
    chat = state.chat(chat_id_of(params))
    parsed = parsed_param(params, "text", "entities")
    check_text(parsed)
    markup = parse_reply_markup(params.decoded("reply_markup"))
    content: JSONDict = reply_to(state, chat, params)
    with_text(content, parsed, "text", "entities")
    with_markup(content, markup)
    message = state.new_message(chat, state.me, content)
    log_message(state, "sendMessage", message, params, "text", markup)
    return message


def _editable(state: BotState, params: Params) -> JSONDict:
    if params.get("inline_message_id"):
        raise bad_request("inline messages are not supported by the fake Bot API")
    key = (chat_id_of(params), params.required_int("message_id"))
    message = state.messages.get(key)
    if message is None:
        raise ApiError(400, errors.MESSAGE_TO_EDIT_NOT_FOUND)
    if not message["from"].get("is_bot"):
        raise ApiError(400, errors.MESSAGE_CANT_BE_EDITED)
    # Compared without edit_date: an edit that changes nothing else is "not modified".
    return {key: value for key, value in message.items() if key != "edit_date"}


def _store_edit(
    state: BotState,
    old: JSONDict,
    new: JSONDict,
    method: str,
    params: Params,
    markup: JSONDict | None,
) -> JSONDict:
    if new == old:
        raise ApiError(400, errors.MESSAGE_NOT_MODIFIED)
    new["edit_date"] = now()
    state.messages[(new["chat"]["id"], new["message_id"])] = new
    log_message(state, method, new, params, "text", markup)
    return new


async def edit_message_text(state: BotState, params: Params) -> JSONDict:
    """editMessageText: a missing reply_markup removes the inline keyboard, as in Telegram."""
    old = _editable(state, params)
    if "text" not in old:
        raise ApiError(400, errors.NO_TEXT_TO_EDIT)
    parsed = parsed_param(params, "text", "entities")
    check_text(parsed)
    markup = parse_reply_markup(params.decoded("reply_markup"), inline_only=True)
    new = dict(old)
    with_text(new, parsed, "text", "entities")
    with_markup(new, markup)
    return _store_edit(state, old, new, "editMessageText", params, markup)


async def edit_message_reply_markup(state: BotState, params: Params) -> JSONDict:
    """editMessageReplyMarkup: replace (or, when absent, remove) the inline keyboard."""
    old = _editable(state, params)
    markup = parse_reply_markup(params.decoded("reply_markup"), inline_only=True)
    new = dict(old)
    with_markup(new, markup)
    return _store_edit(state, old, new, "editMessageReplyMarkup", params, markup)


async def delete_message(state: BotState, params: Params) -> bool:
    """deleteMessage: forget the message; unknown ids are refused."""
    key = (chat_id_of(params), params.required_int("message_id"))
    if state.messages.pop(key, None) is None:
        raise ApiError(400, errors.MESSAGE_TO_DELETE_NOT_FOUND)
    state.deleted.append(key)
    state.changes.bump()
    return True


async def answer_callback_query(state: BotState, params: Params) -> bool:
    """answerCallbackQuery: each query can be answered once."""
    query_id = params.text("callback_query_id") or ""
    if query_id not in state.open_queries:
        raise ApiError(400, errors.QUERY_INVALID)
    text = params.text("text")
    if text and len(text) > MAX_CALLBACK_ANSWER_CHARS:
        raise bad_request("MESSAGE_TOO_LONG")
    del state.open_queries[query_id]
    state.callback_answers.append(
        CallbackAnswer(
            query_id=query_id,
            text=text,
            show_alert=params.flag("show_alert"),
            url=params.text("url"),
            cache_time=params.integer("cache_time"),
        )
    )
    state.changes.bump()
    return True


async def send_chat_action(state: BotState, params: Params) -> bool:
    """sendChatAction: record the action ("typing" …) shown to the user."""
    chat = state.chat(chat_id_of(params))
    action = params.text("action") or ""
    if action not in CHAT_ACTIONS:
        raise bad_request("wrong parameter action in request")
    state.chat_actions.append((chat.user.id, action))
    state.changes.bump()
    return True


MESSAGE_METHODS: dict[str, Handler] = {
    "sendMessage": send_message,
    "editMessageText": edit_message_text,
    "editMessageReplyMarkup": edit_message_reply_markup,
    "deleteMessage": delete_message,
    "answerCallbackQuery": answer_callback_query,
    "sendChatAction": send_chat_action,
}
