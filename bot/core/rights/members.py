"""The member's rights under the AVG/GDPR: see everything stored about you, and erase it.

Every service that owns member data implements `export_user(keys)` and `forget_user(keys)` and
lists its tables in `TABLES` (Red's `red_delete_data_for_user` idea: even a service that keeps
nothing says so). `keys` are every key a member's rows can be stored under: the member's id and
the keyed pseudonym of their anonymous contributions. A test fails when a table is not covered.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Protocol

from bot.core.clock import Clock, iso
from bot.core.i18n import MESSAGES, t
from bot.core.identity import PLUMBING, PSEUDONYM_PREFIX, PURE, RIGHTS, Identity, no_privilege, requires
from bot.core.models import Privilege, Request
from bot.core.rights import store as key_store
from bot.core.store import rename_member_key, values_with_prefix


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

    # -- pseudonym keys: rotation, and a database keyed by another secret ------------------------
    def _pseudonym_columns(self):
        for service in self.services:
            for table, columns in service.MEMBER_COLUMNS.items():
                yield from ((table, c) for c in columns if c != "channel")

    @no_privilege('operator: the CLI run by whoever holds the database (labbot privacy rekey)')
    def stored_pseudonyms(self) -> set[str]:
        db = self.services[0].db
        return {v for table, column in self._pseudonym_columns()
                for v in values_with_prefix(db, table, column, PSEUDONYM_PREFIX)}

    @no_privilege('operator: the CLI run by whoever holds the database (labbot privacy rekey)')
    def plain_member_ids(self) -> set[str]:
        """Every member id stored in plain form ("discord:<id>"): the members `rekey` can map."""
        db = self.services[0].db
        return {v for table, column in self._pseudonym_columns() for v in values_with_prefix(db, table, column,
                                                                                              "discord:")}

    @no_privilege(RIGHTS)
    def other_key_in_use(self) -> bool:
        """The database holds pseudonyms and has seen a key that is neither the current secret nor
        a configured old one: a member's pseudonymous rows may be stored under it."""
        db = self.services[0].db
        return bool(key_store.others(db, self.identity.fingerprints())) and bool(self.stored_pseudonyms())

    @no_privilege(PLUMBING)
    def record_key(self) -> None:
        key_store.record(self.services[0].db, self.identity.fingerprint(), iso(self.clock.now()))

    @no_privilege('operator: the CLI run by whoever holds the database (labbot privacy rekey)')
    def rekey(self, member_ids: Iterable[str]) -> tuple[int, int]:
        """Rewrite every pseudonym made with an old secret to the current one, in one transaction,
        for the members in `member_ids` (a pseudonym cannot be read back: its member must be known).
        Returns (pseudonyms rewritten, pseudonyms still under another key)."""
        db = self.services[0].db
        mapping = {}
        for user_id in set(member_ids):
            new, *old = self.identity.pseudonyms_of(user_id)
            mapping.update({o: new for o in old})
        rewritten = set()
        with db.atomic():
            for table, column in self._pseudonym_columns():
                for value in values_with_prefix(db, table, column, PSEUDONYM_PREFIX):
                    if value in mapping:
                        rename_member_key(db, table, column, value, mapping[value])
                        rewritten.add(value)
            current = {self.identity.pseudonym(u) for u in set(member_ids)}
            left = {v for v in self.stored_pseudonyms() if v not in current and v not in mapping}
            if not left:  # nothing is stored under an old key any more: forget the old fingerprints
                key_store.retire(db, [f for f in self.identity.fingerprints()[1:]])
        return len(rewritten), len(left)

    @staticmethod
    @no_privilege(PURE)
    def summary(done: dict[str, int], lang: str = "nl") -> str:
        """What an erasure removed, in words ("2 vragen, 1 stempost, ook uit Discord gehaald"), not
        table names; "" when nothing was stored."""
        parts = []
        for what, count in done.items():
            if count:
                key = f"rights.what.{what}" if f"rights.what.{what}" in MESSAGES else "rights.what.other"
                parts.append(t(key, lang, count=count))
        return ", ".join(parts)
