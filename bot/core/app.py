"""The application object: settings, database, knowledge base and services, built once in `main`
and shared by every door (Discord, console, scheduler, demo)."""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

import sqlite_utils

from bot.core.ask import KnowledgeBase, QuestionService
from bot.core.clock import Clock, SystemClock, iso
from bot.core.digest.service import DigestService
from bot.core.files import write_private
from bot.core.guard import PrivacyGuard
from bot.core.identity import Identity, RateLimiter
from bot.core.lab import (
    CalendarFeeds,
    IntakeService,
    Lab,
    LabPosts,
    LessonService,
    ReminderService,
    SessionService,
)
from bot.core.ops import HealthState
from bot.core.outbox import OutboxService
from bot.core.plein import PleinService
from bot.core.region import load_region
from bot.core.rights.audit import AuditLog
from bot.core.rights.members import MemberRights
from bot.core.rights.retention import RetentionService
from bot.core.settings import Settings, SettingsError
from bot.core.store import open_database
from knowledge.hybrid import matcher_factory

log = logging.getLogger("labbot")

#: per member: (max events, window in seconds)
RATE_LIMITS = {"intake": (10, 3600.0), "vote": (60, 60.0), "question": (30, 600.0), "feedback": (30, 600.0),
               "trend": (10, 3600.0)}


@dataclass
class Labbot:
    settings: Settings
    db: sqlite_utils.Database
    kb: KnowledgeBase
    clock: Clock
    identity: Identity
    guard: PrivacyGuard
    audit: AuditLog
    outbox: OutboxService
    questions: QuestionService
    sessions: SessionService
    intake_items: IntakeService
    lessons: LessonService
    reminders: ReminderService
    members: MemberRights
    retention: RetentionService
    digest: DigestService
    plein: PleinService
    feeds: CalendarFeeds
    #: what the running process knows of its own health (the Discord door updates it, /healthz reads it)
    health: HealthState = field(default_factory=HealthState)

    def close(self) -> None:
        self.db.close()

    def warm_up(self) -> None:
        """Load what is loaded lazily (name lists, matcher caches) before the first member waits
        for it: the first intake would otherwise stall the event loop for a few hundred ms."""
        from bot.core.privacy import detect

        detect("Warm-up: Jan de Vries, 06-12345678, 1234 AB, geboren 1-1-2000.")
        self.kb.search("warm-up vraag over radicalisering")

    def intake(self, kind: str, req, fields: dict | None = None):
        """Run one kind of intake (each passes the privacy guard before storing anything)."""
        fields = dict(fields or {})
        handlers = {
            "question": lambda r, f: self.questions.ask(r),
            "item": lambda r, f: self.intake_items.submit(replace(r, anonymous=bool(f.get("anonymous"))),
                                                          f["session_id"], f.get("title", ""), f.get("sector", "")),
            "note": lambda r, f: self.lessons.add_note(r, f["item_id"]),
            "trend": lambda r, f: self.plein.intake(r, f),
            "perspective": lambda r, f: self.plein.add_perspective(r, f.get("session_id"), f.get("theme"), r.text),
        }
        return handlers[kind](req, fields)

    def continue_intake(self, req, token: str, choice: str) -> tuple[str, object]:
        """The member answered the privacy question for a held intake. Returns (kind, result):
        the intake's result after anonymising, the `Pending` (raw text, to edit) for 'edit', or
        None for 'cancel'."""
        kind, pending, anonymised = self.resolve_intake(req, token, choice)
        if anonymised is None:
            return kind, pending
        return kind, self.intake(kind, anonymised, pending.payload)

    def resolve_intake(self, req, token: str, choice: str):
        """The first half of `continue_intake`, for a door that must do something between the two
        (encode a question off its event loop): (kind, pending, the request to take in with its
        anonymised text); the request is None for 'edit' and 'cancel' (pending None)."""
        pending = self.guard.resolve(token, req.user_id, choice)
        if pending is None:
            return "", None, None
        if choice == "edit":
            return pending.kind, pending, None
        return pending.kind, pending, replace(req, text=pending.text)


def build_app(
    settings: Settings,
    *,
    clock: Clock | None = None,
    kb: KnowledgeBase | None = None,
    db: sqlite_utils.Database | None = None,
) -> Labbot:
    clock = clock or SystemClock()
    db = db if db is not None else open_database(settings.database_path)
    if kb is None:  # entry vectors are kept in the database; lexical only without an embedder
        # The vector cache gets its own connection to the database file: the matchers are rebuilt
        # in a worker thread (`KnowledgeBase.run_rebuilds_with`), never on the services' connection.
        on_file = str(settings.database_path) != ":memory:"
        factory, status = matcher_factory(settings.vector_cache or (settings.database_path if on_file else None))
        log.info("matcher: %s", status)
        kb = KnowledgeBase.load(settings.knowledge_dir, factory)
    for problem in kb.problems:
        log.warning("knowledge base: %s", problem)
    log.info("knowledge base: %d entries loaded, %d problems", len(kb), len(kb.problems))
    secret = settings.pseudonym_secret or local_secret(settings.database_path, create=False)
    identity = Identity(secret or secrets.token_urlsafe(32), settings.old_pseudonym_secrets)
    guard = PrivacyGuard(clock)
    audit = AuditLog(db, clock)
    outbox = OutboxService(db, clock)
    limiter = RateLimiter(clock, RATE_LIMITS)
    questions = QuestionService(db, kb, clock, identity, guard, limiter)
    questions.load_phrasings()
    sessions = SessionService(db, clock, audit, outbox, settings.tz, guard=guard)
    intake = IntakeService(db, clock, identity, guard, audit, outbox, sessions, limiter,
                           claim_ttl=dt.timedelta(hours=settings.claim_hours))
    lessons = LessonService(db, clock, guard, audit, outbox, sessions)
    reminders = ReminderService(db, clock, sessions, outbox, settings.tz, settings.reminders,
                                dt.timedelta(minutes=settings.catchup_grace_minutes))
    region = load_region(settings.region_file)
    plein = PleinService(db, clock, identity, guard, audit, region, tz=settings.tz, limiter=limiter)
    lab = Lab(sessions, intake, lessons, reminders)
    LabPosts(outbox, sessions, intake, lessons)  # the lab's posts, rendered when they are sent
    feeds = CalendarFeeds(db, clock, identity, audit, sessions, settings.tz, settings.calendar_url)
    digest = DigestService(db, clock, settings, kb, lab, questions, plein, guard, outbox,
                           theme_label=region.theme_label, theme_colours=region.theme_colours,
                           feed_address=feeds.network_address)
    kb.record_versions(db, iso(clock.now()))
    kb.set_lessons(lessons.published_entries())
    lessons.listeners.append(lambda: kb.set_lessons(lessons.published_entries()))
    members = MemberRights(identity, clock, [questions, audit, outbox, sessions, intake, lessons, reminders, plein])
    if secret is None and str(settings.database_path) != ":memory:":
        if members.stored_pseudonyms():  # made with a secret this process does not have (issue 19, point 3)
            raise SettingsError(
                f"LABBOT_PSEUDONYM_SECRET is not set, and {settings.database_path} already holds pseudonyms made "
                f"with a secret: set the same secret as the bot (or use --env-file with the bot's .env); a new "
                f"key would not find, export or erase what members stored")
        save_local_secret(settings.database_path, identity)
    members.record_key()
    rules = settings.retention
    retention = RetentionService(clock, rules)
    retention.register_cutoff("question_text", rules.question_days, questions.purge_text_before)
    retention.register_cutoff("audit_log", rules.audit_days, audit.purge_before)
    retention.register_cutoff("outbox_payloads", 30, outbox.purge_sent_before)
    retention.register_cutoff("trends", rules.trend_days, plein.purge_before)
    retention.register_cutoff("withdrawn_trends", rules.intake_days, plein.purge_withdrawn_before)
    retention.register("intake_text", lambda now: intake.purge_closed_before(now - dt.timedelta(days=rules.intake_days)))
    retention.register("notes", lambda now: lessons.purge_closed_before(now - dt.timedelta(days=rules.intake_days)))
    return Labbot(settings=settings, db=db, kb=kb, clock=clock, identity=identity, guard=guard, audit=audit,
                  outbox=outbox, questions=questions, sessions=sessions, intake_items=intake, lessons=lessons,
                  reminders=reminders, members=members, retention=retention, digest=digest,
                  plein=plein, feeds=feeds)


def local_secret(db_path: Path, *, create: bool = True) -> str | None:
    """For the offline console and demo only (`labbot run` requires LABBOT_PSEUDONYM_SECRET): a
    random secret kept beside the database file, readable by its owner only. Without `create`,
    None when there is none yet (`build_app` then checks the database before keeping a new one)."""
    if str(db_path) == ":memory:":
        return secrets.token_urlsafe(32)
    path = Path(db_path).with_name(".pseudonym_secret")
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    if not create:
        return None
    secret = secrets.token_urlsafe(32)
    _write_secret(path, secret)
    return secret


def save_local_secret(db_path: Path, identity: Identity) -> None:
    _write_secret(Path(db_path).with_name(".pseudonym_secret"), identity.secret)


def _write_secret(path: Path, secret: str) -> None:
    write_private(path, secret)
