"""Spacing words: the rule in one sentence, the wait note and its snooze, medicine rules."""

from datetime import UTC, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from bot import spacing_texts as words
from bot.reminder_texts import WaitLine, render_reminder
from nutrition.medicines import MedicineKind
from nutrition.spacing import Clash, Conflict, reminder_hint, spacing_for
from scheduler.config import DueItem
from storage.models import Reminder, Schedule, ScheduleKind, Supplement, User

DUE = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)


def _conflict(clash: Clash, gap: int, needed: int | None = 240) -> Conflict:
    return Conflict(
        calcium_key=0,
        calcium_at=time(8),
        medicine_key=1,
        kind=MedicineKind.THYROID,
        medicine_at=time(7),
        day_offset=0,
        clash=clash,
        gap_min=gap,
        needed_min=needed,
        overridden=False,
        weekdays=127,
    )


def test_durations_read_plainly() -> None:
    """Gaps read as minutes, hours, or both."""
    assert [words.duration(m) for m in (30, 240, 90)] == ["30 min", "4 h", "1 h 30 min"]


def test_conflict_sentence_names_the_rule_and_the_gap() -> None:
    """Calcium an hour after levothyroxine: "wait 4 h after", "only 1 h after"."""
    text = words.conflict_sentence(_conflict(Clash.AFTER, 60), "Euthyrox <1>", "Caltrate")
    assert "wait 4 h after <b>Euthyrox &lt;1&gt;</b> (07:00)" in text and "only 1 h" in text


def test_wait_line_says_since_and_until() -> None:
    """The issue's wording: "it's 2 h since your levothyroxine; wait until 11:00 if you can"."""
    line = words.wait_line(_conflict(Clash.AFTER, 120), "levothyroxine", time(11))
    assert line == "⏳ It's 2 h since your levothyroxine; wait until 11:00 if you can."


def test_wait_line_adds_a_snooze_to_the_end_of_the_window() -> None:
    """A WaitLine among the extra lines puts "⏰ Until 11:00" (action su) above the answers."""
    supplement = Supplement(user_id=1, name="Caltrate", calcium_mg=600)
    schedule = Schedule(user_id=1, kind=ScheduleKind.DOSE, units_per_dose=Decimal(1))
    reminder = Reminder(id=7, schedule_id=1, user_id=1, due_at=DUE)
    item = DueItem(
        reminder, schedule, supplement, User(id=1, telegram_id=1, chat_id=1), ZoneInfo("UTC")
    )
    message = render_reminder(item, [WaitLine.of("⏳ wait", time(11))])
    assert [(b.text, b.data) for b in message.buttons[0]] == [("⏰ Until 11:00", "r:7:su")]
    plain = render_reminder(item, ["📊 a line"])
    assert len(plain.buttons) == 1


def test_bisphosphonate_reminder_carries_the_rising_rule() -> None:
    """Alendronate: on rising, plain water, 30 min before food and calcium, stay upright."""
    kind = MedicineKind.BISPHOSPHONATE_WEEKLY
    [line] = words.medicine_lines(reminder_hint(kind), spacing_for(kind))
    assert "plain water" in line and "30 min before" in line and "upright" in line


def test_levothyroxine_reminder_carries_its_spacing() -> None:
    """Levothyroxine has no hint but its 4 h spacing."""
    kind = MedicineKind.THYROID
    assert words.medicine_lines(reminder_hint(kind), spacing_for(kind)) == [
        "⏳ Keep calcium at least 4 h away from it."
    ]
