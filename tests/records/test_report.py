"""/report's data equal the stored intakes; its PNG and PDF are real and sized for a phone."""

import io
from datetime import UTC, date, datetime, timedelta

from PIL import Image

from bot.handlers.records import chart
from bot.handlers.records.report import caption
from services.day_totals import IntakeSource
from services.reports import report
from storage.database import Database
from storage.models import Reminder, ReminderStatus
from tests.factories import make_user
from tests.records.builders import add_intake
from tests.scheduler.support import dose_schedule

NOW = datetime(2026, 6, 30, 18, 0, tzinfo=UTC)  # 20:00 in Berlin on 30 June
TODAY = date(2026, 6, 30)


async def test_week_series_equal_the_stored_intakes(sqlite_db: Database) -> None:
    """Each day's food and supplement calcium is the sum of that day's stored intakes."""
    user = await make_user(sqlite_db)
    await add_intake(sqlite_db, user, TODAY, calcium_mg=300)
    await add_intake(sqlite_db, user, TODAY, calcium_mg=250)
    await add_intake(sqlite_db, user, TODAY, calcium_mg=600, source=IntakeSource.DOSE)
    await add_intake(sqlite_db, user, TODAY - timedelta(days=2), calcium_mg=120)
    await add_intake(sqlite_db, user, TODAY - timedelta(days=7), calcium_mg=999)  # outside
    data = await report(sqlite_db, telegram_id=user.telegram_id, now=NOW, days=7)
    assert data is not None
    assert [day.day for day in data.days] == [TODAY - timedelta(days=n) for n in range(6, -1, -1)]
    assert [day.calcium_food_mg for day in data.days] == [0, 0, 0, 0, 120, 0, 550]
    assert [day.calcium_supplement_mg for day in data.days] == [0, 0, 0, 0, 0, 0, 600]
    assert (data.calcium_target_mg, data.calcium_limit_mg) == (1200, 2000)


async def test_thirty_days_with_gaps_an_over_limit_day_and_a_missed_dose(
    sqlite_db: Database,
) -> None:
    """A month with empty days, one day over the limit and one missed dose is reported as is."""
    user = await make_user(sqlite_db)
    view = await dose_schedule(
        sqlite_db, now=NOW - timedelta(days=40), telegram_id=user.telegram_id
    )
    for offset in (0, 3, 10, 29):
        await add_intake(sqlite_db, user, TODAY - timedelta(days=offset), calcium_mg=700)
    await add_intake(sqlite_db, user, TODAY - timedelta(days=10), calcium_mg=1600)
    async with sqlite_db.session() as session:
        session.add(
            Reminder(
                schedule_id=view.id,
                user_id=user.id or 0,
                status=ReminderStatus.MISSED,
                due_at=datetime(2026, 6, 20, 6, 0, tzinfo=UTC),
                one_off=False,
            )
        )
    data = await report(sqlite_db, telegram_id=user.telegram_id, now=NOW, days=30)
    assert data is not None and len(data.days) == 30
    by_day = {day.day: day for day in data.days}
    assert sum(1 for day in data.days if day.calcium_mg == 0) == 26
    assert by_day[TODAY - timedelta(days=10)].calcium_mg == 2300
    assert [day.day for day in data.days if day.doses_missed] == [date(2026, 6, 20)]
    line = caption(data)
    assert "1 over the limit" in line and "1 missed" in line and "\n" not in line
    image = Image.open(io.BytesIO(chart.png(data)))
    assert image.format == "PNG" and image.size == (1200, 900)
    assert chart.pdf(data).startswith(b"%PDF")


async def test_png_of_an_empty_week_decodes(sqlite_db: Database) -> None:
    """A week with nothing logged still draws: bars of zero under the target and limit."""
    user = await make_user(sqlite_db)
    data = await report(sqlite_db, telegram_id=user.telegram_id, now=NOW, days=7)
    assert data is not None
    image = Image.open(io.BytesIO(chart.png(data)))
    image.verify()
    assert image.size[0] >= 1000
