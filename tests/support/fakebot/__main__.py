"""Run the fake Bot API by hand: ``python -m tests.support.fakebot --port 8081``.

A person chats with the bot in the browser page at ``/`` or by typing here; the bot is pointed
at the fake with ``TELEGRAM_API_BASE_URL``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

from .console import install_console
from .objects import BotMessage, FakeUser
from .server import DEFAULT_TOKEN, FakeBotApi

HELP_LINES = """\
Type a line to send it as {name}. "[label]" presses that inline button of the latest message,
"!loc LAT LON" shares a location. Ctrl-C stops."""


def _parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m tests.support.fakebot", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8081, help="port (0 picks a free one)")
    parser.add_argument("--token", default=DEFAULT_TOKEN, help="the bot token to accept")
    parser.add_argument("--user-id", type=int, default=1000, help="id of the person chatting")
    parser.add_argument("--first-name", default="Tester", help="their first name")
    parser.add_argument("--language", default="en", help="their language_code")
    return parser.parse_args(argv)


def _say(text: str) -> None:
    print(text, flush=True)  # noqa: T201  # a command-line tool reports to its terminal


def _show(entry: BotMessage) -> str:
    verb = "bot" if entry.method.startswith("send") else "bot edits"
    buttons = "".join(f" [{label}]" for label in entry.button_texts)
    return f"{verb} #{entry.message_id}: {entry.text or ''}{buttons}"


async def _echo_bot(fake: FakeBotApi) -> None:
    """Print every message and edit the bot makes, as it happens."""
    log = fake.state.bot_log
    printed = 0

    def unseen() -> bool:
        return len(log) > printed

    while True:
        await fake.state.changes.wait_until(unseen, within_s=3600)
        for entry in log[printed:]:
            _say(_show(entry))
        printed = len(log)


async def _handle_line(fake: FakeBotApi, user: FakeUser, line: str) -> None:
    if line.startswith("[") and line.endswith("]"):
        shown = [e for e in fake.sent(user.id) if e.inline_keyboard]
        if not shown:
            _say("no message with buttons yet")
            return
        await fake.press_button(user, shown[-1], text_contains=line[1:-1])
    elif line.startswith("!loc "):
        latitude, longitude = (float(part) for part in line.split()[1:3])
        await fake.share_location(user, latitude, longitude)
    else:
        await fake.send_text(user, line)


async def _read_stdin(fake: FakeBotApi, user: FakeUser) -> None:
    """Send each typed line as the user; quietly do nothing when stdin is not a terminal/pipe."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    try:
        await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
    except (ValueError, OSError):
        return
    while raw := await reader.readline():
        line = raw.decode(errors="replace").strip()
        if line:
            try:
                await _handle_line(fake, user, line)
            except (AssertionError, ValueError) as error:
                _say(f"! {error}")


async def serve(args: argparse.Namespace) -> None:
    """Start the fake with its web console and run until cancelled."""
    fake = FakeBotApi(args.token, host=args.host, port=args.port)
    user = fake.add_user(args.user_id, first_name=args.first_name, language_code=args.language)
    install_console(fake, user)
    async with fake:
        root = f"http://{fake.host}:{fake.port}"
        _say(f"Fake Telegram Bot API listening on {root}")
        _say("Point the bot at it, e.g.:")
        _say(f"  TELEGRAM_API_BASE_URL={fake.base_url} TELEGRAM_BOT_TOKEN={fake.token} calcibot")
        _say(f"Chat as {user.first_name} (id {user.id}) in a browser: {root}/")
        _say(HELP_LINES.format(name=user.first_name))
        tasks = [asyncio.create_task(_echo_bot(fake)), asyncio.create_task(_read_stdin(fake, user))]
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows
                loop.add_signal_handler(signal_number, stop.set)
        try:
            await stop.wait()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


def main(argv: list[str] | None = None) -> None:
    """Entry point of ``python -m tests.support.fakebot``."""
    args = _parse_args(argv)
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(serve(args))


if __name__ == "__main__":
    main()
