"""The spacing services: a user's plan checked, a move applied, dose-time windows batched."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import event
from sqlmodel import col, select

from nutrition.medicines import MedicineKind
from nutrition.spacing import Override
from services import reminders, schedules, spacing
from services.reminders import Action
from services.spacing import MedicineSet
from services.spacing_moves import MoveOutcome, accept_move
from services.spacing_now import CalciumDue, windows
from storage.database import Database
from storage.models import Reminder, Schedule, Supplement, SupplementKind, User
from tests.factories import make_user

NOW = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)  # a Monday, 05:00 in Berlin
MONDAY = 0b0000001


async def _product(db: Database, user: User, name: str, *, calcium_mg: int = 0) -> int:
    assert user.id is not None
    kind = SupplementKind.SUPPLEMENT if calcium_mg else SupplementKind.MEDICINE
    async with db.session() as session:
        row = Supplement(user_id=user.id, name=name, kind=kind, calcium_mg=calcium_mg)
        session.add(row)
        await session.flush()
        assert row.id is not None
        return row.id


async def _schedule(db: Database, user: User, product_id: int, at: str, days: int = 127) -> int:
    view = await schedules.create_dose_schedule(
        db,
        telegram_id=user.telegram_id,
        supplement_id=product_id,
        units_per_dose=Decimal(1),
        times=[at],
        weekdays=days,
        now=NOW,
    )
    assert view is not None
    return view.id


async def _plan(
    db: Database, kind: MedicineKind, *, medicine_at: str = "07:00", days: int = 127
) -> tuple[User, int, int]:
    """Caltrate daily at 08:00 and a medicine of `kind`; return the user and both schedules."""
    user = await make_user(db)
    calcium = await _schedule(
        db, user, await _product(db, user, "Caltrate", calcium_mg=600), "08:00"
    )
    medicine_id = await _product(db, user, "Pill")
    result = await spacing.set_medicine(
        db, telegram_id=user.telegram_id, supplement_id=medicine_id, kind=kind
    )
    assert result.status is MedicineSet.SAVED
    medicine = await _schedule(db, user, medicine_id, medicine_at, days)
    return user, calcium, medicine


async def _schedules(db: Database, user: User) -> list[tuple[list[str], int]]:
    async with db.session() as session:
        rows = await session.exec(
            select(Schedule).where(col(Schedule.user_id) == user.id).order_by(col(Schedule.id))
        )
        return [(row.times, row.weekdays) for row in rows.all()]


async def test_levothyroxine_at_seven_proposes_calcium_at_eleven(sqlite_db: Database) -> None:
    """Calcium at 08:00, an hour after levothyroxine, is proposed at 11:00 (4 h)."""
    user, calcium, _ = await _plan(sqlite_db, MedicineKind.THYROID)
    [proposal] = await spacing.check(sqlite_db, telegram_id=user.telegram_id)
    assert (proposal.schedule_id, proposal.at, proposal.to) == (calcium, time(8), time(11))
    assert (proposal.conflict.needed_min, proposal.conflict.gap_min) == (240, 60)
    assert (proposal.medicine, proposal.product, proposal.weekdays) == ("Pill", "Caltrate", 127)


async def test_accepting_moves_the_schedule_and_the_pending_reminder(sqlite_db: Database) -> None:
    """The accepted move rewrites the time and re-plans today's pending occurrence."""
    user, calcium, _ = await _plan(sqlite_db, MedicineKind.THYROID)
    result = await accept_move(
        sqlite_db, telegram_id=user.telegram_id, schedule_id=calcium, minute=480, now=NOW
    )
    assert (result.outcome, result.to) == (MoveOutcome.MOVED, time(11))
    async with sqlite_db.session() as session:
        pending = (
            await session.exec(
                select(Reminder).where(
                    col(Reminder.schedule_id) == calcium, col(Reminder.status) == "pending"
                )
            )
        ).all()
    assert [r.due_at for r in pending] == [NOW + timedelta(hours=6)]  # 11:00 Berlin
    assert await spacing.check(sqlite_db, telegram_id=user.telegram_id) == []
    again = await accept_move(
        sqlite_db, telegram_id=user.telegram_id, schedule_id=calcium, minute=480, now=NOW
    )
    assert again.outcome is MoveOutcome.CLEAR


async def test_weekly_alendronate_moves_calcium_on_its_day_only(sqlite_db: Database) -> None:
    """Alendronate on Mondays at 07:00 moves the 08:00 calcium to 10:00 on Mondays only."""
    user, calcium, _ = await _plan(sqlite_db, MedicineKind.BISPHOSPHONATE_WEEKLY, days=MONDAY)
    [proposal] = await spacing.check(sqlite_db, telegram_id=user.telegram_id)
    assert (proposal.to, proposal.weekdays) == (time(10), MONDAY)
    result = await accept_move(
        sqlite_db, telegram_id=user.telegram_id, schedule_id=calcium, minute=480, now=NOW
    )
    assert result.outcome is MoveOutcome.MOVED
    assert await _schedules(sqlite_db, user) == [
        (["08:00"], 127 & ~MONDAY),
        (["07:00"], MONDAY),
        (["10:00"], MONDAY),
    ]
    assert await spacing.check(sqlite_db, telegram_id=user.telegram_id) == []


async def test_someone_elses_schedule_is_not_moved(sqlite_db: Database) -> None:
    """Another user's press on the move changes nothing."""
    user, calcium, _ = await _plan(sqlite_db, MedicineKind.THYROID)
    stranger = await make_user(sqlite_db)
    result = await accept_move(
        sqlite_db, telegram_id=stranger.telegram_id, schedule_id=calcium, minute=480, now=NOW
    )
    assert result.outcome is MoveOutcome.NOT_YOURS
    assert (await _schedules(sqlite_db, user))[0] == (["08:00"], 127)


async def test_prescribers_spacing_wins(sqlite_db: Database) -> None:
    """An entered 1 h spacing clears the 08:00 dose that the default 4 h would move."""
    user, _, _ = await _plan(sqlite_db, MedicineKind.THYROID)
    async with sqlite_db.session() as session:
        medicine_id = (
            await session.exec(select(Supplement.id).where(col(Supplement.name) == "Pill"))
        ).one()
    assert medicine_id is not None
    await spacing.set_medicine(
        sqlite_db,
        telegram_id=user.telegram_id,
        supplement_id=medicine_id,
        kind=MedicineKind.THYROID,
        override=Override(60, 60),
    )
    assert await spacing.check(sqlite_db, telegram_id=user.telegram_id) == []


async def test_kind_is_stored_on_medicines_only_with_a_caution_code(sqlite_db: Database) -> None:
    """A thiazide gives its one caution code; a calcium product cannot be given a kind."""
    user = await make_user(sqlite_db)
    pill = await _product(sqlite_db, user, "HCTZ")
    caltrate = await _product(sqlite_db, user, "Caltrate", calcium_mg=600)
    saved = await spacing.set_medicine(
        sqlite_db, telegram_id=user.telegram_id, supplement_id=pill, kind=MedicineKind.THIAZIDE
    )
    assert (saved.status, saved.caution) == (MedicineSet.SAVED, "thiazide")
    refused = await spacing.set_medicine(
        sqlite_db, telegram_id=user.telegram_id, supplement_id=caltrate, kind=MedicineKind.IRON
    )
    assert refused.status is MedicineSet.NOT_A_MEDICINE
    stranger = await make_user(sqlite_db)
    other = await spacing.set_medicine(
        sqlite_db, telegram_id=stranger.telegram_id, supplement_id=pill, kind=MedicineKind.IRON
    )
    assert other.status is MedicineSet.NOT_YOURS


async def test_paused_medicine_constrains_nothing(sqlite_db: Database) -> None:
    """A paused medicine product is out of the plan."""
    user, _, medicine = await _plan(sqlite_db, MedicineKind.THYROID)
    async with sqlite_db.session() as session:
        row = (await session.exec(select(Supplement).where(col(Supplement.name) == "Pill"))).one()
        row.paused = True
        session.add(row)
    assert medicine
    assert await spacing.check(sqlite_db, telegram_id=user.telegram_id) == []


@contextmanager
def _count_queries(db: Database) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(str(args[2]))

    event.listen(db.engine.sync_engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", count)


async def test_windows_of_a_batch_take_one_query(sqlite_db: Database) -> None:
    """Two users' calcium doses in one batch are checked with one select; each gets its wait."""
    first, _, _ = await _plan(sqlite_db, MedicineKind.THYROID)
    second, _, _ = await _plan(sqlite_db, MedicineKind.IRON)
    at = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)  # 09:00 Berlin: 2 h after both medicines
    due = [
        CalciumDue(1, first.id or 0, first.timezone, at),
        CalciumDue(2, second.id or 0, second.timezone, at),
    ]
    with _count_queries(sqlite_db) as seen:
        found = await windows(sqlite_db, due)
    assert len([q for q in seen if q.lstrip().upper().startswith("SELECT")]) == 1
    assert set(found) == {1}  # iron needs 2 h: 09:00 is clear; levothyroxine needs 4 h
    until = found[1].window.until
    assert until is not None and until.astimezone(UTC) == datetime(2026, 6, 1, 9, tzinfo=UTC)
    assert found[1].medicine == "Pill" and found[1].worst.gap_min == 120


async def test_snooze_until_needs_a_time_ahead(sqlite_db: Database) -> None:
    """SNOOZE_UNTIL without a future time is refused; with one it snoozes to that time."""
    user, calcium, _ = await _plan(sqlite_db, MedicineKind.THYROID)
    async with sqlite_db.session() as session:
        reminder = (
            await session.exec(select(Reminder).where(col(Reminder.schedule_id) == calcium))
        ).one()
        reminder.status = "sent"
        session.add(reminder)
    assert reminder.id is not None
    refused = await reminders.answer(
        sqlite_db,
        telegram_id=user.telegram_id,
        reminder_id=reminder.id,
        action=Action.SNOOZE_UNTIL.value,
        now=NOW,
        until=NOW,
    )
    assert refused.reason == "bad_action"
    later = NOW + timedelta(hours=3)
    done = await reminders.answer(
        sqlite_db,
        telegram_id=user.telegram_id,
        reminder_id=reminder.id,
        action=Action.SNOOZE_UNTIL.value,
        now=NOW,
        until=later,
    )
    assert done.ok and done.snoozed_until_local == time(8)
