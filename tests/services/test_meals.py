"""Meals: parse a text into a draft, settle unsure items, log the meal exactly once."""

import asyncio
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from nutrition.foods.parser import MAX_ITEM_GRAMS
from nutrition.levels import Level, Nutrient
from services import meals
from services.intakes import LogStatus
from services.meal_drafts import ItemStatus
from storage.database import Database
from storage.models import MealDraft
from tests.services.builders import DAY, intakes_of, make_product, make_user

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


async def test_preview_reads_a_meal(any_db: Database) -> None:
    """Two known foods are settled at once, with grams, nutrients and a draft to log."""
    user = await make_user(any_db)
    preview = await meals.preview(
        any_db,
        telegram_id=user.telegram_id,
        text="2 cups of skim milk and 100 g tofu made with nigari",
    )
    assert preview.draft_id is not None
    assert preview.ready
    milk, tofu = preview.items
    assert milk.chosen is not None
    # A user in Berlin gets German milk: the row without added vitamin D (issue #10 item 10).
    assert (milk.chosen.ndb, milk.chosen.grams) == ("01151", 490)
    assert tofu.chosen is not None
    assert tofu.chosen.grams == 100
    assert preview.calcium_mg == milk.chosen.calcium_mg + tofu.chosen.calcium_mg
    assert len(milk.candidates) >= 2


async def test_preview_lists_unknown_and_implausible_items(any_db: Database) -> None:
    """A word salad is unmatched and "500 apples" is a problem; neither would be logged."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="zzqx, 500 apples")
    assert preview.unmatched == ("zzqx",)
    assert preview.problems == ("500 apples",)
    assert not preview.ready
    assert preview.calcium_mg == 0


async def test_empty_text_makes_no_draft(any_db: Database) -> None:
    """Blank text gives no items and keeps no draft."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="  \n ")
    assert (preview.draft_id, preview.items) == (None, ())
    async with any_db.session() as session:
        assert (await session.exec(select(MealDraft))).all() == []


async def test_unknown_user_gets_nothing(any_db: Database) -> None:
    """A Telegram id the bot never saw parses to an empty preview."""
    preview = await meals.preview(any_db, telegram_id=999_999_999, text="milk")
    assert preview.draft_id is None


async def test_choose_candidate_settles_an_item(any_db: Database) -> None:
    """Picking a candidate makes the item ready with that food's own amount."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="quinoa salad")
    assert preview.draft_id is not None
    item = preview.items[0]
    assert item.status is ItemStatus.ASK
    chosen = await meals.choose_candidate(
        any_db,
        telegram_id=user.telegram_id,
        draft_id=preview.draft_id,
        item_index=0,
        candidate_index=1,
    )
    assert chosen is not None
    assert chosen.items[0].status is ItemStatus.READY
    assert chosen.items[0].chosen == item.candidates[1]
    assert chosen.ready


async def test_none_of_these_marks_the_item_unknown(any_db: Database) -> None:
    """ "None of these" leaves the item unknown, so the bot offers a custom food."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="quinoa salad")
    assert preview.draft_id is not None
    chosen = await meals.choose_candidate(
        any_db,
        telegram_id=user.telegram_id,
        draft_id=preview.draft_id,
        item_index=0,
        candidate_index=None,
    )
    assert chosen is not None
    assert chosen.unmatched == ("quinoa salad",)
    logged = await meals.log_draft(
        any_db, telegram_id=user.telegram_id, draft_id=preview.draft_id, now=NOW
    )
    assert logged.status is LogStatus.NOTHING_TO_LOG
    assert await intakes_of(any_db, user) == []


async def test_choose_candidate_refuses_bad_requests(any_db: Database) -> None:
    """Another user's draft, or an index out of range, changes nothing."""
    owner, stranger = await make_user(any_db), await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=owner.telegram_id, text="quinoa salad")
    assert preview.draft_id is not None
    draft_id = preview.draft_id
    for telegram_id, item, candidate in (
        (stranger.telegram_id, 0, 0),
        (owner.telegram_id, 5, 0),
        (owner.telegram_id, 0, 99),
        (owner.telegram_id, -1, 0),
    ):
        result = await meals.choose_candidate(
            any_db,
            telegram_id=telegram_id,
            draft_id=draft_id,
            item_index=item,
            candidate_index=candidate,
        )
        assert result is None


async def test_log_draft_writes_one_meal(any_db: Database) -> None:
    """Logging writes one food row per item under one group, on the user's local day."""
    user = await make_user(any_db)
    preview = await meals.preview(
        any_db,
        telegram_id=user.telegram_id,
        text="2 cups of skim milk and 100 g tofu made with nigari",
    )
    assert preview.draft_id is not None
    logged = await meals.log_draft(
        any_db, telegram_id=user.telegram_id, draft_id=preview.draft_id, now=NOW
    )
    assert logged.status is LogStatus.LOGGED
    rows = await intakes_of(any_db, user)
    assert [row.label for row in rows] == [
        "Skim milk, no added vitamin D",
        "Tofu, extra firm, set with nigari",
    ]
    assert {row.group_id for row in rows} == {logged.group_id}
    assert {(row.source, row.local_date) for row in rows} == {("food", DAY)}
    assert logged.totals is not None
    assert logged.totals.calcium_food_mg == preview.calcium_mg


async def test_log_draft_warns_near_the_limit(any_db: Database) -> None:
    """A meal that takes the day past 80 % of the limit returns the NEAR warning."""
    user = await make_user(any_db)
    product = await make_product(any_db, user, calcium_mg=900)
    await meals.log_supplement_outside_schedule(
        any_db, telegram_id=user.telegram_id, supplement_id=product, units=1, now=NOW
    )
    preview = await meals.preview(
        any_db,
        telegram_id=user.telegram_id,
        text="2 cups of skim milk and 100 g tofu made with nigari",
    )
    assert preview.draft_id is not None
    logged = await meals.log_draft(
        any_db, telegram_id=user.telegram_id, draft_id=preview.draft_id, now=NOW
    )
    assert [(w.nutrient, w.level) for w in logged.warnings] == [(Nutrient.CALCIUM, Level.NEAR)]


async def test_log_twice_logs_once(any_db: Database) -> None:
    """Pressing "Log" twice writes the meal once and says so the second time."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="a glass of milk")
    assert preview.draft_id is not None
    first = await meals.log_draft(
        any_db, telegram_id=user.telegram_id, draft_id=preview.draft_id, now=NOW
    )
    second = await meals.log_draft(
        any_db, telegram_id=user.telegram_id, draft_id=preview.draft_id, now=NOW
    )
    assert (first.status, second.status) == (LogStatus.LOGGED, LogStatus.ALREADY_LOGGED)
    assert second.group_id == first.group_id
    assert len(await intakes_of(any_db, user)) == 1


async def test_concurrent_log_presses_log_once(any_db: Database) -> None:
    """Five presses of "Log" at once write the meal once."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="a glass of milk")
    assert preview.draft_id is not None
    draft_id = preview.draft_id
    results = await asyncio.gather(
        *(
            meals.log_draft(any_db, telegram_id=user.telegram_id, draft_id=draft_id, now=NOW)
            for _ in range(5)
        )
    )
    assert sorted(result.status for result in results).count(LogStatus.LOGGED) == 1
    assert len(await intakes_of(any_db, user)) == 1


async def test_someone_elses_draft_is_not_logged(any_db: Database) -> None:
    """A draft id from another user's buttons logs nothing."""
    owner, stranger = await make_user(any_db), await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=owner.telegram_id, text="a glass of milk")
    assert preview.draft_id is not None
    result = await meals.log_draft(
        any_db, telegram_id=stranger.telegram_id, draft_id=preview.draft_id, now=NOW
    )
    assert result.status is LogStatus.NOT_FOUND
    assert await intakes_of(any_db, owner) == await intakes_of(any_db, stranger) == []


async def test_an_old_draft_expires(any_db: Database) -> None:
    """A draft pressed after its time to live is refused."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="a glass of milk")
    assert preview.draft_id is not None
    later = datetime.now(UTC) + meals.DRAFT_TTL + timedelta(minutes=1)
    result = await meals.log_draft(
        any_db, telegram_id=user.telegram_id, draft_id=preview.draft_id, now=later
    )
    assert result.status is LogStatus.EXPIRED


async def test_huge_text_is_bounded(any_db: Database) -> None:
    """A message far beyond Telegram's size still parses into at most 40 items."""
    user = await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="milk, " * 20_000)
    assert 0 < len(preview.items) <= 40


_MEAL_WORDS = st.sampled_from(
    ["milk", "tofu", "cheddar", "2", "0", "-1", "½", "1e9", "cups", "g", "kg", "slices", "of",
     "and", ",", "牛奶", "两", "杯", "一百", "克", "sardines", "yogurt", "nan", "x", "3/0"]
)  # fmt: skip
_MEAL_TEXTS = st.one_of(st.text(max_size=120), st.lists(_MEAL_WORDS, max_size=12).map(" ".join))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(text=_MEAL_TEXTS)
async def test_any_text_logs_only_sane_rows(sqlite_db: Database, text: str) -> None:
    """Whatever is typed, logging writes only food rows with sane, non-negative amounts."""
    user = await make_user(sqlite_db)
    preview = await meals.preview(sqlite_db, telegram_id=user.telegram_id, text=text)
    if preview.draft_id is not None:
        await meals.log_draft(
            sqlite_db, telegram_id=user.telegram_id, draft_id=preview.draft_id, now=NOW
        )
    for row in await intakes_of(sqlite_db, user):
        assert row.source == "food"
        assert row.grams is not None
        assert 0 < row.grams <= MAX_ITEM_GRAMS
        assert min(row.calcium_mg, row.vitamin_d_iu, row.vitamin_k_ug) >= 0
        assert 0 < len(row.label) <= 120


async def test_load_draft_is_the_owners_until_logged(any_db: Database) -> None:
    """A draft reads back for its owner only, and no longer once it is logged."""
    owner, other = await make_user(any_db), await make_user(any_db)
    preview = await meals.preview(any_db, telegram_id=owner.telegram_id, text="2 cups of milk")
    assert preview.draft_id is not None
    loaded = await meals.load_draft(
        any_db, telegram_id=owner.telegram_id, draft_id=preview.draft_id
    )
    assert loaded is not None and loaded.items == preview.items
    assert (
        await meals.load_draft(any_db, telegram_id=other.telegram_id, draft_id=preview.draft_id)
        is None
    )
    await meals.log_draft(any_db, telegram_id=owner.telegram_id, draft_id=preview.draft_id, now=NOW)
    assert (
        await meals.load_draft(any_db, telegram_id=owner.telegram_id, draft_id=preview.draft_id)
        is None
    )


async def test_drafts_age_by_the_clock_passed_in(any_db: Database) -> None:
    """A draft made at a given instant expires DRAFT_TTL after that instant, not after real time."""
    user = await make_user(any_db)
    made = NOW + timedelta(days=30)
    preview = await meals.preview(any_db, telegram_id=user.telegram_id, text="milk", now=made)
    assert preview.draft_id is not None
    late = await meals.log_draft(
        any_db,
        telegram_id=user.telegram_id,
        draft_id=preview.draft_id,
        now=made + meals.DRAFT_TTL * 2,
    )
    assert late.status is LogStatus.EXPIRED
    on_time = await meals.log_draft(
        any_db,
        telegram_id=user.telegram_id,
        draft_id=preview.draft_id,
        now=made + timedelta(hours=1),
    )
    assert on_time.status is LogStatus.LOGGED
