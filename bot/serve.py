"""Run the Application until SIGTERM: updates by polling or webhook, reminders, /healthz.

Imported by `calcibot run` only, so the rest of the CLI stays light.
"""

import asyncio
import contextlib
import logging
import signal
from dataclasses import dataclass
from urllib.parse import urlsplit

from telegram.error import TelegramError

from bot.context import App
from bot.ops import Metrics, OpsServer
from bot.rate_limit import BotRateLimiter
from storage.poll_lock import PollerLock

log = logging.getLogger("bot.cli")
# A process that does not poll tries this often to take over from one that stopped.
POLL_TAKEOVER_INTERVAL_S = 2.0
# Only what the handlers read: other update kinds would be received and dropped.
ALLOWED_UPDATES = ["message", "callback_query"]


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates (`url`) and where this process listens for them."""

    url: str
    listen: str
    port: int
    secret: str | None

    @property
    def path(self) -> str:
        """Return the URL's path, which the proxy forwards unchanged to the listener."""
        return urlsplit(self.url).path.lstrip("/")


class StartupFailed(Exception):
    """Telegram refused the token or could not be reached while the bot started."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(type(error).__name__)
        self.error = error


async def serve(
    app: App, *, updates: bool, webhook: Webhook | None, ops: tuple[str, int] | None
) -> None:
    """Run the Application until SIGTERM or SIGINT, then stop within seconds.

    PTB's run_polling stops the job queue by waiting for the running reminder tick, which sends
    the whole backlog first (and never ends while Telegram is down). Here the reminder engine
    is stopped first: it claims nothing more, gives sends in flight two seconds and hands the
    claimed rest back at once; then updates, the Application and the database close.
    """
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for stop_signal in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(stop_signal, stop.set)
    # With a webhook every process receives (Telegram posts to whichever the proxy picks).
    polls = updates and webhook is None
    lock = (
        PollerLock(app.services.database) if polls and not app.services.database.is_sqlite else None
    )
    try:
        await app.initialize()
    except TelegramError as error:  # InvalidToken, NetworkError, TimedOut, a non-API answer
        raise StartupFailed(error) from None
    try:
        if app.post_init is not None:
            await app.post_init(app)
        await app.start()
        server = await _start_ops(app, ops) if ops is not None else None
        if updates and webhook is not None:
            await _receive_by_webhook(app, webhook)
        elif polls:
            await _poll_when_first(app, lock, stop)
        await stop.wait()
        log.info("stop signal received; shutting down")
        if server is not None:
            await server.stop()
        engine = app.engine
        if engine is not None:
            await engine.stop()
        if app.updater is not None and app.updater.running:
            await app.updater.stop()
        if app.running:
            await app.stop()
            if app.post_stop is not None:
                await app.post_stop(app)
    finally:
        if lock is not None:
            await lock.release()
        await app.shutdown()
        if app.post_shutdown is not None:
            await app.post_shutdown(app)


async def _start_ops(app: App, ops: tuple[str, int]) -> OpsServer:
    engine = app.engine
    if engine is None:
        raise RuntimeError("the reminder engine did not start")
    metrics = Metrics()
    engine.on_report = metrics.observe
    if isinstance(app.bot.rate_limiter, BotRateLimiter):
        app.bot.rate_limiter.on_retry_after = metrics.rate_limited.inc
    # The safety net ticks every 5 min at the least: two missed in a row is a hung engine.
    server = OpsServer(
        app.services.database, engine, metrics, stale_after=engine.config.safety_interval * 2
    )
    await server.start(*ops)
    return server


async def _receive_by_webhook(app: App, webhook: Webhook) -> None:
    """Register the webhook with Telegram and serve it (PTB's tornado server)."""
    if app.updater is None:
        return
    log.info("receiving updates by webhook on %s:%s", webhook.listen, webhook.port)
    await app.updater.start_webhook(
        listen=webhook.listen,
        port=webhook.port,
        url_path=webhook.path,
        webhook_url=webhook.url,
        secret_token=webhook.secret,
        allowed_updates=ALLOWED_UPDATES,
        drop_pending_updates=False,
    )


async def _poll_when_first(app: App, lock: PollerLock | None, stop: asyncio.Event) -> None:
    """Poll Telegram if no other process does; else dispatch only, and take over if it stops."""
    if app.updater is None:
        return
    if lock is not None and not await lock.try_acquire():
        log.info("another process polls; this one dispatches and waits to take over")
        while not await lock.try_acquire():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), POLL_TAKEOVER_INTERVAL_S)
            if stop.is_set():
                return
    log.info("polling Telegram for updates")
    await app.updater.start_polling(allowed_updates=ALLOWED_UPDATES, drop_pending_updates=False)
