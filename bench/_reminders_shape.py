"""The shape of the benchmark's data, shared by the builder and the child processes.

Standard library only: the baseline child imports it and must not pay for SQLAlchemy.
"""

from __future__ import annotations

import json
import sys
import time

ZONES = (
    "UTC", "Europe/Berlin", "America/New_York", "Asia/Shanghai",
    "Asia/Tokyo", "Europe/London", "America/Sao_Paulo", "Australia/Sydney",
)  # fmt: skip
# Telegram user ids above 2**31, as real ones are; chat id = user id in a private chat.
TELEGRAM_BASE = 5_000_000_000
# This many dose reminders are due when the start-up child boots: "a handful".
DUE_NOW = 5
# Child processes report on stdout in lines that start with this.
MARK = "BENCH "


def telegram_id(user_id: int) -> int:
    """Return the Telegram (and chat) id of benchmark user `user_id`."""
    return TELEGRAM_BASE + user_id


def zone_of(user_id: int) -> str:
    """Return the time zone of benchmark user `user_id`."""
    return ZONES[user_id % len(ZONES)]


def user_of(schedule_id: int) -> int:
    """Return the owner of a schedule in the big file: two schedules (dose, walk) per user."""
    return (schedule_id + 1) // 2


def wall_minute(schedule_id: int) -> int:
    """Return the schedule's minute of the day, spread over the day."""
    return (schedule_id * 7919) % 1440


def hhmm(minute: int) -> str:
    """Write a minute of the day as "HH:MM"."""
    return f"{minute // 60:02d}:{minute % 60:02d}"


def memory_mb() -> dict[str, float]:
    """Return this process's peak and current resident set size in MB from /proc.

    VmHWM is the peak of this process image only; getrusage's ru_maxrss is not used because
    Linux carries the parent's peak across fork+exec into it.
    """
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS"):
                fields[key] = int(value.split()[0]) / 1024
    return {"peak_rss_mb": fields["VmHWM"], "rss_mb": fields["VmRSS"]}


def emit(**fields: object) -> None:
    """Report to the parent: one JSON object on one marked line."""
    fields["at"] = time.time()
    sys.stdout.write(MARK + json.dumps(fields) + "\n")
    sys.stdout.flush()
