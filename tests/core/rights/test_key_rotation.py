"""Issue 19, points 2 and 3: rotating LABBOT_PSEUDONYM_SECRET does not cut members off from what they
stored (old secrets accepted for look-up; `rekey` rewrites every pseudonym in one transaction), an
erasure that finds nothing while another key was in use says so, and the console refuses to
invent its own key for a database that holds pseudonyms. Also `labbot outbox list / retry`."""

import datetime as dt
import os
from pathlib import Path

import pytest

from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.clock import ManualClock
from bot.core.i18n import t
from bot.core.models import Privilege, Request
from bot.core.notify import OutMessage
from bot.core.settings import Settings, SettingsError
from bot.core.store import T, open_database
from bot.core.timeparse import parse_local
from tests.conftest import SECRET, SYNTHETIC
from tests.core.lab.test_lab_flow import AMS
from tests.doors.test_cli import labbot
from tests.stubs import StubMatcher

NEW = "a-brand-new-secret-of-enough-length"
MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
MEMBER = Request(user_id="discord:1")


def make(path: Path, secret: str | None, old: tuple[str, ...] = ()):
    settings = Settings(database_path=path, pseudonym_secret=secret, old_pseudonym_secrets=old)
    return build_app(settings, clock=ManualClock(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)),
                     kb=KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher), db=open_database(path))


def stored_before_rotation(path: Path) -> int:
    app = make(path, SECRET)
    lab = app.sessions.plan(MOD, "lab", "Thema", "", parse_local("2027-03-11 19:30", AMS),
                            parse_local("2027-03-11 21:30", AMS), "123")
    item = app.intake_items.submit(Request(user_id="discord:1", text="Mijn anonieme vraag over de klas",
                                           anonymous=True), lab.id, "Anoniem punt", "onderwijs")
    app.intake_items.approve(MOD, item.id)
    other = app.intake_items.submit(Request(user_id="discord:2", text="Een vraag van een ander lid"), lab.id,
                                    "Ander punt", "zorg")
    app.intake_items.approve(MOD, other.id)
    app.intake_items.toggle_vote(MEMBER, other.id)  # members vote on others' items (issue 17.12)
    app.questions.ask(Request(user_id="discord:1", text="eerste stappen zorgen"))
    app.close()
    return item.id


def test_after_a_rotation_without_old_secret_erasure_says_another_key_was_used(tmp_path):
    path = tmp_path / "labbot.db"
    stored_before_rotation(path)
    app = make(path, NEW)
    assert app.intake_items.mine(MEMBER) == []
    assert app.members.summary(app.members.forget(MEMBER)) == ""
    assert app.members.other_key_in_use()  # so the member hears why, not "niets opgeslagen"
    assert "andere sleutel" in t("rights.nothing_other_key")
    app.close()


def test_old_secrets_are_accepted_for_look_up_export_erasure_and_one_vote(tmp_path):
    path = tmp_path / "labbot.db"
    item_id = stored_before_rotation(path)
    app = make(path, NEW, old=(SECRET,))
    assert [r["id"] for r in app.intake_items.mine(MEMBER)] == [item_id]
    assert app.members.export(MEMBER)["tables"][T.questions]
    voted, count = app.intake_items.toggle_vote(MEMBER, item_id + 1)  # the old vote is theirs: toggled off
    assert (voted, count) == (False, 0)
    assert not app.members.other_key_in_use()
    done = app.members.forget(MEMBER)
    assert done[T.questions] == 1 and app.db[T.questions].count == 0
    app.close()


def test_rekey_rewrites_every_pseudonym_in_one_go(tmp_path):
    path = tmp_path / "labbot.db"
    item_id = stored_before_rotation(path)
    app = make(path, NEW, old=(SECRET,))
    old = app.identity.pseudonyms_of("discord:1")[1]
    rewritten, left = app.members.rekey({"discord:1"})
    assert (rewritten, left) == (1, 0)  # one member's pseudonym, rewritten in item, vote and question
    assert old not in app.members.stored_pseudonyms()
    app.close()
    app = make(path, NEW)  # the old secret is no longer needed
    assert [r["id"] for r in app.intake_items.mine(MEMBER)] == [item_id]
    assert app.intake_items.get(item_id + 1).votes == 1
    assert not app.members.other_key_in_use()
    app.close()


def test_the_console_refuses_to_invent_a_key_for_a_database_with_pseudonyms(tmp_path):
    path = tmp_path / "bot" / "labbot.db"
    path.parent.mkdir()
    stored_before_rotation(path)
    with pytest.raises(SettingsError, match="LABBOT_PSEUDONYM_SECRET is not set"):
        make(path, None)
    assert not (path.parent / ".pseudonym_secret").exists()
    fresh = tmp_path / "fresh" / "labbot.db"
    make(fresh, None).close()  # an empty database may get its own local key
    assert (fresh.parent / ".pseudonym_secret").exists()


def test_cli_console_without_secret_on_the_bots_database_is_one_clear_line(tmp_path):
    path = tmp_path / "labbot.db"
    stored_before_rotation(path)
    proc = labbot("--env-file", os.devnull, "console", env={"LABBOT_DB": str(path)}, stdin="",
                  cwd=tmp_path)
    assert proc.returncode == 2 and "already holds pseudonyms" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_outbox_list_and_retry(tmp_path):
    path = tmp_path / "labbot.db"
    app = make(path, SECRET)
    app.outbox.enqueue("digest:network:2027-W09:p1", "network", OutMessage(content="x"))
    row = app.outbox.claim_due()[0]
    app.outbox.mark_failed(row, "post to network: refused (400 50035)", retry=False)
    app.close()
    env = {"LABBOT_DB": str(path), "LABBOT_PSEUDONYM_SECRET": SECRET, "PYTHONPATH": os.getcwd()}
    listed = labbot("--env-file", os.devnull, "outbox", "list", "--status", "dead", env=env,
                    cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    assert "weekly digest 2027-W09 for network, part 1" in listed.stdout and "400 50035" in listed.stdout
    assert labbot("--env-file", os.devnull, "outbox", "retry", str(row["id"]), env=env,
                  cwd=tmp_path).returncode == 0
    again = labbot("--env-file", os.devnull, "outbox", "retry", str(row["id"]), env=env, cwd=tmp_path)
    assert again.returncode == 2 and "not a dead post" in again.stderr
    db = open_database(path)
    assert db[T.outbox].get(row["id"])["status"] == "pending"
    db.close()
