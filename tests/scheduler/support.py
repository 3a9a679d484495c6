"""Test doubles and builders for the reminder engine: a recording Notifier, users, products."""

import asyncio
from collections import deque
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import col, select

from bot.reminder_texts import BotWording
from bot.wiring import summary_message
from scheduler.clock import Clock
from scheduler.config import DueItem, EngineConfig, Hooks
from scheduler.dispatcher import Dispatcher
from scheduler.engine import JobCallback
from scheduler.notifier import Blocked, Delivered, OutgoingMessage, SendResult
from services import schedules
from services.schedules import ScheduleView
from storage.database import Database
from storage.models import Reminder, Supplement, User
from storage.users import get_user
from tests.support.clock import FakeClock

BERLIN = "Europe/Berlin"
EIGHT = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)  # 08:00 in Berlin


@dataclass(frozen=True)
class SentMessage:
    """One message the engine sent, and when (by the test's clock)."""

    chat_id: int
    message: OutgoingMessage
    message_id: int
    at: datetime | None


@dataclass
class RecordingNotifier:
    """A Notifier that records every call; scripted results replace delivery when queued."""

    clock: Clock | None = None
    sent: list[SentMessage] = field(default_factory=list)
    edits: list[tuple[int, int, OutgoingMessage]] = field(default_factory=list)
    blocked_chats: set[int] = field(default_factory=set)
    scripted: deque[SendResult] = field(default_factory=deque)
    delay: float = 0.0
    _next_id: int = 1000

    def script(self, *results: SendResult) -> None:
        """Answer the next sends with these results, in order."""
        self.scripted.extend(results)

    async def send(self, chat_id: int, message: OutgoingMessage) -> SendResult:
        """Record a send and answer it as scripted, blocked or delivered."""
        if self.delay:
            await asyncio.sleep(self.delay)
        if chat_id in self.blocked_chats:
            return Blocked()
        if self.scripted:
            result = self.scripted.popleft()
            if not isinstance(result, Delivered):
                return result
        self._next_id += 1
        at = self.clock.now() if self.clock is not None else None
        self.sent.append(SentMessage(chat_id, message, self._next_id, at))
        return Delivered(self._next_id)

    async def edit(self, chat_id: int, message_id: int, message: OutgoingMessage) -> SendResult:
        """Record an edit and report it delivered."""
        self.edits.append((chat_id, message_id, message))
        return Delivered(message_id)

    def texts(self) -> list[str]:
        """Return the texts sent so far, in order."""
        return [item.message.text for item in self.sent]


async def _summary(_item: DueItem) -> OutgoingMessage:
    return OutgoingMessage(summary_message(None))


def hooks(**overrides: Any) -> Hooks:
    """Return the bot's wording and a plain summary, with any hook a test replaces."""
    values: dict[str, Any] = {"wording": BotWording(), "summary": _summary}
    return Hooks(**(values | overrides))


def engine_config(**options: Any) -> EngineConfig:
    """Return engine settings with the bot's wording unless the test gives other hooks."""
    options.setdefault("hooks", hooks())
    return EngineConfig(**options)


def dispatcher(
    database: Database, notifier: RecordingNotifier, clock: FakeClock, **options: object
) -> Dispatcher:
    """Build a dispatcher with deterministic (zero) jitter."""
    return Dispatcher(
        database,
        notifier,
        clock,
        engine_config(**options),
        jitter=lambda: 0.0,  # type: ignore[arg-type]
    )


async def make_supplement(
    database: Database,
    *,
    user: User,
    name: str = "Calcium 600",
    calcium_mg: int = 600,
    vitamin_d_iu: int = 400,
    vitamin_k_ug: int = 0,
    with_food: bool = True,
) -> Supplement:
    """Create a product in the user's cabinet."""
    async with database.session() as session:
        supplement = Supplement(
            user_id=user.id or 0,
            name=name,
            calcium_mg=calcium_mg,
            vitamin_d_iu=vitamin_d_iu,
            vitamin_k_ug=vitamin_k_ug,
            with_food=with_food,
        )
        session.add(supplement)
    return supplement


async def reminders(database: Database, *, schedule_id: int | None = None) -> list[Reminder]:
    """Return every reminder row (of one schedule, when given) in due order."""
    query = select(Reminder).order_by(col(Reminder.due_at), col(Reminder.id))
    if schedule_id is not None:
        query = query.where(col(Reminder.schedule_id) == schedule_id)
    async with database.session() as session:
        return list((await session.exec(query)).all())


async def user_row(database: Database, user_id: int | None) -> User:
    """Return a user's current row."""
    async with database.session() as session:
        user = await session.get(User, user_id)
    assert user is not None
    return user


async def dose_schedule(
    database: Database,
    *,
    now: datetime,
    telegram_id: int = 100,
    times: tuple[str, ...] = ("08:00",),
    name: str = "Calcium 600",
) -> ScheduleView:
    """Create a product and a daily dose schedule for an existing user."""
    user = await user_by_telegram_id(database, telegram_id)
    supplement = await make_supplement(database, user=user, name=name)
    view = await schedules.create_dose_schedule(
        database,
        telegram_id=telegram_id,
        supplement_id=supplement.id or 0,
        units_per_dose=Decimal(1),
        times=times,
        now=now,
    )
    assert view is not None
    return view


async def exercise_schedule(
    database: Database,
    *,
    now: datetime,
    telegram_id: int = 100,
    times: tuple[str, ...] = ("10:00",),
    weekdays: int = 127,
) -> ScheduleView:
    """Create an exercise schedule for an existing user."""
    view = await schedules.create_exercise_schedule(
        database,
        telegram_id=telegram_id,
        exercise_kind="weight_bearing",
        title="Brisk walk",
        minutes=30,
        times=times,
        weekdays=weekdays,
        now=now,
    )
    assert view is not None
    return view


async def user_by_telegram_id(database: Database, telegram_id: int) -> User:
    """Return a user by their Telegram id."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
    assert user is not None
    return user


@dataclass
class FakeJobQueue:
    """Records what the engine asks PTB's JobQueue to run."""

    once: list[tuple[datetime, str | None, dict[str, Any]]] = field(default_factory=list)
    repeating: list[tuple[timedelta, timedelta | None, dict[str, Any]]] = field(
        default_factory=list
    )
    callbacks: dict[str, JobCallback] = field(default_factory=dict)

    def run_once(
        self,
        callback: JobCallback,
        when: datetime,
        *,
        name: str | None = None,
        job_kwargs: dict[str, Any] | None = None,
    ) -> object:
        """Record a one-shot job."""
        self.once.append((when, name, job_kwargs or {}))
        self.callbacks[name or ""] = callback
        return object()

    def run_repeating(
        self,
        callback: JobCallback,
        interval: timedelta,
        *,
        first: timedelta | None = None,
        name: str | None = None,
        job_kwargs: dict[str, Any] | None = None,
    ) -> object:
        """Record a repeating job."""
        self.repeating.append((interval, first, job_kwargs or {}))
        self.callbacks[name or ""] = callback
        return object()
