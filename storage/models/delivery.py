"""State of delivery shared by every process of one bot."""

from datetime import datetime

from sqlmodel import Field, SQLModel


class SendPause(SQLModel, table=True):
    """Until when the bot sends nothing: Telegram's 429 retry_after binds the bot, not a process.

    Row "bot" is that pause; row "budget" is where the bot's shared send pace has booked up to
    (storage.send_budget).
    """

    name: str = Field(primary_key=True, max_length=16)
    until: datetime
