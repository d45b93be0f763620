"""The living lab's tables and its SQL, as named functions: sessions, items, votes, followers,
notes, lessons, interest. Only the lab's services call these; other capabilities use the lab's
public face (`bot.core.lab`). Each writing function runs in its own transaction (`write`) or
inside the caller's `db.atomic()`."""

from __future__ import annotations

import sqlite_utils

from bot.core.publish import OPEN_ITEM_STATUSES
from bot.core.store import T, placeholders, write

#: the tables this capability owns (covered by its export and erasure)
TABLES = (T.sessions, T.items, T.votes, T.followers, T.notes, T.lessons, T.interest)

_ITEM_SELECT = (f"select i.*, (select count(*) from {T.votes} v where v.item_id = i.id) as votes "
                f"from {T.items} i ")


# -- sessions (read by other capabilities through the face) ------------------------------------------
def session_row(db: sqlite_utils.Database, session_id: int) -> dict:
    """The session's row; sqlite_utils' NotFoundError when there is none."""
    return db[T.sessions].get(session_id)


def last_closed_end(db: sqlite_utils.Database, kind: str, before: str) -> str | None:
    """When the last closed session of `kind` ending at or before `before` ended."""
    rows = list(db.query(f"select ends_at from {T.sessions} where kind = ? and status = 'closed' and ends_at <= ? "
                         f"order by ends_at desc limit 1", [kind, before]))
    return rows[0]["ends_at"] if rows else None


def reschedule_if_sequence(db: sqlite_utils.Database, session_id: int, sequence: int, values: dict) -> int:
    """Compare-and-set on the session's sequence; returns the rows changed (0: changed meanwhile)."""
    sets = ", ".join(f"{column} = ?" for column in values)
    return write(db, f"update {T.sessions} set {sets} where id = ? and sequence = ?",
                 [*values.values(), session_id, sequence])


# -- items, votes, followers ----------------------------------------------------------------------------
def overlapping_session_rows(db: sqlite_utils.Database, starts: str, ends: str, except_id: int) -> list[dict]:
    """Sessions (not cancelled) whose time overlaps [starts, ends)."""
    return list(db[T.sessions].rows_where("status != 'cancelled' and id != ? and starts_at < ? and ends_at > ?",
                                          [except_id, ends, starts], order_by="starts_at"))


def item_rows(db: sqlite_utils.Database, item_id: int) -> list[dict]:
    return list(db.query(_ITEM_SELECT + "where i.id = ?", [item_id]))


def session_item_rows(db: sqlite_utils.Database, session_id: int, statuses: tuple[str, ...]) -> list[dict]:
    """One query for a session's items with their vote counts (no query per item)."""
    return list(db.query(_ITEM_SELECT + f"where i.session_id = ? and i.status in ({placeholders(statuses)}) "
                                        f"order by i.id", [session_id, *statuses]))


def items_by_authors(db: sqlite_utils.Database, keys: tuple[str, ...]) -> list[dict]:
    return list(db[T.items].rows_where(f"author_key in ({placeholders(keys)})", list(keys), order_by="id desc",
                                       select="id, session_id, title, status, reason, anonymous"))


def insert_item(db: sqlite_utils.Database, row: dict, follower_key: str, now: str) -> int:
    with db.atomic():
        item_id = db[T.items].insert(row).last_pk
        db[T.followers].insert({"item_id": item_id, "user_key": follower_key, "created_at": now})
    return item_id


def toggle_vote(db: sqlite_utils.Database, item_id: int, voter_key: str, now: str,
                all_keys: tuple[str, ...] = ()) -> bool:
    """Remove the member's vote when there is one (under any of `all_keys`: a vote made before a key
    rotation counts as theirs), else add it. Returns whether a vote was removed."""
    keys = list(all_keys or (voter_key,))
    with db.atomic():
        removed = write(db, f"delete from {T.votes} where item_id = ? and voter_key in ({placeholders(keys)})",
                        [item_id, *keys])
        if not removed:
            db[T.votes].insert({"item_id": item_id, "voter_key": voter_key, "created_at": now})
    return bool(removed)


def update_item_if_version(db: sqlite_utils.Database, item_id: int, version: int, values: dict) -> int:
    """Compare-and-set on the item's version; returns the rows changed (0: someone else was first)."""
    sets = ", ".join(f"{column} = ?" for column in values)
    return write(db, f"update {T.items} set {sets} where id = ? and version = ?",
                 [*values.values(), item_id, version])


def item_locale(db: sqlite_utils.Database, item_id: int) -> str | None:
    rows = list(db.query(f"select locale from {T.items} where id = ?", [item_id]))
    return rows[0]["locale"] if rows else None


def expert_thread_id(db: sqlite_utils.Database, item_id: int) -> str | None:
    rows = list(db.query(f"select expert_thread_id from {T.items} where id = ?", [item_id]))
    return rows[0]["expert_thread_id"] if rows else None


def set_expert_thread_id(db: sqlite_utils.Database, item_id: int, thread_id: str) -> None:
    db[T.items].update(item_id, {"expert_thread_id": thread_id})


def item_author(db: sqlite_utils.Database, item_id: int) -> str:
    return db[T.items].get(item_id)["author_key"]


def set_agenda_order(db: sqlite_utils.Database, session_id: int, item_ids: list[int]) -> None:
    with db.atomic():
        write(db, f"update {T.items} set position = null where session_id = ?", [session_id])
        for pos, item_id in enumerate(item_ids, 1):
            write(db, f"update {T.items} set position = ?, version = version + 1 where id = ?", [pos, item_id])


def move_votes_and_followers(db: sqlite_utils.Database, source_id: int, target_id: int) -> None:
    """Carry `source`'s votes and followers over to `target` (inside the caller's transaction)."""
    write(db, f"insert or ignore into {T.votes} (item_id, voter_key, created_at) "
              f"select ?, voter_key, created_at from {T.votes} where item_id = ?", [target_id, source_id])
    write(db, f"delete from {T.votes} where item_id = ?", [source_id])
    write(db, f"insert or ignore into {T.followers} (item_id, user_key, created_at) "
              f"select ?, user_key, created_at from {T.followers} where item_id = ?", [target_id, source_id])


def mark_discussed(db: sqlite_utils.Database, item_id: int) -> None:
    write(db, f"update {T.items} set status = 'discussed' where id = ? and status = 'approved'", [item_id])


def open_agenda_rows(db: sqlite_utils.Database, until: str, limit: int = 10) -> list[dict]:
    """Items open for a coming or running lab and publishable (approved, see `bot.core.publish`):
    title, theme, votes; most votes first."""
    return list(db.query(
        f"select i.title, s.theme, (select count(*) from {T.votes} v where v.item_id = i.id) as votes "
        f"from {T.items} i join {T.sessions} s on s.id = i.session_id "
        f"where i.status in ({placeholders(OPEN_ITEM_STATUSES)}) and s.status in ('planned', 'running') "
        f"and s.ends_at > ? order by votes desc, i.id limit ?", [*OPEN_ITEM_STATUSES, until, limit]))


def purge_item_text_closed_before(db: sqlite_utils.Database, cutoff: str) -> int:
    """Raw intake text of sessions closed before `cutoff`."""
    return write(db, f"update {T.items} set text = '' where text != '' and session_id in "
                     f"(select id from {T.sessions} where status in ('closed', 'cancelled') "
                     f"and coalesce(closed_at, ends_at) < ?)", [cutoff])


# -- a member's items: export and erasure ------------------------------------------------------------
def export_member_items(db: sqlite_utils.Database, keys: tuple[str, ...]) -> dict:
    """The member's items, votes and follows, and the items they hold a claim on as a moderator."""
    marks = placeholders(keys)
    return {
        T.items: list(db[T.items].rows_where(f"author_key in ({marks})", list(keys))),
        "items_claimed": list(db[T.items].rows_where(f"claimed_by in ({marks})", list(keys),
                                                     select="id, session_id, status, claimed_by")),
        T.votes: list(db[T.votes].rows_where(f"voter_key in ({marks})", list(keys))),
        T.followers: list(db[T.followers].rows_where(f"user_key in ({marks})", list(keys))),
    }


def item_ids_by_authors(db: sqlite_utils.Database, keys: tuple[str, ...], statuses: tuple[str, ...]) -> list[int]:
    return [r["id"] for r in db[T.items].rows_where(
        f"author_key in ({placeholders(keys)}) and status in ({placeholders(statuses)})", [*keys, *statuses],
        select="id")]


def withdraw_open_items(db: sqlite_utils.Database, keys: tuple[str, ...], lesson_title: str) -> list[int]:
    """The member's approved items not yet discussed: votes dropped, status `erased`, title and
    text blanked; a lesson drawn from one loses the copy of its title (`lesson_title` instead).
    Returns their ids (the caller withdraws their vote posts)."""
    open_ids = item_ids_by_authors(db, keys, ("approved",))
    if open_ids:
        ids = placeholders(open_ids)
        write(db, f"delete from {T.votes} where item_id in ({ids})", open_ids)
        write(db, f"update {T.items} set status = 'erased', title = '', text = '' where id in ({ids})", open_ids)
        write(db, f"update {T.lessons} set title = ? where item_id in ({ids})", [lesson_title, *open_ids])
    return open_ids


def forget_member_items(db: sqlite_utils.Database, keys: tuple[str, ...]) -> dict[str, int]:
    """Votes and follows go. Own items: pending and rejected ones are deleted (with the notes on
    them; a lesson drawn from one loses the link); items already on an agenda keep their
    (moderated) title but lose their text and their author. A moderator's claims are released."""
    marks, args = placeholders(keys), list(keys)
    with db.atomic():
        votes = write(db, f"delete from {T.votes} where voter_key in ({marks})", args)
        follows = write(db, f"delete from {T.followers} where user_key in ({marks})", args)
        mine = f"select id from {T.items} where author_key in ({marks}) and status in ('pending', 'rejected')"
        for table in (T.votes, T.followers, T.notes):
            write(db, f"delete from {table} where item_id in ({mine})", args)
        write(db, f"update {T.lessons} set item_id = null where item_id in ({mine})", args)
        deleted = write(db, f"delete from {T.items} where author_key in ({marks}) "
                            f"and status in ('pending', 'rejected')", args)
        kept = write(db, f"update {T.items} set text = '', author_key = 'forgotten' "
                         f"where author_key in ({marks})", args)
        write(db, f"update {T.items} set claimed_by = null where claimed_by in ({marks})", args)  # a moderator's claim
    return {T.items: deleted + kept, T.votes: votes, T.followers: follows}


# -- notes and lessons ----------------------------------------------------------------------------------
def items_needing_a_lesson(db: sqlite_utils.Database, session_id: int) -> list[dict]:
    """Approved or discussed items of the session with notes and no lesson yet (id, title)."""
    return list(db.query(
        f"select i.id, i.title from {T.items} i where i.session_id = ? and i.status in ('approved', 'discussed') "
        f"and exists (select 1 from {T.notes} n where n.item_id = i.id) "
        f"and not exists (select 1 from {T.lessons} l where l.item_id = i.id) order by i.id", [session_id]))


def lesson_rows(db: sqlite_utils.Database, lesson_ids: list[int]) -> list[dict]:
    return list(db[T.lessons].rows_where(f"id in ({placeholders(lesson_ids)})", list(lesson_ids), order_by="id"))


def approved_item_ids(db: sqlite_utils.Database, session_id: int) -> list[int]:
    return [r["id"] for r in db[T.items].rows_where("session_id = ? and status = 'approved'", [session_id],
                                                    select="id")]


def mark_lessons_published(db: sqlite_utils.Database, lesson_ids: list[int], now: str) -> int:
    return write(db, f"update {T.lessons} set status = 'published', published_at = ? "
                     f"where id in ({placeholders(lesson_ids)})", [now, *lesson_ids])


def published_lessons_with_session(db: sqlite_utils.Database) -> list[dict]:
    """Published lessons with their session's theme and start, oldest first."""
    return list(db.query(f"select l.*, s.theme, s.starts_at from {T.lessons} l join {T.sessions} s "
                         f"on s.id = l.session_id where l.status = 'published' order by l.id"))


def purge_notes_closed_before(db: sqlite_utils.Database, cutoff: str) -> int:
    """Notes on items of sessions closed (or cancelled) before `cutoff`."""
    return write(db, f"delete from {T.notes} where item_id in (select i.id from {T.items} i join "
                     f"{T.sessions} s on s.id = i.session_id where s.status in ('closed', 'cancelled') "
                     f"and coalesce(s.closed_at, s.ends_at) < ?)", [cutoff])


# -- lessons (read by the digest through the face) -----------------------------------------------------
def published_lesson_rows(db: sqlite_utils.Database, since: str, until: str) -> list[dict]:
    return list(db[T.lessons].rows_where("status = 'published' and published_at >= ? and published_at < ?",
                                         [since, until], order_by="published_at"))


def upcoming_session_rows(db: sqlite_utils.Database, now: str, limit: int) -> list[dict]:
    """Planned and running sessions that have not ended, soonest first (operators' status view)."""
    return [dict(r) for r in db.query(
        f"select id, kind, theme, starts_at, status from {T.sessions} where status in ('planned', 'running') "
        f"and ends_at >= ? order by starts_at limit ?", [now, limit])]


# -- the calendar feed's secret ----------------------------------------------------------------------
def calendar_secret(db: sqlite_utils.Database) -> str | None:
    rows = list(db[T.calendar_keys].rows_where("name = 'feed'", select="secret"))
    return rows[0]["secret"] if rows else None


def set_calendar_secret(db: sqlite_utils.Database, secret: str, now: str) -> None:
    db[T.calendar_keys].upsert({"name": "feed", "secret": secret, "created_at": now}, pk="name")
