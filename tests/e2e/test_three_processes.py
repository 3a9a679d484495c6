"""Three `calcibot run` processes on one PostgreSQL: a burst goes out once, even through kill -9."""

import signal
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scheduler.dispatcher import Dispatcher
from storage.database import Database
from tests.e2e.burst import (
    plant_due,
    received,
    reminder_ids,
    start_processes,
    wait_exit,
    wait_for_sends,
)
from tests.scheduler.support import RecordingNotifier, engine_config, reminders
from tests.support.clock import FakeClock
from tests.support.fakebot import FakeBotApi

# The issue asks for 10,000 (bench/dispatch.py runs that); this many drains in seconds here.
BURST = 3000
PROCESSES = 3
# Each answer takes this long, so the burst is still going when the kill comes.
SEND_DELAY_S = 0.02
DRAIN_TIMEOUT_S = 120.0


async def _stop(children: list[subprocess.Popen[bytes]]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        assert await wait_exit(child, 10) in (0, -signal.SIGKILL)


async def test_three_processes_send_each_reminder_exactly_once(
    pg_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """A burst due at once, claimed by 3 processes with SKIP LOCKED: every reminder once."""
    await plant_due(pg_db, fake_bot_api, BURST)
    url = pg_db.engine.url.render_as_string(hide_password=False)
    children = start_processes(fake_bot_api, url, tmp_path, PROCESSES)
    try:
        await wait_for_sends(fake_bot_api, 1, children[0])
        drained = await fake_bot_api.state.changes.wait_until(
            lambda: sum(received(fake_bot_api).values()) >= BURST, DRAIN_TIMEOUT_S
        )
        assert drained
        assert all(child.poll() is None for child in children)
        await _stop(children)
    finally:
        for child in children:
            child.kill()
    counts = received(fake_bot_api)
    assert len(counts) == BURST and set(counts.values()) == {1}


async def test_one_of_three_killed_mid_burst_loses_none_and_repeats_at_most_its_in_flight(
    pg_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """SIGKILL one process mid-burst: 0 lost, duplicates ≤ that process's concurrent sends."""
    due = await plant_due(pg_db, fake_bot_api, BURST)
    fake_bot_api.delay("sendMessage", SEND_DELAY_S)
    url = pg_db.engine.url.render_as_string(hide_password=False)
    children = start_processes(fake_bot_api, url, tmp_path, PROCESSES)
    victim = children[0]
    try:
        await wait_for_sends(fake_bot_api, BURST // 4, victim)
        victim.send_signal(signal.SIGKILL)
        assert await wait_exit(victim, 10) == -signal.SIGKILL
        config = engine_config()
        # The survivors send all but what the victim had claimed (one batch at most), whose
        # lease has not run out.
        waiting = await fake_bot_api.state.changes.wait_until(
            lambda: len(received(fake_bot_api)) >= BURST - config.batch_size,
            DRAIN_TIMEOUT_S,
        )
        assert waiting
        await _stop(children[1:])
    finally:
        for child in children:
            child.kill()
    fake_bot_api.delay("sendMessage", 0)
    before = received(fake_bot_api)
    # A dispatcher past the victim's lease, as a restarted process would be, sends the rest.
    clock = FakeClock(datetime.now(UTC) + config.lease + timedelta(seconds=1))
    after = RecordingNotifier(clock=clock)
    dispatcher = Dispatcher(pg_db, after, clock, config)
    for _ in range(BURST // config.batch_size):  # one batch a round
        await dispatcher.dispatch_due(clock.now())
    counts = before + reminder_ids(after.sent)
    rows = await reminders(pg_db)
    planted = {row.id for row in rows if row.due_at == due}
    assert len(planted) == BURST and set(counts) == planted  # 0 lost
    assert sum(count - 1 for count in counts.values()) <= config.concurrency
