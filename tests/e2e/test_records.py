"""The user's own data and summary end to end: /privacy, /export, /delete, /summary."""

import io
import zipfile
from datetime import time, timedelta

from sqlmodel import col, select

from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, User
from tests.e2e.conftest import Harness, OffsetClock
from tests.e2e.flows import (
    forge_press,
    log_meal,
    next_local,
    onboard,
    onboarded_with_carbonate_at_eight,
    user_row,
)


async def test_welcome_and_help_link_privacy(harness: Harness) -> None:
    """/start's welcome and /help point to /privacy, which says how to export and delete."""
    user = harness.fake.add_user(first_name="Mei")
    welcome = await harness.say(user, "/start")
    assert "/privacy" in (welcome.text or "")
    await harness.fake.wait_for_message(user.id)  # the first question
    assert "/privacy" in ((await harness.say(user, "/help")).text or "")
    privacy = (await harness.say(user, "/privacy")).text or ""
    assert "/export" in privacy and "/delete" in privacy


async def test_onboarding_plans_the_summary_and_settings_change_it(harness: Harness) -> None:
    """Finishing onboarding plans a 20:00 summary; /settings' button moves it to 21:00."""
    user = harness.fake.add_user(first_name="Mei")
    await onboard(harness, user)
    async with harness.db.session() as session:
        found = await session.exec(select(Schedule).where(Schedule.kind == ScheduleKind.SUMMARY))
        assert [schedule.times for schedule in found.all()] == [["20:00"]]
    menu = await harness.say(user, "/settings")
    card = await harness.tap(user, menu, "Daily summary")
    assert "20:00" in (card.text or "")
    await harness.fake.press_button(user, card.message_id, text_contains="21:00")
    edited = await harness.fake.wait_for_edit(user.id, card.message_id)
    assert "21:00" in (edited.text or "")
    off = await harness.say(user, "/summary off")
    assert "switched off" in (off.text or "")


async def test_export_sends_a_zip_of_csvs(harness: Harness) -> None:
    """/export sends one document: a zip whose user.csv holds the user's own row."""
    user = harness.fake.add_user(first_name="Mei")
    await onboard(harness, user)
    await harness.fake.send_text(user, "/export")
    sent = await harness.fake.wait_for_message(user.id)
    assert sent.method == "sendDocument"
    (document,) = harness.fake.documents(user.id)
    assert document.filename == "calcibot-export.zip" and document.content is not None
    archive = zipfile.ZipFile(io.BytesIO(document.content))
    assert {"user.csv", "schedule.csv", "reminder.csv"} <= set(archive.namelist())
    assert str(user.id) in archive.read("user.csv").decode("utf-8-sig")


async def test_delete_needs_the_button_and_the_typed_word(harness: Harness) -> None:
    """A wrong word keeps everything; the button then DELETE erases the user's row."""
    user = harness.fake.add_user(first_name="Mei")
    await onboard(harness, user)
    ask = await harness.say(user, "/delete")
    prompt = await harness.tap(user, ask, "Yes, delete")
    assert "DELETE" in (prompt.text or "")
    kept = await harness.say(user, "delete")
    assert "Nothing was deleted" in (kept.text or "")
    ask = await harness.say(user, "/delete")
    await harness.tap(user, ask, "Yes, delete")
    forge_press(harness, user, ask, "rc:del", "second-tap")  # a double tap on the gone button
    await harness.fake.wait_for_callback_answer("second-tap")
    again = await harness.fake.wait_for_message(user.id)
    assert "DELETE" in (again.text or "") and "Sorry" not in (again.text or "")
    done = await harness.say(user, "DELETE")
    assert "erased" in (done.text or "")
    async with harness.db.session() as session:
        rows = await session.exec(select(User).where(col(User.telegram_id) == user.id))
        assert rows.all() == []


async def test_report_sends_a_photo_and_a_pdf(harness: Harness) -> None:
    """/report 30 sends a PNG photo with a one-line caption, then a PDF document."""
    user = harness.fake.add_user(first_name="Mei")
    await onboard(harness, user)
    await harness.fake.send_text(user, "/report 30")
    photo = await harness.fake.wait_for_message(user.id)
    document = await harness.fake.wait_for_message(user.id)
    assert (photo.method, document.method) == ("sendPhoto", "sendDocument")
    assert "30 days" in (photo.text or "") and "\n" not in (photo.text or "")
    (image,) = harness.fake.photos(user.id)
    assert image.content is not None and image.content.startswith(b"\x89PNG")
    (pdf,) = harness.fake.documents(user.id)
    assert pdf.content is not None and pdf.content.startswith(b"%PDF")
    bad = await harness.say(user, "/report 12")
    assert "/report 30" in (bad.text or "")


async def test_supply_from_the_product_card_and_one_refill_reminder(harness: Harness) -> None:
    """🧮 Supply asks the count; the dose that leaves 7 days' worth brings one refill reminder."""
    user = harness.fake.add_user(first_name="Mei")
    await onboarded_with_carbonate_at_eight(harness, user)
    listing = await harness.say(user, "/supplements")
    card = await harness.tap(user, listing, "Caltrate")
    await harness.tap(user, card, "Supply")  # "no tablet count yet"
    await harness.fake.wait_for_message(user.id)  # the question
    shown = await harness.say(user, "8")
    assert "8 tablets left" in (shown.text or "") and "≈ 8 days" in (shown.text or "")
    row = await user_row(harness, user)
    async with harness.db.session() as session:
        doses = select(Schedule).where(
            Schedule.user_id == row.id, Schedule.kind == ScheduleKind.DOSE
        )
        schedule = (await session.exec(doses)).first()
        assert schedule is not None
        session.add(
            Reminder(
                schedule_id=schedule.id or 0,
                user_id=row.id or 0,
                status=ReminderStatus.SENT,
                due_at=harness.app.services.clock.now() - timedelta(minutes=3),
            )
        )
    await harness.say(user, "took my calcium")
    reminder = await harness.fake.wait_for_message(
        user.id, predicate=lambda m: "running low" in (m.text or "")
    )
    assert "7 tablets left" in (reminder.text or "")
    assert reminder.button_texts == ["➕ Record a refill"]
    await harness.tap(user, reminder, "Record a refill")
    refilled = await harness.say(user, "60")
    assert "67 tablets left" in (refilled.text or "")


async def test_today_lists_entries_removes_one_and_warns_of_a_dose_past_the_room(
    harness: Harness, clock: OffsetClock
) -> None:
    """/today shows the meal with a remove button and warns that 600 mg passes the room left."""
    clock.jump_to(next_local(clock, time(6, 0)))
    user = harness.fake.add_user(first_name="Mei")
    await onboarded_with_carbonate_at_eight(harness, user)
    await log_meal(harness, user, "6 cups of milk")
    await harness.fake.send_text(user, "/today")
    today = await harness.fake.wait_for_message(
        user.id, predicate=lambda m: "Today," in (m.text or "")
    )
    text = today.text or ""
    assert "Milk" in text and "taken" in text.lower()  # the legend
    assert "600 mg: more than the" in text
    (remove,) = [label for label in today.button_texts if label.startswith("🗑")]
    await harness.fake.press_button(user, today.message_id, text_contains=remove)
    redrawn = await harness.fake.wait_for_edit(user.id, today.message_id)
    assert "Nothing logged yet" in (redrawn.text or "")
    assert "600 mg: more than the" not in (redrawn.text or "")
    forge_press(harness, user, today, "dy:999999:rm", "forged-1")
    answer = await harness.fake.wait_for_callback_answer("forged-1")
    assert answer.text == "That entry is already gone."


async def test_day_shows_a_past_day_and_explains_bad_input(harness: Harness) -> None:
    """/day yesterday draws that day; /day tomorrow-ish and nonsense get a friendly hint."""
    user = harness.fake.add_user(first_name="Mei")
    await onboard(harness, user)
    shown = await harness.say(user, "/day yesterday")
    assert "Nothing logged yet" in (shown.text or "") and "Calcium" in (shown.text or "")
    assert "/day yesterday" in ((await harness.say(user, "/day someday")).text or "")
    assert "hasn't come yet" in ((await harness.say(user, "/day 2999-01-01")).text or "")
