"""The informatieplein's tables and SQL (trends, perspectives), as named functions."""

from __future__ import annotations

import sqlite_utils

from bot.core.store import T, placeholders, write

TABLES = (T.trends, T.perspectives)

_MERGED_COUNT = (f"(select count(*) from {T.trends} m where m.merged_into = t.id and m.status = 'merged') "
                 f"as merged_count")


def merged_count(db: sqlite_utils.Database, trend_id: int) -> int:
    return db.execute(f"select count(*) from {T.trends} where merged_into = ? and status = 'merged'",
                      [trend_id]).fetchone()[0]


def trend_rows(db: sqlite_utils.Database, labels: tuple[str, ...], *, since: str | None = None,
               until: str | None = None, theme: str | None = None, house: str | None = None,
               municipality: str | None = None, limit: int | None = None) -> list[dict]:
    """Active trends with one of the sensitivity `labels`, newest first, each with its merged count."""
    where = ["t.status = 'active'", f"t.sensitivity in ({placeholders(labels)})"]
    args: list = list(labels)
    for clause, value in (("t.created_at >= ?", since), ("t.created_at < ?", until), ("t.theme = ?", theme),
                          ("t.region = ?", house), ("t.municipality = ?", municipality)):
        if value:
            where.append(clause)
            args.append(value)
    sql = (f"select t.*, {_MERGED_COUNT} from {T.trends} t where {' and '.join(where)} "
           f"order by t.created_at desc, t.id desc" + (f" limit {int(limit)}" if limit else ""))
    return list(db.query(sql, args))


def move_merged(db: sqlite_utils.Database, trend_id: int, into: int, now: str) -> None:
    """Trends merged into `trend_id` now count for `into` (inside the caller's transaction)."""
    db.execute(f"update {T.trends} set merged_into = ?, updated_at = ? where merged_into = ?", [into, now, trend_id])


def release_merged(db: sqlite_utils.Database, ids: list[int]) -> int:
    """Trends merged into `ids` count on their own again (their target is gone)."""
    if not ids:
        return 0
    return db.execute(f"update {T.trends} set status = 'active', merged_into = null where status = 'merged' "
                      f"and merged_into in ({placeholders(ids)})", ids).rowcount


def trend_ids_by_authors(db: sqlite_utils.Database, keys: tuple[str, ...]) -> list[int]:
    return [r["id"] for r in db.query(f"select id from {T.trends} where author_key in ({placeholders(keys)})",
                                      list(keys))]


def trend_ids_before(db: sqlite_utils.Database, cutoff: str) -> list[int]:
    return [r["id"] for r in db.query(f"select id from {T.trends} where created_at < ?", [cutoff])]


def delete_trends(db: sqlite_utils.Database, ids: list[int]) -> int:
    if not ids:
        return 0
    marks = placeholders(ids)
    db.execute(f"update {T.trends} set merged_into = null where merged_into in ({marks})", ids)
    return db.execute(f"delete from {T.trends} where id in ({marks})", ids).rowcount


def delete_withdrawn_before(db: sqlite_utils.Database, cutoff: str) -> int:
    return write(db, f"delete from {T.trends} where status = 'withdrawn' and coalesce(updated_at, created_at) < ?",
                 [cutoff])
