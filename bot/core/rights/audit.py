"""The audit log: every moderator and admin action (who, what, which item, when).

Details hold ids and counts only, never member text. Admins read it (`/beheer audit`,
`labbot audit`). Rows are kept for `audit_days` (retention), then deleted.
"""

from __future__ import annotations

import json

import sqlite_utils

from bot.core.clock import Clock, iso
from bot.core.identity import CHECKED, RETENTION, RIGHTS, no_privilege, requires
from bot.core.models import Privilege, Request
from bot.core.store import T, member_rows, write


class AuditLog:
    TABLES = (T.audit_log,)
    MEMBER_COLUMNS = {T.audit_log: ("actor_id",)}  # kept until retention: see forget_user

    def __init__(self, db: sqlite_utils.Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    @no_privilege(CHECKED)
    def record(self, actor: Request | str, action: str, item_kind: str = "", item_id: object = "",
               **detail: int | str | None) -> None:
        actor_id = actor.user_id if isinstance(actor, Request) else actor
        self.db[T.audit_log].insert({
            "actor_id": actor_id, "action": action, "item_kind": item_kind,
            "item_id": str(item_id) if item_id != "" else "",
            "detail": json.dumps(detail, sort_keys=True) if detail else None,
            "created_at": iso(self.clock.now()),
        })

    @requires(Privilege.ADMIN)
    def read(self, req: Request, limit: int = 50, actor_id: str | None = None) -> list[dict]:
        where, args = ("actor_id = ?", [actor_id]) if actor_id else (None, [])
        return list(self.db[T.audit_log].rows_where(where, args, order_by="id desc", limit=limit))

    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        return {T.audit_log: member_rows(self.db, T.audit_log, "actor_id", keys)}

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        """Audit rows are kept until their retention ends: they record what a moderator did with
        other members' items (accountability), hold no member text, and expire after a year."""
        return {T.audit_log: 0}

    @no_privilege(RETENTION)
    def purge_before(self, cutoff: str) -> int:
        return write(self.db, "delete from audit_log where created_at < ?", [cutoff])
