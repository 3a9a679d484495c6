"""Ready the two databases: the cached big one for start-up, a fresh small one for lateness.

The big file holds `n` schedules, two per user (a dose of the user's calcium product and a
walk), each with one pending reminder planned at least HORIZON ahead; before every run the
first DUE_NOW doses are moved to one minute ago, so exactly those are due at boot. A sidecar
JSON file says what the cache holds; a mismatch (size, layout, migration head) rebuilds it.
"""

from __future__ import annotations

import json
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench import _reminders_db as db
from bench._reminders_shape import DUE_NOW, hhmm, telegram_id, user_of, zone_of
from storage.migrate import head_revision

# Bump when the rows change shape, so a cached file from an older layout is rebuilt.
LAYOUT = 1
# Future occurrences are planned at least this far ahead, so a cached file has nothing due
# but the handful for hours of reruns. Each is a real occurrence of its schedule.
HORIZON = timedelta(hours=12)
# Re-plan the cached reminders when the earliest future one is closer than this.
_MARGIN = timedelta(minutes=30)


def _meta(path: Path) -> Path:
    return path.with_suffix(".json")


def _cached(path: Path, n: int) -> dict[str, object] | None:
    meta = _meta(path)
    if not (path.exists() and meta.exists()):
        return None
    info = json.loads(meta.read_text(encoding="utf-8"))
    wanted = {"layout": LAYOUT, "n": n, "head": head_revision()}
    if any(info.get(key) != value for key, value in wanted.items()):
        return None
    with sqlite3.connect(path) as connection:
        (last,) = connection.execute("SELECT max(id) FROM schedule").fetchone()
    return info if last == n else None


def _replan(path: Path, n: int, info: dict[str, object]) -> None:
    _meta(path).unlink()  # a crash during the bulk write leaves no claim of a valid cache
    connection = db.bulk(path)
    after = datetime.now(UTC) + HORIZON
    connection.execute("DELETE FROM reminder")
    db.plan(connection, ((s, user_of(s)) for s in range(1, n + 1)), after=after)
    db.finish(connection)
    info["planned_after"] = after.isoformat()
    _meta(path).write_text(json.dumps(info), encoding="utf-8")


def build(path: Path, n: int) -> None:
    """Build the big file from scratch and record it in the sidecar."""
    started = time.perf_counter()
    _meta(path).unlink(missing_ok=True)
    db.create_schema(path)
    connection = db.bulk(path)
    created = db.stamp(datetime.now(UTC))
    users = user_of(n)
    db.insert_users(connection, users, created)
    print(f"  {users:,} users and products: {time.perf_counter() - started:.1f} s")
    schedules = (db.schedule_row(s, user_of(s), created, dose=s % 2 == 1) for s in range(1, n + 1))
    db.insert(connection, "schedule", db.SCHEDULE_COLUMNS, schedules)
    print(f"  {n:,} schedules: {time.perf_counter() - started:.1f} s")
    after = datetime.now(UTC) + HORIZON
    db.plan(connection, ((s, user_of(s)) for s in range(1, n + 1)), after=after)
    print(f"  {n:,} reminders: {time.perf_counter() - started:.1f} s")
    db.finish(connection)
    info = {"layout": LAYOUT, "n": n, "head": head_revision(), "planned_after": after.isoformat()}
    _meta(path).write_text(json.dumps(info), encoding="utf-8")


def startup_db(path: Path, n: int, *, rebuild: bool = False) -> list[int]:
    """Ready the big file for one boot; return the chat ids of the reminders due now."""
    started = time.perf_counter()
    info = None if rebuild else _cached(path, n)
    if info is None:
        print(f"building {path} (not timed) …")
        build(path, n)
    else:
        drop_follow_ups(path, n)
        planned_after = datetime.fromisoformat(str(info["planned_after"]))
        if planned_after < datetime.now(UTC) + _MARGIN:
            print(f"re-planning the cached reminders of {path} (not timed) …")
            _replan(path, n, info)
        print(f"reusing {path}")
    chats = _make_due(path)
    print(f"  database ready in {time.perf_counter() - started:.1f} s (not timed)")
    return chats


def drop_follow_ups(path: Path, n: int) -> None:
    """Delete what an earlier boot's dispatch planned; reminder ids up to n are the base rows."""
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM reminder WHERE id > ?", (n,))


def again(path: Path, n: int) -> list[int]:
    """Ready the big file for one more boot after one that dispatched."""
    drop_follow_ups(path, n)
    return _make_due(path)


def _make_due(path: Path) -> list[int]:
    """Move the first DUE_NOW dose schedules (ids 1, 3, 5 …) to one minute ago, unsent."""
    due = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(minutes=1)
    chats = []
    with sqlite3.connect(path) as connection:
        for k in range(DUE_NOW):
            schedule_id, user_id = 2 * k + 1, k + 1
            local = due.astimezone(ZoneInfo(zone_of(user_id)))
            times = json.dumps([hhmm(local.hour * 60 + local.minute)])
            connection.execute(
                "UPDATE schedule SET times = ?, active = 1 WHERE id = ?", (times, schedule_id)
            )
            connection.execute(
                "UPDATE reminder SET due_at = ?, status = 'pending', attempts = 0,"
                " lease_until = NULL, message_id = NULL, sent_at = NULL, late = 0,"
                " nudged_at = NULL, answered_at = NULL, snoozed_until = NULL WHERE id = ?",
                (db.stamp(due), schedule_id),
            )
            connection.execute('UPDATE "user" SET active = 1 WHERE id = ?', (user_id,))
            chats.append(telegram_id(user_id))
    return chats


def lateness_db(path: Path, count: int, *, first: datetime, spread: timedelta) -> dict[int, float]:
    """Build a fresh file of `count` users with one dose schedule each, and one due moment each.

    Each schedule's regular next occurrence is hours away; the measured ones are one-off
    occurrences (as a snooze makes) spread evenly over `spread` from `first`, since wall
    times of whole minutes cannot spread over one minute. Returns chat id → due (epoch s).
    """
    db.create_schema(path)
    connection = db.bulk(path)
    created = db.stamp(datetime.now(UTC))
    db.insert_users(connection, count, created)
    schedules = (db.schedule_row(u, u, created, dose=True) for u in range(1, count + 1))
    db.insert(connection, "schedule", db.SCHEDULE_COLUMNS, schedules)
    db.plan(connection, ((u, u) for u in range(1, count + 1)), after=first + timedelta(hours=2))
    step = spread / count
    due = {u: first + step * (u - 1) for u in range(1, count + 1)}
    db.insert(
        connection,
        "reminder",
        db.REMINDER_COLUMNS,
        ((count + u, u, u, db.stamp(at), "pending", 1, 0, 0) for u, at in due.items()),
    )
    db.finish(connection)
    return {telegram_id(u): at.timestamp() for u, at in due.items()}
