"""`calcibot run` by webhook, and SQLite's one process per file, with real child processes."""

import asyncio
import json
import signal
import socket
import urllib.error
import urllib.request
from pathlib import Path

from storage.database import Database
from tests.e2e.burst import start_bot, wait_exit
from tests.support.fakebot import FakeBotApi

# Start-up of a child on a busy machine: import, migrate, getMe, setWebhook.
STARTUP_TIMEOUT_S = 60.0
SECRET = "s3cret-token_42"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _post(port: int, body: dict[str, object], secret: str | None) -> int:
    """Post an update to the bot's webhook as Telegram would; return the HTTP status."""
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/hook", data=json.dumps(body).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            status: int = answer.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status


async def test_webhook_receives_updates_with_the_secret_and_refuses_without(
    sqlite_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """`run --webhook` registers URL and secret, answers a posted /help, refuses a wrong secret."""
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    port = _free_port()
    child = start_bot(
        fake_bot_api,
        url,
        tmp_path,
        "--webhook",
        "https://bot.example.test/hook",
        CALCIBOT_WEBHOOK_LISTEN="127.0.0.1",
        CALCIBOT_WEBHOOK_PORT=str(port),
        CALCIBOT_WEBHOOK_SECRET=SECRET,
    )
    try:
        for _ in range(int(STARTUP_TIMEOUT_S / 0.1)):  # setWebhook wakes no waiter: poll
            if fake_bot_api.state.webhook_url or child.poll() is not None:
                break
            await asyncio.sleep(0.1)
        assert child.poll() is None, (tmp_path / "bot.log").read_text()
        assert fake_bot_api.state.webhook_url == "https://bot.example.test/hook"
        assert fake_bot_api.state.webhook_secret == SECRET
        user = fake_bot_api.add_user()
        forged = await fake_bot_api.send_text(user, "/help")
        assert (
            await asyncio.to_thread(_post, port, {"update_id": 1, "message": forged}, "no") == 403
        )
        await fake_bot_api.expect_no_message(user.id, within=1.0)
        message = await fake_bot_api.send_text(user, "/help")
        status = await asyncio.to_thread(_post, port, {"update_id": 2, "message": message}, SECRET)
        assert status == 200
        assert (await fake_bot_api.wait_for_message(user.id, timeout=30)).text
        child.send_signal(signal.SIGTERM)
        assert await wait_exit(child, 5) == 0
    finally:
        child.kill()
    assert fake_bot_api.calls["getUpdates"] == 0


async def test_a_second_process_on_one_sqlite_file_is_refused(
    sqlite_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """While one `calcibot run` holds a SQLite file, a second exits 5 and says why."""
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    first_dir, second_dir = tmp_path / "first", tmp_path / "second"
    first_dir.mkdir()
    second_dir.mkdir()
    first = start_bot(fake_bot_api, url, first_dir, "--no-updates")
    try:
        assert await fake_bot_api.state.changes.wait_until(
            lambda: fake_bot_api.calls["setMyCommands"] > 0 or first.poll() is not None,
            STARTUP_TIMEOUT_S,
        )
        assert first.poll() is None, (first_dir / "bot.log").read_text()
        second = start_bot(fake_bot_api, url, second_dir, "--no-updates")
        assert await wait_exit(second, STARTUP_TIMEOUT_S) == 5
        refusal = (second_dir / "bot.log").read_text()
        assert "Another calcibot process is already running" in refusal
        assert "PostgreSQL" in refusal
        first.send_signal(signal.SIGTERM)
        assert await wait_exit(first, 5) == 0
        # The lock ends with its process: a new one starts on the same file.
        started = fake_bot_api.calls["setMyCommands"]
        third = start_bot(fake_bot_api, url, second_dir, "--no-updates")
        try:
            assert await fake_bot_api.state.changes.wait_until(
                lambda: fake_bot_api.calls["setMyCommands"] > started or third.poll() is not None,
                STARTUP_TIMEOUT_S,
            )
            assert third.poll() is None, (second_dir / "bot.log").read_text()
        finally:
            third.send_signal(signal.SIGTERM)
            await wait_exit(third, 10)
            third.kill()
    finally:
        first.kill()
