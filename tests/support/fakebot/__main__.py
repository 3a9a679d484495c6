"""Run the fake Bot API by hand: ``python -m tests.support.fakebot --port 8081``.

One fake serves one chat user. A person plays them in the browser page at ``/``, over HTTP
(``/_console/...``, see README "Try it locally") or by typing here; the bot is pointed at the
fake with ``TELEGRAM_API_BASE_URL``.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import stat
import sys
from pathlib import Path
from typing import TextIO

from .console import install_console
from .objects import BotMessage, FakeUser
from .server import DEFAULT_TOKEN, FakeBotApi

# tests/support/fakebot/__main__.py -> the project folder, where scripts/run and .venv live.
PROJECT = Path(__file__).resolve().parents[3]
BANNER = """\
Fake Telegram Bot API listening on {root}
Start the bot against it in another terminal, in the project folder:
  cd {project}
  TELEGRAM_API_BASE_URL={base_url} TELEGRAM_BOT_TOKEN={token} ./scripts/run
or, once scripts/bootstrap has made .venv:
  TELEGRAM_API_BASE_URL={base_url} TELEGRAM_BOT_TOKEN={token} .venv/bin/calcibot run
This fake serves one chat user, {name} (id {user_id}); for another, restart it with --user-id
(then restart the bot too: a new fake counts updates from 1 again).
Chat as {name} in a browser at {root}/ or over HTTP: POST {root}/_console/send \
{{"text": "/start"}}, then GET {root}/_console/chat (README, "Try it locally", lists the rest)."""
TYPING_ON = """\
Or type a line here to send it as {name}. "[label]" presses that inline button of the latest
message, "!loc LAT LON" shares a location. Ctrl-C stops."""
TYPING_OFF = "Standard input is not a terminal or a pipe, so typing here is off. Ctrl-C stops."


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


def _can_watch(stream: TextIO | None) -> bool:
    """Tell whether the event loop can wait on ``stream``: a pipe, a socket or our own terminal.

    epoll refuses regular files and /dev/null (EPERM, raised later inside the loop's callback),
    and a background job that reads its terminal is stopped by SIGTTIN.
    """
    try:
        descriptor = stream.fileno() if stream is not None else -1
        mode = os.fstat(descriptor).st_mode
    except (OSError, ValueError):
        return False
    if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
        return True
    try:
        return os.isatty(descriptor) and os.tcgetpgrp(descriptor) == os.getpgrp()
    except OSError:
        return False


async def _read_stdin(fake: FakeBotApi, user: FakeUser) -> None:
    """Send each typed line as the user (only called when stdin can be watched)."""
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader()
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
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
        _say(
            BANNER.format(
                root=root,
                project=PROJECT,
                base_url=fake.base_url,
                token=fake.token,
                name=user.first_name,
                user_id=user.id,
            )
        )
        tasks = [asyncio.create_task(_echo_bot(fake))]
        if _can_watch(sys.stdin):
            _say(TYPING_ON.format(name=user.first_name))
            tasks.append(asyncio.create_task(_read_stdin(fake, user)))
        else:
            _say(TYPING_OFF)
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
