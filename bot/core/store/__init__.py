"""Storage: the only package that knows table names. SQLite through sqlite-utils.

`open_database(path)` opens (or creates) the database with WAL and foreign keys on and applies
pending migrations (sqlite-utils `Migrations`) in a transaction each. Services refer to tables
only through the `T` constants below.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from bot.core.errors import StorageUnavailable
from bot.core.files import private_file

from .migrations import MIGRATIONS


class T:
    """Table names. Every table that holds member data is covered by export_user/forget_user
    (see `bot.core.rights.members`); a test fails when a new table is not."""

    questions = "questions"
    feedback = "feedback"
    audit_log = "audit_log"
    sessions = "sessions"
    items = "items"
    votes = "votes"
    followers = "followers"
    notes = "notes"
    lessons = "lessons"
    interest = "interest"
    trends = "trends"
    perspectives = "perspectives"
    outbox = "outbox"
    kb_versions = "kb_versions"
    job_runs = "job_runs"
    phrasings = "phrasings"
    pseudonym_keys = "pseudonym_keys"
    calendar_keys = "calendar_keys"

    #: internal tables that hold no member data
    internal = frozenset({"_sqlite_migrations", "sqlite_sequence", "kb_versions", "job_runs", "pseudonym_keys",
                          "calendar_keys"})


def placeholders(values) -> str:
    """"?, ?, ?" for an `in (...)` clause with one parameter per value."""
    return ",".join("?" * len(values))


def write(db: sqlite_utils.Database, sql: str, params: list | tuple = ()) -> int:
    """Run one writing statement in its own transaction (or savepoint inside an outer one) and
    return the number of rows it changed. `db.execute` alone would leave a transaction open."""
    with db.atomic():
        return db.execute(sql, list(params)).rowcount


# -- a member's rows: the shared helpers of every capability's export and erasure -------------------------
def member_rows(db: sqlite_utils.Database, table: str, column: str, keys: tuple[str, ...],
                select: str = "*") -> list[dict]:
    """The rows of `table` whose `column` holds one of the member's `keys`."""
    return list(db[table].rows_where(f"{column} in ({placeholders(keys)})", list(keys), select=select))


def delete_member_rows(db: sqlite_utils.Database, table: str, column: str, keys: tuple[str, ...],
                       extra: str = "") -> int:
    """Delete the rows of `table` whose `column` holds one of `keys` (and `extra`, a fixed condition)."""
    return write(db, f"delete from {table} where {column} in ({placeholders(keys)})" + (f" and {extra}" if extra else ""),
                 list(keys))


def clear_member_column(db: sqlite_utils.Database, table: str, column: str, keys: tuple[str, ...]) -> int:
    """Keep the rows, forget who: set `column` to null where it holds one of `keys`."""
    return write(db, f"update {table} set {column} = null where {column} in ({placeholders(keys)})", list(keys))


def values_with_prefix(db: sqlite_utils.Database, table: str, column: str, prefix: str) -> list[str]:
    """The distinct values of `column` that start with `prefix` (pseudonyms: "anon:")."""
    return [r[0] for r in db.execute(f'select distinct "{column}" from "{table}" where "{column}" like ? || \'%\'',
                                     [prefix]).fetchall()]


def rename_member_key(db: sqlite_utils.Database, table: str, column: str, old: str, new: str) -> int:
    """Store the rows of `old` under `new` (inside the caller's transaction). Where the member has
    a row under both (one vote under each key), the old one goes: it would count twice."""
    changed = db.execute(f'update or ignore "{table}" set "{column}" = ? where "{column}" = ?', [new, old]).rowcount
    db.execute(f'delete from "{table}" where "{column}" = ?', [old])
    return changed


def storage_error(exc: BaseException) -> StorageUnavailable:
    """A SQLite failure during a request (locked by another process, disk full, ...) as the
    domain error members see: nothing was saved, try again shortly. SQLite's transactions keep
    the database whole; the service is back as soon as the cause is gone."""
    return StorageUnavailable("error.storage", reason=_reason(exc))


def open_database(path: Path | str | None, *, migrate: bool = True, busy_ms: int = 5000) -> sqlite_utils.Database:
    """Open the database at `path` (None or ":memory:" for an in-memory one)."""
    try:
        if path is None or str(path) == ":memory:":
            conn = sqlite3.connect(":memory:", check_same_thread=False)
        else:
            p = Path(path)
            private_file(p)  # SQLite gives the -wal and -shm files the database file's mode
            for extra in ("-wal", "-shm"):
                sibling = p.with_name(p.name + extra)
                if sibling.exists():
                    private_file(sibling)
            conn = sqlite3.connect(str(p), check_same_thread=False, timeout=busy_ms / 1000)
            conn.execute("PRAGMA journal_mode=WAL")
            # WAL + NORMAL: a commit survives the process being killed (the fault Labbot is tested
            # against); only a power cut can lose the last commits. FULL would fsync on every
            # commit, which stalled the event loop for 100+ ms under load (bench/load_lab.py).
            conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute(f"PRAGMA busy_timeout={int(busy_ms)}")
        db = sqlite_utils.Database(conn)
        if migrate:
            MIGRATIONS.apply(db)
        return db
    except (OSError, sqlite3.Error) as exc:
        raise StorageUnavailable("error.storage_open", path=str(path), reason=_reason(exc)) from exc


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "readonly" in text or "permission" in text or isinstance(exc, PermissionError):
        return "not writable"
    if "locked" in text or "busy" in text:
        return "locked by another process"
    if "disk" in text and "full" in text or "no space" in text:
        return "disk full"
    if "not a database" in text or "malformed" in text:
        return "not a valid database file"
    return exc.__class__.__name__
