"""A burst of due reminders and a real `calcibot run` process to send it, for crash tests.

Shared by the kill -9 and SIGTERM tests and by bench/dispatch.py: plant `count` exercise
reminders due now (each for its own user and chat), start the bot as a child process against
the fake Bot API, and count what the fake received per reminder.
"""

import asyncio
import os
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from scheduler.planner import plan_next
from scheduler.recurrence import zone_for
from storage.database import Database
from storage.models import Schedule, ScheduleKind, User
from tests.support.fakebot import FakeBotApi

REPO = Path(__file__).resolve().parents[2]
FIRST_CHAT = 50_000
# How long a child may take to import, migrate and send its first reminder on a busy machine.
STARTUP_TIMEOUT_S = 60.0


async def plant_due(database: Database, fake: FakeBotApi | None, count: int) -> datetime:
    """Create `count` users with one exercise reminder each, due this minute; return due_at."""
    due = datetime.now(UTC).replace(second=0, microsecond=0)
    async with database.session() as session:
        for number in range(count):
            chat = FIRST_CHAT + number
            if fake is not None:
                fake.add_user(chat, started=True)
            user = User(telegram_id=chat, chat_id=chat, timezone="UTC", onboarding_step=None)
            session.add(user)
            await session.flush()
            schedule = Schedule(
                user_id=user.id or 0,
                kind=ScheduleKind.EXERCISE,
                title="Walk",
                times=[due.strftime("%H:%M")],
            )
            session.add(schedule)
            await session.flush()
            await plan_next(
                session, schedule=schedule, zone=zone_for("UTC"), after=due - timedelta(seconds=1)
            )
    return due


def reminder_ids(messages: Iterable[object]) -> Counter[int]:
    """Count messages per reminder id, read from the first button's callback data (r:<id>:t)."""
    counts: Counter[int] = Counter()
    for message in messages:
        keyboard = getattr(message, "inline_keyboard", None)
        if keyboard is None:  # a tests.scheduler SentMessage
            data = message.message.buttons[0][0].data  # type: ignore[attr-defined]
        else:
            data = keyboard[0][0]["callback_data"]
        counts[int(data.split(":")[1])] += 1
    return counts


def received(fake: FakeBotApi) -> Counter[int]:
    """Count the reminders the fake received, per reminder id."""
    return reminder_ids(entry for entry in fake.state.bot_log if entry.method == "sendMessage")


def child_env(fake: FakeBotApi, database_url: str, **extra: str) -> Mapping[str, str]:
    """Return the environment of a `calcibot run` child pointed at the fake and the database."""
    return {
        "PATH": os.environ.get("PATH", ""),
        "PTB_TIMEDELTA": "1",
        "PYTHONPATH": str(REPO),
        "TELEGRAM_BOT_TOKEN": fake.token,
        "TELEGRAM_API_BASE_URL": fake.base_url,
        "DATABASE_URL": database_url,
        "CALCIBOT_RATE_GLOBAL_PER_S": "1000",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def start_bot(
    fake: FakeBotApi, database_url: str, workdir: Path, *args: str, **extra: str
) -> subprocess.Popen[bytes]:
    """Start `calcibot run` (with `args`) as a child process in `workdir` (no stray .env)."""
    with (workdir / "bot.log").open("wb") as log:  # the child keeps its own descriptor
        return subprocess.Popen(  # noqa: S603  (fixed argument list, no shell)
            [sys.executable, "-m", "bot", "run", *args],
            cwd=workdir,
            env=dict(child_env(fake, database_url, **extra)),
            stdout=subprocess.DEVNULL,
            stderr=log,
        )


async def wait_for_sends(fake: FakeBotApi, count: int, child: subprocess.Popen[bytes]) -> None:
    """Wait until the fake has received `count` reminders; fail if the child dies first."""

    def enough() -> bool:
        return child.poll() is not None or sum(received(fake).values()) >= count

    assert await fake.state.changes.wait_until(enough, STARTUP_TIMEOUT_S), "no burst started"
    assert child.poll() is None, f"the bot exited early with {child.returncode}"


async def wait_exit(child: subprocess.Popen[bytes], timeout_s: float) -> int | None:
    """Wait up to `timeout_s` for the child to exit; return its exit code, or None."""
    try:
        return await asyncio.to_thread(child.wait, timeout_s)
    except subprocess.TimeoutExpired:
        return None


def drain_ratio(times: list[float], rate_per_s: float) -> float:
    """Return the achieved send rate, first to last message, as a fraction of `rate_per_s`."""
    span = max(times) - min(times)
    return (len(times) - 1) / span / rate_per_s


def start_processes(
    fake: FakeBotApi, database_url: str, root: Path, count: int, **extra: str
) -> list[subprocess.Popen[bytes]]:
    """Start `count` `calcibot run --no-updates` children, each in a folder of its own."""
    children = []
    for number in range(count):
        workdir = root / f"p{number}"
        workdir.mkdir(parents=True)
        children.append(start_bot(fake, database_url, workdir, "--no-updates", **extra))
    return children
