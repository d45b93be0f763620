"""Questions and dilemmas handed in for a living lab, the room's votes and the moderators' queue.

- Intake passes the privacy guard (title and text) before anything is stored; anonymous items
  are stored under the member's keyed pseudonym, so nobody (moderators included) sees who.
- One vote per member per item, toggled; votes are stored under the voter's pseudonym.
- What moderators do with the items (claims, approve, reject, edit, order, merge, the queue) is
  in `bot.core.lab.moderation`, mixed into `IntakeService`.
- Every operation declares its privilege (`requires`); reads that doors use to show the queue go
  through `queue` and `visible_items`, which check it.
"""

from __future__ import annotations

import datetime as dt

import sqlite_utils

from bot.core.clock import Clock, iso
from bot.core.errors import InvalidInput, NotFound
from bot.core.guard import PrivacyGuard
from bot.core.i18n import t
from bot.core.identity import (
    CHECKED,
    PUBLIC,
    RETENTION,
    RIGHTS,
    Identity,
    RateLimiter,
    no_privilege,
    requires,
)
from bot.core.lab import store
from bot.core.lab.items import MAX_TEXT, MAX_TITLE, Item, item_from_row
from bot.core.lab.moderation import CLAIM_TTL, ModerationMixin
from bot.core.lab.sessions import SessionService
from bot.core.models import Privilege, Request
from bot.core.outbox import OutboxService
from bot.core.publish import OPEN_ITEM_STATUSES
from bot.core.rights.audit import AuditLog
from bot.core.store import T
from bot.core.text import clean_input, clean_title, has_words

MAX_SECTOR = 60
VOTE_POSTS = "vote_posts"  # what an erasure reports beside the tables: vote posts taken down
#: statuses of items that were posted to the network (a vote button on them is real)
WAS_PUBLIC = (*OPEN_ITEM_STATUSES, "discussed")


class IntakeService(ModerationMixin):
    TABLES = (T.items, T.votes, T.followers)
    MEMBER_COLUMNS = {T.items: ("author_key", "claimed_by"), T.votes: ("voter_key",), T.followers: ("user_key",)}

    def __init__(self, db: sqlite_utils.Database, clock: Clock, identity: Identity, guard: PrivacyGuard,
                 audit: AuditLog, outbox: OutboxService, sessions: SessionService, limiter: RateLimiter,
                 *, claim_ttl: dt.timedelta = CLAIM_TTL) -> None:
        self.db, self.clock, self.identity, self.guard = db, clock, identity, guard
        self.audit, self.outbox, self.sessions, self.limiter = audit, outbox, sessions, limiter
        self.claim_ttl = claim_ttl

    # -- reading ------------------------------------------------------------------------------
    @no_privilege(CHECKED)
    def get(self, item_id: int) -> Item:
        try:
            rows = store.item_rows(self.db, item_id)
        except OverflowError:
            rows = []
        if not rows:
            raise NotFound("lab.item_not_found", item_id=item_id)
        return item_from_row(rows[0])

    @no_privilege(CHECKED + "; doors read the queue through `queue` and `visible_items`")
    def items(self, session_id: int, statuses: tuple[str, ...] = ("pending", "approved")) -> list[Item]:
        """One query for the list (with each item's vote count), not one per item."""
        return [item_from_row(r) for r in store.session_item_rows(self.db, session_id, statuses)]

    @requires(Privilege.MEMBER)
    def visible_items(self, req: Request, session_id: int) -> list[Item]:
        """The items of a session the asker may see: approved and discussed ones, and pending ones
        for moderators (autocomplete)."""
        moderator = req.privilege >= Privilege.MODERATOR
        return self.items(session_id, ("pending", "approved", "discussed") if moderator else ("approved", "discussed"))

    @no_privilege(PUBLIC + ": approved and discussed items")
    def agenda(self, session_id: int) -> list[Item]:
        """Approved items: moderators' order first, then most votes, then oldest."""
        items = self.items(session_id, ("approved", "discussed"))
        return sorted(items, key=lambda i: (i.position is None, i.position or 0, -i.votes, i.id))

    @requires(Privilege.MEMBER)
    def mine(self, req: Request) -> list[dict]:
        return store.items_by_authors(self.db, self.identity.keys_of(req.user_id))

    @no_privilege(PUBLIC + ": approved items, for the digest")
    def open_for_agenda(self, until: dt.datetime, limit: int = 10) -> list[dict]:
        """Read model for the digest: items still open for a coming lab (title, theme, votes)."""
        return store.open_agenda_rows(self.db, iso(until), limit)

    # -- intake -------------------------------------------------------------------------------
    @requires(Privilege.MEMBER)
    def submit(self, req: Request, session_id: int, title: str, sector: str = "") -> Item:
        """Hand in a question or dilemma (`req.text`) for a session."""
        title, text, sector = clean_title(title), clean_input(req.text), clean_title(sector)
        if not title or not text or not has_words(title + text):
            raise InvalidInput("lab.item_empty")
        if len(title) > MAX_TITLE:
            raise InvalidInput("lab.title_too_long", length=len(title), limit=MAX_TITLE)
        if len(text) > MAX_TEXT:
            raise InvalidInput("lab.text_too_long", length=len(text), limit=MAX_TEXT)
        if len(sector) > MAX_SECTOR:
            raise InvalidInput("lab.sector_too_long", limit=MAX_SECTOR)
        session = self.sessions.get(session_id)
        now = self.clock.now()
        if session.kind == "lab" and session.status == "planned" and now < session.intake_opens_at:
            raise InvalidInput("lab.intake_not_yet", theme=session.theme[:80],
                               opens=self.sessions.local_date(session.intake_opens_at))
        if session.kind != "lab" or not session.intake_open(now):
            raise InvalidInput("lab.intake_closed", theme=session.theme[:80])
        author = self.identity.author_key(req)
        self.limiter.hit("intake", self.identity.pseudonym(req.user_id))
        self.guard.check(req.user_id, "item", text, {"session_id": session_id, "title": title, "sector": sector,
                                                     "anonymous": req.anonymous})
        item_id = store.insert_item(self.db, {
            "session_id": session_id, "author_key": author, "anonymous": int(req.anonymous), "title": title,
            "text": text, "sector": sector, "status": "pending", "version": 0, "locale": req.lang,
            "created_at": iso(now), "updated_at": iso(now)}, author, iso(now))
        return self.get(item_id)

    # -- votes --------------------------------------------------------------------------------
    @requires(Privilege.MEMBER)
    def toggle_vote(self, req: Request, item_id: int) -> tuple[bool, int]:
        """Returns (voted now, new count). Only approved items of an open session take votes: an
        item no moderator has approved answers as if it did not exist (a forged vote button learns
        neither that it exists nor its count). Members do not vote on their own items, anonymous
        ones included (the author key is known to the service, never shown)."""
        item = self._votable(item_id)
        if store.item_author(self.db, item_id) in self.identity.keys_of(req.user_id):
            raise InvalidInput("lab.vote_own")
        voter = self.identity.pseudonym(req.user_id)
        self.limiter.hit("vote", voter)
        removed = store.toggle_vote(self.db, item_id, voter, iso(self.clock.now()),
                                    self.identity.pseudonyms_of(req.user_id))
        return (not removed), self.get(item.id).votes

    def _votable(self, item_id: int) -> Item:
        try:
            item = self.get(item_id)
        except NotFound:
            raise NotFound("lab.item_not_found", item_id=item_id) from None
        if item.status == "merged":
            target = self.get(item.merged_into) if item.merged_into else None
            if target is not None and target.status in WAS_PUBLIC:
                raise InvalidInput("lab.vote_merged", into=item.merged_into)
        if item.status not in WAS_PUBLIC:
            raise NotFound("lab.item_not_found", item_id=item_id)
        session = self.sessions.get(item.session_id)
        if item.status != "approved" or session.status not in ("planned", "running"):
            raise InvalidInput("lab.vote_closed")
        return item

    # -- the member's rights and retention ----------------------------------------------------
    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        return store.export_member_items(self.db, keys)

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        """Votes and follows go. Own items: pending and rejected ones are deleted; approved items
        not yet discussed are withdrawn (status `erased`, title and text blanked, their queued
        vote post cancelled); items already discussed keep their (moderated) title but lose their
        text and their author (see `store.forget_member_items`)."""
        with self.db.atomic():
            rejected = store.item_ids_by_authors(self.db, keys, ("rejected",))
            withdrawn = store.withdraw_open_items(self.db, keys, t("lab.lesson_withdrawn_title"))
            self.outbox.withdraw([f"reject:{i}" for i in rejected] + [f"vote-post:{i}" for i in withdrawn]
                                 + [f"vote-final:{i}" for i in withdrawn])
            for item_id in withdrawn:  # a vote post that went out (or is on its way) is taken down
                self.outbox.enqueue(f"vote-delete:{item_id}", "network", op="delete",
                                    data={"of": f"vote-post:{item_id}"})
            done = store.forget_member_items(self.db, keys)
        done[VOTE_POSTS] = len(withdrawn)
        return done

    @no_privilege(RETENTION)
    def purge_closed_before(self, cutoff: dt.datetime) -> int:
        """Raw intake text of sessions closed before `cutoff` (lessons, already anonymised, stay)."""
        return store.purge_item_text_closed_before(self.db, iso(cutoff))

