"""Read and extend the bot-wide send pause that every process honours (see SendPause)."""

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite

from storage.database import Database
from storage.models import SendPause

# The one row this table holds today: the pause of all sending.
BOT = "bot"


class SharedPause:
    """The bot's pause-until instant in the database, shared by every process."""

    def __init__(self, database: Database) -> None:
        self._database = database

    async def read(self) -> datetime | None:
        """Return until when sending is paused, or None if it never was."""
        async with self._database.session() as session:
            row = await session.get(SendPause, BOT)
            return None if row is None else row.until

    async def extend(self, until: datetime) -> None:
        """Pause sending until `until`, unless a longer pause is already recorded."""
        dialect = sqlite if self._database.is_sqlite else postgresql
        table = SendPause.__table__  # type: ignore[attr-defined]
        statement = dialect.insert(table).values(name=BOT, until=until)
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.name],
            set_={"until": statement.excluded.until},
            where=table.c.until < statement.excluded.until,
        )
        async with self._database.session() as session:
            await session.exec(statement)
