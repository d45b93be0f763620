"""Notes during a session, and "lessen en tips" back to the network afterwards.

When a session closes, a draft lesson is made per discussed item from its notes (an extractive
Dutch summary, `knowledge.summarise`), passed through the privacy guard. Moderators edit and
approve; publishing posts them to the network channel (an embed within Discord's limits plus a
Markdown attachment) through the outbox. Published lessons are searchable by later questions and
can be promoted to a knowledge entry draft with their provenance.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import sqlite_utils
import yaml

from bot.core.clock import Clock, iso, parse_iso
from bot.core.errors import Conflict, InvalidInput, NotFound
from bot.core.files import write_private
from bot.core.guard import PrivacyGuard
from bot.core.i18n import t
from bot.core.identity import CHECKED, PLUMBING, PUBLIC, RETENTION, RIGHTS, no_privilege, requires
from bot.core.lab import store
from bot.core.lab.sessions import SessionService
from bot.core.models import Privilege, Request
from bot.core.notify import EmbedBuilder, FileData, OutMessage
from bot.core.outbox import OutboxService
from bot.core.publish import public_text
from bot.core.rights.audit import AuditLog
from bot.core.store import T, clear_member_column, delete_member_rows, member_rows
from bot.core.text import clean_input, clean_title, has_words, shorten
from knowledge.entry import Entry
from knowledge.summarise import summarise

MAX_NOTE = 2000
MAX_LESSON = 1500
REVIEW_AFTER = dt.timedelta(days=182)


class LessonService:
    TABLES = (T.notes, T.lessons)
    MEMBER_COLUMNS = {T.notes: ("author_id",), T.lessons: ("approved_by",)}

    def __init__(self, db: sqlite_utils.Database, clock: Clock, guard: PrivacyGuard, audit: AuditLog,
                 outbox: OutboxService, sessions: SessionService) -> None:
        self.db, self.clock, self.guard, self.audit = db, clock, guard, audit
        self.outbox, self.sessions = outbox, sessions
        self.listeners: list = []  # called after publishing (the knowledge base re-indexes lessons)

    # -- notes --------------------------------------------------------------------------------
    @requires(Privilege.MODERATOR)
    def add_note(self, req: Request, item_id: int) -> int:
        text = clean_input(req.text)
        if not text:
            raise InvalidInput("lab.note_empty")
        if len(text) > MAX_NOTE:
            raise InvalidInput("lab.note_too_long", length=len(text), limit=MAX_NOTE)
        item = self.db[T.items].get(item_id) if self.db[T.items].count_where("id = ?", [item_id]) else None
        if item is None:
            raise NotFound("lab.item_not_found", item_id=item_id)
        self.guard.check(req.user_id, "note", text, {"item_id": item_id})
        note_id = self.db[T.notes].insert({"item_id": item_id, "author_id": req.user_id, "text": text,
                                           "created_at": iso(self.clock.now())}).last_pk
        self.audit.record(req, "note.add", "item", item_id)
        return note_id

    @no_privilege(CHECKED)
    def notes(self, item_id: int) -> list[str]:
        return [r["text"] for r in self.db[T.notes].rows_where("item_id = ?", [item_id], order_by="id")]

    # -- drafts -------------------------------------------------------------------------------
    @no_privilege(CHECKED + ' (after SessionService.close)')
    def draft_for_session(self, session_id: int) -> list[int]:
        """One draft lesson per item with notes; idempotent (an item gets one draft)."""
        made = []
        for row in store.items_needing_a_lesson(self.db, session_id):
            notes = "\n".join(self.notes(row["id"]))
            body = summarise(notes, max_sentences=4, max_chars=MAX_LESSON)
            if not has_words(body):  # a note too short or odd to summarise: its own words (issue 19.6)
                body = shorten(notes, MAX_LESSON) if has_words(notes) else ""
            body = self.guard.scrub(body, what="lesson draft")
            title = self.guard.scrub(clean_title(row["title"]), what="lesson title")
            now = iso(self.clock.now())
            made.append(self.db[T.lessons].insert({
                "session_id": session_id, "item_id": row["id"], "title": title, "text": body, "status": "draft",
                "created_at": now, "updated_at": now}).last_pk)
        return made

    @no_privilege(CHECKED)
    def get(self, lesson_id: int) -> dict:
        try:
            return self.db[T.lessons].get(lesson_id)
        except sqlite_utils.db.NotFoundError:
            raise NotFound("lab.lesson_not_found", lesson_id=lesson_id) from None

    @requires(Privilege.MODERATOR)
    def drafts(self, req: Request, session_id: int) -> list[dict]:
        """A session's lessons in every state, drafts included (not for members' eyes)."""
        return self.for_session(session_id)

    @requires(Privilege.MODERATOR)
    def editable(self, req: Request, lesson_id: int) -> dict:
        """A lesson a moderator may still edit (checked before the edit form opens)."""
        lesson = self.get(lesson_id)
        if lesson["status"] == "published":
            raise Conflict("lab.lesson_published")
        return lesson

    @no_privilege(CHECKED + '; doors read drafts through `drafts`')
    def for_session(self, session_id: int) -> list[dict]:
        return list(self.db[T.lessons].rows_where("session_id = ?", [session_id], order_by="id"))

    @requires(Privilege.MODERATOR)
    def edit(self, req: Request, lesson_id: int, title: str | None, text: str | None) -> dict:
        lesson = self.get(lesson_id)
        if lesson["status"] == "published":
            raise Conflict("lab.lesson_published")
        values = {}
        for key, value in (("title", title), ("text", text)):
            if value is not None:
                value = clean_title(value) if key == "title" else clean_input(value)
                if not value or len(value) > (200 if key == "title" else MAX_LESSON):
                    raise InvalidInput("lab.lesson_bad", field=key)
                values[key] = self.guard.scrub(value, what="lesson")
        if values:
            self.db[T.lessons].update(lesson_id, dict(values, status="draft", updated_at=iso(self.clock.now())))
            self.audit.record(req, "lesson.edit", "lesson", lesson_id)
        return self.get(lesson_id)

    @requires(Privilege.MODERATOR)
    def approve(self, req: Request, lesson_id: int) -> dict:
        lesson = self.get(lesson_id)
        if lesson["status"] == "published":
            raise Conflict("lab.lesson_published")
        if not has_words(lesson["title"] or "") or not has_words(lesson["text"] or ""):
            raise InvalidInput("lab.lesson_empty", lesson_id=lesson_id)  # write it first (les-bewerk)
        self.db[T.lessons].update(lesson_id, {"status": "approved", "approved_by": req.user_id,
                                              "updated_at": iso(self.clock.now())})
        self.audit.record(req, "lesson.approve", "lesson", lesson_id)
        return self.get(lesson_id)

    # -- publishing ---------------------------------------------------------------------------
    @requires(Privilege.MODERATOR)
    def publish(self, req: Request, session_id: int) -> int:
        """Post the approved lessons of a session to the network channel; returns how many."""
        session = self.sessions.get(session_id)
        lessons = [r for r in self.for_session(session_id) if r["status"] == "approved"
                   and has_words(r["title"] or "") and has_words(r["text"] or "")]  # an empty one waits
        if not lessons:
            raise InvalidInput("lab.no_approved_lessons")
        key = f"lessons:{session_id}:{','.join(str(r['id']) for r in lessons)}"
        self.message(session, lessons)  # checked now (limits); rendered again when it is sent
        now = iso(self.clock.now())
        with self.db.atomic():
            store.mark_lessons_published(self.db, [r["id"] for r in lessons], now)
            self.outbox.enqueue(key, "network", render={"kind": "lessons", "session_id": session_id,
                                                        "lesson_ids": [r["id"] for r in lessons]})
        self.audit.record(req, "lesson.publish", "session", session_id, lessons=len(lessons))
        for listener in self.listeners:
            listener()
        return len(lessons)

    @no_privilege(PLUMBING + ' (the outbox renders lessons when it sends them)')
    def message(self, session, lessons: list[dict]) -> OutMessage:
        """The post of a session's lessons: one budgeted embed (`EmbedBuilder`: the lessons that do
        not fit are counted, "en nog N meer") and the Markdown file with all of them."""
        date = session.starts_at.astimezone(self.sessions.tz).date().isoformat()
        markdown = "\n\n".join(f"## {public_text(r['title'])}\n\n{public_text(r['text'], one_line=False)}"
                                for r in lessons)
        title = t("lab.lessons_post.title", theme=public_text(session.theme))
        markdown = self.guard.scrub(f"# {title}\n\n{t('lab.lessons_post.file_intro', date=date)}\n\n"
                                    f"{markdown}\n", what="lessons attachment")
        builder = EmbedBuilder(t("lab.lessons_post.title", theme=public_text(session.theme, 230)),
                               t("lab.lessons_post.intro", date=date))
        for r in lessons:
            builder.field(public_text(self.guard.scrub(r["title"]), 256),
                          public_text(self.guard.scrub(r["text"]), 1024, one_line=False))
        message = OutMessage(embeds=(builder.build(),),
                             files=(FileData(f"lessen-{date}.md", markdown.encode("utf-8")),))
        message.check_limits()
        return message

    @no_privilege(PUBLIC + ': published lessons')
    def published_entries(self) -> list[Entry]:
        """Published lessons as knowledge entries, for matching later questions."""
        out = []
        for r in store.published_lessons_with_session(self.db):
            out.append(Entry(id=f"les-{r['id']}", title=r["title"], body=r["text"], tags=(r["theme"],),
                             sources=(f"living lab {parse_iso(r['starts_at']).date().isoformat()}",),
                             sensitivity="network", provenance={"session_id": r["session_id"],
                                                                "date": r["starts_at"][:10]}))
        return out

    @requires(Privilege.MODERATOR)
    def promote(self, req: Request, lesson_id: int, drafts_dir: Path) -> Path:
        """Write the lesson as a knowledge entry draft (Markdown with front matter) for curators."""
        lesson = self.get(lesson_id)
        if lesson["status"] != "published":
            raise Conflict("lab.lesson_not_published")
        session = self.sessions.get(lesson["session_id"])
        slug = re.sub(r"[^a-z0-9]+", "-", lesson["title"].lower()).strip("-")[:40].strip("-") or "les"
        entry_id = f"les-{lesson_id}-{slug}"
        today = self.clock.now().date()
        meta = {
            "id": entry_id, "title": lesson["title"], "tags": ["living lab", session.theme[:40]],
            "aliases": [], "audience": ["professionals"], "owner": "kernteam-cter",
            "review_by": (today + REVIEW_AFTER).isoformat(),
            "sources": [f"Living lab {session.starts_at.astimezone(self.sessions.tz).date().isoformat()}"],
            "sensitivity": "network",
            "provenance": {"session": session.id, "theme": session.theme, "date": session.starts_at.date().isoformat(),
                           "reviewed_by": lesson["approved_by"] or req.user_id, "lesson": lesson_id},
        }
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        path = write_private(Path(drafts_dir) / f"{entry_id}.md",
                             f"---\n{front}---\n{self.guard.scrub(lesson['text'])}\n")
        self.db[T.lessons].update(lesson_id, {"kb_entry_id": entry_id})
        self.audit.record(req, "lesson.promote", "lesson", lesson_id)
        return path

    # -- the member's rights and retention ----------------------------------------------------
    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        return {T.notes: member_rows(self.db, T.notes, "author_id", keys),
                T.lessons: member_rows(self.db, T.lessons, "approved_by", keys, select="id, title, status, published_at")}

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        notes = delete_member_rows(self.db, T.notes, "author_id", keys)
        lessons = clear_member_column(self.db, T.lessons, "approved_by", keys)
        return {T.notes: notes, T.lessons: lessons}

    @no_privilege(PUBLIC + ': published lessons')
    def published_between(self, since: dt.datetime, until: dt.datetime) -> list[dict]:
        """Read model for the digest: lessons published in [since, until), oldest first."""
        return store.published_lesson_rows(self.db, iso(since), iso(until))

    @no_privilege(RETENTION)
    def purge_closed_before(self, cutoff: dt.datetime) -> int:
        return store.purge_notes_closed_before(self.db, iso(cutoff))
