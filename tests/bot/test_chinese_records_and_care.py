"""Caregiver alerts, the digest, the daily summary, /today and /report read wholly in Chinese."""

import re
import warnings
from datetime import UTC, date, datetime, timedelta
from types import SimpleNamespace
from typing import cast

from bot import care_texts
from bot.context import Context
from bot.handlers import today
from bot.handlers.records import chart
from bot.handlers.records.report import caption
from bot.i18n import CHINESE, use_locale
from bot.wiring import summary_message
from services.caregivers import alerts
from services.caregivers.digest import digest_for
from services.caregivers.views import MissedAlert
from services.reports import report
from services.summaries import daily_summary
from storage.database import Database
from tests.factories import make_user
from tests.records.builders import add_intake
from tests.services.caregivers.setup import NOW, world

_HAN = re.compile(r"[\u4e00-\u9fff]")
_TAG = re.compile(r"</?[a-z]+>")
# Words allowed to stay Latin: the zone name and the app's own name.
_ALLOWED = {"UTC", "calcibot"}


def _english_words(text: str, *data: str) -> list[str]:
    """Return the Latin words of `text` once user data (names, products) and tags are gone."""
    for value in data:
        text = text.replace(value, "")
    text = re.sub(r"/[a-z_]+", "", _TAG.sub("", text))  # /commands stay as they are
    return [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in _ALLOWED]


async def test_missed_alert_and_digest_read_in_chinese(sqlite_db: Database) -> None:
    """A missed-dose alert and the digest, worded for a Chinese caregiver, hold no English."""
    w = await world(sqlite_db)
    assert w.patient.id is not None and w.users["on"].id is not None
    await alerts.enqueue_missed(
        sqlite_db, patient_id=w.patient.id, reminder_id=w.missed_reminder_id, now=NOW
    )
    alert = None
    for reminder_id in range(1, 50):
        found = await alerts.alert_for(sqlite_db, reminder_id=reminder_id)
        if isinstance(found, MissedAlert):
            alert = found
            break
    assert alert is not None and alert.calcium_mg
    digest = await digest_for(sqlite_db, caregiver_id=w.users["on"].id, now=NOW)
    assert digest.patients
    english_alert = care_texts.missed_text(alert)
    with use_locale(CHINESE):
        missed = care_texts.missed_text(alert)
        summary = care_texts.digest_text(digest)
        nudge = care_texts.NUDGE_BUTTON.format(name=alert.patient_name)
    assert "has not taken" in english_alert and "has not taken" not in missed
    for text in (missed, summary, nudge):
        assert _HAN.search(text), text
        assert _english_words(text, "Mum", "Caltrate 600+D") == [], text
    assert "毫克" in missed and "国际单位" in missed and "每日汇总" in summary


async def test_daily_summary_and_today_read_in_chinese(sqlite_db: Database) -> None:
    """The daily-summary push and the /today page, worded in Chinese, hold no English."""
    user = await make_user(sqlite_db, doctor_calcium_limit_mg=1000)
    now = datetime(2026, 6, 1, 18, 0, tzinfo=UTC)  # 20:00 in Berlin
    await add_intake(sqlite_db, user, date(2026, 6, 1), calcium_mg=400)
    found = await daily_summary(sqlite_db, telegram_id=user.telegram_id, now=now)
    assert found is not None
    # The suggested food's name and portion are table data (bot/wiring.py picks the name).
    food = (
        ()
        if found.suggestion is None
        else (found.suggestion.name.lower(), found.suggestion.portion)
    )
    context = cast(Context, SimpleNamespace(db=sqlite_db, now=lambda: now))
    with use_locale(CHINESE):
        pushed = summary_message(found)
        rendered = await today._render(context, user.telegram_id, None)
        past = await today._render(context, user.telegram_id, date(2026, 5, 30))
    assert rendered is not None and past is not None
    for text in (pushed, rendered[0], past[0]):
        assert _HAN.search(text), text
        assert _english_words(text, *food, "milk") == [], text  # the logged label
    assert "您的今天" in pushed and "上限由您的医生设定" in rendered[0]
    assert "今天" in rendered[0] and "2026" in past[0]


async def test_chinese_report_draws_without_missing_glyphs(sqlite_db: Database) -> None:
    """With no CJK font, the Chinese chart and PDF carry only drawable labels (no glyph warning),
    while the caption explains the colours in Chinese; English keeps its worded chart."""
    user = await make_user(sqlite_db)
    day = date(2026, 6, 30)
    for offset in range(3):
        await add_intake(sqlite_db, user, day - timedelta(days=offset), calcium_mg=700 + offset)
    data = await report(
        sqlite_db, telegram_id=user.telegram_id, now=datetime(2026, 6, 30, 18, tzinfo=UTC), days=7
    )
    assert data is not None
    assert chart.words_drawable()
    with use_locale(CHINESE), warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph … missing from font(s)"
        chinese_font = chart.drawable("食物")
        words = chart.words_drawable()
        png, pdf = chart.png(data), chart.pdf(data)
        line = caption(data)
    assert words == chinese_font
    assert png.startswith(b"\x89PNG") and pdf.startswith(b"%PDF")
    assert _HAN.search(line) and _english_words(line) == [], line
    if not chinese_font:
        assert "绿色柱" in line
