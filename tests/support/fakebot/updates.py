"""Bot API methods about the bot itself: identity, receiving updates, webhooks and commands."""

from __future__ import annotations

from typing import Any

from .compose import Handler
from .errors import bad_request
from .objects import JSONDict
from .params import Params
from .state import BotState
from .validation import check_commands

# core.telegram.org/bots/api#getupdates: limit 1-100, default 100.
MAX_UPDATES_PER_CALL = 100


async def get_me(state: BotState, params: Params) -> JSONDict:
    """getMe: the bot's own User."""
    return state.me


async def get_updates(state: BotState, params: Params) -> list[JSONDict]:
    """getUpdates: confirm by offset, then long-poll up to ``timeout`` seconds."""
    limit = params.integer("limit", MAX_UPDATES_PER_CALL) or MAX_UPDATES_PER_CALL
    allowed = params.decoded("allowed_updates")
    if allowed is not None and not isinstance(allowed, list):
        raise bad_request("can't parse allowed_updates JSON array")
    return await state.get_updates(
        offset=params.integer("offset"),
        limit=max(1, min(limit, MAX_UPDATES_PER_CALL)),
        poll_s=max(0.0, params.number("timeout", 0.0)),
        allowed=allowed,
    )


async def set_webhook(state: BotState, params: Params) -> bool:
    """setWebhook: remembered (URL and secret token) so that getUpdates refuses while it is set."""
    url = params.text("url") or ""
    if url and not url.startswith("https://"):
        raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
    if params.flag("drop_pending_updates"):
        state.drop_pending_updates()
    state.webhook_url = url
    state.webhook_secret = params.text("secret_token") or ""
    return True


async def delete_webhook(state: BotState, params: Params) -> bool:
    """deleteWebhook: switch back to getUpdates."""
    if params.flag("drop_pending_updates"):
        state.drop_pending_updates()
    state.webhook_url = ""
    return True


async def get_webhook_info(state: BotState, params: Params) -> JSONDict:
    """getWebhookInfo: the URL (empty when polling) and how many updates wait."""
    return {
        "url": state.webhook_url,
        "has_custom_certificate": False,
        "pending_update_count": state.pending_updates,
    }


async def set_my_commands(state: BotState, params: Params) -> bool:
    """setMyCommands: store the list per scope and language."""
    commands = check_commands(params.decoded("commands"))
    key = state.command_key(params.decoded("scope"), params.text("language_code"))
    state.commands[key] = commands
    state.changes.bump()
    return True


async def get_my_commands(state: BotState, params: Params) -> list[JSONDict]:
    """getMyCommands: the list for that scope and language (empty when unset)."""
    key = state.command_key(params.decoded("scope"), params.text("language_code"))
    return state.commands.get(key, [])


async def delete_my_commands(state: BotState, params: Params) -> bool:
    """deleteMyCommands: forget the list for that scope and language."""
    key = state.command_key(params.decoded("scope"), params.text("language_code"))
    state.commands.pop(key, None)
    state.changes.bump()
    return True


async def accept(state: BotState, params: Params) -> Any:
    """Answer True: logOut, close and cosmetic settings have nothing to check in the fake."""
    return True


BOT_METHODS: dict[str, Handler] = {
    "getMe": get_me,
    "getUpdates": get_updates,
    "setWebhook": set_webhook,
    "deleteWebhook": delete_webhook,
    "getWebhookInfo": get_webhook_info,
    "setMyCommands": set_my_commands,
    "getMyCommands": get_my_commands,
    "deleteMyCommands": delete_my_commands,
    "logOut": accept,
    "close": accept,
    "setMyDescription": accept,
    "setMyShortDescription": accept,
    "setChatMenuButton": accept,
}
