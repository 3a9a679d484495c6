"""With PTB's real JobQueue (APScheduler) the engine wakes at the due moment, not on a poll."""

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from telegram.ext import Application, ApplicationBuilder

from scheduler.clock import SystemClock
from scheduler.engine import ReminderEngine
from scheduler.planner import Occurrence, insert_occurrence
from storage.database import Database
from tests.factories import make_user
from tests.scheduler.support import (
    RecordingNotifier,
    engine_config,
    exercise_schedule,
)


@pytest.fixture
async def application() -> AsyncIterator[Application]:  # type: ignore[type-arg]
    """Give a PTB Application whose JobQueue runs (the bot itself never talks to Telegram)."""
    app = ApplicationBuilder().token("123456:TEST").build()
    assert app.job_queue is not None
    await app.job_queue.start()
    yield app
    await app.job_queue.stop(wait=False)


async def test_engine_wakes_through_ptb_job_queue_at_the_due_time(
    sqlite_db: Database,
    application: Application,  # type: ignore[type-arg]
) -> None:
    """A reminder due in 0.6 s goes out within a fraction of a second of its time."""
    clock = SystemClock()
    notifier = RecordingNotifier(clock=clock)
    await make_user(sqlite_db, telegram_id=100)
    view = await exercise_schedule(sqlite_db, now=clock.now())
    engine = ReminderEngine(sqlite_db, notifier, clock, engine_config())
    assert application.job_queue is not None
    engine.start(application.job_queue)
    await asyncio.sleep(0.2)  # the first tick finds nothing due and arms for the 10:00 reminder
    due = clock.now() + timedelta(milliseconds=600)
    async with sqlite_db.session() as session:
        await insert_occurrence(session, Occurrence(view.id, 1, due, one_off=True))
    engine.wake()
    await asyncio.sleep(0.3)
    assert notifier.sent == []
    for _ in range(50):
        if notifier.sent:
            break
        await asyncio.sleep(0.05)
    (sent,) = notifier.sent
    assert sent.at is not None
    assert timedelta(0) <= sent.at - due < timedelta(milliseconds=500)
