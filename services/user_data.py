"""The user's own data: all of it as a zip of CSVs (/export), or erased for good (/delete)."""

import csv
import io
import json
import logging
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from storage.database import Database, mark_plan_changed
from storage.user_rows import delete_rows, export_rows
from storage.users import get_user

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Export:
    """A zip archive of the user's data and how many rows of each kind it holds."""

    archive: bytes
    rows_per_kind: dict[str, int]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal | int | float | str | bool):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


def _csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({name: _cell(value) for name, value in row.items()})
    return out.getvalue()


async def export_user(database: Database, *, telegram_id: int) -> Export | None:
    """Collect every stored row about the user into one CSV per kind; None for an unknown user."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return None
        found = await export_rows(session, user_id=user.id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for kind, rows in found.items():
            # utf-8-sig: spreadsheet programs then read non-ASCII names (Chinese foods) right.
            archive.writestr(f"{kind}.csv", _csv(rows).encode("utf-8-sig"))
    log.info("export user_id=%s kinds=%d", user.id, len(found))
    return Export(buffer.getvalue(), {kind: len(rows) for kind, rows in found.items()})


async def delete_user(database: Database, *, telegram_id: int) -> dict[str, int] | None:
    """Erase the user and every row that refers to them; None for an unknown user."""
    async with database.session() as session:
        user = await get_user(session=session, telegram_id=telegram_id)
        if user is None or user.id is None:
            return None
        counts = await delete_rows(session, user_id=user.id)
        # Their pending reminders are gone: the engine re-reads its next wake-up.
        mark_plan_changed(session)
    log.info("deleted user_id=%s rows=%d", user.id, sum(counts.values()))
    return counts
