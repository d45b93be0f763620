"""The moderators' side of the intake: the queue, claims, approve, reject, edit, agenda order,
near-duplicates and merging. Mixed into `IntakeService` (`bot.core.lab.intake`), whose state
(database, clock, guard, audit log, outbox) it uses.

- Moderators approve, reject with a reason, edit, claim (so two do not handle one item at once;
  the claim is an atomic compare-and-set) and order the agenda; merging carries votes and
  followers over. Every moderator action is audit-logged.
- A claim expires after `claim_ttl` (LABBOT_CLAIM_HOURS, 24 by default): then any moderator may
  act on the item, and the queue marks the claim as stale. Before that another moderator may take
  the claim over on purpose (`claim(..., take_over=True)`, audit-logged as `item.claim_takeover`),
  so an item is never stuck behind a moderator who left, lost the role or erased their data.
- An approved item goes to the network with a vote button (through the outbox); rejecting or
  merging it shows that post in its final state.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from bot.core.clock import iso, parse_iso
from bot.core.errors import Conflict, InvalidInput
from bot.core.identity import CHECKED, PLUMBING, PURE, no_privilege, requires
from bot.core.lab import store
from bot.core.lab.items import MAX_TEXT, MAX_TITLE, Item
from bot.core.models import Privilege, Request
from bot.core.text import clean_input, clean_title

MAX_REASON = 500
#: token_set_ratio compares the shared words S with S plus one side's other words R: about
#: 2|S| / (2|S| + |R|) in characters. 70 means the shared words outweigh the shorter item's own
#: words (|S| > 1.2 |R|; |S| = |R| gives 67): the same question in other words, while two
#: questions that share only function words (de, het, een, hoe, ik) stay well below.
DUPLICATE_SCORE = 70
_NON_WORD = re.compile(r"[^\w\s]+")
CLAIM_TTL = dt.timedelta(hours=24)


@dataclass(frozen=True)
class Queue:
    """What the moderators' queue shows for one session (read through `IntakeService.queue`)."""

    session_id: int
    pending: tuple[Item, ...]
    approved: tuple[Item, ...]
    duplicates: tuple[tuple[int, int, int], ...]
    stale_claims: frozenset[int] = field(default_factory=frozenset)


class ModerationMixin:
    """Uses the host's `db`, `clock`, `guard`, `audit`, `outbox`, `claim_ttl`, `get`, `items` and
    `agenda` (see `IntakeService`)."""

    @requires(Privilege.MODERATOR)
    def queue(self, req: Request, session_id: int) -> Queue:
        """The moderators' queue of a session: pending and approved items, near-duplicates among
        them, and which claims are stale."""
        pending, approved = self.items(session_id, ("pending",)), self.items(session_id, ("approved",))
        ids = {i.id for i in pending + approved}
        pairs = tuple(p for p in self.near_duplicates(session_id) if p[0] in ids and p[1] in ids)
        stale = frozenset(i.id for i in pending + approved if self.claim_is_stale(i))
        return Queue(session_id, tuple(pending), tuple(approved), pairs, stale)

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


# -- near-duplicates (pure) ----------------------------------------------------------------------
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

