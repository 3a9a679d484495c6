"""Builders shared by every test: users (one default person for the whole suite)."""

import itertools

from storage.database import Database
from storage.models import User
from storage.users import create_user

_telegram_ids = itertools.count(10_000)


async def make_user(
    database: Database, *, telegram_id: int | None = None, **answers: object
) -> User:
    """Make an onboarded woman born 1960 in Berlin (US limits: calcium 2,000 mg, D 4,000 IU).

    Each user gets a fresh Telegram id (also her chat id) unless the test gives one.
    """
    values: dict[str, object] = {"timezone": "Europe/Berlin", "birth_year": 1960, "sex": "female"}
    values |= {"reference_set": "us", "vascular_calcification": False, "onboarding_step": None}
    values |= answers
    telegram_id = next(_telegram_ids) if telegram_id is None else telegram_id
    async with database.session() as session:
        user = await create_user(
            session=session, telegram_id=telegram_id, chat_id=telegram_id, language_code="en"
        )
        user.sqlmodel_update(values)
        session.add(user)
    return user
