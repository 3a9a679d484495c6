"""A time-zone change never plans again a slot of a local day that already came due.

Issue #9, point 3: New York → Chicago after taking the 02:06 and 02:11 doses planned them
again an hour later; Berlin → Tokyo left past slots on /today. Each test lives through real
claims and answers, changes the zone as the settings flow does, and re-plans.
"""

from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

from sqlmodel import col, select

from scheduler.planner import Moved, Replanned, replan
from services import reminders as answers
from services import schedules
from storage.database import Database
from storage.models import Reminder, Schedule, User
from tests.factories import make_user
from tests.scheduler.support import (
    RecordingNotifier,
    dispatcher,
    dose_schedule,
    reminders,
)
from tests.support.clock import FakeClock

NEW_YORK, CHICAGO = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")
BERLIN, TOKYO = ZoneInfo("Europe/Berlin"), ZoneInfo("Asia/Tokyo")


def at(zone: ZoneInfo, day: int, hhmm: str) -> datetime:
    """Return the instant of a June 2026 wall time in a zone, in UTC."""
    hours, minutes = (int(part) for part in hhmm.split(":"))
    return datetime(2026, 6, day, hours, minutes, tzinfo=zone).astimezone(UTC)


async def live_through(
    database: Database, clock: FakeClock, *moments: datetime, action: str = "t"
) -> None:
    """At each moment, send what is due and answer it with `action` (taken by default)."""
    sender = dispatcher(database, RecordingNotifier(clock=clock), clock)
    for moment in moments:
        clock.set(moment)
        await sender.dispatch_due(moment)
        for row in await reminders(database):
            if row.status == "sent" and row.id is not None:
                await answers.answer(
                    database, telegram_id=100, reminder_id=row.id, action=action, now=moment
                )


async def move(database: Database, zone: ZoneInfo, now: datetime) -> list[Replanned]:
    """Set the user's zone and re-plan every schedule, returning what each re-plan says."""
    async with database.session() as session:
        user = (await session.exec(select(User).where(User.telegram_id == 100))).one()
        user.timezone = zone.key
        session.add(user)
        found = await session.exec(select(Schedule).where(Schedule.user_id == user.id))
        return [await replan(session, schedule=s, zone=zone, now=now) for s in found.all()]


async def pending(database: Database) -> list[datetime]:
    """Return the due instants of pending rows, in order."""
    return [r.due_at for r in await reminders(database) if r.status == "pending"]


async def test_new_york_to_chicago_keeps_taken_doses_taken(any_db: Database) -> None:
    """After the 02:06 and 02:11 doses in New York, Chicago plans nothing more that day."""
    await make_user(any_db, telegram_id=100, timezone=NEW_YORK.key)
    clock = FakeClock(at(NEW_YORK, 1, "02:00"))
    await dose_schedule(any_db, now=clock.now(), times=("02:06", "02:11"))
    await live_through(any_db, clock, at(NEW_YORK, 1, "02:06"), at(NEW_YORK, 1, "02:11"))
    await move(any_db, CHICAGO, at(NEW_YORK, 1, "02:15"))  # 01:15 in Chicago
    assert await pending(any_db) == [at(CHICAGO, 2, "02:06")]
    await live_through(any_db, clock, at(CHICAGO, 2, "02:06"))
    assert await pending(any_db) == [at(CHICAGO, 2, "02:11")]


async def test_the_service_replan_follows_the_rule(any_db: Database) -> None:
    """`replan_user`, which the settings flow calls after a zone change, keeps to the rule."""
    await make_user(any_db, telegram_id=100, timezone=NEW_YORK.key)
    clock = FakeClock(at(NEW_YORK, 1, "02:00"))
    await dose_schedule(any_db, now=clock.now(), times=("02:06", "02:11"))
    await live_through(any_db, clock, at(NEW_YORK, 1, "02:06"), at(NEW_YORK, 1, "02:11"))
    async with any_db.session() as session:
        user = (await session.exec(select(User).where(User.telegram_id == 100))).one()
        user.timezone = CHICAGO.key
        session.add(user)
    # Both of today's slots were answered: nothing of today is left to move.
    assert await schedules.replan_user(any_db, telegram_id=100, now=at(NEW_YORK, 1, "02:15")) == ()
    assert await pending(any_db) == [at(CHICAGO, 2, "02:06")]


async def test_skipped_and_snoozed_slots_count_as_done(any_db: Database) -> None:
    """A skipped or snoozed dose fills its slot as a taken one does."""
    await make_user(any_db, telegram_id=100, timezone=NEW_YORK.key)
    clock = FakeClock(at(NEW_YORK, 1, "02:00"))
    await dose_schedule(any_db, now=clock.now(), times=("02:06", "02:11"))
    await live_through(any_db, clock, at(NEW_YORK, 1, "02:06"), action="k")
    await live_through(any_db, clock, at(NEW_YORK, 1, "02:11"), action="s15")
    await move(any_db, CHICAGO, at(NEW_YORK, 1, "02:15"))
    planned = [r for r in await reminders(any_db) if r.status == "pending" and not r.one_off]
    assert [r.due_at for r in planned] == [at(CHICAGO, 2, "02:06")]


async def test_a_sent_unanswered_reminder_is_not_sent_again(sqlite_db: Database) -> None:
    """A reminder out and waiting for an answer holds its slot: no second one an hour later."""
    await make_user(sqlite_db, telegram_id=100, timezone=NEW_YORK.key)
    clock = FakeClock(at(NEW_YORK, 1, "02:00"))
    await dose_schedule(sqlite_db, now=clock.now(), times=("02:06", "02:11"))
    await dispatcher(sqlite_db, RecordingNotifier(clock=clock), clock).dispatch_due(
        at(NEW_YORK, 1, "02:06")
    )
    await move(sqlite_db, CHICAGO, at(NEW_YORK, 1, "02:08"))
    assert await pending(sqlite_db) == [at(CHICAGO, 1, "02:11")]


async def test_berlin_to_tokyo_shows_no_phantom_past_slot(sqlite_db: Database) -> None:
    """/today in Tokyo lists the doses taken in Berlin, not their slots again as upcoming."""
    await make_user(sqlite_db, telegram_id=100, timezone=BERLIN.key)
    clock = FakeClock(at(BERLIN, 1, "02:00"))
    await dose_schedule(sqlite_db, now=clock.now(), times=("02:06", "02:11"))
    await live_through(sqlite_db, clock, at(BERLIN, 1, "02:06"), at(BERLIN, 1, "02:11"))
    now = at(BERLIN, 1, "02:15")  # 09:15 in Tokyo
    await move(sqlite_db, TOKYO, now)
    rows = await answers.today(sqlite_db, telegram_id=100, now=now)
    assert [(r.local_time, r.status) for r in rows] == [
        (time(9, 6), "taken"),
        (time(9, 11), "taken"),
    ]
    assert await pending(sqlite_db) == [at(TOKYO, 2, "02:06")]


async def test_a_follow_up_skips_a_slot_done_in_the_old_zone(any_db: Database) -> None:
    """Berlin 08:00/20:00 → Tokyo: after Tokyo's 08:00, the 20:00 taken at 03:00 is not due."""
    await make_user(any_db, telegram_id=100, timezone=BERLIN.key)
    clock = FakeClock(at(BERLIN, 1, "07:00"))
    await dose_schedule(any_db, now=clock.now(), times=("08:00", "20:00"))
    await live_through(any_db, clock, at(BERLIN, 1, "08:00"), at(BERLIN, 1, "20:00"))
    (replanned,) = await move(any_db, TOKYO, at(BERLIN, 1, "20:04"))  # 03:04 on 2 June
    assert await pending(any_db) == [at(TOKYO, 2, "08:00")]
    await live_through(any_db, clock, at(TOKYO, 2, "08:00"))
    assert await pending(any_db) == [at(TOKYO, 3, "08:00")]
    assert replanned.next_due == at(TOKYO, 2, "08:00")


async def test_replan_says_how_todays_reminders_move(any_db: Database) -> None:
    """New York → Chicago at 09:00: 12:00 and 20:00 come an hour later by the Chicago clock."""
    await make_user(any_db, telegram_id=100, timezone=NEW_YORK.key)
    clock = FakeClock(at(NEW_YORK, 1, "07:00"))
    view = await dose_schedule(any_db, now=clock.now(), times=("08:00", "12:00", "20:00"))
    await live_through(any_db, clock, at(NEW_YORK, 1, "08:00"))
    (replanned,) = await move(any_db, CHICAGO, at(NEW_YORK, 1, "09:00"))
    assert replanned.next_due == at(CHICAGO, 1, "12:00")
    assert [(m.slot, f"{m.old_local:%H:%M}", f"{m.new_local:%H:%M}") for m in replanned.moved] == [
        ("12:00", "11:00", "12:00"),
        ("20:00", "19:00", "20:00"),
    ]
    assert {m.schedule_id for m in replanned.moved} == {view.id}
    assert all(m.new_local and m.new_local.tzinfo == CHICAGO for m in replanned.moved)


async def test_replan_says_which_reminders_leave_or_join_today(sqlite_db: Database) -> None:
    """Berlin → Tokyo at 20:04: 08:00 joins today (was 15:00), 20:00 is not today any more."""
    await make_user(sqlite_db, telegram_id=100, timezone=BERLIN.key)
    clock = FakeClock(at(BERLIN, 1, "07:00"))
    await dose_schedule(sqlite_db, now=clock.now(), times=("08:00", "20:00"))
    await live_through(sqlite_db, clock, at(BERLIN, 1, "08:00"), at(BERLIN, 1, "20:00"))
    (replanned,) = await move(sqlite_db, TOKYO, at(BERLIN, 1, "20:04"))
    (moved,) = replanned.moved
    assert moved == Moved(moved.schedule_id, "08:00", at(TOKYO, 2, "15:00"), at(TOKYO, 2, "08:00"))
    # Eastward past a slot's time: New York 10:00 → Berlin 16:00 loses today's 12:00.
    await make_user(sqlite_db, telegram_id=200, timezone=NEW_YORK.key)
    await dose_schedule(sqlite_db, now=at(NEW_YORK, 1, "10:00"), telegram_id=200, times=("12:00",))
    async with sqlite_db.session() as session:
        schedule = (await session.exec(select(Schedule).order_by(col(Schedule.id).desc()))).first()
        assert schedule is not None
        lost = await replan(session, schedule=schedule, zone=BERLIN, now=at(NEW_YORK, 1, "10:00"))
    assert [(m.old_local, m.new_local) for m in lost.moved] == [(at(BERLIN, 1, "18:00"), None)]


async def test_an_edit_in_the_same_zone_reports_no_moves(sqlite_db: Database) -> None:
    """Re-planning without a zone change moves nothing, and the next due is as before."""
    await make_user(sqlite_db, telegram_id=100, timezone=BERLIN.key)
    now = at(BERLIN, 1, "07:00")
    await dose_schedule(sqlite_db, now=now, times=("08:00", "20:00"))
    (replanned,) = await move(sqlite_db, BERLIN, now)
    assert replanned == Replanned(next_due=at(BERLIN, 1, "08:00"), moved=())


async def test_planned_rows_record_their_zone(any_db: Database) -> None:
    """The first occurrence and each follow-up keep the zone their times were read in."""
    await make_user(any_db, telegram_id=100, timezone=BERLIN.key)
    clock = FakeClock(at(BERLIN, 1, "07:00"))
    await dose_schedule(any_db, now=clock.now())
    await live_through(any_db, clock, at(BERLIN, 1, "08:00"))
    async with any_db.session() as session:
        zones = (await session.exec(select(Reminder.zone))).all()
    assert zones == [BERLIN.key, BERLIN.key]
