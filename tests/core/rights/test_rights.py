"""Identity, privileges, audit, the member's rights, retention and backups."""

import datetime as dt
import json
import sqlite3

import pytest

from bot.core.errors import NotAllowed, RateLimited
from bot.core.identity import Identity, RateLimiter, require
from bot.core.models import Privilege, Request
from bot.core.store import T, open_database
from bot.core.store.backup import BackupError, backup_database


def test_pseudonym_is_keyed_stable_and_not_the_id():
    a, b = Identity("x" * 16), Identity("y" * 16)
    assert a.pseudonym("discord:1") == a.pseudonym("discord:1")
    assert a.pseudonym("discord:1") != b.pseudonym("discord:1")
    assert "discord:1" not in a.pseudonym("discord:1")
    assert a.author_key(Request(user_id="discord:1", anonymous=True)).startswith("anon:")
    assert a.author_key(Request(user_id="discord:1")) == "discord:1"


@pytest.mark.parametrize("level", list(Privilege))
def test_privilege_levels_are_ordered(level):
    for needed in Privilege:
        if level >= needed:
            require(Request(user_id="u", privilege=level), needed)
        else:
            with pytest.raises(NotAllowed) as err:
                require(Request(user_id="u", privilege=level), needed)
            assert err.value.params["role"] == int(needed)


def test_rate_limiter_window_on_injected_clock(clock):
    limiter = RateLimiter(clock, {"vote": (3, 60)})
    for _ in range(3):
        limiter.hit("vote", "k")
    with pytest.raises(RateLimited) as err:
        limiter.hit("vote", "k")
    assert err.value.params["seconds"] == 60
    limiter.hit("vote", "other-member")
    clock.advance(seconds=60)
    limiter.hit("vote", "k")


def test_audit_is_admin_only(app):
    app.audit.record(Request(user_id="discord:9", privilege=Privilege.MODERATOR), "item.approve", "item", 4, votes=2)
    with pytest.raises(NotAllowed):
        app.audit.read(Request(user_id="discord:9", privilege=Privilege.MODERATOR))
    rows = app.audit.read(Request(user_id="discord:1", privilege=Privilege.ADMIN))
    assert rows[0]["action"] == "item.approve" and rows[0]["item_id"] == "4"
    assert json.loads(rows[0]["detail"]) == {"votes": 2}


def test_every_member_table_is_covered_by_export_and_forget(app):
    tables = set(app.db.table_names()) - T.internal
    uncovered = tables - app.members.covered_tables
    assert not uncovered, f"tables without export_user/forget_user: {sorted(uncovered)}"


def test_export_and_forget_cover_pseudonymous_items(app):
    me = Request(user_id="discord:1")
    a = app.questions.ask(Request(user_id="discord:1", text="eerste stappen zorgen"))
    app.questions.ask(Request(user_id="discord:2", text="complotdenken gesprek"))
    app.questions.feedback(me, a.question_id, True)
    data = json.loads(app.members.export_json(me))
    assert data["member"] == "discord:1"
    assert len(data["tables"][T.questions]) == 1 and len(data["tables"][T.feedback]) == 1
    done = app.members.forget(me)
    assert done[T.questions] == 1
    again = app.members.export(me)
    assert all(not rows for rows in again["tables"].values() if rows is not None)
    assert app.db[T.questions].count == 1


def test_retention_blanks_old_question_text_and_old_audit(app, clock):
    app.questions.ask(Request(user_id="discord:1", text="eerste stappen zorgen"))
    app.audit.record("discord:9", "session.plan", "session", 1)
    clock.advance(dt.timedelta(days=181))
    fresh = app.questions.ask(Request(user_id="discord:1", text="complotdenken gesprek"))
    done = app.retention.apply()
    assert done["question_text"] == 1 and done["audit_log"] == 0
    texts = {r["id"]: r["text"] for r in app.db[T.questions].rows}
    assert texts[fresh.question_id] == "complotdenken gesprek"
    assert sorted(texts.values()) == ["", "complotdenken gesprek"]
    clock.advance(dt.timedelta(days=200))
    assert app.retention.apply()["audit_log"] == 1


def test_backup_while_open_and_restore(tmp_path):
    path = tmp_path / "labbot.db"
    db = open_database(path)
    db[T.audit_log].insert({"actor_id": "a", "action": "x", "created_at": "2026-01-01"})
    backup = backup_database(path, now=dt.datetime(2026, 11, 30, tzinfo=dt.UTC))  # db still open (WAL)
    assert backup.name == "labbot-20261130T000000Z.db"
    db[T.audit_log].insert({"actor_id": "b", "action": "y", "created_at": "2026-01-02"})
    db.close()
    # restore as documented: stop, copy the backup over the database, drop -wal/-shm, start
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"labbot.db{suffix}").unlink(missing_ok=True)
    path.write_bytes(backup.read_bytes())
    restored = open_database(path)
    assert [r["actor_id"] for r in restored[T.audit_log].rows] == ["a"]
    restored.close()


def test_backup_rotation_keeps_the_newest(tmp_path):
    path = tmp_path / "labbot.db"
    open_database(path).close()
    for day in range(1, 5):
        backup_database(path, keep=2, now=dt.datetime(2026, 11, day, tzinfo=dt.UTC))
    names = sorted(p.name for p in (tmp_path / "backups").iterdir())
    assert names == ["labbot-20261103T000000Z.db", "labbot-20261104T000000Z.db"]


def test_backup_errors_are_clear(tmp_path):
    with pytest.raises(BackupError, match="no database"):
        backup_database(tmp_path / "missing.db")
    path = tmp_path / "labbot.db"
    open_database(path).close()
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="cannot write"):
        backup_database(path, blocker / "b.db")
    assert sqlite3.connect(path).execute("pragma integrity_check").fetchone()[0] == "ok"
