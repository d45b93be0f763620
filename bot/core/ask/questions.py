"""Questions in chat: match against the knowledge base, answer with the source or say honestly
that there is no good answer yet and keep the question open for the next living lab.

Every question, answer and feedback is stored, under the member's keyed pseudonym: nobody needs
to know who asked. The text passes the privacy guard before it is stored.
"""

from __future__ import annotations

import json
import re

import sqlite_utils

from bot.core.ask import store
from bot.core.ask.kb import KnowledgeBase
from bot.core.clock import Clock, iso
from bot.core.errors import InvalidInput, LabbotError, NotFound
from bot.core.guard import PrivacyGuard
from bot.core.identity import (
    PLUMBING,
    PUBLIC,
    PURE,
    RETENTION,
    RIGHTS,
    Identity,
    RateLimiter,
    no_privilege,
    requires,
)
from bot.core.models import Answer, EntryRef, Privilege, Request
from bot.core.store import T, member_rows
from bot.core.text import clean_input, has_words
from knowledge.sources import shown_sources

MAX_QUESTION_CHARS = 2000
MAX_PHRASING = 300  # a learned phrasing is a question, not a story
PLACEHOLDER = re.compile(r"\[[A-Z][A-Z-]{1,20}\]")  # [NAAM], [TELEFOON], ... left by anonymising


class QuestionService:
    TABLES = (T.questions, T.feedback, T.phrasings)
    MEMBER_COLUMNS = {T.questions: ("author_id",), T.feedback: ("author_id",), T.phrasings: ("author_id",)}

    def __init__(self, db: sqlite_utils.Database, kb: KnowledgeBase, clock: Clock, identity: Identity,
                 guard: PrivacyGuard, limiter: RateLimiter | None = None) -> None:
        self.db = db
        self.kb = kb
        self.clock = clock
        self.identity = identity
        self.guard = guard
        self.limiter = limiter

    # -- asking -------------------------------------------------------------------------------
    @staticmethod
    @no_privilege(PURE)
    def validate(text: str | None) -> str:
        """The cleaned question, or InvalidInput with a key that says what is wrong."""
        text = clean_input(text)
        if not text:
            raise InvalidInput("error.question_empty")
        if len(text) > MAX_QUESTION_CHARS:
            raise InvalidInput("error.question_too_long", length=len(text), limit=MAX_QUESTION_CHARS)
        if not has_words(text):
            raise InvalidInput("error.question_no_words")
        return text

    @no_privilege(PURE + ': encodes the question ahead of `ask`, stores and checks nothing')
    def prepare(self, req: Request) -> None:
        """Do the slow part of `ask` (encoding the question) ahead, in a worker thread; stores
        nothing and checks nothing (`ask` does), so a bad question simply prepares nothing."""
        try:
            self.kb.prepare(PLACEHOLDER.sub(" ", self.validate(req.text)))
        except LabbotError:
            pass

    @requires(Privilege.MEMBER)
    def ask(self, req: Request) -> Answer:
        text = self.validate(req.text)
        if not self.kb.knows_a_word(PLACEHOLDER.sub(" ", text), req.privilege):
            raise InvalidInput("error.question_not_understood")  # nothing stored, not on any agenda
        if self.limiter is not None:
            self.limiter.hit("question", self.identity.pseudonym(req.user_id))
        self.guard.check(req.user_id, "question", text)
        result = self.kb.search(PLACEHOLDER.sub(" ", text), req.privilege)
        refs = [self._ref(h.entry_id, h.score, h.matched_on) for h in result.hits]
        answered = not result.abstain and bool(refs)
        close = {h.entry_id for h in result.close_runners_up}
        also = tuple(r for r in refs[1:] if r.entry_id in close)[:2]
        row = {
            "author_id": self.identity.pseudonym(req.user_id),
            "channel_id": req.channel_id,
            "text": text,
            "locale": req.lang,
            "status": "answered" if answered else "open",
            "entry_id": refs[0].entry_id if answered else None,
            "score": refs[0].score if refs else None,
            "confidence": result.confidence,
            "alternatives": json.dumps([r.entry_id for r in refs]),
            "created_at": iso(self.clock.now()),
        }
        question_id = self.db[T.questions].insert(row).last_pk
        if answered:
            return Answer(question_id, True, refs[0], also, result.reason, result.confidence)
        return Answer(question_id, False, None, tuple(refs[:2]), result.reason, result.confidence)

    def _ref(self, entry_id: str, score: float, matched_on: tuple[str, ...]) -> EntryRef:
        e = self.kb.get(entry_id, privilege=Privilege.ADMIN)
        return EntryRef(e.id, e.title, e.excerpt(280), shown_sources(e.sources), round(score, 3), matched_on,
                        e.provenance.get("date"))

    # -- feedback -----------------------------------------------------------------------------
    @requires(Privilege.MEMBER)
    def feedback(self, req: Request, question_id: int, helpful: bool) -> bool:
        """Record the asker's feedback on the answer to their question; returns True when it
        replaced earlier feedback. Only the asker rates an answer (someone else's question id
        answers as an unknown one), and feedback is rate-limited like questions, so that one member
        cannot steer the moderators' report on poor entries."""
        author = self.identity.pseudonym(req.user_id)
        try:
            q = self.db[T.questions].get(question_id)
        except (sqlite_utils.db.NotFoundError, OverflowError):
            q = None
        if q is None or q["author_id"] not in self.identity.keys_of(req.user_id):
            raise NotFound("error.question_not_found", question_id=question_id)
        if self.limiter is not None:
            self.limiter.hit("feedback", author)
        existing = list(self.db[T.feedback].rows_where(
            "question_id = ? and author_id = ?", [question_id, author], limit=1))
        row = {
            "question_id": question_id,
            "entry_id": q["entry_id"],
            "author_id": author,
            "helpful": int(helpful),
            "created_at": iso(self.clock.now()),
        }
        if existing:
            self.db[T.feedback].update(existing[0]["id"], row)
        else:
            self.db[T.feedback].insert(row)
        if helpful and author == q["author_id"] and q["entry_id"] and q["text"]:
            self._learn(q, author)
        return bool(existing)

    # -- learned phrasings: the asker's own "nuttig" teaches the matcher another way to ask --------
    def _learn(self, question: dict, author: str) -> None:
        """Keep the question, masked by the guard and without its labels, as a phrasing of the
        entry that answered it. Only the asker's own feedback teaches (one member cannot steer
        another's question into the base)."""
        text = " ".join(PLACEHOLDER.sub(" ", self.guard.scrub(question["text"], what="phrasing")).split())
        if not has_words(text):
            return
        if store.add_phrasing(self.db, {"entry_id": question["entry_id"], "text": text[:MAX_PHRASING],
                                        "author_id": author, "question_id": question["id"],
                                        "created_at": iso(self.clock.now())}):
            self.refresh_phrasings()

    @no_privilege(PLUMBING)
    def load_phrasings(self) -> None:
        """At start: hand the learned phrasings to the knowledge base (nothing to do without any)."""
        found = store.phrasings_by_entry(self.db)
        if found:
            self.kb.set_phrasings(found)

    @no_privilege(PLUMBING)
    def refresh_phrasings(self) -> None:
        self.kb.set_phrasings(store.phrasings_by_entry(self.db))

    @requires(Privilege.MODERATOR)
    def phrasings(self, req: Request) -> list[dict]:
        """For curators (`labbot kb report`): every learned phrasing with its id."""
        return store.phrasing_rows(self.db)

    @requires(Privilege.MODERATOR)
    def unlearn(self, req: Request, phrasing_id: int) -> bool:
        """A curator removes a learned phrasing (`labbot kb unlearn ID`)."""
        removed = store.delete_phrasing(self.db, phrasing_id) == 1
        if removed:
            self.refresh_phrasings()
        return removed

    @requires(Privilege.MODERATOR)
    def unhelpful_answers(self, req: Request, limit: int = 50) -> list[dict]:
        """"Niet nuttig" answers beside the entry that was chosen, for curators."""
        return store.unhelpful_answers(self.db, limit)

    # -- for curators and the living lab ------------------------------------------------------
    @requires(Privilege.MODERATOR)
    def open_questions(self, req: Request, limit: int = 50) -> list[dict]:
        """Open questions with their text: for moderators (members see a count in the digest)."""
        return list(self.db[T.questions].rows_where(
            "status = 'open'", order_by="created_at desc", limit=limit,
            select="id, text, created_at, alternatives"))

    @no_privilege(PUBLIC + ': a count, for the digest')
    def open_count(self, until: str) -> int:
        """Read model for the digest: questions still waiting for the living lab."""
        return self.db[T.questions].count_where("status = 'open' and created_at < ?", [until])

    @no_privilege(PLUMBING + ' (the moderators\' digest)')
    def unmatched(self, since: str, until: str, limit: int = 15) -> list[dict]:
        """Read model for the moderators' digest: open questions asked in [since, until) with text."""
        return list(self.db[T.questions].rows_where(
            "status = 'open' and created_at >= ? and created_at < ? and text != ''", [since, until],
            order_by="created_at", limit=limit))

    @no_privilege(PLUMBING + ' (the moderators\' digest, labbot kb report)')
    def entry_feedback(self) -> list[dict]:
        """Per entry: helpful and unhelpful counts, worst first (for `labbot kb report`)."""
        return store.feedback_per_entry(self.db)

    # -- the member's rights ------------------------------------------------------------------
    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        return {T.questions: member_rows(self.db, T.questions, "author_id", keys),
                T.feedback: member_rows(self.db, T.feedback, "author_id", keys),
                T.phrasings: member_rows(self.db, T.phrasings, "author_id", keys)}

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        """Delete the member's questions (with all feedback on them), the member's feedback and
        the phrasings learned from the member's questions."""
        done = store.forget_member(self.db, keys)
        done[T.phrasings] = store.forget_member_phrasings(self.db, keys)
        if done[T.phrasings]:
            self.refresh_phrasings()
        return done

    @no_privilege(RETENTION)
    def purge_text_before(self, cutoff: str) -> int:
        """Retention: blank the text of questions asked before `cutoff` (the answer stays, for
        statistics and feedback; the member's words go)."""
        return store.blank_question_text_before(self.db, cutoff)
