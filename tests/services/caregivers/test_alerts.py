"""Caregiver alerts: queued once as engine occurrences, worded data only as far as shared."""

import logging

import pytest
from sqlmodel import select

from bot.care_texts import digest_text
from services.adherence import today
from services.caregivers import alerts, links
from services.caregivers.digest import digest_for
from services.caregivers.views import MissedAlert, OverLimitAlert, Scope
from services.schedule_views import list_schedules
from storage.database import Database
from storage.models import CareAlert, Reminder, ReminderStatus, Schedule, ScheduleKind
from tests.services.caregivers.setup import NOW, world


async def _alert_reminders(db: Database) -> list[Reminder]:
    async with db.session() as session:
        rows = await session.exec(
            select(Reminder).join(CareAlert, CareAlert.reminder_id == Reminder.id)
        )
        return list(rows.all())


async def test_a_missed_dose_queues_one_occurrence_per_subscribed_caregiver(
    any_db: Database,
) -> None:
    """One pending one-off occurrence on the caregiver's alert schedule, however often told."""
    w = await world(any_db)
    assert w.patient.id is not None
    for _ in range(2):
        await alerts.enqueue_missed(
            any_db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
        )
    queued = await _alert_reminders(any_db)
    assert len(queued) == 1
    assert queued[0].status == ReminderStatus.PENDING and queued[0].one_off
    assert queued[0].user_id == w.users["on"].id and queued[0].due_at == NOW
    async with any_db.session() as session:
        schedule = await session.get(Schedule, queued[0].schedule_id)
    assert schedule is not None and schedule.kind == ScheduleKind.CARE_ALERT


async def test_missed_alert_names_patient_item_and_both_times(sqlite_db: Database) -> None:
    """The alert has the patient's chosen name, the product, both local times, and amounts
    only because details were granted."""
    w = await world(sqlite_db)
    assert w.patient.id is not None
    await alerts.enqueue_missed(
        sqlite_db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    (queued,) = await _alert_reminders(sqlite_db)
    alert = await alerts.alert_for(sqlite_db, reminder_id=queued.id or 0)
    assert isinstance(alert, MissedAlert)
    assert alert.patient_name == "Mum" and alert.item == "Caltrate 600+D"
    assert alert.patient_local.strftime("%H:%M") == "08:00"  # Berlin, summer
    assert alert.caregiver_local is not None
    assert alert.caregiver_local.strftime("%H:%M") == "07:00"  # London
    assert alert.calcium_mg == 600 and alert.vitamin_d_iu == 400


async def test_no_details_without_the_details_scope(sqlite_db: Database) -> None:
    """With details turned off the alert carries no amounts."""
    w = await world(sqlite_db)
    assert w.patient.id is not None
    await links.toggle_scope(
        sqlite_db,
        telegram_id=w.patient.telegram_id,
        link_id=w.links["on"],
        scope=Scope.DETAILS,
        now=NOW,
    )
    await alerts.enqueue_missed(
        sqlite_db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    (queued,) = await _alert_reminders(sqlite_db)
    alert = await alerts.alert_for(sqlite_db, reminder_id=queued.id or 0)
    assert isinstance(alert, MissedAlert)
    assert alert.calcium_mg is None and alert.vitamin_d_iu is None


async def test_ending_the_link_cancels_queued_alerts(sqlite_db: Database) -> None:
    """A queued alert is cancelled when the link ends, and says nothing if claimed anyway."""
    w = await world(sqlite_db)
    assert w.patient.id is not None
    await alerts.enqueue_missed(
        sqlite_db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    await links.end_link(
        sqlite_db,
        telegram_id=w.users["on"].telegram_id,
        link_id=w.links["on"],
        by_patient=False,
        now=NOW,
    )
    (queued,) = await _alert_reminders(sqlite_db)
    assert queued.status == ReminderStatus.CANCELLED
    assert await alerts.alert_for(sqlite_db, reminder_id=queued.id or 0) is None


async def test_over_limit_once_per_day_per_caregiver(any_db: Database) -> None:
    """The over-limit alert is queued once per local day, and again on another day."""
    w = await world(any_db)
    assert w.patient.id is not None
    for _ in range(2):
        async with any_db.session() as session:
            await alerts.enqueue_over_limit(
                session, patient_id=w.patient.id, day=NOW.date(), now=NOW
            )
    assert len(await _alert_reminders(any_db)) == 1
    async with any_db.session() as session:
        queued = await alerts.enqueue_over_limit(
            session, patient_id=w.patient.id, day=NOW.date().replace(day=11), now=NOW
        )
    assert queued == 1
    (first, _) = await _alert_reminders(any_db)
    alert = await alerts.alert_for(any_db, reminder_id=first.id or 0)
    assert isinstance(alert, OverLimitAlert) and alert.calcium_limit_mg == 2000


async def test_alert_logs_carry_ids_only(
    sqlite_db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    """Queueing and nudging log ids and events, never names, products or amounts."""
    caplog.set_level(logging.DEBUG, logger="services")
    w = await world(sqlite_db)
    assert w.patient.id is not None
    await alerts.enqueue_missed(
        sqlite_db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    async with sqlite_db.session() as session:
        alert = (await session.exec(select(CareAlert))).one()
    await alerts.nudge(
        sqlite_db, telegram_id=w.users["on"].telegram_id, alert_id=alert.id or 0, now=NOW
    )
    assert "caregiver alert queued" in caplog.text and "nudged" in caplog.text
    for private in ("Mum", "Dana", "Caltrate", "600"):
        assert private not in caplog.text


async def test_care_occurrences_stay_out_of_the_caregivers_own_day(sqlite_db: Database) -> None:
    """A caregiver who is also a patient sees no alert or digest rows in their own /today."""
    w = await world(sqlite_db)
    assert w.patient.id is not None
    await alerts.enqueue_missed(
        sqlite_db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    assert len(await _alert_reminders(sqlite_db)) == 1
    caregiver = w.users["on"]
    assert await today(sqlite_db, telegram_id=caregiver.telegram_id, now=NOW) == []
    assert await list_schedules(sqlite_db, telegram_id=caregiver.telegram_id) == []


async def test_digest_lists_doses_only_with_details(sqlite_db: Database) -> None:
    """The digest counts each sharing patient's doses; the dose list needs the details scope."""
    w = await world(sqlite_db)
    on = w.users["on"].id
    assert on is not None
    digest = await digest_for(sqlite_db, caregiver_id=on, now=NOW)
    (day,) = digest.patients
    assert day.patient_name == "Mum" and day.missed == 1 and day.calcium_limit_mg == 2000
    assert [dose.status for dose in day.doses] == ["missed"]
    assert "⚠️ missed" in digest_text(digest)
    await links.toggle_scope(
        sqlite_db,
        telegram_id=w.patient.telegram_id,
        link_id=w.links["on"],
        scope=Scope.DETAILS,
        now=NOW,
    )
    (plain,) = (await digest_for(sqlite_db, caregiver_id=on, now=NOW)).patients
    assert plain.doses == () and plain.missed == 1
