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
