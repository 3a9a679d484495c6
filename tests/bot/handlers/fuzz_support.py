"""Forged input for the fuzz test: seeded texts, commands and callback data in the bot's patterns.

Callback data are built from the codec's own button types (`bot.callbacks`): the right prefix
with ids of every user, ids past 32 and 64 bits, non-ASCII digits, unknown enum values, missing
and extra fields.
"""

import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from bot.callbacks.codec import _PREFIXES, _field_types
from scheduler.planner import plan_next
from scheduler.recurrence import zone_for
from storage.database import Database
from storage.models import (
    CustomFood,
    DayFlag,
    Intake,
    MealDraft,
    Reminder,
    Schedule,
    ScheduleKind,
    Supplement,
    User,
)

# Every table a user owns rows in, besides the user row itself.
OWNED_TABLES: tuple[type[Any], ...] = (
    Supplement,
    Schedule,
    Reminder,
    CustomFood,
    Intake,
    DayFlag,
    MealDraft,
)
# Ids no row has: past INTEGER, the largest BIGINT, past BIGINT, zero and signed forms.
EDGE_IDS = ("0", "2147483648", "9223372036854775807", "9223372036854775808", "2" * 25, "-1")
# Digits that are not ASCII (superscript, Arabic-Indic, full-width, Devanagari) and other junk.
FORGED_NUMBERS = ("²", "١٢", "１２", "३", "1e3", " 1", "", "0x10", "1.5", "∞", "NaN")
TEXTS = (
    "2 cups of milk",
    "100 g tofu and ½ cup yoghurt",
    "²³ mg",
    "１２００",
    "٣ glasses of milk",
    "9" * 40,
    "牛奶 250 ml",
    "豆腐 ２ 块",
    "🥛🥛🥛",
    "cheese" * 200,
    "-5 g cheese",
    "nan splashes of milk",
    "1e308 g of cheese",
    "0",
    "yes",
    "Europe/Berlin",
    "24:61",
    "99:99",
    "\u200b",
    "<b>bold</b> & <i>",
)
COMMANDS = (
    "/start",
    "/help",
    "/today",
    "/history",
    "/log",
    "/undo",
    "/food",
    "/myfoods",
    "/supplements",
    "/exercise",
    "/settings",
    "/cancel",
    "/nosuchcommand",
)


def callback_data(rng: random.Random, ids: Sequence[int]) -> str:
    """Return forged callback data for a random button type of the bot."""
    button = rng.choice(list(_PREFIXES.values()))
    parts = [button.prefix]
    specs = _field_types(button)
    count = len(specs) + rng.choice((-1, 0, 0, 0, 1)) if specs else rng.choice((0, 1))
    for position in range(max(0, count)):
        kind = specs[position][1] if position < len(specs) else str
        parts.append(_value(rng, kind, ids))
    return ":".join(parts)[:64]


def _value(rng: random.Random, kind: type, ids: Sequence[int]) -> str:
    roll = rng.random()
    if kind is int:
        if roll < 0.6 and ids:
            return str(rng.choice(ids))
        if roll < 0.65:
            return str(rng.randrange(0, 20))
        return rng.choice(EDGE_IDS + FORGED_NUMBERS)
    if isinstance(kind, type) and issubclass(kind, StrEnum):
        if roll < 0.85:
            return rng.choice(list(kind)).value
        return rng.choice(("x", "", "²", "DELETE", "d" * 40))
    return rng.choice(("a", "abc", "calcium", "new", "en", "us", "²", "", "-" * 33, "1"))


def one_input(rng: random.Random, ids: Sequence[int]) -> tuple[str, str]:
    """Return ("text", text) or ("press", callback data), a random forged input."""
    roll = rng.random()
    if roll < 0.55:
        return "press", callback_data(rng, ids)
    if roll < 0.8:
        command = rng.choice(COMMANDS)
        argument = rng.choice(("", "", *TEXTS, *EDGE_IDS, *FORGED_NUMBERS))
        return "text", f"{command} {argument}".strip()
    return "text", rng.choice(TEXTS + EDGE_IDS + FORGED_NUMBERS[:4])


async def plant_objects(database: Database, user: User, number: int) -> None:
    """Give `user` a product, a dose and an exercise schedule with reminders, a food, a meal."""
    user_id = user.id or 0
    due = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    async with database.session() as session:
        supplement = Supplement(
            user_id=user_id, name=f"Calcium {number}", kind="calcium", calcium_mg=500
        )
        session.add(supplement)
        await session.flush()
        for kind in (ScheduleKind.DOSE, ScheduleKind.EXERCISE):
            schedule = Schedule(
                user_id=user_id,
                kind=kind,
                supplement_id=supplement.id if kind == ScheduleKind.DOSE else None,
                title="Walk" if kind == ScheduleKind.EXERCISE else "",
                times=[due.strftime("%H:%M")],
            )
            session.add(schedule)
            await session.flush()
            await plan_next(
                session, schedule=schedule, zone=zone_for("UTC"), after=due - timedelta(days=1)
            )
        session.add(
            CustomFood(
                user_id=user_id,
                name=f"My cheese {number}",
                name_key=f"my cheese {number}",
                calcium_mg=700,
                amount=1,
                unit="slice",
                grams=30,
            )
        )
        session.add(
            Intake(
                user_id=user_id,
                group_id=f"group-{number}",
                local_date=due.date(),
                source="manual",
                label="milk",
                calcium_mg=300,
            )
        )


def row_state(row: Any) -> tuple[tuple[str, object], ...]:
    """Return a row's columns as a comparable tuple."""
    return tuple((spec, getattr(row, spec)) for spec in sorted(type(row).model_fields))


__all__ = ["OWNED_TABLES", "callback_data", "one_input", "plant_objects", "row_state"]
