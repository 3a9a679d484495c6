"""Row ids are 64-bit on every backend, and database errors do not carry their values."""

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from storage.database import Database
from storage.models import Reminder, Supplement
from tests.factories import make_user

# Past a signed 32-bit INTEGER, the widest id the callback codec lets through.
WIDE_IDS = (2**31, 2**63 - 1)


@pytest.mark.parametrize("wide", WIDE_IDS)
async def test_lookup_by_a_wide_id_finds_nothing(any_db: Database, wide: int) -> None:
    """Reading or filtering by an id past 2**31 returns nothing instead of raising."""
    async with any_db.session() as session:
        assert await session.get(Supplement, wide) is None
        rows = (await session.exec(select(Reminder).where(Reminder.user_id == wide))).all()  # type: ignore[call-overload, arg-type]
    assert rows == []


async def test_a_row_can_carry_a_wide_id(any_db: Database) -> None:
    """A row stored with an id past 2**31 is read back by it (ids are BIGINT on PostgreSQL)."""
    user = await make_user(any_db)
    async with any_db.session() as session:
        session.add(Supplement(id=2**40, user_id=user.id or 0, name="Calcium", kind="calcium"))
    async with any_db.session() as session:
        found = await session.get(Supplement, 2**40)
    assert found is not None and found.user_id == user.id


async def test_database_errors_hide_their_parameters(any_db: Database) -> None:
    """A failed statement's message names the SQL but not the values (a user's text)."""
    secret = "my-private-note"
    with pytest.raises(IntegrityError) as raised:
        async with any_db.session() as session:
            session.add(Supplement(user_id=2**40 + 7, name=secret, kind="calcium"))
    assert secret not in str(raised.value)
    assert "hidden due to hide_parameters" in str(raised.value)
