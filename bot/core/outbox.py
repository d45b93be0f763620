"""The outbox: every post and Discord side effect is written here first, then delivered.

- `enqueue(key, channel, ...)` is idempotent: one row per key, ever. A digest for a channel and
  week, a reminder for a session and offset, an agenda post: each has its own key, so a job that
  runs twice (restart, misfire, two replicas of a timer) still posts once.
- The dispatcher (`bot.core.dispatch`) claims due rows, delivers them and marks them sent.
  A claim expires after `CLAIM_SECONDS`: when Labbot dies between Discord's answer and
  `mark_sent`, the row comes back and the dispatcher first looks for the earlier post (by its
  footer marker) instead of posting again.
- Failures are retried with exponential back-off (or Discord's retry-after), up to
  `MAX_ATTEMPTS`; then the row is marked dead, reported once to the moderators' channel and listed
  in their digest; `retry(id)` (`labbot outbox retry`, `/digest outbox`) queues it again.
- A post that carries member text is queued as a reference (`render={"kind": ..., ids}`), not as
  text: the renderer its capability registered (`renderers`) builds it from the database at the
  moment it is sent, so what was erased, rejected or withdrawn meanwhile is never posted (the
  renderer answers None and the row is cancelled).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import sqlite_utils

from bot.core.clock import Clock, iso
from bot.core.i18n import t
from bot.core.identity import PLUMBING, RETENTION, RIGHTS, no_privilege, requires
from bot.core.models import Privilege, Request
from bot.core.notify import OutMessage, with_marker
from bot.core.store import T, placeholders, write

CLAIM_SECONDS = 60
MAX_ATTEMPTS = 8
BASE_DELAY = 5.0
MAX_DELAY = 3600.0


class OutboxService:
    TABLES = (T.outbox,)
    MEMBER_COLUMNS = {T.outbox: ("channel",)}  # "dm:<member>" for private messages

    def __init__(self, db: sqlite_utils.Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.listeners: list = []  # callables notified after an enqueue (the dispatcher's wake-up)
        #: kind -> function(spec) returning the message to send now, or None: nothing to post any more
        self.renderers: dict[str, Callable[[dict], OutMessage | None]] = {}

    @no_privilege(PLUMBING)
    def enqueue(self, key: str, channel: str, message: OutMessage | None = None, *, op: str = "post",
                data: dict | None = None, render: dict | None = None, not_before: dt.datetime | None = None,
                revive: bool = False) -> bool:
        """Queue one delivery; returns False when `key` was queued before (nothing happens). With
        `revive`, a row of that key that died or was skipped is queued again (a cancelled one never:
        its content was erased)."""
        if message is not None:
            message = with_marker(message, key)  # so a post that reached Discord can be found again
            message.check_limits()
        if render is not None and render.get("kind") not in self.renderers:
            raise ValueError(f"no renderer for {render.get('kind')!r}")
        payload = {"op": op, "message": message.to_json() if message else None, "data": data or {}}
        if render is not None:
            payload["render"] = render
        now = self.clock.now()
        values = [key, channel, json.dumps(payload, ensure_ascii=False), iso(not_before or now), iso(now)]
        added = write(
            self.db,
            f"insert into {T.outbox} (key, channel, payload, status, attempts, next_attempt_at, created_at) "
            f"values (?, ?, ?, 'pending', 0, ?, ?) on conflict(key) do "
            + ("update set channel = excluded.channel, payload = excluded.payload, status = 'pending', attempts = 0, "
               "next_attempt_at = excluded.next_attempt_at, last_error = null, sent_at = null "
               "where status in ('dead', 'skipped')" if revive else "nothing"), values) == 1
        if added:
            for listener in self.listeners:
                listener()
        return added

    @no_privilege(PLUMBING)
    def render(self, row: dict) -> OutMessage | None:
        """The message of a claimed row: as queued, or built now by its renderer (None: withdrawn)."""
        payload = row["payload"]
        spec = payload.get("render")
        if spec is None:
            return OutMessage.from_json(payload["message"])
        message = self.renderers[spec["kind"]](spec)
        if message is None:
            return None
        message = with_marker(message, row["key"])
        message.check_limits()
        return message

    @no_privilege(PLUMBING)
    def record_skip(self, key: str) -> None:
        """Remember that `key` was deliberately not delivered (e.g. a reminder too late to matter)."""
        now = iso(self.clock.now())
        write(self.db, f"insert or ignore into {T.outbox} (key, channel, payload, status, attempts, created_at, "
                       f"sent_at) values (?, 'none', '{{}}', 'skipped', 0, ?, ?)", [key, now, now])

    @no_privilege(PLUMBING)
    def claim_due(self, limit: int = 10) -> list[dict]:
        now = self.clock.now()
        with self.db.atomic():
            rows = list(self.db.query(
                f"update {T.outbox} set status = 'claimed', claimed_until = ?, attempts = attempts + 1 "
                f"where id in (select id from {T.outbox} where (status = 'pending' and next_attempt_at <= ?) "
                f"or (status = 'claimed' and claimed_until <= ?) order by id limit ?) returning *",
                [iso(now + dt.timedelta(seconds=CLAIM_SECONDS)), iso(now), iso(now), limit]))
        rows.sort(key=lambda r: r["id"])
        for row in rows:
            row["payload"] = json.loads(row["payload"])
        return rows

    @no_privilege(PLUMBING)
    def preview(self, key: str) -> OutMessage | None:
        """What the row of `key` would post if it were sent now (None: nothing, or no such row)."""
        row = self.get(key)
        if row is None or row["payload"] == "{}":
            return None
        return self.render(dict(row, payload=json.loads(row["payload"])))

    @no_privilege(PLUMBING)
    def mark_sent(self, row_id: int, message_id: str | None) -> None:
        self.db[T.outbox].update(row_id, {"status": "sent", "message_id": message_id, "sent_at": iso(self.clock.now()),
                                          "claimed_until": None, "last_error": None})

    @no_privilege(PLUMBING)
    def mark_failed(self, row: dict, reason: str, *, retry: bool = True, retry_after: float | None = None) -> str:
        attempts = row["attempts"]
        if not retry or attempts >= MAX_ATTEMPTS:
            status, when = "dead", None
        else:
            delay = retry_after if retry_after is not None else min(BASE_DELAY * 2 ** (attempts - 1), MAX_DELAY)
            status, when = "pending", iso(self.clock.now() + dt.timedelta(seconds=delay))
        self.db[T.outbox].update(row["id"], {"status": status, "next_attempt_at": when, "claimed_until": None,
                                             "last_error": reason[:300]})
        return status

    @no_privilege(PLUMBING)
    def mark_cancelled(self, row_id: int, reason: str) -> None:
        """Nothing to deliver any more (the content was erased or withdrawn before it went out)."""
        self.db[T.outbox].update(row_id, {"status": "cancelled", "payload": "{}", "claimed_until": None,
                                          "last_error": reason[:300]})

    @no_privilege(PLUMBING + ' (the CLI, run by the operator; moderators go through moderate_dead)')
    def retry(self, row_id: int) -> bool:
        """Queue a dead row again (after its cause was fixed); False when there is no such dead row."""
        now = iso(self.clock.now())
        return write(self.db, f"update {T.outbox} set status = 'pending', attempts = 0, next_attempt_at = ?, "
                              f"last_error = null where id = ? and status = 'dead'", [now, row_id]) == 1

    @requires(Privilege.MODERATOR)
    def moderate_dead(self, req: Request, row_id: int | None = None) -> str:
        """`/digest outbox` (moderators): without an id, the posts Discord refused for good; with an
        id, queue that one again. Returns the reply in the moderator's language."""
        if row_id is not None:
            return t("outbox.retried" if self.retry(row_id) else "outbox.not_dead", req.lang, id=row_id)
        rows = self.dead(limit=20)
        return "\n".join(t("outbox.dead_line", req.lang, id=r["id"], what=describe(r["key"], req.lang),
                           reason=(r["last_error"] or "")[:150]) for r in rows) or t("outbox.none_dead", req.lang)

    @no_privilege(PLUMBING)
    def dead(self, limit: int = 50) -> list[dict]:
        """Posts Discord refused for good: id, key, channel, why and when (no payloads)."""
        return list(self.db[T.outbox].rows_where("status = 'dead'", order_by="id desc", limit=limit,
                                                 select="id, key, channel, last_error, attempts, created_at"))

    @no_privilege(PLUMBING)
    def rows(self, status: str | None = None, limit: int = 50) -> list[dict]:
        """The newest rows (no payloads), for `labbot outbox list`."""
        where, args = ("status = ?", [status]) if status else (None, [])
        return list(self.db[T.outbox].rows_where(where, args, order_by="id desc", limit=limit,
                                                 select="id, key, channel, status, attempts, last_error, "
                                                        "created_at, sent_at"))

    @no_privilege(RIGHTS)
    def withdraw(self, keys: list[str]) -> int:
        """Content of `keys` was erased: queued ones are cancelled and delivered ones lose their
        stored payload now, not at the 30-day purge (the key and message id stay, so the post can
        still be removed from Discord)."""
        if not keys:
            return 0
        marks = placeholders(keys)
        cancelled = self.cancel(keys)
        write(self.db, f"update {T.outbox} set payload = '{{}}' where key in ({marks}) and status = 'sent'", keys)
        return cancelled

    @no_privilege(PLUMBING)
    def cancel(self, keys: list[str]) -> int:
        """Withdraw queued deliveries that must not go out any more (their content was erased):
        the key stays (so it is never queued again), the payload goes."""
        if not keys:
            return 0
        return write(self.db, f"update {T.outbox} set status = 'cancelled', payload = '{{}}' "
                              f"where key in ({placeholders(keys)}) and status in ('pending', 'dead')", keys)

    @no_privilege(PLUMBING)
    def get(self, key: str) -> dict | None:
        rows = list(self.db[T.outbox].rows_where("key = ?", [key], limit=1))
        return rows[0] if rows else None

    @no_privilege(PLUMBING)
    def counts(self) -> dict[str, int]:
        return {r["status"]: r["n"] for r in self.db.query(
            f"select status, count(*) as n from {T.outbox} group by status")}


    # -- the member's rights: private messages to a member are theirs ---------------------------
    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        channels = [f"dm:{k}" for k in keys]
        marks = placeholders(channels)
        rows = list(self.db[T.outbox].rows_where(f"channel in ({marks})", channels,
                                                 select="key, channel, status, created_at, sent_at"))
        return {T.outbox: rows}

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        channels = [f"dm:{k}" for k in keys]
        marks = placeholders(channels)
        n = write(self.db, f"delete from {T.outbox} where channel in ({marks}) and status != 'claimed'", channels)
        return {T.outbox: n}

    @no_privilege(RETENTION)
    def purge_sent_before(self, cutoff: str) -> int:
        """Delivered payloads are not kept: the key stays (for idempotency), the content goes."""
        return write(self.db, f"update {T.outbox} set payload = '{{}}' "
                              f"where status = 'sent' and sent_at < ? and payload != '{{}}'", [cutoff])


def describe(key: str, lang: str = "nl") -> str:
    """What an outbox key is, in words ("stempost van inbreng 12"), for moderators and operators."""
    kind, _, rest = key.partition(":")
    parts = rest.split(":")
    known = {"vote-post": "outbox.what.vote_post", "vote-final": "outbox.what.vote_final",
             "vote-delete": "outbox.what.vote_delete", "reject": "outbox.what.reject", "lessons": "outbox.what.lessons",
             "digest": "outbox.what.digest", "thread": "outbox.what.thread", "agenda": "outbox.what.agenda",
             "event": "outbox.what.event", "reminder": "outbox.what.reminder"}
    if kind not in known:
        return t("outbox.what.other", lang, name=key[:80])
    return t(known[kind], lang, id=parts[0] if parts else "", week=parts[1] if len(parts) > 1 else "",
             part=parts[2][1:] if len(parts) > 2 else "")


# -- read-only views for operators (`labbot status`, `/healthz`): counts, keys and times only ------
UNDELIVERED = ("pending", "claimed")


def status_counts(db: sqlite_utils.Database) -> dict[str, int]:
    return {r["status"]: r["n"] for r in db.query(f"select status, count(*) as n from {T.outbox} group by status")}


def undelivered(db: sqlite_utils.Database, now: dt.datetime) -> tuple[int, str | None]:
    """How many posts wait, and the queueing time of the oldest. A post queued for later and not
    tried yet does not count; one that is being retried counts from its queueing."""
    row = next(db.query(
        f"select count(*) as n, min(created_at) as oldest from {T.outbox} where status in "
        f"({placeholders(UNDELIVERED)}) and not (attempts = 0 and next_attempt_at > ?)", [*UNDELIVERED, iso(now)]))
    return row["n"], row["oldest"]


def first_digest_parts(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(f"select key, status, created_at, sent_at from {T.outbox} where key like 'digest:%:p1' "
                         f"order by created_at"))


def is_queued(db: sqlite_utils.Database, key: str) -> bool:
    return db.execute(f"select 1 from {T.outbox} where key = ?", [key]).fetchone() is not None
