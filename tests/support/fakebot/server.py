"""``FakeBotApi``: the fake Telegram Bot API as a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import logging
from types import TracebackType
from typing import Any

from aiohttp import web

from . import errors
from .compose import Handler
from .errors import ApiError
from .faults import Faults
from .files import FILE_METHODS
from .inbox import Inbox
from .messages import MESSAGE_METHODS
from .params import Params
from .state import BotState
from .updates import BOT_METHODS
from .user import UserActions

_LOGGER = logging.getLogger(__name__)

# A token shaped like a real one; bot/settings.py refuses placeholders such as "123:ABC".
DEFAULT_TOKEN = "123456789:AAFakeTokenForCalcibotTests"
# core.telegram.org/bots/api#senddocument: bots may upload files of up to 50 MB.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# Telegram matches method names case-insensitively ("sendmessage" works too).
_METHODS: dict[str, tuple[str, Handler]] = {
    name.lower(): (name, handler)
    for name, handler in {**BOT_METHODS, **MESSAGE_METHODS, **FILE_METHODS}.items()
}


class FakeBotApi(Faults, UserActions, Inbox):
    """A Telegram Bot API stand-in: PTB talks HTTP to it, tests act as users through it.

    Point PTB at ``base_url`` (``Application.builder().base_url(fake.base_url)`` or
    ``Bot(token, base_url=fake.base_url)``); use it as ``async with FakeBotApi() as fake:``.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        username: str = "calcibot_test_bot",
        first_name: str = "Calcibot",
    ) -> None:
        Faults.__init__(self)
        self.state = BotState(token, username=username, first_name=first_name)
        self.host = host
        self.port = port
        self.app = web.Application(client_max_size=MAX_UPLOAD_BYTES)
        self.app.router.add_route("*", "/bot{token}/{method}", self._handle)
        self._runner: web.AppRunner | None = None

    @property
    def token(self) -> str:
        """The only token the fake accepts."""
        return self.state.token

    @property
    def base_url(self) -> str:
        """What PTB takes as ``base_url``; it appends ``{token}/{method}``."""
        return f"http://{self.host}:{self.port}/bot"

    @property
    def me(self) -> dict[str, Any]:
        """The bot's own User object, as getMe returns it."""
        return dict(self.state.me)

    async def start(self) -> None:
        """Listen on ``host``:``port`` (a free port when 0)."""
        # Long polls are woken on stop, so a short shutdown timeout only guards against bugs.
        self._runner = web.AppRunner(self.app, access_log=None, shutdown_timeout=2.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        _LOGGER.debug("fake Bot API listening on %s", self.base_url)

    async def stop(self) -> None:
        """Release pending long polls and delayed answers, then close the server."""
        self.state.closing = True
        self.state.changes.bump()
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeBotApi:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.state.token:
            return _answer_error(ApiError(401, errors.UNAUTHORIZED))
        requested = request.match_info["method"]
        name, handler = _METHODS.get(requested.lower(), (requested, None))
        try:
            params = await Params.from_request(request)
            self.log_call(name, params.loggable())
            if handler is None:
                raise ApiError(404, errors.NOT_FOUND)
            await self.apply_faults(name, _chat_id(params))
            result = await handler(self.state, params)
        except ApiError as error:
            self.state.api_errors.append((name, error.status, error.description))
            _LOGGER.debug("%s refused: %s", name, error.description)
            return _answer_error(error)
        return web.json_response({"ok": True, "result": result})


def _chat_id(params: Params) -> int | None:
    try:
        return int(params.get("chat_id"))
    except (TypeError, ValueError):
        return None


def _answer_error(error: ApiError) -> web.Response:
    return web.json_response(error.envelope(), status=error.status)
