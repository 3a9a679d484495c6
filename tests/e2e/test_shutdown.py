"""SIGTERM: `calcibot run` stops claiming, hands back what it did not send and exits in < 5 s."""

import asyncio
import signal
from collections.abc import Callable
from pathlib import Path

from scheduler.dispatcher import Dispatcher
from storage.database import Database
from storage.models import ReminderStatus
from tests.e2e.burst import plant_due, received, reminder_ids, start_bot, wait_exit, wait_for_sends
from tests.scheduler.support import RecordingNotifier, engine_config, reminders
from tests.support.clock import FakeClock
from tests.support.fakebot import FakeBotApi

BURST = 400
# Docker's default stop timeout is 10 s; the bot must be well inside it.
EXIT_WITHIN_S = 5.0


async def _until(condition: Callable[[], bool], within_s: float) -> bool:
    for _ in range(int(within_s / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_sigterm_mid_burst_exits_fast_and_hands_back_the_rest(
    any_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """Mid-burst SIGTERM: exit 0 in < 5 s, nothing left "sending", the rest sent once at once."""
    due = await plant_due(any_db, fake_bot_api, BURST)
    fake_bot_api.delay("sendMessage", 0.05)
    child = start_bot(
        fake_bot_api, any_db.engine.url.render_as_string(hide_password=False), tmp_path
    )
    try:
        await wait_for_sends(fake_bot_api, 40, child)
        child.send_signal(signal.SIGTERM)
        assert await wait_exit(child, EXIT_WITHIN_S) == 0
    finally:
        child.kill()
    rows = [row for row in await reminders(any_db) if row.due_at == due]
    statuses = [row.status for row in rows]
    assert ReminderStatus.SENDING not in statuses
    assert statuses.count(ReminderStatus.PENDING) > 0
    assert all(row.lease_until is None for row in rows if row.status == ReminderStatus.PENDING)
    first_run = received(fake_bot_api)
    assert statuses.count(ReminderStatus.SENT) == len(first_run) == sum(first_run.values())

    # Handed back, not leased: a restart at the same instant sends the rest straight away.
    clock = FakeClock(max(row.due_at for row in rows))
    clock.set(clock.now().replace(second=59))
    after = RecordingNotifier(clock=clock)
    await Dispatcher(any_db, after, clock, engine_config()).dispatch_due(clock.now())
    counts = first_run + reminder_ids(after.sent)
    assert sorted(counts.values()) == [1] * BURST


async def test_sigterm_while_telegram_hangs_abandons_sends_and_exits(
    sqlite_db: Database, fake_bot_api: FakeBotApi, tmp_path: Path
) -> None:
    """With every send hanging, SIGTERM still exits 0 in < 5 s and hands every row back."""
    due = await plant_due(sqlite_db, fake_bot_api, 50)
    fake_bot_api.delay("sendMessage", 60)
    url = sqlite_db.engine.url.render_as_string(hide_password=False)
    child = start_bot(fake_bot_api, url, tmp_path)
    try:
        hanging = await _until(lambda: fake_bot_api.calls["sendMessage"] >= 8, 60)
        assert hanging and child.poll() is None
        child.send_signal(signal.SIGTERM)
        assert await wait_exit(child, EXIT_WITHIN_S) == 0
    finally:
        child.kill()
    rows = [row for row in await reminders(sqlite_db) if row.due_at == due]
    assert {row.status for row in rows} == {ReminderStatus.PENDING}
    assert all(row.lease_until is None for row in rows)
