"""Rows that refer to a user are found over foreign keys, so tables added later are covered."""

from pathlib import Path

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, func, select
from sqlalchemy.ext.asyncio import create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.user_rows import delete_rows, export_rows

# A schema as another feature might add it: a link between two users, and alerts on a link.
LATER = MetaData()
USERS = Table("user", LATER, Column("id", Integer, primary_key=True))
LINKS = Table(
    "caregiver_link",
    LATER,
    Column("id", Integer, primary_key=True),
    Column("patient_id", ForeignKey("user.id")),
    Column("caregiver_id", ForeignKey("user.id")),
)
ALERTS = Table(
    "caregiver_alert",
    LATER,
    Column("id", Integer, primary_key=True),
    Column("link_id", ForeignKey("caregiver_link.id")),
    Column("kind", String(16)),
)


async def test_tables_added_later_are_exported_and_erased(tmp_path: Path) -> None:
    """A link where the user is either side, and alerts on it, go; other users' rows stay."""
    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'later.db'}")
    async with engine.begin() as connection:
        await connection.run_sync(LATER.create_all)
        await connection.execute(USERS.insert(), [{"id": 1}, {"id": 2}, {"id": 3}])
        await connection.execute(
            LINKS.insert(),
            [
                {"id": 10, "patient_id": 1, "caregiver_id": 2},  # 1 is the patient
                {"id": 11, "patient_id": 3, "caregiver_id": 1},  # 1 is the caregiver
                {"id": 12, "patient_id": 3, "caregiver_id": 2},  # 1 is not in it
            ],
        )
        await connection.execute(
            ALERTS.insert(),
            [{"id": 100, "link_id": 10}, {"id": 101, "link_id": 11}, {"id": 102, "link_id": 12}],
        )
    async with AsyncSession(engine) as session:
        exported = await export_rows(session, user_id=1, metadata=LATER)
        assert [row["id"] for row in exported["caregiver_link"]] == [10, 11]
        assert [row["id"] for row in exported["caregiver_alert"]] == [100, 101]
        counts = await delete_rows(session, user_id=1, metadata=LATER)
        await session.commit()
        assert counts == {"caregiver_alert": 2, "caregiver_link": 2, "user": 1}
        left = {
            table.name: await session.scalar(select(func.count()).select_from(table))
            for table in (USERS, LINKS, ALERTS)
        }
        assert left == {"user": 2, "caregiver_link": 1, "caregiver_alert": 1}
    await engine.dispose()
