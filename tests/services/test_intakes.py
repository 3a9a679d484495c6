"""Intakes outside meals: a product taken outside a schedule, and /undo of the last entry."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from services import meals
from services.intakes import LogStatus, UndoStatus
from storage.database import Database
from tests.services.builders import DAY, intakes_of, make_product, make_user

NOW = datetime(2026, 6, 10, 10, 0, tzinfo=UTC)


async def test_supplement_outside_schedule(any_db: Database) -> None:
    """Two tablets taken outside a schedule log twice the label as a supplement row."""
    user = await make_user(any_db)
    product = await make_product(any_db, user, calcium_mg=600, vitamin_d_iu=400)
    result = await meals.log_supplement_outside_schedule(
        any_db, telegram_id=user.telegram_id, supplement_id=product, units=Decimal(2), now=NOW
    )
    assert result.status is LogStatus.LOGGED
    (row,) = await intakes_of(any_db, user)
    assert (row.source, row.supplement_id, row.calcium_mg, row.vitamin_d_iu) == (
        "supplement",
        product,
        1200,
        800,
    )
    assert result.totals is not None
    assert result.totals.calcium_supplement_mg == 1200


async def test_supplement_checks_owner_and_amount(any_db: Database) -> None:
    """Another user's product, or an absurd number of tablets, logs nothing."""
    owner, stranger = await make_user(any_db), await make_user(any_db)
    product = await make_product(any_db, owner, calcium_mg=600)
    refused = [
        await meals.log_supplement_outside_schedule(
            any_db, telegram_id=telegram_id, supplement_id=product, units=units, now=NOW
        )
        for telegram_id, units in (
            (stranger.telegram_id, Decimal(1)),
            (owner.telegram_id, Decimal(0)),
            (owner.telegram_id, Decimal(500)),
            (owner.telegram_id, Decimal("NaN")),
        )
    ]
    assert [result.status for result in refused] == [
        LogStatus.NOT_FOUND,
        LogStatus.INVALID_AMOUNT,
        LogStatus.INVALID_AMOUNT,
        LogStatus.INVALID_AMOUNT,
    ]
    assert await intakes_of(any_db, owner) == []


async def test_undo_removes_the_last_group(any_db: Database) -> None:
    """/undo removes the whole last meal and leaves the earlier product in place."""
    user = await make_user(any_db)
    product = await make_product(any_db, user, calcium_mg=600)
    await meals.log_supplement_outside_schedule(
        any_db, telegram_id=user.telegram_id, supplement_id=product, units=1, now=NOW
    )
    preview = await meals.preview(
        any_db, telegram_id=user.telegram_id, text="2 cups of skim milk and 100 g tofu"
    )
    assert preview.draft_id is not None
    await meals.log_draft(
        any_db,
        telegram_id=user.telegram_id,
        draft_id=preview.draft_id,
        now=NOW + timedelta(minutes=5),
    )
    undone = await meals.undo_last(
        any_db, telegram_id=user.telegram_id, now=NOW + timedelta(minutes=6)
    )
    assert undone.status is UndoStatus.UNDONE
    assert (undone.source, len(undone.items), undone.day) == ("food", 2, DAY)
    assert undone.totals is not None
    assert undone.totals.calcium_mg == 600
    assert [row.source for row in await intakes_of(any_db, user)] == ["supplement"]


async def test_undo_with_nothing_to_undo(any_db: Database) -> None:
    """/undo with no entries, or only ones older than a day, says there is nothing."""
    user = await make_user(any_db)
    assert (await meals.undo_last(any_db, telegram_id=user.telegram_id, now=NOW)).status is (
        UndoStatus.NOTHING
    )
    product = await make_product(any_db, user, calcium_mg=600)
    await meals.log_supplement_outside_schedule(
        any_db, telegram_id=user.telegram_id, supplement_id=product, units=1, now=NOW
    )
    later = NOW + timedelta(days=2)
    assert (await meals.undo_last(any_db, telegram_id=user.telegram_id, now=later)).status is (
        UndoStatus.NOTHING
    )
    assert len(await intakes_of(any_db, user)) == 1


async def test_undo_never_touches_another_user(any_db: Database) -> None:
    """One user's /undo leaves another user's newer entry alone."""
    owner, stranger = await make_user(any_db), await make_user(any_db)
    product = await make_product(any_db, owner, calcium_mg=600)
    await meals.log_supplement_outside_schedule(
        any_db, telegram_id=owner.telegram_id, supplement_id=product, units=1, now=NOW
    )
    result = await meals.undo_last(any_db, telegram_id=stranger.telegram_id, now=NOW)
    assert result.status is UndoStatus.NOTHING
    assert len(await intakes_of(any_db, owner)) == 1
