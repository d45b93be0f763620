"""`labbot status`: what a running or stopped Labbot has done and will do, read from its database
(opened read-only) and the backup folder. Plain data; the CLI renders it.

This is the operator's read-only view across capabilities: it reads through their read functions
(the outbox's and the lab's), never writes. Only ids, times, counts, sizes and session themes (set by
moderators, shown in the public calendar anyway) appear; never member text or member ids.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo

import sqlite_utils

from bot.core import outbox
from bot.core.clock import iso, parse_iso
from bot.core.lab import upcoming_session_rows
from bot.core.lab.reminders import due_at
from bot.core.ops.health import oldest_undelivered
from bot.core.ops.runs import JobRuns
from bot.core.settings import Settings
from bot.core.store.migrations import MIGRATIONS

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass
class Status:
    database: dict = field(default_factory=dict)
    outbox: dict = field(default_factory=dict)
    digests: list[dict] = field(default_factory=list)
    next_digest: str | None = None
    sessions: list[dict] = field(default_factory=list)
    reminders: list[dict] = field(default_factory=list)
    jobs: list[dict] = field(default_factory=list)
    backups: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


def open_read_only(path: Path) -> sqlite_utils.Database:
    """The database without changing it (no migrations, no WAL switch); fails when absent."""
    if not Path(path).is_file():
        raise FileNotFoundError(str(path))
    return sqlite_utils.Database(sqlite3.connect(f"file:{Path(path).resolve()}?mode=ro", uri=True))


def next_digest(settings: Settings, now: dt.datetime) -> dt.datetime:
    tz: ZoneInfo = settings.tz
    hour, minute = map(int, settings.digest_time.split(":"))
    local = now.astimezone(tz)
    for ahead in range(8):
        day = local.date() + dt.timedelta(days=ahead)
        if day.weekday() != DAYS.index(settings.digest_day):
            continue
        moment = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz).astimezone(dt.UTC)
        if moment > now:
            return moment
    raise AssertionError("a weekday recurs within eight days")


def migration_state(db: sqlite_utils.Database) -> tuple[int, int]:
    """(pending, unknown): steps this version would apply, and steps applied by a newer version."""
    applied = {m.name for m in MIGRATIONS.applied(db)}
    known = {m.name for m in MIGRATIONS.pending(sqlite_utils.Database(memory=True))}
    return len(known - applied), len(applied - known)


def _size(path: Path) -> int:
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def read_status(db: sqlite_utils.Database, settings: Settings, now: dt.datetime, *,
                job_ids: tuple[str, ...] = (), limit: int = 5) -> Status:
    status = Status()
    path = Path(settings.database_path)
    pending, unknown = migration_state(db)
    status.database = {"path": str(path), "size_bytes": _size(path) if path.exists() else 0,
                       "migrations_pending": pending, "migrations_unknown": unknown}

    counts = outbox.status_counts(db)
    waiting, oldest = oldest_undelivered(db, now)
    status.outbox = {"counts": counts, "backlog": waiting, "oldest_waiting": iso(oldest) if oldest else None,
                     "dead": counts.get("dead", 0)}

    last: dict[str, dict] = {}
    for row in outbox.first_digest_parts(db):
        _, channel, week, _part = row["key"].split(":")
        last[channel] = {"channel": channel, "week": week, "status": row["status"],
                         "at": row["sent_at"] or row["created_at"]}
    status.digests = sorted(last.values(), key=lambda d: d["channel"])
    status.next_digest = iso(next_digest(settings, now))

    upcoming = upcoming_session_rows(db, iso(now), limit)
    status.sessions = upcoming
    reminders = []
    for session in upcoming:
        if session["status"] != "planned":
            continue
        starts = parse_iso(session["starts_at"])
        for offset in settings.reminders:
            when = due_at(starts, offset, settings.tz)
            key = f"reminder:{session['id']}:{offset}:{iso(starts)}"
            if when > now and not outbox.is_queued(db, key):
                reminders.append({"session_id": session["id"], "offset": offset, "due": iso(when)})
    status.reminders = sorted(reminders, key=lambda r: r["due"])[:limit]

    runs = JobRuns.last_of(db)
    status.jobs = [{"job_id": job_id, **({k: runs[job_id][k] for k in ("started_at", "finished_at", "ok", "detail")}
                                         if job_id in runs else {"started_at": None})}
                   for job_id in dict.fromkeys((*job_ids, *sorted(runs)))]

    folder = path.parent / "backups"
    files = sorted(folder.glob(f"{path.stem}-*.db")) if folder.is_dir() else []
    if files:
        newest = files[-1]
        status.backups = {"folder": str(folder), "count": len(files), "newest": newest.name,
                          "newest_at": iso(dt.datetime.fromtimestamp(newest.stat().st_mtime, dt.UTC)),
                          "newest_bytes": newest.stat().st_size}
    else:
        status.backups = {"folder": str(folder), "count": 0}
    return status
