"""`calcibot reminders requeue` and `calcibot db backup`: operator tasks on the database."""

import asyncio
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import update
from sqlmodel import col, select

from bot.cli import main
from storage.database import Database
from storage.models import Reminder, ReminderStatus
from tests.e2e.burst import plant_due


@pytest.fixture(autouse=True)
def _no_env_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Run each command in an empty folder without a token (no stray .env)."""
    for name in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_BOT_TOKEN_FILE", "DATABASE_URL"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


async def test_requeue_makes_failed_reminders_pending_and_leaves_the_rest(
    any_db: Database, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Failed reminders become pending again (lease cleared); sent ones stay as they were."""
    await plant_due(any_db, None, 3)
    async with any_db.session() as session:
        ids = sorted((await session.exec(select(Reminder.id))).all())  # type: ignore[arg-type]
        await session.exec(
            update(Reminder)
            .where(col(Reminder.id).in_(ids[:2]))
            .values(status=ReminderStatus.FAILED.value)
        )
        await session.exec(update(Reminder).where(col(Reminder.id) == ids[2]).values(status="sent"))
    monkeypatch.setenv("DATABASE_URL", any_db.engine.url.render_as_string(hide_password=False))
    assert await asyncio.to_thread(main, ["reminders", "requeue"]) == 0
    assert capsys.readouterr().out.startswith("2 failed reminders are pending again")
    async with any_db.session() as session:
        rows = (await session.exec(select(Reminder).order_by(col(Reminder.id)))).all()
    assert [(row.status, row.lease_until) for row in rows] == [
        (ReminderStatus.PENDING, None),
        (ReminderStatus.PENDING, None),
        (ReminderStatus.SENT, None),
    ]


async def test_backup_copies_a_sqlite_database_that_is_in_use(
    sqlite_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The backup holds every committed row, WAL included, while a connection stays open."""
    await plant_due(sqlite_db, None, 4)
    monkeypatch.setenv("DATABASE_URL", sqlite_db.engine.url.render_as_string(hide_password=False))
    target = tmp_path / "copy.db"
    async with sqlite_db.engine.connect():  # the bot's pool keeps a connection open
        assert await asyncio.to_thread(main, ["db", "backup", str(target)]) == 0
    with sqlite3.connect(target) as copy:
        assert copy.execute("SELECT count(*) FROM reminder").fetchone() == (4,)
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_backup_never_overwrites_a_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An existing target is refused, and left as it was."""
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'bot.db'}")
    assert main(["db", "upgrade"]) == 0
    target = tmp_path / "old.db"
    target.write_bytes(b"keep me")
    assert main(["db", "backup", str(target)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert target.read_bytes() == b"keep me"


def test_backup_on_postgresql_points_at_pg_dump(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """On PostgreSQL the backup refuses and names pg_dump instead."""
    monkeypatch.setenv("DATABASE_URL", "postgresql+asyncpg://calcibot@127.0.0.1:1/calcibot")
    assert main(["db", "backup", str(tmp_path / "x.db")]) == 2
    assert "pg_dump" in capsys.readouterr().err
    assert not (tmp_path / "x.db").exists()
