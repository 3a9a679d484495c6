"""Reminder messages say what to take and how much, escape names and carry short button ids."""

from datetime import UTC, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot.callbacks import ReminderButton
from bot.reminder_texts import outcome_text, render_nudge, render_reminder, units_text
from scheduler.config import DueItem
from services.reminders import Action, AnswerResult
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, Supplement, User

BERLIN = ZoneInfo("Europe/Berlin")
DUE = datetime(2026, 6, 1, 6, 0, tzinfo=UTC)


USER = User(id=1, telegram_id=1, chat_id=1)


def item(reminder: Reminder, schedule: Schedule, supplement: Supplement | None) -> DueItem:
    """Wrap an occurrence as the engine hands it over, for a user in Berlin."""
    return DueItem(reminder, schedule, supplement, USER, BERLIN)


def dose(units: str = "2", **product: object) -> tuple[Reminder, Schedule, Supplement]:
    """Build an unsaved dose reminder, its schedule and product."""
    supplement = Supplement(user_id=1, name="Calcium 600", calcium_mg=600, **product)  # type: ignore[arg-type]
    schedule = Schedule(user_id=1, kind=ScheduleKind.DOSE, units_per_dose=Decimal(units))
    return Reminder(id=123, schedule_id=1, user_id=1, due_at=DUE), schedule, supplement


def test_dose_shows_units_and_nutrients_per_dose() -> None:
    """Two tablets of 600 mg calcium and 400 IU vitamin D read as 1200 mg and 800 IU."""
    message = render_reminder(item(*dose(vitamin_d_iu=400, with_food=True)))
    assert message.text == (
        "💊 <b>Calcium 600</b>\n2 tablets · 1200 mg calcium · 800 IU vitamin D\n🍽 Take with food"
    )
    assert [b.text for b in message.buttons[0]] == ["✅ Taken", "⏰ 15 min", "⏰ 1 h", "⏭ Skip"]
    assert [b.data for b in message.buttons[0]] == ["r:123:t", "r:123:s15", "r:123:s60", "r:123:k"]


def test_zero_nutrients_are_left_out_and_vitamin_k_shown() -> None:
    """Vitamin D at 0 is not mentioned; vitamin K is, in µg, when the product has it."""
    message = render_reminder(item(*dose("1", vitamin_k_ug=90)))
    assert message.text.splitlines()[1] == "1 tablet · 600 mg calcium · 90 µg vitamin K"


def test_names_are_escaped_for_html() -> None:
    """A product called "<Ca & Mg>" cannot inject markup."""
    reminder, schedule, supplement = dose()
    supplement.name = "<Ca & Mg>"
    message = render_reminder(item(reminder, schedule, supplement))
    assert message.text.startswith("💊 <b>&lt;Ca &amp; Mg&gt;</b>")


def test_late_and_extra_lines_are_added() -> None:
    """A late reminder says when it was due; hook lines come last."""
    reminder, schedule, supplement = dose()
    reminder.late = True
    message = render_reminder(item(reminder, schedule, supplement), ["Today: 1,300 mg"])
    assert message.text.splitlines()[-2:] == ["⏰ (late: was due 08:00)", "Today: 1,300 mg"]


def test_exercise_shows_title_minutes_and_its_buttons() -> None:
    """An exercise reminder names the activity and minutes: Done, Skip, later by 30/60/120 min."""
    schedule = Schedule(user_id=1, kind=ScheduleKind.EXERCISE, title="Brisk walk", minutes=30)
    reminder = Reminder(id=7, schedule_id=1, user_id=1, due_at=DUE)
    message = render_reminder(item(reminder, schedule, None))
    assert message.text == "🏃 <b>Brisk walk</b>\n30 min"
    assert [[(b.text, b.data) for b in row] for row in message.buttons] == [
        [("✅ Done", "r:7:d"), ("⏭ Skip", "r:7:k")],
        [("⏰ 30 min", "r:7:l30"), ("⏰ 1 h", "r:7:l"), ("⏰ 2 h", "r:7:l120")],
    ]


def test_nudge_asks_again_with_the_same_buttons() -> None:
    """The nudge asks whether the dose was taken and keeps the answer buttons."""
    parts = dose()
    nudge = render_nudge(item(*parts))
    assert nudge.text == (
        "🔔 Reminder: did you take <b>Calcium 600</b> (2 tablets · 1200 mg calcium, due 08:00)?"
    )
    assert nudge.buttons == render_reminder(item(*parts)).buttons


@pytest.mark.parametrize(
    ("units", "text"), [("1", "1 tablet"), ("0.5", "0.5 tablet"), ("2.00", "2 tablets")]
)
def test_units_read_naturally(units: str, text: str) -> None:
    """Units per dose read as "1 tablet", "0.5 tablet", "2 tablets"."""
    assert units_text(Decimal(units)) == text


def test_callback_data_is_short_and_round_trips() -> None:
    """Even the largest id fits Telegram's 64 bytes, and parses back; garbage does not."""
    data = ReminderButton(2**63 - 1, Action.SNOOZE_60).pack()
    assert len(data.encode()) <= 64
    assert ReminderButton.unpack(data) == ReminderButton(2**63 - 1, Action.SNOOZE_60)
    bad = ("r:x:t", "r:1:zz", "ob:1:t", "r:1")
    assert [ReminderButton.unpack(data) for data in bad] == [None] * 4


@pytest.mark.parametrize(
    ("status", "kind", "answered", "snoozed", "text"),
    [
        ("taken", "dose", time(8, 2), None, "✅ Taken 08:02"),
        ("taken", "exercise", time(10, 5), None, "✅ Done 10:05"),
        ("snoozed", "dose", time(8, 3), time(8, 18), "⏰ Snoozed until 08:18"),
        ("skipped", "dose", time(8, 3), None, "⏭ Skipped"),
        ("missed", "dose", None, None, "❌ Missed"),
    ],
)
def test_outcomes_are_worded_from_the_answer_data(
    status: str, kind: str, answered: time | None, snoozed: time | None, text: str
) -> None:
    """The service's statuses and local times become the line that replaces the buttons."""
    result = AnswerResult(
        ok=True,
        status=ReminderStatus(status),
        kind=ScheduleKind(kind),
        answered_local=answered,
        snoozed_until_local=snoozed,
    )
    assert outcome_text(result) == text
