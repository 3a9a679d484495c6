"""Three `calcibot run` processes on one PostgreSQL share the bot's send budget."""

import signal
from pathlib import Path

from storage.database import Database
from tests.e2e.burst import (
    drain_ratio,
    plant_due,
    received,
    start_processes,
    wait_exit,
    wait_for_sends,
)
from tests.support.fakebot import FakeBotApi

# Telegram's overall limit for a bot (core.telegram.org/bots/faq), which the fake enforces.
BOT_LIMIT_PER_S = 30
# The issue asks for 3,000 (100 s at 30/s); this many keeps the test near a minute in CI,
# bench/dispatch.py runs the full size.
BURST = 900
PROCESSES = 3
# How long the processes may take to drain the burst, start-up included, on a busy machine.
DRAIN_TIMEOUT_S = BURST / BOT_LIMIT_PER_S + 60


async def test_three_processes_keep_to_one_budget_and_drain_near_it(
    pg_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """A burst sent by 3 processes at 30 msg/s for the bot: no 429, each once, ≥ 95 % of 30/s."""
    fake_bot_api.enforce_rate_limit(per_chat_per_s=1, global_per_s=BOT_LIMIT_PER_S)
    await plant_due(pg_db, fake_bot_api, BURST)
    url = pg_db.engine.url.render_as_string(hide_password=False)
    extra = {"CALCIBOT_RATE_GLOBAL_PER_S": str(BOT_LIMIT_PER_S)}
    children = start_processes(fake_bot_api, url, tmp_path, PROCESSES, **extra)
    try:
        for child in children:
            await wait_for_sends(fake_bot_api, 1, child)

        def drained() -> bool:
            return sum(received(fake_bot_api).values()) >= BURST

        assert await fake_bot_api.state.changes.wait_until(drained, DRAIN_TIMEOUT_S)
        for child in children:
            assert child.poll() is None, f"a process exited with {child.returncode}"
            child.send_signal(signal.SIGTERM)
        for child in children:
            assert await wait_exit(child, 10) == 0
    finally:
        for child in children:
            child.kill()
    counts = received(fake_bot_api)
    assert len(counts) == BURST and set(counts.values()) == {1}
    assert fake_bot_api.rate_limit_violations == 0
    sends = [call.at for call in fake_bot_api.requests if call.method == "sendMessage"]
    assert drain_ratio(sends, BOT_LIMIT_PER_S) >= 0.95
