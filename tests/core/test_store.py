import sqlite3

import pytest

from bot.core.errors import StorageUnavailable
from bot.core.store import T, open_database
from bot.core.store.migrations import MIGRATIONS


def test_file_database_uses_wal_foreign_keys_and_migrations(tmp_path):
    db = open_database(tmp_path / "sub" / "labbot.db")
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {T.questions, T.feedback} <= set(db.table_names())
        assert not MIGRATIONS.pending(db)
    finally:
        db.close()


def test_migrations_are_idempotent_across_restarts(tmp_path):
    path = tmp_path / "labbot.db"
    open_database(path).close()
    db = open_database(path)
    try:
        applied = [m.name for m in MIGRATIONS.applied(db)]
        assert len(applied) == len(set(applied))
    finally:
        db.close()


def test_foreign_keys_are_enforced(fresh_db):
    with pytest.raises(sqlite3.IntegrityError):
        fresh_db[T.feedback].insert({"question_id": 999, "author_id": "x", "helpful": 1, "created_at": "now"})


def test_unwritable_path_is_a_clear_storage_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StorageUnavailable) as err:
        open_database(blocker / "labbot.db")
    assert err.value.params["path"].endswith("labbot.db")


def test_not_a_database_is_reported(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StorageUnavailable) as err:
        open_database(path)
    assert err.value.params["reason"] == "not a valid database file"
