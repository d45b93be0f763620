"""The member's rights under the AVG/GDPR: see everything stored about you, and erase it.

Every service that owns member data implements `export_user(keys)` and `forget_user(keys)` and
lists its tables in `TABLES` (Red's `red_delete_data_for_user` idea: even a service that keeps
nothing says so). `keys` are every key a member's rows can be stored under: the member's id and
the keyed pseudonym of their anonymous contributions. A test fails when a table is not covered.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Protocol

from bot.core.clock import Clock, iso
from bot.core.identity import Identity, requires
from bot.core.models import Privilege, Request


class OwnsMemberData(Protocol):
    TABLES: tuple[str, ...]                       # the tables it owns (no other service writes them)
    MEMBER_COLUMNS: dict[str, tuple[str, ...]]    # per table, the columns that hold a member's id or key

    def export_user(self, keys: tuple[str, ...]) -> dict: ...

    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]: ...


class MemberRights:
    def __init__(self, identity: Identity, clock: Clock, services: Sequence[OwnsMemberData]) -> None:
        self.identity = identity
        self.clock = clock
        self.services = list(services)

    @property
    def covered_tables(self) -> set[str]:
        return {t for s in self.services for t in s.TABLES}

    @requires(Privilege.MEMBER)
    def export(self, req: Request) -> dict:
        """Everything stored about the member, pseudonymous items included, as plain data."""
        keys = self.identity.keys_of(req.user_id)
        data: dict = {"member": req.user_id, "exported_at": iso(self.clock.now()), "tables": {}}
        for service in self.services:
            data["tables"].update(service.export_user(keys))
        return data

    @requires(Privilege.MEMBER)
    def export_json(self, req: Request) -> bytes:
        return json.dumps(self.export(req), ensure_ascii=False, indent=2, default=str).encode("utf-8")

    @requires(Privilege.MEMBER)
    def forget(self, req: Request) -> dict[str, int]:
        """Erase the member's contributions; returns what was done per table."""
        keys = self.identity.keys_of(req.user_id)
        done: dict[str, int] = {}
        for service in self.services:
            done.update(service.forget_user(keys))
        return done
