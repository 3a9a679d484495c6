"""``python -m tests.support.fakebot`` run by hand: its banner, its stdin and its HTTP console."""

import asyncio
import os
import re
import signal
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from telegram import Bot

from tests.support.fakebot import FakeBotApi
from tests.support.fakebot.console import install_console

ROOT = Path(__file__).resolve().parents[2]
# Start-up of the fake (and of the bot it tells us to run) takes seconds; a hang is a failure.
WAIT_S = 60
BANNER_END = "Ctrl-C stops."


@dataclass
class Standalone:
    """A running standalone fake and what its banner said."""

    process: asyncio.subprocess.Process
    banner: str

    @property
    def root(self) -> str:
        """The fake's address, from the banner's first line."""
        found = re.search(r"listening on (http://\S+)", self.banner)
        assert found is not None, self.banner
        return found[1]

    def command_lines(self) -> list[str]:
        """The banner's lines that set both variables and run something."""
        return [
            line.strip()
            for line in self.banner.splitlines()
            if line.strip().startswith("TELEGRAM_API_BASE_URL=")
        ]


async def _start(stdin: int | None) -> Standalone:
    """Start the fake on a free port with the given stdin and read its banner."""
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.support.fakebot",
        "--port",
        "0",
        cwd=ROOT,
        stdin=stdin,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert process.stdout is not None
    banner = ""
    async with asyncio.timeout(WAIT_S):
        while BANNER_END not in banner:
            line = (await process.stdout.readline()).decode()
            assert line, f"the fake exited early: {banner}"
            banner += line
    return Standalone(process, banner)


async def _stop(fake: Standalone) -> tuple[int, str]:
    """SIGTERM the fake; return its exit code and everything it wrote to stderr."""
    fake.process.send_signal(signal.SIGTERM)
    assert fake.process.stderr is not None
    async with asyncio.timeout(WAIT_S):
        errors = await fake.process.stderr.read()
        code = await fake.process.wait()
    return code, errors.decode()


@pytest.fixture
async def standalone() -> AsyncIterator[Standalone]:
    """Run the fake as a person would start it from a script, stdin not a terminal."""
    fake = await _start(asyncio.subprocess.DEVNULL)
    try:
        yield fake
    finally:
        if fake.process.returncode is None:
            await _stop(fake)


@pytest.mark.parametrize("kind", ["devnull", "file"])
async def test_stdin_that_cannot_be_watched_gives_no_traceback(kind: str, tmp_path: Path) -> None:
    """With stdin from /dev/null or a file the fake serves, says typing is off, and stays quiet."""
    source = tmp_path / "lines.txt"
    source.write_text("/start\n")
    with source.open("rb") as lines:
        stdin = asyncio.subprocess.DEVNULL if kind == "devnull" else lines.fileno()
        fake = await _start(stdin)
    (command, *_) = fake.command_lines()
    found = re.search(r"TELEGRAM_API_BASE_URL=(\S+) TELEGRAM_BOT_TOKEN=(\S+)", command)
    assert found is not None
    async with Bot(found[2], base_url=found[1]) as bot:
        assert (await bot.get_me()).is_bot
    assert "typing here is off" in fake.banner
    code, errors = await _stop(fake)
    assert (code, errors) == (0, "")


async def test_piped_stdin_sends_each_line_as_the_user() -> None:
    """A line written to the fake's stdin pipe arrives as the chat user's message."""
    fake = await _start(asyncio.subprocess.PIPE)
    assert fake.process.stdin is not None and "Or type a line here" in fake.banner
    fake.process.stdin.write(b"hello from a pipe\n")
    await fake.process.stdin.drain()
    async with aiohttp.ClientSession(fake.root) as session:
        chat = await _chat_until(session, lambda chat: bool(chat["messages"]))
    assert [m["text"] for m in chat["messages"]] == ["hello from a pipe"]
    fake.process.stdin.close()
    code, errors = await _stop(fake)
    assert (code, errors) == (0, "")


async def _chat_until(session: aiohttp.ClientSession, done: Any) -> dict[str, Any]:
    """Poll the console's chat view, as its web page does, until ``done(chat)`` holds."""
    for _ in range(int(WAIT_S / 0.2)):
        async with session.get("/_console/chat") as response:
            chat: dict[str, Any] = await response.json()
        if done(chat):
            return chat
        await asyncio.sleep(0.2)
    raise AssertionError(f"the chat never got there: {chat}")


@pytest.mark.parametrize("runner", ["./scripts/run", ".venv/bin/calcibot run"])
async def test_banner_commands_start_a_bot_that_answers_over_http(
    standalone: Standalone, runner: str, tmp_path: Path
) -> None:
    """Each command the banner prints, run as printed, starts a bot that answers /start."""
    (project,) = [line.strip()[3:] for line in standalone.banner.splitlines() if "  cd " in line]
    (command,) = [line for line in standalone.command_lines() if line.endswith(runner)]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env["DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}"
    bot = await asyncio.create_subprocess_exec(
        "bash",
        "-c",
        f"cd {project} && {command}",
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
        start_new_session=True,  # so SIGTERM reaches bash and the bot it started
    )
    try:
        async with aiohttp.ClientSession(standalone.root) as session:
            async with session.post("/_console/send", json={"text": "/start"}) as response:
                assert response.status == 200
            chat = await _chat_until(
                session, lambda chat: any(m["from_bot"] for m in chat["messages"])
            )
    finally:
        os.killpg(bot.pid, signal.SIGTERM)
        async with asyncio.timeout(WAIT_S):
            output, _ = await bot.communicate()
    assert chat["messages"][0]["text"] == "/start" and chat["messages"][1]["from_bot"]
    assert "Traceback" not in output.decode()


def test_readme_lists_every_console_endpoint() -> None:
    """README's "Try it locally" names exactly the HTTP endpoints the console serves."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Try it locally", 1)[1].split("\n## ", 1)[0]
    documented = set(re.findall(r"`(GET|POST) (/[^`\s]*)`", section))
    fake = FakeBotApi()
    install_console(fake, fake.add_user(1000))
    served = {
        (route.method, route.resource.canonical)
        for route in fake.app.router.routes()
        if route.method != "HEAD" and route.resource is not None
    }
    assert documented == served - {("*", "/bot{token}/{method}")}
    assert "one chat user" in section
