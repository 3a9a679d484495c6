"""Several `calcibot run` processes on one PostgreSQL database: one polls, the others take over."""

import asyncio
import signal
import socket
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from storage.database import Database
from tests.e2e.burst import plant_due, received, start_bot, wait_exit, wait_for_sends
from tests.support.fakebot import FakeBotApi

# The takeover interval (2 s) plus start-up of a child on a busy machine.
TAKEOVER_WITHIN_S = 30.0


async def _until(condition: Callable[[], bool]) -> bool:
    for _ in range(int(TAKEOVER_WITHIN_S / 0.1)):
        if condition():
            return True
        await asyncio.sleep(0.1)
    return condition()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _scrape(port: int, path: str) -> str:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as answer:
            body: bytes = answer.read()
    except (OSError, urllib.error.URLError):
        return ""
    return body.decode()


def _log(workdir: Path) -> str:
    return (workdir / "bot.log").read_text(encoding="utf-8", errors="replace")


async def test_one_process_polls_and_another_takes_over_when_it_dies(
    pg_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """The second process only dispatches; after the first is SIGKILLed it answers users."""
    url = pg_db.engine.url.render_as_string(hide_password=False)
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    user = fake_bot_api.add_user()
    first = start_bot(fake_bot_api, url, first_dir, LOG_LEVEL="INFO")
    second = None
    try:
        await fake_bot_api.send_text(user, "/help")
        assert (await fake_bot_api.wait_for_message(user.id, timeout=TAKEOVER_WITHIN_S)).text
        second = start_bot(fake_bot_api, url, second_dir, LOG_LEVEL="INFO")
        standing_by = await _until(lambda: "another process polls" in _log(second_dir))
        assert standing_by, _log(second_dir)
        assert "polling Telegram" in _log(first_dir)
        assert "polling Telegram" not in _log(second_dir)

        first.send_signal(signal.SIGKILL)
        assert await wait_exit(first, 10) == -signal.SIGKILL
        await fake_bot_api.send_text(user, "/help")
        reply = await fake_bot_api.wait_for_message(user.id, timeout=TAKEOVER_WITHIN_S)
        assert reply.text
        assert "polling Telegram" in _log(second_dir)
        second.send_signal(signal.SIGTERM)
        assert await wait_exit(second, 5) == 0
    finally:
        first.kill()
        if second is not None:
            second.kill()


async def test_no_updates_dispatches_but_never_polls(
    sqlite_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """`--no-updates` sends due reminders, never polls, and serves /healthz and /metrics."""
    await plant_due(sqlite_db, fake_bot_api, 5)
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    port = _free_port()
    child = start_bot(fake_bot_api, url, tmp_path, "--no-updates", "--ops-port", str(port))
    try:
        await wait_for_sends(fake_bot_api, 5, child)
        assert await _until(lambda: _scrape(port, "/metrics").count("sent_total 5.0") == 1)
        assert '"database": "ok"' in _scrape(port, "/healthz")
        child.send_signal(signal.SIGTERM)
        assert await wait_exit(child, 5) == 0
    finally:
        child.kill()
    assert fake_bot_api.calls["getUpdates"] == 0
    assert sum(received(fake_bot_api).values()) == 5
