"""The ask capability's tables and SQL (questions, feedback), as named functions."""

from __future__ import annotations

import sqlite_utils

from bot.core.store import T, placeholders, write

TABLES = (T.questions, T.feedback, T.phrasings)


def feedback_per_entry(db: sqlite_utils.Database) -> list[dict]:
    """Per entry: helpful and unhelpful counts, worst first."""
    return list(db.query(
        f"select entry_id, sum(helpful) as helpful, sum(1 - helpful) as unhelpful, count(*) as total "
        f"from {T.feedback} where entry_id is not null group by entry_id "
        f"order by (sum(1 - helpful) * 1.0 / count(*)) desc, total desc"))


def forget_member(db: sqlite_utils.Database, keys: tuple[str, ...]) -> dict[str, int]:
    """Delete the member's questions (with all feedback on them) and the member's feedback."""
    marks, args = placeholders(keys), list(keys)
    with db.atomic():
        feedback = db.execute(f"delete from {T.feedback} where author_id in ({marks})", args).rowcount
        db.execute(f"delete from {T.feedback} where question_id in "
                   f"(select id from {T.questions} where author_id in ({marks}))", args)
        questions = db.execute(f"delete from {T.questions} where author_id in ({marks})", args).rowcount
    return {T.questions: questions, T.feedback: feedback}


def blank_question_text_before(db: sqlite_utils.Database, cutoff: str) -> int:
    return write(db, f"update {T.questions} set text = '', channel_id = null "
                     f"where created_at < ? and text != ''", [cutoff])


# -- learned phrasings ------------------------------------------------------------------------------
def add_phrasing(db: sqlite_utils.Database, row: dict) -> bool:
    """One phrasing per question (a second "nuttig" on the same answer adds nothing)."""
    cols = ("entry_id", "text", "author_id", "question_id", "created_at")
    return write(db, f"insert or ignore into {T.phrasings} ({', '.join(cols)}) values ({placeholders(cols)})",
                 [row[c] for c in cols]) == 1


def phrasings_by_entry(db: sqlite_utils.Database) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in db.query(f"select entry_id, text from {T.phrasings} order by id"):
        out.setdefault(r["entry_id"], []).append(r["text"])
    return out


def phrasing_rows(db: sqlite_utils.Database) -> list[dict]:
    return list(db.query(f"select id, entry_id, text, created_at from {T.phrasings} order by entry_id, id"))


def delete_phrasing(db: sqlite_utils.Database, phrasing_id: int) -> int:
    return write(db, f"delete from {T.phrasings} where id = ?", [phrasing_id])


def forget_member_phrasings(db: sqlite_utils.Database, keys: tuple[str, ...]) -> int:
    return write(db, f"delete from {T.phrasings} where author_id in ({placeholders(keys)})", list(keys))


def unhelpful_answers(db: sqlite_utils.Database, limit: int = 50) -> list[dict]:
    """"Niet nuttig" on an answer, with the entry that was chosen and the (masked) question."""
    return list(db.query(
        f"select q.id, q.entry_id, q.text, f.created_at from {T.feedback} f join {T.questions} q "
        f"on q.id = f.question_id where f.helpful = 0 and q.entry_id is not null "
        f"order by f.created_at desc limit ?", [limit]))

