"""Logging set-up that never writes the bot token or message texts."""

import logging
import re

# Bot API URLs carry the token ("/bot123:ABC/sendMessage"); mask it wherever it appears.
_TOKEN_RE = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")


class RedactTokens(logging.Filter):
    """Replace anything shaped like a bot token with a mask."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record's message in place; never drop it."""
        message = record.getMessage()
        if _TOKEN_RE.search(message):
            record.msg = _TOKEN_RE.sub("<token>", message)
            record.args = None
        return True


def configure(level: str) -> None:
    """Send ids-and-events logs to stderr; keep HTTP libraries' request lines out."""
    handler = logging.StreamHandler()
    handler.addFilter(RedactTokens())
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # httpx logs every request URL at INFO, and those URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    # At DEBUG, PTB logs every API call with its parameters, message texts included.
    logging.getLogger("telegram").setLevel(max(root.level, logging.INFO))
    # SQLAlchemy logs SQL with its parameters (meal texts, intakes) once its logger is at INFO
    # or lower, and aiosqlite does at DEBUG, so both stay at WARNING whatever LOG_LEVEL says.
    for name in ("sqlalchemy", "aiosqlite", "asyncpg"):
        logging.getLogger(name).setLevel(max(root.level, logging.WARNING))
    # APScheduler logs every wake-up job at INFO; the engine logs what matters itself.
    logging.getLogger("apscheduler").setLevel(max(root.level, logging.WARNING))
    # Alembic narrates each migration step; the bot logs one line with the revision instead.
    logging.getLogger("alembic").setLevel(max(root.level, logging.WARNING))
