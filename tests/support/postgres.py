"""A throwaway PostgreSQL cluster for tests, started and stopped by the test session."""

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

_BIN_DIRS = [Path("/usr/lib/postgresql/15/bin"), Path("/usr/local/bin"), Path("/usr/bin")]


@dataclass(frozen=True)
class Cluster:
    """Where a running cluster listens."""

    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        """Return an asyncpg SQLAlchemy URL for a database in this cluster."""
        return f"postgresql+asyncpg://{self.user}@{self.host}:{self.port}/{database}"


def find_binary(name: str) -> Path | None:
    """Return the path of a PostgreSQL program, or None when it is not installed."""
    for directory in _BIN_DIRS:
        candidate = directory / name
        if candidate.exists():
            return candidate
    found = shutil.which(name)
    return Path(found) if found else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _as_postgres(args: list[str]) -> list[str]:
    # initdb and postgres refuse to run as root, so root runs them as the postgres user.
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *args]
    return args


@contextmanager
def running_cluster() -> Iterator[Cluster]:
    """Start a fresh cluster in a temporary folder; stop it and delete it afterwards."""
    initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise RuntimeError("PostgreSQL binaries (initdb, pg_ctl) are not installed")
    root = Path(tempfile.mkdtemp(prefix="calcibot-pg-"))
    data = root / "data"
    if os.geteuid() == 0:
        shutil.chown(root, user="postgres")
    port = _free_port()
    subprocess.run(  # noqa: S603  (fixed argument list, no shell)
        _as_postgres(
            [
                str(initdb),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    )
    subprocess.run(  # noqa: S603
        _as_postgres(
            [str(pg_ctl), "-D", str(data), "-o", options, "-w", "-l", str(root / "log"), "start"]
        ),
        check=True,
        capture_output=True,
    )
    try:
        yield Cluster(host="127.0.0.1", port=port, user="postgres")
    finally:
        subprocess.run(  # noqa: S603
            _as_postgres([str(pg_ctl), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(root, ignore_errors=True)
