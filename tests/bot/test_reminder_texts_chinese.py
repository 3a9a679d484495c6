"""Reminders, nudges, missed notes, projections, outcomes and their neighbours read in Chinese."""

import re
from datetime import UTC, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from bot import spacing_texts
from bot.handlers.shared.warnings import warning_text
from bot.history_texts import history_line
from bot.i18n import CHINESE, use_locale
from bot.plan_texts import plan_warning
from bot.projection_texts import projection_lines
from bot.reminder_texts import (
    BotWording,
    already_recorded,
    closed_text,
    outcome_text,
    units_text,
)
from nutrition.checker import DayTotals, Limits, LimitWarning, project_dose
from nutrition.levels import NEAR_FRACTION, Level, Nutrient
from nutrition.medicines import MedicineKind
from nutrition.plan_check import PlanFinding
from nutrition.spacing import Clash, Conflict, reminder_hint, spacing_for
from scheduler.config import DueItem
from scheduler.notifier import OutgoingMessage
from services.adherence import Adherence
from services.reminders import AnswerResult
from storage.models import Reminder, ReminderStatus, Schedule, ScheduleKind, Supplement, User

SHANGHAI = ZoneInfo("Asia/Shanghai")
DUE = datetime(2026, 6, 1, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
PRODUCT = "Caltrate"
# A word of English: three or more Latin letters in a row. Product names and /commands are
# allowed (they are the user's own words and what they type); everything else must be Chinese.
_ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def english_left(text: str, *allowed: str) -> list[str]:
    """Return the English words in `text` other than the allowed names and /commands."""
    text = re.sub(r"/[a-z_]+", "", text)
    text = re.sub(r"</?[a-z]+>", "", text)  # HTML tags are markup, not words
    for name in (PRODUCT, *allowed):
        text = text.replace(name, "")
    return _ENGLISH_WORD.findall(text)


def assert_chinese(text: str, *allowed: str) -> None:
    """Fail unless the text carries Chinese and no English word slipped through."""
    assert _HAN.search(text), text
    assert english_left(text, *allowed) == [], text


def all_text(message: OutgoingMessage) -> str:
    """Join a message's text and every button label, so buttons are checked too."""
    labels = [button.text for row in message.buttons for button in row]
    return "\n".join([message.text, *labels])


def chinese_user() -> User:
    """A stored user who reads Chinese (Telegram's language_code zh-hans, no own choice)."""
    return User(id=1, telegram_id=1, chat_id=1, language_code="zh-hans", timezone="Asia/Shanghai")


def dose_item(units: str = "2", *, late: bool = False) -> DueItem:
    """A dose of 600 mg calcium and 400 IU vitamin D per tablet, due at 08:00 in Shanghai."""
    supplement = Supplement(
        user_id=1, name=PRODUCT, calcium_mg=600, vitamin_d_iu=400, vitamin_k_ug=90, with_food=True
    )
    schedule = Schedule(user_id=1, kind=ScheduleKind.DOSE, units_per_dose=Decimal(units))
    reminder = Reminder(id=5, schedule_id=1, user_id=1, due_at=DUE, late=late)
    return DueItem(reminder, schedule, supplement, chinese_user(), SHANGHAI)


def exercise_item() -> DueItem:
    """An untitled exercise reminder of 30 minutes."""
    schedule = Schedule(user_id=1, kind=ScheduleKind.EXERCISE, minutes=30)
    reminder = Reminder(id=6, schedule_id=1, user_id=1, due_at=DUE)
    return DueItem(reminder, schedule, None, chinese_user(), SHANGHAI)


def test_dose_reminder_is_chinese_through_the_engines_wording() -> None:
    """The engine's wording picks the recipient's language: 2 片 · 钙 1200 毫克, Chinese buttons."""
    message = BotWording().reminder(dose_item(late=True), [])
    assert (
        message.text.splitlines()[1]
        == "2 片 · 钙 1200 毫克 · 维生素D 800 国际单位 · 维生素K 180 微克"
    )
    assert "🍽 请随餐服用" in message.text and "原定 08:00" in message.text
    assert [b.text for b in message.buttons[0]] == [
        "✅ 吃过了",
        "⏰ 15分钟后",
        "⏰ 1小时后",
        "⏭ 跳过",
    ]
    assert_chinese(all_text(message))


def test_nudge_and_missed_notes_are_chinese() -> None:
    """The nudge asks 您吃了…吗; the missed note offers 我吃过了; an older copy just says 已错过."""
    wording = BotWording()
    nudge = wording.nudge(dose_item())
    assert nudge.text.startswith(f"🔔 提醒：您吃了 <b>{PRODUCT}</b> 吗？")
    assert_chinese(all_text(nudge))
    latest = wording.missed(dose_item(), latest=True)
    assert latest.buttons[0][0].text == "✅ 我吃过了"
    assert_chinese(all_text(latest))
    older = wording.missed(dose_item(), latest=False)
    assert older.text.endswith("⏱ 已错过") and older.buttons == ()


def test_exercise_reminder_and_its_missed_note_are_chinese() -> None:
    """An untitled exercise reads 运动 and 30 分钟, with Chinese buttons."""
    wording = BotWording()
    message = wording.reminder(exercise_item(), [])
    assert message.text == "🏃 <b>运动</b>\n30 分钟"
    assert_chinese(all_text(message))
    assert_chinese(all_text(wording.missed(exercise_item(), latest=True)))


def test_english_reader_still_gets_english() -> None:
    """A user with an English Telegram client gets the English reminder, unchanged."""
    item = dose_item("1")
    item.user.language_code = "en"
    message = BotWording().reminder(item, [])
    assert message.text.splitlines()[1] == (
        "1 tablet · 600 mg calcium · 400 IU vitamin D · 90 µg vitamin K"
    )


@pytest.mark.parametrize(("units", "text"), [("1", "1 片"), ("0.5", "0.5 片"), ("2.00", "2 片")])
def test_tablets_have_one_form_in_chinese(units: str, text: str) -> None:
    """Chinese has no plural: every count is N 片."""
    with use_locale(CHINESE):
        assert units_text(Decimal(units)) == text


LIMITS = Limits(
    calcium_ul_mg=2000,
    vitamin_d_ul_iu=4000,
    calcium_target_mg=1200,
    vitamin_d_target_iu=800,
    source="test",
)


def test_projection_and_its_warning_are_chinese() -> None:
    """A dose that passes the calcium limit: figures with 毫克, then the warning, all Chinese."""
    totals = DayTotals(calcium_food_mg=1500, vitamin_d_food_iu=0)
    projection = project_dose(
        totals, LIMITS, dose_calcium_mg=600, dose_vitamin_d_iu=400, near_fraction=NEAR_FRACTION
    )
    with use_locale(CHINESE):
        lines = projection_lines(projection)
        prescribed = projection_lines(
            project_dose(
                DayTotals(calcium_food_mg=0, vitamin_d_food_iu=3900),
                LIMITS,
                dose_calcium_mg=0,
                dose_vitamin_d_iu=400,
                near_fraction=NEAR_FRACTION,
            ),
            prescribed_vitamin_d=True,
        )
    assert lines[0] == "📊 吃了这次，您今天的钙会达到 2,100，您的每日上限是 2,000 毫克。"
    assert "超过您钙的每日上限" in lines[1]
    assert prescribed[-1].startswith("💊 维生素D是医生开的处方")
    for line in [*lines, *prescribed]:
        assert_chinese(line)


def _answer(status: str, kind: str = "dose", **times: time) -> AnswerResult:
    return AnswerResult(
        ok=True,
        changed=True,
        status=ReminderStatus(status),
        kind=ScheduleKind(kind),
        title=PRODUCT,
        **times,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("result", "text"),
    [
        (_answer("taken", answered_local=time(8, 2)), "✅ 已服用 08:02"),
        (_answer("taken", "exercise", answered_local=time(9)), "✅ 已完成 09:00"),
        (_answer("snoozed", snoozed_until_local=time(8, 15)), "⏰ 稍后提醒：08:15"),
        (_answer("skipped"), "⏭ 已跳过"),
        (_answer("missed"), "❌ 已错过"),
        (_answer("cancelled"), "这条提醒已取消。"),
    ],
)
def test_outcomes_are_chinese(result: AnswerResult, text: str) -> None:
    """The line that replaces the buttons, the closed copy and the double-tap toast read Chinese."""
    with use_locale(CHINESE):
        assert outcome_text(result) == text
        closed = closed_text(result)
        toast = already_recorded(result)
    assert_chinese(closed)
    assert_chinese(toast)


def test_spacing_words_are_chinese() -> None:
    """A wait note, its snooze, a conflict, a proposal and a medicine's rule read in Chinese."""
    conflict = Conflict(
        calcium_key=0,
        calcium_at=time(8),
        medicine_key=1,
        kind=MedicineKind.THYROID,
        medicine_at=time(7),
        day_offset=0,
        clash=Clash.AFTER,
        gap_min=60,
        needed_min=240,
        overridden=True,
        weekdays=0b0010101,
    )
    kind = MedicineKind.BISPHOSPHONATE_WEEKLY
    with use_locale(CHINESE):
        texts = [
            spacing_texts.wait_line(conflict, "优甲乐", time(11)),
            spacing_texts.wait_line(conflict, "优甲乐", None),
            spacing_texts.wait_button(time(11)),
            spacing_texts.conflict_sentence(conflict, "优甲乐", PRODUCT),
            spacing_texts.proposal_text(PRODUCT, time(8), time(11), conflict.weekdays),
            *spacing_texts.medicine_lines(reminder_hint(kind), spacing_for(kind)),
            *spacing_texts.medicine_lines(None, spacing_for(MedicineKind.THYROID)),
            spacing_texts.ASK_OVERRIDE.format(
                rule=spacing_texts.rule_text(spacing_for(MedicineKind.THYROID))
            ),
            *spacing_texts.KIND_LABELS.values(),
        ]
    assert texts[0] == "⏳ 您服用优甲乐才过了 1 小时；如果可以，请等到 11:00 再吃钙。"
    assert texts[6] == "⏳ 钙要与它至少间隔 4 小时。"
    for text in texts:
        assert_chinese(text)


def test_plan_warning_history_and_limit_warning_are_chinese() -> None:
    """The planned-doses warning, a /history line and a limit warning carry no English."""
    over = PlanFinding(Nutrient.CALCIUM, Level.OVER, 0b1111111, 2400, 2000, (1,))
    near = PlanFinding(Nutrient.VITAMIN_D, Level.NEAR, 0b0000001, 3600, 4000, (1,))
    row = Adherence(1, "dose", PRODUCT, due=14, taken=12, skipped=1, missed=1, times=("08:00",))
    warning = LimitWarning(
        nutrient=Nutrient.CALCIUM, level=Level.OVER, total=2100, limit=2000, percent=105
    )
    with use_locale(CHINESE):
        plan = plan_warning([over, near], doctor_set=frozenset())
        history = history_line(row, PRODUCT)
        limit = warning_text(warning, vascular_calcification=False)
    assert "每天提供 <b>2,400 毫克钙</b>" in plan
    assert history == f"• <b>{PRODUCT}</b>（08:00）：服用 12/14（86%），跳过 1 次，错过 1 次"
    assert "2,100 / 2,000 毫克" in limit
    for text in (plan, history, limit):
        assert_chinese(text)
