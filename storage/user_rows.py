"""Every row that refers to one user, found generically over the tables' foreign keys.

/export and /delete must cover tables other features add later, so neither lists tables:
a row belongs to the user when one of its foreign keys points at `user.id` with their id, or
at a row that itself belongs to them (a reminder of their schedule, say). New tables are
covered the day they are added to the metadata.
"""

from collections.abc import Iterator
from typing import Any

from sqlalchemy import ColumnElement, MetaData, Table, delete, false, or_, select
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import User

USER_TABLE: str = User.__table__.name  # type: ignore[attr-defined]


def _condition(table: Table, user_id: int, seen: frozenset[str]) -> ColumnElement[bool]:
    """Return "this row belongs to the user" for one table (a false condition if none can)."""
    clauses: list[ColumnElement[bool]] = []
    for key in table.foreign_keys:
        parent = key.column.table
        if parent.name == USER_TABLE:
            clauses.append(key.parent == user_id)
        elif isinstance(parent, Table) and parent.name not in seen:
            # A row of a row of theirs: a reminder of their schedule, an intake of their dose.
            inner = _condition(parent, user_id, seen | {table.name})
            clauses.append(key.parent.in_(select(key.column).where(inner)))
    return or_(*clauses) if clauses else false()


def user_tables(metadata: MetaData | None = None) -> Iterator[Table]:
    """Yield every table except the user table, children before the parents they refer to."""
    for table in reversed((metadata or SQLModel.metadata).sorted_tables):
        if table.name != USER_TABLE:
            yield table


def owned(table: Table, user_id: int) -> ColumnElement[bool]:
    """Return the condition that picks the user's rows of `table`."""
    return _condition(table, user_id, frozenset())


async def export_rows(
    session: AsyncSession, *, user_id: int, metadata: MetaData | None = None
) -> dict[str, list[dict[str, Any]]]:
    """Return every row that refers to the user, per table, the user's own row included."""
    found: dict[str, list[dict[str, Any]]] = {}
    connection = await session.connection()
    user_table = (metadata or SQLModel.metadata).tables[USER_TABLE]
    tables = [user_table, *sorted(user_tables(metadata), key=lambda table: table.name)]
    for table in tables:
        where = table.c.id == user_id if table is user_table else owned(table, user_id)
        ordered = select(table).where(where).order_by(*table.primary_key.columns)
        rows = [dict(row._mapping) for row in await connection.execute(ordered)]
        if rows:
            found[table.name] = rows
    return found


async def delete_rows(
    session: AsyncSession, *, user_id: int, metadata: MetaData | None = None
) -> dict[str, int]:
    """Delete every row that refers to the user, then the user; return the count per table."""
    connection = await session.connection()
    counts: dict[str, int] = {}
    for table in user_tables(metadata):
        result = await connection.execute(delete(table).where(owned(table, user_id)))
        if result.rowcount:
            counts[table.name] = result.rowcount
    user_table = (metadata or SQLModel.metadata).tables[USER_TABLE]
    result = await connection.execute(delete(user_table).where(user_table.c.id == user_id))
    counts[USER_TABLE] = result.rowcount
    return counts
