"""Operator settings, read from the environment and an optional .env file."""

import re
from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from nutrition.levels import NearPolicy

# Telegram's overall limits: about 30 messages/s free (core.telegram.org/bots/faq), up to
# 1,000/s with allow_paid_broadcast (core.telegram.org/bots/api#sendmessage, Bot API 7.11).
FREE_BROADCAST_PER_S = 30
PAID_BROADCAST_PER_S = 1000
TELEGRAM_API_DEFAULT = "https://api.telegram.org/bot"
# Tokens look like "123456789:AA..."; placeholders copied from docs are refused.
# setWebhook's secret_token: 1-256 characters, A-Z, a-z, 0-9, _ and - (Bot API).
_WEBHOOK_SECRET = re.compile(r"[A-Za-z0-9_-]{1,256}")
_PLACEHOLDER_TOKENS = {"", "changeme", "your-token", "<token>", "TOKEN"}


class Settings(BaseSettings):
    """Everything an operator can set; names are fixed for tooling (see the README table)."""

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    telegram_bot_token: SecretStr | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN")
    telegram_bot_token_file: Path | None = Field(default=None, alias="TELEGRAM_BOT_TOKEN_FILE")
    database_url: str = Field(default="sqlite+aiosqlite:///./calcibot.db", alias="DATABASE_URL")
    telegram_api_base_url: str = Field(default=TELEGRAM_API_DEFAULT, alias="TELEGRAM_API_BASE_URL")
    log_level: str = Field(default="INFO", alias="LOG_LEVEL")
    # Telegram: ~30 messages/s overall and ~1 message/s per chat (core.telegram.org/bots/faq).
    # The total of the bot: on PostgreSQL every process together keeps to it.
    rate_global_per_s: Annotated[float, Field(gt=0, le=PAID_BROADCAST_PER_S)] = Field(
        default=25.0, alias="CALCIBOT_RATE_GLOBAL_PER_S"
    )
    # Paid broadcasts (Stars per message) lift the overall limit to 1,000/s (Bot API 7.11).
    paid_broadcast: bool = Field(default=False, alias="CALCIBOT_PAID_BROADCAST")
    rate_per_chat_per_s: Annotated[float, Field(gt=0)] = Field(
        default=1.0, alias="CALCIBOT_RATE_PER_CHAT_PER_S"
    )
    # Webhook mode (polling when no URL): Telegram posts updates to the URL, which a proxy
    # forwards to the listen address; the secret comes back in every request's header.
    webhook_url: str | None = Field(default=None, alias="CALCIBOT_WEBHOOK_URL")
    webhook_secret: SecretStr | None = Field(default=None, alias="CALCIBOT_WEBHOOK_SECRET")
    webhook_listen: str = Field(default="0.0.0.0", alias="CALCIBOT_WEBHOOK_LISTEN")  # noqa: S104  (behind a proxy, in a container)
    # Telegram posts to ports 443, 80, 88 or 8443 (core.telegram.org/bots/api#setwebhook).
    webhook_port: Annotated[int, Field(gt=0, lt=65536)] = Field(
        default=8443, alias="CALCIBOT_WEBHOOK_PORT"
    )
    # Reminder sends in flight at once: throughput is about this over a send's round trip
    # (Telegram + the database), and a crash may repeat at most this many (scheduler/config.py).
    send_concurrency: Annotated[int, Field(ge=1, le=256)] = Field(
        default=8, alias="CALCIBOT_SEND_CONCURRENCY"
    )
    reminder_grace_minutes: Annotated[int, Field(ge=0)] = Field(
        default=120, alias="CALCIBOT_REMINDER_GRACE_MINUTES"
    )
    nudge_after_minutes: Annotated[int, Field(ge=1)] = Field(
        default=30, alias="CALCIBOT_NUDGE_AFTER_MINUTES"
    )
    missed_after_minutes: Annotated[int, Field(ge=1)] = Field(
        default=120, alias="CALCIBOT_MISSED_AFTER_MINUTES"
    )
    near_limit_percent: Annotated[int, Field(ge=1, le=99)] = Field(
        default=80, alias="CALCIBOT_NEAR_LIMIT_PERCENT"
    )
    near_limit_percent_calcification: Annotated[int, Field(ge=1, le=99)] = Field(
        default=70, alias="CALCIBOT_NEAR_LIMIT_PERCENT_CALCIFICATION"
    )

    @property
    def near_policy(self) -> NearPolicy:
        """Return the near-limit thresholds as the checker takes them."""
        return NearPolicy(self.near_limit_percent, self.near_limit_percent_calcification)

    @field_validator("log_level")
    @classmethod
    def _upper_level(cls, value: str) -> str:
        return value.upper()

    def webhook_secret_token(self) -> str | None:
        """Return the webhook secret, refusing what Telegram would refuse (1-256 of A-Za-z0-9_-)."""
        if self.webhook_secret is None:
            return None
        secret = self.webhook_secret.get_secret_value()
        if not _WEBHOOK_SECRET.fullmatch(secret):
            raise ValueError("CALCIBOT_WEBHOOK_SECRET: 1-256 characters of A-Z, a-z, 0-9, _ and -")
        return secret

    def bot_token(self) -> str | None:
        """Return the token from the variable or the secret file, refusing placeholders."""
        token: str | None = None
        if self.telegram_bot_token is not None:
            token = self.telegram_bot_token.get_secret_value().strip()
        elif self.telegram_bot_token_file is not None and self.telegram_bot_token_file.is_file():
            token = self.telegram_bot_token_file.read_text(encoding="utf-8").strip()
        if token is None or token in _PLACEHOLDER_TOKENS or ":" not in token:
            return None
        return token


SETUP_HELP = """\
calcibot needs a Telegram bot token to run.

  1. In Telegram, open a chat with @BotFather and send /newbot.
  2. Follow its questions; it answers with a token like 123456789:AAE...
  3. Put it in the environment, or in a file named .env next to where you run calcibot:

       TELEGRAM_BOT_TOKEN=123456789:AAE...

     (or point TELEGRAM_BOT_TOKEN_FILE at a file that holds only the token).

To try calcibot without Telegram, run the local fake Bot API (see README, "Try it locally").
"""
