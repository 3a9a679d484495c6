"""One `calcibot run` per SQLite file: a lock held on a file beside the database.

SQLite has no `SKIP LOCKED` and one writer at a time, so two dispatching processes on one file
would send reminders twice and stall each other. The operating system drops the lock when the
process ends, even on SIGKILL, so a crash never leaves a stale lock behind.
"""

import fcntl
import os
from pathlib import Path


class AlreadyRunning(Exception):
    """Another process holds the lock on this database."""


class ProcessLock:
    """An exclusive lock on `<database>.lock`, held until release or process exit."""

    def __init__(self, database: Path) -> None:
        self.path = database.with_name(database.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        """Take the lock; raise AlreadyRunning if another process holds it."""
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise AlreadyRunning(str(self.path)) from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        """Let go of the lock (the file stays; its presence alone locks nothing)."""
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
