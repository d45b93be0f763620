"""The application object: settings, database, knowledge base and services, built once in `main`
and shared by every door (Discord, console, scheduler, demo)."""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, replace
from pathlib import Path

import sqlite_utils

from .clock import Clock, SystemClock
from .identity import Identity
from .kb import KnowledgeBase
from .services.audit import AuditLog
from .services.guard import PrivacyGuard
from .services.members import MemberRights
from .services.questions import QuestionService
from .services.retention import RetentionService
from .settings import Settings
from .store import open_database

log = logging.getLogger("labbot")


@dataclass
class Labbot:
    settings: Settings
    db: sqlite_utils.Database
    kb: KnowledgeBase
    clock: Clock
    identity: Identity
    guard: PrivacyGuard
    audit: AuditLog
    questions: QuestionService
    members: MemberRights
    retention: RetentionService

    def close(self) -> None:
        self.db.close()

    def intake(self, kind: str, req, fields: dict | None = None):
        """Run one kind of intake (each passes the privacy guard before storing anything)."""
        handlers = {"question": lambda r, f: self.questions.ask(r)}
        return handlers[kind](req, fields or {})

    def continue_intake(self, req, token: str, choice: str) -> tuple[str, object]:
        """The member answered the privacy question for a held intake. Returns (kind, result):
        the intake's result after anonymising, the `Pending` (raw text, to edit) for 'edit', or
        None for 'cancel'."""
        pending = self.guard.resolve(token, req.user_id, choice)
        if pending is None:
            return "", None
        if choice == "edit":
            return pending.kind, pending
        return pending.kind, self.intake(pending.kind, replace(req, text=pending.text), pending.payload)

def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    kb: KnowledgeBase | None = None,
    db: sqlite_utils.Database | None = None,
) -> Labbot:
    clock = clock or SystemClock()
    db = db if db is not None else open_database(settings.database_path)
    kb = kb or KnowledgeBase.load(settings.knowledge_dir)
    for problem in kb.problems:
        log.warning("knowledge base: %s", problem)
    log.info("knowledge base: %d entries loaded, %d problems", len(kb), len(kb.problems))
    identity = Identity(settings.pseudonym_secret or local_secret(settings.database_path))
    guard = PrivacyGuard(clock)
    audit = AuditLog(db, clock)
    questions = QuestionService(db, kb, clock, identity, guard)
    members = MemberRights(identity, clock, [questions, audit])
    retention = RetentionService(clock, settings.retention)
    retention.register_cutoff("question_text", settings.retention.question_days, questions.purge_text_before)
    retention.register_cutoff("audit_log", settings.retention.audit_days, audit.purge_before)
    return Labbot(settings=settings, db=db, kb=kb, clock=clock, identity=identity, guard=guard, audit=audit,
                  questions=questions, members=members, retention=retention)


def local_secret(db_path: Path) -> str:
    """For the offline console and demo only (`labbot run` requires LABBOT_PSEUDONYM_SECRET): a
    random secret kept beside the database file, readable by its owner only."""
    if str(db_path) == ":memory:":
        return secrets.token_urlsafe(32)
    path = Path(db_path).with_name(".pseudonym_secret")
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(32)
    path.write_text(secret, encoding="utf-8")
    path.chmod(0o600)
    return secret
