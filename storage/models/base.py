"""Shared column helpers for the tables."""

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any, TypeVar

from sqlalchemy import BigInteger, Integer, String
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field

# Row ids and the foreign keys to them are 64-bit on PostgreSQL (callback data carry ids up to
# 2**63 - 1; an INTEGER column would raise on a forged 2**31). SQLite keeps INTEGER, the only
# type that makes a column the table's rowid (sqlite.org/lang_createtable.html#rowid), which
# is already 64-bit.
ROW_ID = BigInteger().with_variant(Integer(), "sqlite")


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def saved_id(row_id: int | None) -> int:
    """Return the id of a row that was read or flushed; an unsaved row here is a bug."""
    if row_id is None:
        raise ValueError("the row has no id: it was never saved")
    return row_id


def created_at_field() -> datetime:
    """Return a column that defaults to the moment the row is made."""
    return Field(default_factory=utcnow, nullable=False)  # type: ignore[no-any-return]


def telegram_id_field(*, unique: bool = False, index: bool = False) -> int:
    """Return a BIGINT column: Telegram ids pass 2**31."""
    return Field(sa_type=BigInteger, unique=unique, index=index, nullable=False)  # type: ignore[no-any-return]


E = TypeVar("E", bound=StrEnum)


class EnumText(TypeDecorator[E]):
    """A StrEnum stored as its value in a VARCHAR, read back as the enum member.

    A plain VARCHAR keeps the schema and its migrations as they are, and a new member needs no
    ALTER TYPE; the decorator makes every row read from the database carry the enum.
    """

    impl = String
    cache_ok = True

    def __init__(self, enum: type[E], length: int) -> None:
        super().__init__(length)
        self._enum = enum

    def process_bind_param(self, value: Any, _dialect: Dialect) -> str | None:
        """Write the member's value (a plain string from older code is checked too)."""
        return None if value is None else self._enum(value).value

    def process_result_value(self, value: Any, _dialect: Dialect) -> E | None:
        """Read the value back as the enum member."""
        return None if value is None else self._enum(value)
