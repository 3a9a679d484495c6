"""A `calcibot run` process killed with SIGKILL mid-burst: nothing lost, few sent twice."""

import signal
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scheduler.dispatcher import Dispatcher
from storage.database import Database
from storage.models import ReminderStatus
from tests.e2e.burst import plant_due, received, reminder_ids, start_bot, wait_exit, wait_for_sends
from tests.scheduler.support import RecordingNotifier, engine_config, reminders
from tests.support.clock import FakeClock
from tests.support.fakebot import FakeBotApi

BURST = 400
KILL_AFTER = 100
# Each answer takes this long, so the burst is still going when the kill comes.
SEND_DELAY_S = 0.05


async def test_kill9_mid_burst_resends_at_most_the_sends_in_flight(
    any_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """After SIGKILL mid-burst and a restart past the lease, none is lost, ≤ in-flight twice."""
    due = await plant_due(any_db, fake_bot_api, BURST)
    fake_bot_api.delay("sendMessage", SEND_DELAY_S)
    url = any_db.engine.url.render_as_string(hide_password=False)
    child = start_bot(fake_bot_api, url, tmp_path)
    try:
        await wait_for_sends(fake_bot_api, KILL_AFTER, child)
        child.send_signal(signal.SIGKILL)
        assert await wait_exit(child, 10) == -signal.SIGKILL
    finally:
        child.kill()
    fake_bot_api.delay("sendMessage", 0)
    before_restart = received(fake_bot_api)
    assert KILL_AFTER <= sum(before_restart.values()) < BURST  # killed mid-burst indeed

    config = engine_config()
    rows = await reminders(any_db)
    clock = FakeClock(datetime.now(UTC) + config.lease + timedelta(seconds=1))
    after_restart = RecordingNotifier(clock=clock)
    await Dispatcher(any_db, after_restart, clock, config).dispatch_due(clock.now())

    counts = before_restart + reminder_ids(after_restart.sent)
    planted = {row.id for row in rows if row.due_at == due}
    duplicates = sum(count - 1 for count in counts.values())
    assert set(counts) == planted and len(planted) == BURST  # 0 lost
    assert duplicates <= config.concurrency
    done = await reminders(any_db)
    assert sum(row.status == ReminderStatus.SENT for row in done if row.due_at == due) == BURST
