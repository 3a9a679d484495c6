"""Shared column helpers for the tables."""

from datetime import UTC, datetime

from sqlalchemy import BigInteger
from sqlmodel import Field


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def created_at_field() -> datetime:
    """Return a column that defaults to the moment the row is made."""
    return Field(default_factory=utcnow, nullable=False)  # type: ignore[no-any-return]


def telegram_id_field(*, unique: bool = False, index: bool = False) -> int:
    """Return a BIGINT column: Telegram ids pass 2**31."""
    return Field(sa_type=BigInteger, unique=unique, index=index, nullable=False)  # type: ignore[no-any-return]
