"""Schema migrations, one function a step, applied at start (never edit an applied step: add one)."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("labbot")


@MIGRATIONS()
def m001_questions_and_feedback(db: Database) -> None:
    db["questions"].create(
        {
            "id": int,
            "author_id": str,         # door-prefixed user id, or a keyed pseudonym when anonymous
            "channel_id": str,
            "text": str,
            "locale": str,
            "status": str,            # answered | open | closed
            "entry_id": str,          # best entry when answered
            "score": float,
            "confidence": float,
            "alternatives": str,      # JSON list of entry ids
            "created_at": str,
        },
        pk="id",
        not_null={"author_id", "text", "status", "created_at"},
    )
    db["questions"].create_index(["status", "created_at"])
    db["questions"].create_index(["author_id"])
    db["feedback"].create(
        {
            "id": int,
            "question_id": int,
            "entry_id": str,
            "author_id": str,
            "helpful": int,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("question_id", "questions", "id")],
        not_null={"question_id", "author_id", "helpful", "created_at"},
    )
    db["feedback"].create_index(["question_id", "author_id"], unique=True)
    db["feedback"].create_index(["entry_id"])


@MIGRATIONS()
def m002_audit_log(db: Database) -> None:
    db["audit_log"].create(
        {
            "id": int,
            "actor_id": str,          # who (door-prefixed id of a moderator or admin)
            "action": str,            # what (e.g. item.approve, session.plan)
            "item_kind": str,         # which kind of item
            "item_id": str,           # which item
            "detail": str,            # JSON of ids and counts only, never member text
            "created_at": str,        # when (UTC ISO 8601)
        },
        pk="id",
        not_null={"actor_id", "action", "created_at"},
    )
    db["audit_log"].create_index(["created_at"])
    db["audit_log"].create_index(["actor_id"])


@MIGRATIONS()
def m003_living_lab(db: Database) -> None:
    db["sessions"].create(
        {
            "id": int,
            "kind": str,              # lab | plein
            "theme": str,
            "description": str,
            "starts_at": str,         # UTC ISO 8601
            "ends_at": str,
            "location_kind": str,     # channel | external
            "location": str,          # channel id or URL
            "intake_opens_at": str,
            "status": str,            # planned | running | closed | cancelled
            "sequence": int,          # iCalendar SEQUENCE, raised on every change
            "uid": str,               # stable iCalendar UID
            "discord_event_id": str,
            "thread_id": str,
            "current_item_id": int,
            "created_by": str,
            "created_at": str,
            "updated_at": str,
            "closed_at": str,
        },
        pk="id",
        not_null={"kind", "theme", "starts_at", "ends_at", "status", "uid", "created_at"},
        defaults={"sequence": 0, "description": ""},
    )
    db["sessions"].create_index(["uid"], unique=True)
    db["sessions"].create_index(["starts_at"])
    db["items"].create(
        {
            "id": int,
            "session_id": int,
            "author_key": str,        # member id, or keyed pseudonym when anonymous
            "anonymous": int,
            "title": str,
            "text": str,
            "sector": str,
            "status": str,            # pending | approved | rejected | merged | discussed
            "reason": str,            # rejection reason (sent privately to the member)
            "merged_into": int,
            "claimed_by": str,
            "position": int,          # agenda order set by moderators (null: by votes)
            "version": int,           # optimistic concurrency: raised on every change
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"session_id", "author_key", "title", "text", "status", "created_at"},
        defaults={"anonymous": 0, "version": 0},
    )
    db["items"].create_index(["session_id", "status"])
    db["items"].create_index(["author_key"])
    db["votes"].create(
        {"item_id": int, "voter_key": str, "created_at": str},
        pk=("item_id", "voter_key"),
        foreign_keys=[("item_id", "items", "id")],
    )
    db["votes"].create_index(["voter_key"])
    db["followers"].create(
        {"item_id": int, "user_key": str, "created_at": str},
        pk=("item_id", "user_key"),
        foreign_keys=[("item_id", "items", "id")],
    )
    db["notes"].create(
        {"id": int, "item_id": int, "author_id": str, "text": str, "created_at": str},
        pk="id",
        foreign_keys=[("item_id", "items", "id")],
        not_null={"item_id", "author_id", "text", "created_at"},
    )
    db["lessons"].create(
        {
            "id": int,
            "session_id": int,
            "item_id": int,
            "title": str,
            "text": str,
            "status": str,            # draft | approved | published
            "approved_by": str,
            "published_at": str,
            "kb_entry_id": str,       # when promoted to a knowledge entry draft
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id"), ("item_id", "items", "id")],
        not_null={"session_id", "title", "text", "status", "created_at"},
    )
    db["interest"].create(
        {"session_id": int, "user_id": str, "dm": int, "created_at": str},
        pk=("session_id", "user_id"),
        foreign_keys=[("session_id", "sessions", "id")],
        defaults={"dm": 0},
    )


@MIGRATIONS()
def m004_informatieplein(db: Database) -> None:
    db["trends"].create(
        {
            "id": int,
            "municipality": str,
            "region": str,            # the care-and-safety house the municipality belongs to
            "theme": str,             # key in the theme taxonomy
            "seen": str,              # what is seen
            "since": str,             # since when (ISO date or month)
            "direction": str,         # rising | steady | falling
            "helps": str,             # what helps (action perspective from the field)
            "sensitivity": str,       # network | moderators
            "author_key": str,
            "anonymous": int,
            "status": str,            # active | withdrawn | merged
            "merged_into": int,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"municipality", "theme", "seen", "direction", "sensitivity", "author_key", "status",
                  "created_at"},
        defaults={"anonymous": 0},
    )
    db["trends"].create_index(["theme", "created_at"])
    db["trends"].create_index(["author_key"])
    db["perspectives"].create(
        {
            "id": int,
            "session_id": int,
            "theme": str,
            "text": str,
            "status": str,            # draft | published
            "created_by": str,
            "published_at": str,
            "kb_entry_id": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("session_id", "sessions", "id")],
        not_null={"text", "status", "created_at"},
    )


@MIGRATIONS()
def m005_outbox(db: Database) -> None:
    db["outbox"].create(
        {
            "id": int,
            "key": str,               # idempotency key: one post per key, ever (e.g. digest:<channel>:2026-W49)
            "channel": str,           # "network", a channel id, or "dm:<user id>"
            "payload": str,           # JSON: content, embeds (plain data), files (base64)
            "status": str,            # pending | claimed | sent | dead
            "attempts": int,
            "next_attempt_at": str,
            "claimed_until": str,
            "message_id": str,
            "last_error": str,
            "created_at": str,
            "sent_at": str,
        },
        pk="id",
        not_null={"key", "channel", "payload", "status", "created_at"},
        defaults={"attempts": 0},
    )
    db["outbox"].create_index(["key"], unique=True)
    db["outbox"].create_index(["status", "next_attempt_at"])


@MIGRATIONS()
def m006_kb_versions(db: Database) -> None:
    db["kb_versions"].create(
        {"entry_id": str, "hash": str, "title": str, "first_seen": str, "updated_at": str},
        pk="entry_id",
    )


@MIGRATIONS()
def m007_job_runs(db: Database) -> None:
    db["job_runs"].create(
        {
            "job_id": str,            # the scheduler's job id, e.g. retention.daily
            "started_at": str,        # the last run (UTC ISO 8601)
            "finished_at": str,
            "ok": int,
            "detail": str,            # counts or an error class, never member text
        },
        pk="job_id",
    )


#: tables whose ids are shown to people or referenced elsewhere (issue 16, point 4): never reused
NUMBERED_TABLES = ("questions", "feedback", "audit_log", "sessions", "items", "notes", "lessons", "trends",
                   "perspectives", "outbox")


@MIGRATIONS(transactional=False)
def m008_ids_never_reused(db: Database) -> None:
    """Rebuild the numbered tables with `AUTOINCREMENT`, keeping their rows: SQLite then never hands
    out the id of a deleted row again (an erased item's number is not the next item's). The
    documented table rebuild (foreign keys off, one transaction, a foreign key check before the
    commit); idempotent, so a crash before the migration is recorded only repeats it."""
    conn = db.conn
    conn.execute("PRAGMA foreign_keys=OFF")
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            for table in NUMBERED_TABLES:
                _autoincrement(conn, table)
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"foreign key check failed after rebuilding tables: {problems[:5]}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.execute("PRAGMA foreign_keys=ON")


def _autoincrement(conn, table: str) -> None:
    row = conn.execute("select sql from sqlite_master where type = 'table' and name = ?", [table]).fetchone()
    if row is None or "AUTOINCREMENT" in row[0].upper():
        return
    pk = '"id" INTEGER PRIMARY KEY'
    if pk not in row[0]:
        raise RuntimeError(f"{table}: unexpected schema, no {pk}")
    indexes = [r[0] for r in conn.execute(
        "select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null", [table])]
    new = f"_new_{table}"
    create = row[0].replace(f'CREATE TABLE "{table}"', f'CREATE TABLE "{new}"', 1).replace(
        pk, pk + " AUTOINCREMENT", 1)
    conn.execute(create)
    conn.execute(f'insert into "{new}" select * from "{table}"')
    conn.execute(f'drop table "{table}"')
    conn.execute(f'alter table "{new}" rename to "{table}"')
    for sql in indexes:
        conn.execute(sql)


@MIGRATIONS()
def m009_pseudonym_keys(db: Database) -> None:
    """Which keys made the pseudonyms in this database (their fingerprints, never the keys), so a
    rotated or missing LABBOT_PSEUDONYM_SECRET is noticed instead of finding "nothing stored"."""
    db["pseudonym_keys"].create({"fingerprint": str, "first_seen": str, "last_seen": str}, pk="fingerprint")


@MIGRATIONS()
def m010_phrasings(db: Database) -> None:
    """Learned phrasings: questions a member marked "nuttig", masked, kept as another way to ask
    for that entry (issue 13). Erased with the member's data; removable by curators."""
    db.execute('CREATE TABLE "phrasings" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "entry_id" TEXT NOT NULL, '
               '"text" TEXT NOT NULL, "author_id" TEXT NOT NULL, "question_id" INTEGER, "created_at" TEXT NOT NULL)')
    db["phrasings"].create_index(["question_id"], unique=True)  # ids are shown to curators: never reused


@MIGRATIONS()
def m009_calendar_keys(db: Database) -> None:
    """The calendar feed's secret (rotatable: `labbot calendar rotate-token`); no member data."""
    db["calendar_keys"].create({"name": str, "secret": str, "created_at": str}, pk="name")


@MIGRATIONS()
def m010_claimed_at(db: Database) -> None:
    """When a moderator claimed an item (claims expire: issue 19, point 7)."""
    db["items"].add_column("claimed_at", str)


@MIGRATIONS()
def m011_item_locale_and_expert_thread(db: Database) -> None:
    # the author's language at intake (for the rejection DM), and the expert sub-session's private
    # thread once Discord made it (a retry or a second /sessie expert reuses it)
    db["items"].add_column("locale", str)
    db["items"].add_column("expert_thread_id", str)
