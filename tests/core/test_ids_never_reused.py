"""Issue 16, point 4: after an erasure, numbers are never handed out again (AUTOINCREMENT), on a new
database and on one migrated from before the change (rows kept)."""

from bot.core.models import Privilege, Request
from bot.core.store import T, open_database
from bot.core.store.migrations import MIGRATIONS, NUMBERED_TABLES
from tests.core.lab.test_lab_flow import lab, member, submit  # noqa: F401  (the `lab` fixture)


def test_an_erased_items_number_is_not_the_next_items(app, lab):  # noqa: F811
    first = submit(app, lab, n=1)
    last = submit(app, lab, n=2)
    app.members.forget(member(2))  # a pending item is deleted
    assert app.db[T.items].count == 1
    newer = submit(app, lab, n=3)
    assert newer.id > last.id > first.id


def test_every_numbered_table_never_reuses_ids(fresh_db):
    for table in NUMBERED_TABLES:
        sql = fresh_db.execute("select sql from sqlite_master where name = ?", [table]).fetchone()[0]
        assert "AUTOINCREMENT" in sql, table


def test_migration_keeps_rows_indexes_and_foreign_keys(tmp_path):
    path = tmp_path / "old.db"
    db = open_database(path, migrate=False)
    MIGRATIONS.apply(db, stop_before="m008_ids_never_reused")
    mod = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
    db[T.sessions].insert({"id": 1, "kind": "lab", "theme": "t", "starts_at": "2027", "ends_at": "2027",
                           "status": "planned", "uid": "u1", "created_at": "2026", "created_by": mod.user_id})
    for n in (1, 2, 3):
        db[T.items].insert({"id": n, "session_id": 1, "author_key": f"discord:{n}", "title": "t", "text": "x",
                            "status": "pending", "created_at": "2026"})
    db[T.votes].insert({"item_id": 2, "voter_key": "anon:x", "created_at": "2026"})
    db.execute("delete from items where id = 3")
    db.conn.commit()
    db.close()
    db = open_database(path)
    try:
        assert [r["id"] for r in db[T.items].rows] == [1, 2]
        assert db[T.votes].count == 1
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert {"idx_items_session_id_status", "idx_items_author_key"} <= {i.name for i in db[T.items].indexes}
        new = db[T.items].insert({"session_id": 1, "author_key": "discord:4", "title": "t", "text": "x",
                                  "status": "pending", "created_at": "2026"}).last_pk
        db.execute("delete from items where id = ?", [new])
        again = db[T.items].insert({"session_id": 1, "author_key": "discord:5", "title": "t", "text": "x",
                                    "status": "pending", "created_at": "2026"}).last_pk
        assert again > new
    finally:
        db.close()
