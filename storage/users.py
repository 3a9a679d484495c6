"""Queries on the user table."""

from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import User


async def get_user(*, session: AsyncSession, telegram_id: int) -> User | None:
    """Return the user with this Telegram id, if they ever talked to the bot."""
    result = await session.exec(select(User).where(User.telegram_id == telegram_id))
    return result.first()


async def get_user_by_id(*, session: AsyncSession, user_id: int) -> User | None:
    """Return the user with this primary key."""
    return await session.get(User, user_id)


async def create_user(
    *, session: AsyncSession, telegram_id: int, chat_id: int, language_code: str | None
) -> User:
    """Insert a new user at the first onboarding step."""
    user = User(telegram_id=telegram_id, chat_id=chat_id, language_code=language_code)
    session.add(user)
    await session.flush()
    return user
