"""When each scheduled job last ran, kept in the database so `labbot status` can show it for a
running or a stopped Labbot. One row per job id (the last run); details are counts only."""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from bot.core.clock import Clock, iso
from bot.core.store import T


class JobRuns:
    def __init__(self, db: sqlite_utils.Database, clock: Clock) -> None:
        self.db, self.clock = db, clock

    def record(self, job_id: str, started: dt.datetime, *, ok: bool, detail: str = "") -> None:
        self.db[T.job_runs].upsert({"job_id": job_id, "started_at": iso(started),
                                    "finished_at": iso(self.clock.now()), "ok": int(ok),
                                    "detail": detail[:200]}, pk="job_id")

    def last(self) -> dict[str, dict]:
        return self.last_of(self.db)

    @staticmethod
    def last_of(db: sqlite_utils.Database) -> dict[str, dict]:
        """The last run of each job (read only, so also on a database opened read-only)."""
        if not db[T.job_runs].exists():
            return {}
        return {row["job_id"]: row for row in db[T.job_runs].rows}
