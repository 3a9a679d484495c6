"""End to end: a patient invites a caregiver, approves them, and alerts reach them (issue #11)."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from bot.callbacks import CaregiverButton, CareOp, PatientButton, PatientOp
from bot.handlers.caregivers.qr import qr_png
from storage.models import CaregiverLink, LinkStatus
from tests.e2e.conftest import Harness, OffsetClock, settings_for, start_app, stop_app
from tests.e2e.flows import forge_press, log_meal, next_local, onboarded_with_carbonate_at_eight
from tests.support.fakebot.objects import BotMessage, FakeUser

NEW_YORK = ZoneInfo("America/New_York")
LONDON = ZoneInfo("Europe/London")


async def _tick(h: Harness, clock: OffsetClock, moment: datetime) -> None:
    clock.jump_to(moment)
    assert h.app.engine is not None
    await h.app.engine.tick()


async def _invite(h: Harness, patient: FakeUser) -> str:
    listing = await h.say(patient, "/caregivers")
    await h.tap(patient, listing, "Invite")
    ready = await h.say(patient, "Mum")
    photo = await h.fake.wait_for_message(patient.id)
    assert photo.method == "sendPhoto"
    found = re.search(r"https://t\.me/\w+\?start=([A-Za-z0-9_-]+)", ready.text or "")
    assert found is not None
    # The QR code is the same link, as a PNG uploaded with the photo.
    assert h.fake.photos(patient.id)[-1].content == qr_png(found.group(0))
    return found.group(1)


async def _link(h: Harness, patient: FakeUser, caregiver: FakeUser, city: str) -> BotMessage:
    """Invite, open the link as the caregiver, give their city, approve; return the approval."""
    token = await _invite(h, patient)
    waiting = await h.say(caregiver, f"/start {token}")
    assert "Mum" in (waiting.text or "")
    await h.fake.wait_for_message(caregiver.id)  # the time-zone question
    approval = await h.fake.wait_for_message(patient.id)
    assert "Dana" in (approval.text or "")
    assert "⬜ Details (what was eaten or taken)" in approval.button_texts
    saved = await h.say(caregiver, city)
    assert "time zone" in (saved.text or "")
    await h.fake.press_button(patient, approval, text_contains="Approve")
    await h.fake.wait_for_edit(patient.id, approval.message_id)
    told = await h.fake.wait_for_message(caregiver.id)
    assert "approved you" in (told.text or "")
    return approval


async def _miss_eight(h: Harness, clock: OffsetClock, patient: FakeUser) -> None:
    due = next_local(clock, time(8))
    await _tick(h, clock, due + timedelta(seconds=1))
    await h.fake.wait_for_message(patient.id)
    await _tick(h, clock, due + timedelta(hours=2, seconds=2))


async def test_invite_approve_miss_alerts_once_then_remove_alerts_no_one(
    harness: Harness, clock: OffsetClock
) -> None:
    """A miss alerts the approved caregiver once; after removal the next miss alerts no one."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    await _link(harness, patient, caregiver, "London")
    await _miss_eight(harness, clock, patient)
    alert = await harness.fake.wait_for_message(caregiver.id, timeout=5)
    text = alert.text or ""
    assert "Mum" in text and "Caltrate" in text
    assert "08:00 their time, 07:00 yours" in text
    assert "mg" not in text  # details were not granted
    assert any("Nudge" in label for label in alert.button_texts)
    await harness.fake.expect_no_message(caregiver.id, within=0.5)

    listing = await harness.say(patient, "/caregivers")
    await harness.fake.press_button(patient, listing, text_contains="Dana")
    card = await harness.fake.wait_for_edit(patient.id, listing.message_id)
    await harness.fake.press_button(patient, card, text_contains="Remove")
    confirm = await harness.fake.wait_for_edit(patient.id, listing.message_id)
    await harness.fake.press_button(patient, confirm, text_contains="Yes, remove")
    told = await harness.fake.wait_for_message(caregiver.id)
    assert "stopped sharing" in (told.text or "")

    await _miss_eight(harness, clock, patient)
    await harness.fake.expect_no_message(caregiver.id, within=0.5)


async def test_nudge_reminds_the_patient_once(harness: Harness, clock: OffsetClock) -> None:
    """The caregiver's nudge brings the patient a reminder again; a second nudge does nothing."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    await _link(harness, patient, caregiver, "Berlin")
    await _miss_eight(harness, clock, patient)
    alert = await harness.fake.wait_for_message(caregiver.id, timeout=5)
    assert "yours" not in (alert.text or "")  # same zone: one time only
    data = next(d for d in alert.callback_data if d.startswith("cp:n:"))
    await harness.fake.press_button(caregiver, alert, text_contains="Nudge")
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    again = await harness.fake.wait_for_message(patient.id, timeout=5)
    assert "Caltrate" in (again.text or "")
    forge_press(harness, caregiver, alert, data, "q-nudge-2")
    second = await harness.fake.wait_for_callback_answer("q-nudge-2")
    assert "already" in (second.text or "")
    await harness.app.engine.tick()
    await harness.fake.expect_no_message(patient.id, within=0.5)


async def test_over_limit_alerts_once_per_day(harness: Harness, clock: OffsetClock) -> None:
    """Passing the calcium limit alerts the caregiver once, however many meals follow."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    await _link(harness, patient, caregiver, "Berlin")
    clock.jump_to(next_local(clock, time(12)))
    await log_meal(harness, patient, "8 cups of milk")
    await harness.fake.wait_for_message(patient.id)  # the patient's own warning
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    alert = await harness.fake.wait_for_message(caregiver.id, timeout=5)
    assert "passed a daily upper limit" in (alert.text or "")
    assert "mg" not in (alert.text or "")  # details not granted
    await log_meal(harness, patient, "4 cups of milk")
    await harness.app.engine.tick()
    await harness.fake.expect_no_message(caregiver.id, within=0.5)


async def test_digest_at_the_caregivers_chosen_local_time(
    harness: Harness, clock: OffsetClock
) -> None:
    """The digest comes at 20:00 New York time by default, then at the time the caregiver picks."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    await _link(harness, patient, caregiver, "New York")
    evening = next_local(clock, time(20), NEW_YORK)
    await _tick(harness, clock, evening - timedelta(seconds=30))
    await harness.fake.expect_no_message(caregiver.id, within=0.3)
    await _tick(harness, clock, evening + timedelta(seconds=1))
    digest = await harness.fake.wait_for_message(caregiver.id, timeout=5)
    assert "Daily digest" in (digest.text or "") and "Mum" in (digest.text or "")
    assert "Calcium" in (digest.text or "")

    listing = await harness.say(caregiver, "/patients")
    assert "20:00 (America/New_York)" in (listing.text or "")
    ask = await harness.tap(caregiver, listing, "digest time")
    assert "time" in (ask.text or "")
    saved = await harness.say(caregiver, "07:30")
    assert "07:30" in (saved.text or "")
    morning = next_local(clock, time(7, 30), NEW_YORK)
    await _tick(harness, clock, morning + timedelta(seconds=1))
    second = await harness.fake.wait_for_message(caregiver.id, timeout=5)
    assert "Daily digest" in (second.text or "")


async def test_restart_between_a_miss_and_its_alert_loses_nothing(
    harness: Harness, clock: OffsetClock
) -> None:
    """An alert queued when the dose was missed goes out after a restart, exactly once."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    await _link(harness, patient, caregiver, "Berlin")
    due = next_local(clock, time(8))
    await _tick(harness, clock, due + timedelta(seconds=1))
    await harness.fake.wait_for_message(patient.id)
    missed_at = due + timedelta(hours=2, seconds=2)
    clock.jump_to(missed_at)
    assert harness.app.engine is not None
    # Only the escalation runs: the miss is recorded and its alert queued, nothing sent yet.
    report = await harness.app.engine.escalation.run(missed_at)
    assert report.missed == 1
    await stop_app(harness.app)
    url = harness.db.engine.url.render_as_string(hide_password=False)
    harness.app = await start_app(settings_for(harness.fake, url), harness.db, clock)
    assert harness.app.engine is not None
    await harness.app.engine.tick()
    alert = await harness.fake.wait_for_message(caregiver.id, timeout=5)
    assert "Caltrate" in (alert.text or "")
    await harness.app.engine.tick()
    await harness.fake.expect_no_message(caregiver.id, within=0.5)


async def test_caregiver_leaving_tells_the_patient_and_stops_alerts(
    harness: Harness, clock: OffsetClock
) -> None:
    """A caregiver who leaves from /patients is told apart from the patient, and gets no alert."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    await _link(harness, patient, caregiver, "Berlin")
    listing = await harness.say(caregiver, "/patients")
    await harness.fake.press_button(caregiver, listing, text_contains="Stop following")
    confirm = await harness.fake.wait_for_edit(caregiver.id, listing.message_id)
    await harness.fake.press_button(caregiver, confirm, text_contains="Yes, stop")
    told = await harness.fake.wait_for_message(patient.id)
    assert "stopped following you" in (told.text or "")
    async with harness.db.session() as session:
        links = (await session.exec(select(CaregiverLink))).all()
    assert [link.status for link in links] == [LinkStatus.REMOVED]
    after = await harness.say(caregiver, "/patients")
    assert "You follow no one" in (after.text or "")
    theirs = await harness.say(patient, "/caregivers")
    assert "Dana" not in (theirs.text or "")
    await _miss_eight(harness, clock, patient)
    await harness.fake.expect_no_message(caregiver.id, within=0.5)


async def test_used_and_forged_tokens_and_buttons_are_refused(
    harness: Harness, clock: OffsetClock
) -> None:
    """A replayed link, a made-up token and forged buttons get a clear refusal, nothing else."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    stranger = harness.fake.add_user(first_name="Eve")
    await onboarded_with_carbonate_at_eight(harness, patient)
    approval = await _link(harness, patient, caregiver, "Berlin")
    async with harness.db.session() as session:
        link = (await session.exec(select(CaregiverLink))).one()
    replay = await harness.say(stranger, "/start " + "A" * 32)
    assert "not valid" in (replay.text or "")
    weird = await harness.say(stranger, "/start ../../etc")
    assert "not valid" in (weird.text or "")
    for number, data in enumerate(
        [
            CaregiverButton(CareOp.REMOVE_CONFIRMED, link.id).pack(),
            CaregiverButton(CareOp.APPROVE, link.id).pack(),
            PatientButton(PatientOp.LEAVE_CONFIRMED, link.id).pack(),
            PatientButton(PatientOp.MUTE, link.id).pack(),
            "cg:t:1:zz",
            "cp:n:abc",
        ]
    ):
        query = f"forged-{number}"
        forge_press(harness, stranger, approval, data, query)
        answer = await harness.fake.wait_for_callback_answer(query)
        assert answer.show_alert and "not available" in (answer.text or "")
    async with harness.db.session() as session:
        after = (await session.exec(select(CaregiverLink))).one()
    assert after.status == LinkStatus.ACTIVE and not after.muted


async def test_revoked_and_expired_links_are_refused(harness: Harness, clock: OffsetClock) -> None:
    """A link the patient revoked, or one older than 24 hours, tells the caregiver so."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    token = await _invite(harness, patient)
    photo = harness.fake.sent(patient.id)[-1]
    await harness.fake.press_button(patient, photo, text_contains="Revoke")
    revoked = await harness.fake.wait_for_message(patient.id)
    assert "revoked" in (revoked.text or "")
    refused = await harness.say(caregiver, f"/start {token}")
    assert "withdrawn" in (refused.text or "")
    token = await _invite(harness, patient)
    clock.jump_to(clock() + timedelta(hours=24, seconds=1))
    expired = await harness.say(caregiver, f"/start {token}")
    assert "expired" in (expired.text or "")
    await harness.fake.expect_no_message(patient.id, within=0.3)


async def test_patient_deleting_their_data_tells_the_caregiver_and_ends_alerts(
    harness: Harness, clock: OffsetClock
) -> None:
    """/delete by the patient ends the link: the caregiver is told, and no link row remains."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana")
    await onboarded_with_carbonate_at_eight(harness, patient)
    await _link(harness, patient, caregiver, "Berlin")
    ask = await harness.say(patient, "/delete")
    await harness.tap(patient, ask, "Yes, delete")
    done = await harness.say(patient, "DELETE")
    assert "erased" in (done.text or "")
    told = await harness.fake.wait_for_message(caregiver.id)
    assert "Mum" in (told.text or "") and "no longer follow" in (told.text or "")
    async with harness.db.session() as session:
        assert (await session.exec(select(CaregiverLink))).all() == []
    after = await harness.say(caregiver, "/patients")
    assert "You follow no one" in (after.text or "")


async def test_each_side_of_a_link_is_told_in_their_own_language(harness: Harness) -> None:
    """An English patient approving a Chinese caregiver: each reads notices in their language."""
    patient = harness.fake.add_user(first_name="Anna")
    caregiver = harness.fake.add_user(first_name="Dana", language_code="zh-hans")
    await onboarded_with_carbonate_at_eight(harness, patient)
    token = await _invite(harness, patient)
    await harness.say(caregiver, f"/start {token}")
    await harness.fake.wait_for_message(caregiver.id)  # the time-zone question, in Chinese
    approval = await harness.fake.wait_for_message(patient.id)
    assert "opened your invite" in (approval.text or "")
    await harness.say(caregiver, "上海")
    await harness.fake.press_button(patient, approval, text_contains="Approve")
    await harness.fake.wait_for_edit(patient.id, approval.message_id)
    told = await harness.fake.wait_for_message(caregiver.id)
    assert "已同意" in (told.text or "") and "approved" not in (told.text or "")
