"""`calcibot run` when Telegram refuses the token or cannot be reached, and secret masking.

Each test runs the real console script (or Python) in a subprocess, so what is checked is
exactly what an operator's terminal shows, uncaught-exception prints included.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.fakebot import FakeBotApi

SCRIPT = Path(sys.executable).parent / "calcibot"
# Well-formed (digits, colon, 35 characters) but not the token the fake accepts.
WRONG_TOKEN = "987654321:AAWrongTokenForCalcibotXyzwQrstuvXyzw"
LEVELS = ["INFO", "DEBUG"]
# Start-up against 127.0.0.1 takes a few seconds; a hang is a failure, not a slow pass.
RUN_TIMEOUT_S = 60


async def _start_bot(
    tmp_path: Path, *, token: str, base_url: str, level: str
) -> asyncio.subprocess.Process:
    """Start `calcibot run` in an empty folder, stdout and stderr in one pipe."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "DATABASE_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=token,
        TELEGRAM_API_BASE_URL=base_url,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}",
        LOG_LEVEL=level,
    )
    return await asyncio.create_subprocess_exec(
        SCRIPT,
        "run",
        cwd=tmp_path,
        env=env,
        stdin=asyncio.subprocess.DEVNULL,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )


async def _run_bot(tmp_path: Path, *, token: str, base_url: str, level: str) -> tuple[int, str]:
    """Run `calcibot run` to its end and return its exit code and all it printed."""
    process = await _start_bot(tmp_path, token=token, base_url=base_url, level=level)
    async with asyncio.timeout(RUN_TIMEOUT_S):
        output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()


def _closed_port() -> int:
    """Return a 127.0.0.1 port that nothing listens on (just released by the OS)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@pytest.mark.parametrize("level", LEVELS)
async def test_rejected_token_is_one_line_without_the_token(
    fake_bot_api: FakeBotApi, tmp_path: Path, level: str
) -> None:
    """A refused token exits non-zero with one line naming its last 4 characters, no traceback."""
    code, output = await _run_bot(
        tmp_path, token=WRONG_TOKEN, base_url=fake_bot_api.base_url, level=level
    )
    assert code != 0
    assert WRONG_TOKEN not in output and WRONG_TOKEN.split(":")[1] not in output
    assert "Traceback" not in output
    (line,) = [line for line in output.splitlines() if "token" in line.lower()]
    assert line.startswith("Telegram rejected the token (…Xyzw)")
    assert f'{fake_bot_api.base_url}<token>/getMe answered "Unauthorized"' in line
    assert "@BotFather" in line
    if level == "INFO":
        assert output.splitlines() == [line]


@pytest.mark.parametrize("level", LEVELS)
async def test_unreachable_api_is_one_line_naming_the_url(tmp_path: Path, level: str) -> None:
    """An API base URL nobody answers on exits non-zero with one line naming it, no traceback."""
    base_url = f"http://127.0.0.1:{_closed_port()}/bot"
    code, output = await _run_bot(tmp_path, token=WRONG_TOKEN, base_url=base_url, level=level)
    assert code != 0
    assert WRONG_TOKEN not in output and "Traceback" not in output
    (line,) = [line for line in output.splitlines() if "127.0.0.1" in line]
    assert line.startswith(f"Could not reach the Telegram Bot API at {base_url}<token>/getMe (")
    assert "Check TELEGRAM_API_BASE_URL" in line
    if level == "INFO":
        assert output.splitlines() == [line]


async def test_a_server_error_at_start_up_is_one_line(
    fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """A 5xx answer to the first call is one line saying the server answered, and why."""
    fake_bot_api.fail_next("getMe", status=500)
    code, output = await _run_bot(
        tmp_path, token=fake_bot_api.token, base_url=fake_bot_api.base_url, level="INFO"
    )
    assert code != 0
    (line,) = output.splitlines()
    assert line.startswith(f"The Telegram Bot API at {fake_bot_api.base_url}<token>/getMe")
    assert "answered with an error (Internal Server Error)" in line
    assert fake_bot_api.token not in output


@pytest.mark.parametrize("level", LEVELS)
async def test_accepted_token_polls_and_stops_cleanly(
    fake_bot_api: FakeBotApi, tmp_path: Path, level: str
) -> None:
    """With the right token the bot starts polling, and SIGTERM ends it with exit code 0."""
    process = await _start_bot(
        tmp_path, token=fake_bot_api.token, base_url=fake_bot_api.base_url, level=level
    )
    try:
        polling = await fake_bot_api.state.changes.wait_until(
            lambda: fake_bot_api.calls["getUpdates"] > 0, within_s=RUN_TIMEOUT_S
        )
    finally:
        process.send_signal(signal.SIGTERM)
        async with asyncio.timeout(RUN_TIMEOUT_S):
            output, _ = await process.communicate()
    assert polling and process.returncode == 0
    assert fake_bot_api.calls["setMyCommands"] == 2  # the default menu and the Chinese one
    assert fake_bot_api.token not in output.decode() and "Traceback" not in output.decode()


def _python(tmp_path: Path, script: str, secret: str) -> str:
    """Run `script` with `secret` as its argument after bot.logs.configure; return stderr."""
    prelude = "import sys\nfrom bot import logs\nlogs.configure('DEBUG', secrets=[sys.argv[1]])\n"
    done = subprocess.run(  # noqa: S603  (our own interpreter and a fixed script)
        [sys.executable, "-c", prelude + script, secret],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        timeout=RUN_TIMEOUT_S,
        check=False,
    )
    assert done.stdout == ""
    return done.stderr


# Shorter than the token pattern, so only the configured secret itself can mask it.
SHORT = "4242:shortSecret"


def test_log_records_mask_the_token_in_messages_and_tracebacks(tmp_path: Path) -> None:
    """A library's DEBUG request URL and an exc_info traceback both print the token masked."""
    script = (
        "import logging\nfrom urllib.parse import quote\n"
        "log = logging.getLogger('httpx'); log.setLevel(logging.DEBUG)\n"
        "log.debug('GET http://api/bot%s/getMe', sys.argv[1])\n"
        "log.debug('GET http://api/bot%s/getMe', quote(sys.argv[1], safe=''))\n"
        "try:\n    raise RuntimeError(f'The token `{sys.argv[1]}` was rejected')\n"
        "except RuntimeError:\n    log.exception('start-up failed')\n"
    )
    stderr = _python(tmp_path, script, SHORT)
    assert "shortSecret" not in stderr
    assert stderr.count("GET http://api/bot<token>/getMe") == 2
    assert "Traceback" in stderr and "The token `<token>` was rejected" in stderr


def test_uncaught_exceptions_print_the_token_masked(tmp_path: Path) -> None:
    """Python's own print of an uncaught exception masks the token, main thread or not."""
    script = (
        "import threading\n"
        "def fail():\n    raise ValueError(f'in thread {sys.argv[1]}')\n"
        "worker = threading.Thread(target=fail); worker.start(); worker.join()\n"
        "raise RuntimeError(f'uncaught {sys.argv[1]}')\n"
    )
    stderr = _python(tmp_path, script, SHORT)
    assert "shortSecret" not in stderr
    assert "ValueError: in thread <token>" in stderr
    assert "RuntimeError: uncaught <token>" in stderr
    assert stderr.count("Traceback") == 2
