"""Questions and dilemmas handed in for a living lab, the room's votes and the moderators' queue.

- Intake passes the privacy guard (title and text) before anything is stored; anonymous items
  are stored under the member's keyed pseudonym, so nobody (moderators included) sees who.
- One vote per member per item, toggled; votes are stored under the voter's pseudonym.
- Moderators approve, reject with a reason, edit, claim (so two do not handle one item at once;
  the claim is an atomic compare-and-set) and order the agenda; merging carries votes and
  followers over. Every moderator action is audit-logged.
- A claim expires after `claim_ttl` (LABBOT_CLAIM_HOURS, 24 by default): then any moderator may
  act on the item, and the queue marks the claim as stale. Before that another moderator may take
  the claim over on purpose (`claim(..., take_over=True)`, audit-logged as `item.claim_takeover`),
  so an item is never stuck behind a moderator who left, lost the role or erased their data.
- Every operation declares its privilege (`requires`); reads that doors use to show the queue go
  through `queue` and `visible_items`, which check it.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

import sqlite_utils
from rapidfuzz import fuzz

from bot.core.clock import Clock, iso, parse_iso
from bot.core.errors import Conflict, InvalidInput, NotFound
from bot.core.guard import PrivacyGuard
from bot.core.i18n import t
from bot.core.identity import (
    CHECKED,
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
from bot.core.lab import store
from bot.core.lab.sessions import SessionService
from bot.core.models import Privilege, Request
from bot.core.outbox import OutboxService
from bot.core.publish import OPEN_ITEM_STATUSES
from bot.core.rights.audit import AuditLog
from bot.core.store import T
from bot.core.text import clean_input, clean_title, has_words

MAX_TITLE = 100
MAX_TEXT = 4000
MAX_SECTOR = 60
MAX_REASON = 500
#: token_set_ratio compares the shared words S with S plus one side's other words R: about
#: 2|S| / (2|S| + |R|) in characters. 70 means the shared words outweigh the shorter item's own
#: words (|S| > 1.2 |R|; |S| = |R| gives 67): the same question in other words, while two
#: questions that share only function words (de, het, een, hoe, ik) stay well below.
DUPLICATE_SCORE = 70
_NON_WORD = re.compile(r"[^\w\s]+")
VOTE_POSTS = "vote_posts"  # what an erasure reports beside the tables: vote posts taken down
CLAIM_TTL = dt.timedelta(hours=24)
#: statuses of items that were posted to the network (a vote button on them is real)
WAS_PUBLIC = (*OPEN_ITEM_STATUSES, "discussed")


@dataclass(frozen=True)
class Item:
    id: int
    session_id: int
    title: str
    text: str
    sector: str
    status: str
    anonymous: bool
    votes: int
    merged_into: int | None
    claimed_by: str | None
    position: int | None
    version: int
    reason: str | None = None
    claimed_at: str | None = None


@dataclass(frozen=True)
class Queue:
    """What the moderators' queue shows for one session (read through `IntakeService.queue`)."""

    session_id: int
    pending: tuple[Item, ...]
    approved: tuple[Item, ...]
    duplicates: tuple[tuple[int, int, int], ...]
    stale_claims: frozenset[int] = field(default_factory=frozenset)


class IntakeService:
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
        return _item(rows[0])

    @no_privilege(CHECKED + "; doors read the queue through `queue` and `visible_items`")
    def items(self, session_id: int, statuses: tuple[str, ...] = ("pending", "approved")) -> list[Item]:
        """One query for the list (with each item's vote count), not one per item."""
        return [_item(r) for r in store.session_item_rows(self.db, session_id, statuses)]

    @requires(Privilege.MODERATOR)
    def queue(self, req: Request, session_id: int) -> Queue:
        """The moderators' queue of a session: pending and approved items, near-duplicates among
        them, and which claims are stale."""
        pending, approved = self.items(session_id, ("pending",)), self.items(session_id, ("approved",))
        ids = {i.id for i in pending + approved}
        pairs = tuple(p for p in self.near_duplicates(session_id) if p[0] in ids and p[1] in ids)
        stale = frozenset(i.id for i in pending + approved if self.claim_is_stale(i))
        return Queue(session_id, tuple(pending), tuple(approved), pairs, stale)

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

    # -- moderation ---------------------------------------------------------------------------
    @no_privilege(PURE)
    def claim_is_stale(self, item: Item) -> bool:
        """A claim older than `claim_ttl` (or from before claims carried a time) no longer blocks."""
        if not item.claimed_by:
            return False
        if not item.claimed_at:
            return True
        return self.clock.now() - parse_iso(item.claimed_at) >= self.claim_ttl

    def _moderate(self, req: Request, item_id: int, expected: tuple[str, ...]) -> Item:
        item = self.get(item_id)
        if item.status not in expected:
            raise Conflict("lab.item_state", status=item.status)
        if item.claimed_by and item.claimed_by != req.user_id and not self.claim_is_stale(item):
            raise Conflict("lab.item_claimed")
        return item

    @requires(Privilege.MODERATOR)
    def can_moderate(self, req: Request, item_id: int) -> Item:
        """What approve, reject and edit will check, asked before a form opens: the item still open
        and not claimed by another moderator (a stale claim does not count)."""
        return self._moderate(req, item_id, ("pending", "approved"))

    def _update(self, item: Item, values: dict) -> None:
        """Compare-and-set on the item's version: a concurrent change makes this a Conflict."""
        values = dict(values, version=item.version + 1, updated_at=iso(self.clock.now()))
        if store.update_item_if_version(self.db, item.id, item.version, values) != 1:
            raise Conflict("error.conflict")

    @requires(Privilege.MODERATOR)
    def claim(self, req: Request, item_id: int, *, take_over: bool = False) -> Item:
        """Claim an item; `take_over` takes another moderator's live claim over (audit-logged)."""
        item = self.get(item_id)
        if item.status not in ("pending", "approved"):
            raise Conflict("lab.item_state", status=item.status)
        other = bool(item.claimed_by) and item.claimed_by != req.user_id
        stale = self.claim_is_stale(item)
        if other and not stale and not take_over:
            raise Conflict("lab.item_claimed")
        self._update(item, {"claimed_by": req.user_id, "claimed_at": iso(self.clock.now())})
        if other:
            self.audit.record(req, "item.claim_takeover", "item", item_id, stale=int(stale))
        else:
            self.audit.record(req, "item.claim", "item", item_id)
        return self.get(item_id)

    @requires(Privilege.MODERATOR)
    def approve(self, req: Request, item_id: int) -> Item:
        current = self.get(item_id)
        post = self.outbox.get(f"vote-post:{item_id}")
        if current.status == "approved" and post is not None and post["status"] == "dead":
            # its vote post never went out: post it again
            self._post_for_voting(current)
            self.audit.record(req, "item.repost", "item", item_id)
            return current
        item = self._moderate(req, item_id, ("pending",))
        self._update(item, {"status": "approved", "claimed_by": None, "claimed_at": None})
        self.audit.record(req, "item.approve", "item", item_id)
        approved = self.get(item_id)
        self._post_for_voting(approved)
        return approved

    def _post_for_voting(self, item: Item) -> None:
        """The approved item goes to the network channel with its vote button (through the outbox:
        retried, posted once). Queued as a reference: the post is rendered when it is sent
        (`bot.core.lab.posts`), so an item erased or rejected meanwhile is not posted at all."""
        self.outbox.enqueue(f"vote-post:{item.id}", "network", render={"kind": "vote-post", "item_id": item.id},
                            revive=True)

    @no_privilege(CHECKED)
    def finalise_vote_post(self, item_id: int) -> None:
        """Show the vote post in its final state (buttons disabled) once votes no longer count."""
        if self.outbox.get(f"vote-post:{item_id}") is not None:
            self.outbox.enqueue(f"vote-final:{item_id}", "network", op="edit",
                                render={"kind": "vote-final", "item_id": item_id},
                                data={"of": f"vote-post:{item_id}"})

    @requires(Privilege.MODERATOR)
    def reject(self, req: Request, item_id: int, reason: str) -> Item:
        reason = clean_input(reason)
        if not reason:
            raise InvalidInput("lab.reason_needed")
        if len(reason) > MAX_REASON:
            raise InvalidInput("lab.reason_too_long", limit=MAX_REASON)
        item = self._moderate(req, item_id, ("pending", "approved"))
        reason = self.guard.scrub(reason, what="rejection reason")
        self._update(item, {"status": "rejected", "reason": reason, "claimed_by": None, "claimed_at": None})
        self.audit.record(req, "item.reject", "item", item_id)
        author = store.item_author(self.db, item_id)
        if not item.anonymous:  # an anonymous author can only be reached through /inbreng mijn
            # rendered at send time in the author's stored language (LabPosts.reject_dm)
            self.outbox.enqueue(f"reject:{item_id}", f"dm:{author}", render={"kind": "reject-dm", "item_id": item_id})
        self.finalise_vote_post(item_id)
        return self.get(item_id)

    @requires(Privilege.MODERATOR)
    def edit(self, req: Request, item_id: int, title: str | None = None, text: str | None = None) -> Item:
        item = self._moderate(req, item_id, ("pending", "approved"))
        values = {}
        if title is not None:
            title = clean_title(title)
            if not title or len(title) > MAX_TITLE:
                raise InvalidInput("lab.title_too_long", length=len(title), limit=MAX_TITLE)
            values["title"] = self.guard.scrub(title, what="item title")
        if text is not None:
            text = clean_input(text)
            if not text or len(text) > MAX_TEXT:
                raise InvalidInput("lab.text_too_long", length=len(text), limit=MAX_TEXT)
            values["text"] = self.guard.scrub(text, what="item text")
        if values:
            self._update(item, values)
            self.audit.record(req, "item.edit", "item", item_id, fields=len(values))
        return self.get(item_id)

    @requires(Privilege.MODERATOR)
    def order(self, req: Request, session_id: int, item_ids: list[int]) -> list[Item]:
        agenda_ids = {i.id for i in self.items(session_id, ("approved",))}
        unknown = [i for i in item_ids if i not in agenda_ids]
        if unknown:
            raise InvalidInput("lab.order_unknown", ids=", ".join(map(str, unknown)))
        store.set_agenda_order(self.db, session_id, item_ids)
        self.audit.record(req, "agenda.order", "session", session_id, items=len(item_ids))
        return self.agenda(session_id)

    @no_privilege(CHECKED + " (`queue`)")
    def near_duplicates(self, session_id: int) -> list[tuple[int, int, int]]:
        """Pairs (a, b, score) of items that may be the same question, best first: rapidfuzz's
        token_set_ratio on the normalised title and text (`duplicate_score`), from DUPLICATE_SCORE."""
        items = self.items(session_id)
        texts = {i.id: normalise_for_match(f"{i.title} {i.text}") for i in items}
        pairs = []
        for n, a in enumerate(items):
            for b in items[n + 1:]:
                score = duplicate_score(texts[a.id], texts[b.id])
                if score >= DUPLICATE_SCORE:
                    pairs.append((a.id, b.id, score))
        return sorted(pairs, key=lambda p: -p[2])

    @requires(Privilege.MODERATOR)
    def merge(self, req: Request, source_id: int, target_id: int) -> Item:
        """Merge `source` into `target`: votes and followers carried over, source marked merged."""
        if source_id == target_id:
            raise InvalidInput("lab.merge_self")
        source = self._moderate(req, source_id, ("pending", "approved"))
        target = self._moderate(req, target_id, ("pending", "approved"))
        if source.session_id != target.session_id:
            raise InvalidInput("lab.merge_sessions")
        with self.db.atomic():
            store.move_votes_and_followers(self.db, source_id, target_id)
            self._update(source, {"status": "merged", "merged_into": target_id, "claimed_by": None,
                                  "claimed_at": None})
        self.audit.record(req, "item.merge", "item", source_id, into=target_id)
        self.finalise_vote_post(source_id)
        return self.get(target_id)

    @no_privilege(PLUMBING + " (the notifier, when it makes the expert thread)")
    def expert_thread(self, item_id: int) -> str | None:
        """The id of the item's expert thread, once Discord made it."""
        return store.expert_thread_id(self.db, item_id)

    @no_privilege(PLUMBING + " (the notifier records the thread Discord made)")
    def set_expert_thread(self, item_id: int, thread_id: str) -> None:
        store.set_expert_thread_id(self.db, item_id, thread_id)

    @requires(Privilege.MODERATOR)
    def mark_discussed(self, req: Request, item_id: int) -> None:
        store.mark_discussed(self.db, item_id)

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


def normalise_for_match(text: str) -> str:
    """Lower case, accents and punctuation gone, one space between words: "Complotvideo's" and
    "complotvideo’s" are one word, as are "geïnformeerd" and "geinformeerd"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", text.replace("'", "").replace("’", "")).split())


def duplicate_score(a: str, b: str) -> int:
    """0-100. token_set_ratio compares the shared words with each side's extra words, so a
    shorter paraphrase of the same question scores high. Texts of very different length (one side
    under half the words of the other) are scored as a plain ratio: a short item would otherwise
    match every long one that contains its few words."""
    words_a, words_b = len(a.split()), len(b.split())
    if min(words_a, words_b) * 2 < max(words_a, words_b):
        return int(fuzz.token_sort_ratio(a, b))
    return int(fuzz.token_set_ratio(a, b))


def _item(r: dict) -> Item:
    return Item(r["id"], r["session_id"], r["title"], r["text"], r["sector"] or "", r["status"],
                bool(r["anonymous"]), r["votes"], r["merged_into"], r["claimed_by"], r["position"], r["version"],
                r["reason"], r.get("claimed_at"))
