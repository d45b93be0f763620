"""The rights capability's SQL: which pseudonym keys made this database's pseudonyms (fingerprints
only: the pseudonym of a fixed probe, `Identity.fingerprint`, never the secrets)."""

from __future__ import annotations

import sqlite_utils

from bot.core.store import T, placeholders, write


def record(db: sqlite_utils.Database, fingerprint: str, now: str) -> None:
    write(db, f"insert into {T.pseudonym_keys} (fingerprint, first_seen, last_seen) values (?, ?, ?) "
              f"on conflict(fingerprint) do update set last_seen = excluded.last_seen", [fingerprint, now, now])


def others(db: sqlite_utils.Database, known: tuple[str, ...]) -> list[str]:
    """Fingerprints of keys that are neither the current one nor a configured old one."""
    return [r["fingerprint"] for r in db[T.pseudonym_keys].rows_where(
        f"fingerprint not in ({placeholders(known)})", list(known), select="fingerprint")]


def retire(db: sqlite_utils.Database, fingerprints: list[str]) -> None:
    if fingerprints:
        write(db, f"delete from {T.pseudonym_keys} where fingerprint in ({placeholders(fingerprints)})", fingerprints)
