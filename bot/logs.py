"""Logging set-up that never writes the bot token or message texts.

The token is masked in the whole formatted record (message, ``exc_info`` traceback and stack)
and in Python's own print of an uncaught exception, whatever LOG_LEVEL says: PTB and httpx put
it in request URLs and exception messages.
"""

import logging
import re
import sys
import threading
import traceback
from collections.abc import Iterable
from types import TracebackType
from urllib.parse import quote

# Bot API URLs carry the token ("/bot123:ABC/sendMessage"); mask it wherever it appears.
_TOKEN_RE = re.compile(r"\d{3,}:[A-Za-z0-9_-]{20,}")
MASK = "<token>"


class Redactor:
    """Mask the configured secrets (plain and URL-encoded) and anything shaped like a token."""

    def __init__(self, secrets: Iterable[str | None] = ()) -> None:
        plain = {secret for secret in secrets if secret}
        variants = plain | {quote(secret, safe="") for secret in plain}
        # Longest first, so a secret that contains another is masked whole.
        self._secrets = sorted(variants, key=len, reverse=True)

    def __call__(self, text: str) -> str:
        """Return ``text`` with every secret replaced by the mask."""
        for secret in self._secrets:
            text = text.replace(secret, MASK)
        return _TOKEN_RE.sub(MASK, text)


class RedactingFormatter(logging.Formatter):
    """Format a record as usual, then mask secrets in everything it prints, traceback included."""

    def __init__(self, fmt: str, redact: Redactor) -> None:
        super().__init__(fmt)
        self._redact = redact

    def format(self, record: logging.LogRecord) -> str:
        """Return the redacted text of the record."""
        return self._redact(super().format(record))


def install_excepthooks(redact: Redactor) -> None:
    """Print uncaught exceptions (main thread and others) with secrets masked."""

    def show(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        sys.stderr.write(redact("".join(traceback.format_exception(kind, error, trace))))
        sys.stderr.flush()

    def show_thread(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or isinstance(args.exc_value, SystemExit):
            return  # the default hook ignores SystemExit too
        sys.stderr.write(f"Exception in thread {args.thread.name if args.thread else '?'}:\n")
        show(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = show
    threading.excepthook = show_thread


def configure(level: str, *, secrets: Iterable[str | None] = ()) -> Redactor:
    """Send ids-and-events logs to stderr with ``secrets`` masked; return the masker."""
    redact = Redactor(secrets)
    install_excepthooks(redact)
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", redact)
    )
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
    return redact
