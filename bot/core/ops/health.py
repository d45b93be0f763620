"""Is a running Labbot healthy? A plain state object the Discord door updates, read by `/healthz`.

The Discord client calls `gateway_up` / `gateway_down` on connect, resume and disconnect and sets
`scheduler_running` to a probe once the scheduler started; `evaluate` turns that state plus two
looks at the database into a verdict. Nothing here knows Discord or HTTP, and the verdict carries
no member data: reasons are fixed phrases with seconds and counts.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

import sqlite_utils

from bot.core import outbox
from bot.core.clock import iso, parse_iso

GATEWAY_GRACE = dt.timedelta(minutes=1)
BACKLOG_LIMIT = dt.timedelta(minutes=15)
UNDELIVERED = ("pending", "claimed")


@dataclass
class HealthState:
    """What only the running process knows. `since` is when the gateway last changed state
    (None: not started, e.g. the console or a test without a client)."""

    gateway_connected: bool = False
    since: dt.datetime | None = None
    scheduler_running: Callable[[], bool] | None = None

    def gateway_up(self, now: dt.datetime) -> None:
        if not self.gateway_connected or self.since is None:
            self.gateway_connected, self.since = True, now

    def gateway_down(self, now: dt.datetime) -> None:
        if self.gateway_connected or self.since is None:
            self.gateway_connected, self.since = False, now


@dataclass(frozen=True)
class Verdict:
    healthy: bool
    reasons: tuple[str, ...] = ()
    checks: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"status": "ok" if self.healthy else "unhealthy", "reasons": list(self.reasons),
                "checks": dict(self.checks)}


def oldest_undelivered(db: sqlite_utils.Database, now: dt.datetime) -> tuple[int, dt.datetime | None]:
    """Outbox backlog: how many posts wait, and since when the oldest waits. A post queued for
    later and not tried yet does not count; one that is being retried counts from its queueing."""
    n, oldest = outbox.undelivered(db, now)
    return n, parse_iso(oldest) if oldest else None


def database_writable(db: sqlite_utils.Database) -> str | None:
    """None when a write would succeed, else a short reason. Writes the header's user_version
    back unchanged inside a transaction that is rolled back; skipped mid-transaction."""
    conn = db.conn
    if conn.in_transaction:
        return None
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute(f"PRAGMA user_version = {int(version)}")
        finally:
            conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        text = str(exc).lower()
        if "readonly" in text:
            return "read-only"
        if "locked" in text or "busy" in text:
            return None  # another writer holds it for a moment: that is not a fault
        return exc.__class__.__name__
    return None


def evaluate(state: HealthState, db: sqlite_utils.Database, now: dt.datetime) -> Verdict:
    reasons: list[str] = []
    checks: dict[str, str] = {}
    if state.since is None or not state.gateway_connected:
        down_for = (now - state.since) if state.since is not None else None
        if down_for is None or down_for > GATEWAY_GRACE:
            seconds = "never connected" if down_for is None else f"{int(down_for.total_seconds())} s"
            reasons.append(f"gateway disconnected ({seconds})")
            checks["gateway"] = "down"
        else:
            checks["gateway"] = "reconnecting"
    else:
        checks["gateway"] = "ok"
    try:
        count, oldest = oldest_undelivered(db, now)
    except sqlite3.Error:
        count, oldest = 0, None
    if oldest is not None and oldest <= now - BACKLOG_LIMIT:
        minutes = int((now - oldest).total_seconds() // 60)
        reasons.append(f"outbox backlog: {count} waiting, oldest queued {minutes} min ago")
        checks["outbox"] = "stuck"
    else:
        checks["outbox"] = "ok"
    probe = state.scheduler_running
    if probe is None or not probe():
        reasons.append("scheduler stopped")
        checks["scheduler"] = "stopped"
    else:
        checks["scheduler"] = "ok"
    problem = database_writable(db)
    if problem:
        reasons.append(f"database not writable ({problem})")
        checks["database"] = "not writable"
    else:
        checks["database"] = "ok"
    checks["checked_at"] = iso(now)
    return Verdict(not reasons, tuple(reasons), checks)
