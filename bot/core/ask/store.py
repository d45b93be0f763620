"""The ask capability's tables and SQL (questions, feedback), as named functions."""

from __future__ import annotations

import sqlite_utils

from bot.core.store import T, placeholders, write

TABLES = (T.questions, T.feedback)


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
