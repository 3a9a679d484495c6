"""A fake Telegram Bot API server for end-to-end tests and for trying the bot locally."""

from .errors import ApiError
from .faults import ApiCall
from .objects import BotMessage, CallbackAnswer, FakeUser, UploadedFile
from .server import DEFAULT_TOKEN, FakeBotApi

__all__ = [
    "DEFAULT_TOKEN",
    "ApiCall",
    "ApiError",
    "BotMessage",
    "CallbackAnswer",
    "FakeBotApi",
    "FakeUser",
    "UploadedFile",
]
