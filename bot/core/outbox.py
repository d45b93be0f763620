"""The outbox: every post and Discord side effect is written here first, then delivered.

- `enqueue(key, channel, ...)` is idempotent: one row per key, ever. A digest for a channel and
  week, a reminder for a session and offset, an agenda post: each has its own key, so a job that
  runs twice (restart, misfire, two replicas of a timer) still posts once.
- The dispatcher (`bot.core.dispatch`) claims due rows, delivers them and marks them sent.
  A claim expires after `CLAIM_SECONDS`: when Labbot dies between Discord's answer and
  `mark_sent`, the row comes back and the dispatcher first looks for the earlier post (by its
  footer marker) instead of posting again.
- Failures are retried with exponential back-off (or Discord's retry-after), up to
  `MAX_ATTEMPTS`; then the row is marked dead and logged for an admin.
"""

from __future__ import annotations

import datetime as dt
import json

import sqlite_utils

from bot.core.clock import Clock, iso
from bot.core.identity import PLUMBING, RETENTION, RIGHTS, no_privilege
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

    @no_privilege(PLUMBING)
    def enqueue(self, key: str, channel: str, message: OutMessage | None = None, *, op: str = "post",
                data: dict | None = None, not_before: dt.datetime | None = None) -> bool:
        """Queue one delivery; returns False when `key` was queued before (nothing happens)."""
        if message is not None:
            message = with_marker(message, key)  # so a post that reached Discord can be found again
            message.check_limits()
        payload = {"op": op, "message": message.to_json() if message else None, "data": data or {}}
        now = self.clock.now()
        added = write(
            self.db,
            f"insert or ignore into {T.outbox} (key, channel, payload, status, attempts, next_attempt_at, "
            f"created_at) values (?, ?, ?, 'pending', 0, ?, ?)",
            [key, channel, json.dumps(payload, ensure_ascii=False), iso(not_before or now), iso(now)]) == 1
        if added:
            for listener in self.listeners:
                listener()
        return added

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
