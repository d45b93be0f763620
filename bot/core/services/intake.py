"""Questions and dilemmas handed in for a living lab, the room's votes and the moderators' queue.

- Intake passes the privacy guard (title and text) before anything is stored; anonymous items
  are stored under the member's keyed pseudonym, so nobody (moderators included) sees who.
- One vote per member per item, toggled; votes are stored under the voter's pseudonym.
- Moderators approve, reject with a reason, edit, claim (so two do not handle one item at once;
  the claim is an atomic compare-and-set) and order the agenda; merging carries votes and
  followers over. Every moderator action is audit-logged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import sqlite_utils
from rapidfuzz import fuzz

from bot.core.clock import Clock, iso
from bot.core.errors import Conflict, InvalidInput, NotFound
from bot.core.i18n import t
from bot.core.identity import Identity, RateLimiter, require
from bot.core.models import Privilege, Request
from bot.core.notify import ButtonData, EmbedData, OutMessage
from bot.core.outbox import OutboxService
from bot.core.publish import public_text
from bot.core.services.audit import AuditLog
from bot.core.services.guard import PrivacyGuard
from bot.core.services.sessions import SessionService, kind_label
from bot.core.store import T, placeholders, write
from bot.core.text import clean_input, has_words, shorten

MAX_TITLE = 100
MAX_TEXT = 4000
MAX_SECTOR = 60
MAX_REASON = 500
DUPLICATE_SCORE = 80


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


class IntakeService:
    TABLES = (T.items, T.votes, T.followers)

    def __init__(self, db: sqlite_utils.Database, clock: Clock, identity: Identity, guard: PrivacyGuard,
                 audit: AuditLog, outbox: OutboxService, sessions: SessionService, limiter: RateLimiter) -> None:
        self.db, self.clock, self.identity, self.guard = db, clock, identity, guard
        self.audit, self.outbox, self.sessions, self.limiter = audit, outbox, sessions, limiter

    # -- reading ------------------------------------------------------------------------------
    def get(self, item_id: int) -> Item:
        rows = list(self.db.query(
            f"select i.*, (select count(*) from {T.votes} v where v.item_id = i.id) as votes "
            f"from {T.items} i where i.id = ?", [item_id]))
        if not rows:
            raise NotFound("lab.item_not_found", item_id=item_id)
        r = rows[0]
        return Item(r["id"], r["session_id"], r["title"], r["text"], r["sector"] or "", r["status"],
                    bool(r["anonymous"]), r["votes"], r["merged_into"], r["claimed_by"], r["position"], r["version"],
                    r["reason"])

    def items(self, session_id: int, statuses: tuple[str, ...] = ("pending", "approved")) -> list[Item]:
        marks = placeholders(statuses)
        ids = [r["id"] for r in self.db[T.items].rows_where(
            f"session_id = ? and status in ({marks})", [session_id, *statuses], select="id")]
        return [self.get(i) for i in ids]

    def agenda(self, session_id: int) -> list[Item]:
        """Approved items: moderators' order first, then most votes, then oldest."""
        items = self.items(session_id, ("approved", "discussed"))
        return sorted(items, key=lambda i: (i.position is None, i.position or 0, -i.votes, i.id))

    def mine(self, req: Request) -> list[dict]:
        keys = self.identity.keys_of(req.user_id)
        return list(self.db[T.items].rows_where("author_key in (?, ?)", list(keys), order_by="id desc",
                                                select="id, session_id, title, status, reason, anonymous"))

    # -- intake -------------------------------------------------------------------------------
    def submit(self, req: Request, session_id: int, title: str, sector: str = "") -> Item:
        """Hand in a question or dilemma (`req.text`) for a session."""
        require(req, Privilege.MEMBER)
        title, text, sector = clean_input(title), clean_input(req.text), clean_input(sector)
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
        if session.kind != "lab" or not session.intake_open(now):
            raise InvalidInput("lab.intake_closed", theme=session.theme[:80])
        author = self.identity.author_key(req)
        self.limiter.hit("intake", self.identity.pseudonym(req.user_id))
        self.guard.check(req.user_id, "item", text, {"session_id": session_id, "title": title, "sector": sector,
                                                     "anonymous": req.anonymous})
        with self.db.atomic():
            item_id = self.db[T.items].insert({
                "session_id": session_id, "author_key": author, "anonymous": int(req.anonymous), "title": title,
                "text": text, "sector": sector, "status": "pending", "version": 0,
                "created_at": iso(now), "updated_at": iso(now)}).last_pk
            self.db[T.followers].insert({"item_id": item_id, "user_key": author, "created_at": iso(now)})
        return self.get(item_id)

    # -- votes --------------------------------------------------------------------------------
    def toggle_vote(self, req: Request, item_id: int) -> tuple[bool, int]:
        """Returns (voted now, new count)."""
        item = self.get(item_id)
        if item.status == "merged":
            raise InvalidInput("lab.vote_merged", into=item.merged_into)
        if item.status not in ("approved", "pending"):
            raise InvalidInput("lab.vote_closed")
        voter = self.identity.pseudonym(req.user_id)
        self.limiter.hit("vote", voter)
        with self.db.atomic():
            removed = write(self.db, f"delete from {T.votes} where item_id = ? and voter_key = ?", [item_id, voter])
            if not removed:
                self.db[T.votes].insert({"item_id": item_id, "voter_key": voter, "created_at": iso(self.clock.now())})
        return (not removed), self.get(item_id).votes

    # -- moderation ---------------------------------------------------------------------------
    def _moderate(self, req: Request, item_id: int, expected: tuple[str, ...]) -> Item:
        require(req, Privilege.MODERATOR)
        item = self.get(item_id)
        if item.status not in expected:
            raise Conflict("lab.item_state", status=item.status)
        if item.claimed_by and item.claimed_by != req.user_id:
            raise Conflict("lab.item_claimed")
        return item

    def _update(self, item: Item, values: dict) -> None:
        """Compare-and-set on the item's version: a concurrent change makes this a Conflict."""
        values = dict(values, version=item.version + 1, updated_at=iso(self.clock.now()))
        sets = ", ".join(f"{k} = ?" for k in values)
        if write(self.db, f"update {T.items} set {sets} where id = ? and version = ?",
                 [*values.values(), item.id, item.version]) != 1:
            raise Conflict("error.conflict")

    def claim(self, req: Request, item_id: int) -> Item:
        item = self._moderate(req, item_id, ("pending", "approved"))
        self._update(item, {"claimed_by": req.user_id})
        self.audit.record(req, "item.claim", "item", item_id)
        return self.get(item_id)

    def approve(self, req: Request, item_id: int) -> Item:
        item = self._moderate(req, item_id, ("pending",))
        self._update(item, {"status": "approved", "claimed_by": None})
        self.audit.record(req, "item.approve", "item", item_id)
        approved = self.get(item_id)
        self._post_for_voting(approved)
        return approved

    def _post_for_voting(self, item: Item) -> None:
        """The approved item goes to the network channel with its vote button (through the outbox:
        retried, posted once). Member text was checked by the guard at intake; it is neutralised."""
        session = self.sessions.get(item.session_id)
        key = f"vote-post:{item.id}"
        kind = kind_label(session.kind)
        self.outbox.enqueue(key, "network", OutMessage(
            embeds=(EmbedData(title=public_text(item.title, 250),
                              description=shorten(f"*{kind}: {public_text(session.theme, 200)}, "
                                                  f"{self.sessions.when(session)}*\n\n"
                                                  f"{public_text(item.text, one_line=False)}", 1800),
                              footer=t("lab.vote_footer", item_id=item.id)),),
            buttons=(ButtonData(f"labbot:vote:{item.id}", t("lab.vote_button", count=item.votes), "▲"),)))

    def reject(self, req: Request, item_id: int, reason: str) -> Item:
        reason = clean_input(reason)
        if not reason:
            raise InvalidInput("lab.reason_needed")
        if len(reason) > MAX_REASON:
            raise InvalidInput("lab.reason_too_long", limit=MAX_REASON)
        item = self._moderate(req, item_id, ("pending", "approved"))
        reason = self.guard.scrub(reason, what="rejection reason")
        self._update(item, {"status": "rejected", "reason": reason, "claimed_by": None})
        self.audit.record(req, "item.reject", "item", item_id)
        author = self.db[T.items].get(item_id)["author_key"]
        if not item.anonymous:  # an anonymous author can only be reached through /lab mijn-inbreng
            self.outbox.enqueue(f"reject:{item_id}", f"dm:{author}", OutMessage(
                content=f"Je inbreng “{item.title}” is niet op de agenda gezet. Reden: {reason}"))
        return self.get(item_id)

    def edit(self, req: Request, item_id: int, title: str | None = None, text: str | None = None) -> Item:
        item = self._moderate(req, item_id, ("pending", "approved"))
        values = {}
        if title is not None:
            title = clean_input(title)
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

    def order(self, req: Request, session_id: int, item_ids: list[int]) -> list[Item]:
        require(req, Privilege.MODERATOR)
        agenda_ids = {i.id for i in self.items(session_id, ("approved",))}
        unknown = [i for i in item_ids if i not in agenda_ids]
        if unknown:
            raise InvalidInput("lab.order_unknown", ids=", ".join(map(str, unknown)))
        with self.db.atomic():
            write(self.db, f"update {T.items} set position = null where session_id = ?", [session_id])
            for pos, item_id in enumerate(item_ids, 1):
                write(self.db, f"update {T.items} set position = ?, version = version + 1 where id = ?",
                      [pos, item_id])
        self.audit.record(req, "agenda.order", "session", session_id, items=len(item_ids))
        return self.agenda(session_id)

    def near_duplicates(self, session_id: int) -> list[tuple[int, int, int]]:
        """Pairs (a, b, score) of items that may be the same question, best first."""
        items = self.items(session_id)
        pairs = []
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                score = int(fuzz.token_set_ratio(f"{a.title} {a.text}".lower(), f"{b.title} {b.text}".lower()))
                if score >= DUPLICATE_SCORE:
                    pairs.append((a.id, b.id, score))
        return sorted(pairs, key=lambda p: -p[2])

    def merge(self, req: Request, source_id: int, target_id: int) -> Item:
        """Merge `source` into `target`: votes and followers carried over, source marked merged."""
        if source_id == target_id:
            raise InvalidInput("lab.merge_self")
        source = self._moderate(req, source_id, ("pending", "approved"))
        target = self._moderate(req, target_id, ("pending", "approved"))
        if source.session_id != target.session_id:
            raise InvalidInput("lab.merge_sessions")
        with self.db.atomic():
            write(self.db, f"insert or ignore into {T.votes} (item_id, voter_key, created_at) "
                           f"select ?, voter_key, created_at from {T.votes} where item_id = ?", [target_id, source_id])
            write(self.db, f"delete from {T.votes} where item_id = ?", [source_id])
            write(self.db, f"insert or ignore into {T.followers} (item_id, user_key, created_at) "
                           f"select ?, user_key, created_at from {T.followers} where item_id = ?",
                  [target_id, source_id])
            self._update(source, {"status": "merged", "merged_into": target_id, "claimed_by": None})
        self.audit.record(req, "item.merge", "item", source_id, into=target_id)
        return self.get(target_id)

    def mark_discussed(self, item_id: int) -> None:
        write(self.db, f"update {T.items} set status = 'discussed' where id = ? and status = 'approved'", [item_id])

    # -- the member's rights and retention ----------------------------------------------------
    def export_user(self, keys: tuple[str, ...]) -> dict:
        marks = placeholders(keys)
        return {
            T.items: list(self.db[T.items].rows_where(f"author_key in ({marks})", list(keys))),
            T.votes: list(self.db[T.votes].rows_where(f"voter_key in ({marks})", list(keys))),
            T.followers: list(self.db[T.followers].rows_where(f"user_key in ({marks})", list(keys))),
        }

    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        """Votes and follows go. Own items: pending and rejected ones are deleted; approved items
        not yet discussed are withdrawn (status `erased`, title and text blanked, their queued
        vote post cancelled); items already discussed keep their (moderated) title but lose their
        text and their author."""
        marks, args = placeholders(keys), list(keys)
        with self.db.atomic():
            open_ids = [r["id"] for r in self.db[T.items].rows_where(
                f"author_key in ({marks}) and status = 'approved'", args, select="id")]
            if open_ids:
                ids = placeholders(open_ids)
                write(self.db, f"delete from {T.votes} where item_id in ({ids})", open_ids)
                write(self.db, f"update {T.items} set status = 'erased', title = '', text = '' "
                               f"where id in ({ids})", open_ids)
                self.outbox.cancel([f"vote-post:{i}" for i in open_ids])
            votes = write(self.db, f"delete from {T.votes} where voter_key in ({marks})", args)
            follows = write(self.db, f"delete from {T.followers} where user_key in ({marks})", args)
            mine = f"select id from {T.items} where author_key in ({marks}) and status in ('pending', 'rejected')"
            for table, col in ((T.votes, "item_id"), (T.followers, "item_id"), (T.notes, "item_id")):
                write(self.db, f"delete from {table} where {col} in ({mine})", args)
            write(self.db, f"update {T.lessons} set item_id = null where item_id in ({mine})", args)
            deleted = write(self.db, f"delete from {T.items} where author_key in ({marks}) "
                                     f"and status in ('pending', 'rejected')", args)
            kept = write(self.db, f"update {T.items} set text = '', author_key = 'forgotten' "
                                  f"where author_key in ({marks})", args)
        return {T.items: deleted + kept, T.votes: votes, T.followers: follows}

    def purge_closed_before(self, cutoff: dt.datetime) -> int:
        """Raw intake text of sessions closed before `cutoff` (lessons, already anonymised, stay)."""
        return write(self.db, f"update {T.items} set text = '' where text != '' and session_id in "
                              f"(select id from {T.sessions} where status in ('closed', 'cancelled') "
                              f"and coalesce(closed_at, ends_at) < ?)", [iso(cutoff)])
