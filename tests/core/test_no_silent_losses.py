"""Issue 16 (points 5, 6, 7), 17 (point 13) and 19 (point 4) in the core, with a recording notifier:
a skip is not a post, a dead post is not a post, votes stop at close, an erasure leaves no copy and
says in words what it removed."""

import datetime as dt
import json
import re

import pytest

from bot.core.dispatch import Dispatcher
from bot.core.errors import InvalidInput
from bot.core.models import Privilege, Request
from bot.core.notify import DeliveryError, OutMessage
from bot.core.store import T
from tests.core.lab.test_lab_flow import MOD, lab, member, submit  # noqa: F401  (the `lab` fixture)
from tests.stubs import RecordingNotifier

GRACE = dt.timedelta(hours=2)


@pytest.fixture
def deliver(app):
    notifier = RecordingNotifier()
    dispatcher = Dispatcher(app.outbox, notifier)
    dispatcher.handlers["thread.open"] = lambda row: _thread(app, notifier, row)
    return dispatcher, notifier


async def _thread(app, notifier, row):
    if notifier.fail_with:
        raise notifier.fail_with.pop(0)
    app.sessions.set_discord_ids(row["payload"]["data"]["session_id"], thread_id="555")
    return "555"


# -- 16.5: a week skipped at start-up is not recorded as posted --------------------------------------
def test_a_skipped_week_is_not_posted_and_digest_nu_still_posts_it(app, clock):
    week = app.digest.current_week()
    year, number = map(int, week.split("-W"))
    clock.set(app.digest.moment(year, number) + dt.timedelta(days=1))  # Labbot was down a day
    assert app.digest.run_scheduled(GRACE) == "skipped"
    assert not app.digest.posted(week)
    assert app.digest.post_now(MOD) >= 1  # `/digest nu` does not answer "al gepost"
    assert app.outbox.get(app.digest.key("network", week, 1))["status"] == "pending"


# -- 19.4: "posted" means sent ------------------------------------------------------------------
async def test_a_dead_digest_part_is_not_posted_and_is_queued_again(app, deliver):
    dispatcher, notifier = deliver
    assert app.digest.post_now(MOD) >= 1
    notifier.fail_with = [DeliveryError("refused (400 50035)", retry=False)]
    await dispatcher.run_once()
    week = app.digest.current_week()
    assert app.outbox.get(app.digest.key("network", week, 1))["status"] == "dead"
    assert not app.digest.posted(week)
    assert app.digest.post_now(MOD) >= 1  # not "al gepost"
    await dispatcher.drain()
    assert app.outbox.get(app.digest.key("network", week, 1))["status"] == "sent"


async def test_dead_posts_are_reported_once_listed_in_the_moderators_digest_and_retried(app, deliver):
    dispatcher, notifier = deliver
    app.outbox.enqueue("reminder:1:1d:x", "network", OutMessage(content="hoi"))
    notifier.fail_with = [DeliveryError("channel 1: not found (10003)", retry=False)]
    await dispatcher.drain()
    reports = [(ch, m.content) for ch, m, key in notifier.posts if key.startswith("dead:")]
    assert len(reports) == 1 and reports[0][0] == "moderators"
    assert "herinnering voor sessie 1" in reports[0][1] and "not found (10003)" in reports[0][1]
    dead_id = app.outbox.get("reminder:1:1d:x")["id"]
    digest = app.digest.build(moderators=True).markdown()
    assert "Niet afgeleverde berichten" in digest and f"{dead_id}: herinnering voor sessie 1" in digest
    assert "Niet afgeleverde" not in app.digest.build().markdown()  # not in the network's digest
    assert "opnieuw klaar" in app.outbox.moderate_dead(MOD, dead_id)
    await dispatcher.drain()
    assert app.outbox.get("reminder:1:1d:x")["status"] == "sent"
    assert len([k for _, _, k in notifier.posts if k.startswith("dead:")]) == 1  # reported once


async def test_a_dead_session_thread_does_not_block_lab_start(app, lab, clock, deliver):  # noqa: F811
    dispatcher, notifier = deliver
    clock.set(lab.starts_at - dt.timedelta(minutes=5))
    app.sessions.start(MOD, lab.id, [])
    notifier.fail_with = [DeliveryError("missing access (50001)", retry=False)]
    await dispatcher.run_once()
    assert app.outbox.get(f"thread:{lab.id}")["status"] == "dead"
    app.sessions.start(MOD, lab.id, [])  # the moderator starts again once the permission is fixed
    await dispatcher.drain()
    assert app.outbox.get(f"thread:{lab.id}")["status"] == "sent"
    assert app.sessions.get(lab.id).thread_id == "555"


# -- 16.6: votes stop counting after /lab sluit --------------------------------------------------------
def test_votes_do_not_count_after_the_lab_is_closed(app, lab, clock):  # noqa: F811
    item = submit(app, lab)
    app.intake_items.approve(MOD, item.id)
    clock.set(lab.starts_at - dt.timedelta(minutes=5))
    app.sessions.start(MOD, lab.id, [])
    clock.set(lab.ends_at)
    app.sessions.close(MOD, lab.id)
    with pytest.raises(InvalidInput, match="lab.vote_closed"):
        app.intake_items.toggle_vote(member(5), item.id)
    assert app.intake_items.get(item.id).votes == 0
    final = app.outbox.preview(f"vote-final:{item.id}")
    assert final.buttons and all(b.disabled for b in final.buttons)


async def test_reject_and_merge_put_the_vote_post_in_its_final_state(app, lab, deliver):  # noqa: F811
    dispatcher, notifier = deliver
    a, b, c = (submit(app, lab, n, title=f"Vraag {n} over iets anders {n}") for n in (1, 2, 3))
    for item in (a, b, c):
        app.intake_items.approve(MOD, item.id)
    await dispatcher.drain()
    app.intake_items.reject(MOD, a.id, "Valt buiten het thema")
    app.intake_items.merge(MOD, b.id, c.id)
    await dispatcher.drain()
    edited = {mid: m for _, mid, m in notifier.edits}
    assert len(edited) == 2 and all(b.disabled for m in edited.values() for b in m.buttons)
    rejected = edited[app.outbox.get(f"vote-post:{a.id}")["message_id"]]
    assert "Vraag 1" not in json.dumps(rejected.to_json(), ensure_ascii=False)  # its text taken down


# -- 16.7: the erase summary in words --------------------------------------------------------------
def test_the_erase_summary_names_what_was_removed_in_words(app, lab):  # noqa: F811
    item = submit(app, lab)
    app.intake_items.approve(MOD, item.id)
    other = submit(app, lab, n=3, title="Een ander punt")
    app.intake_items.approve(MOD, other.id)
    app.intake_items.toggle_vote(member(1), other.id)  # members vote on others' items (issue 17.12)
    summary = app.members.summary(app.members.forget(member(1)))
    assert "1 stem" in summary and "1 stempost, ook uit Discord gehaald" in summary
    assert not re.search(r"\b(items|votes|followers|outbox|vote_posts)\b", summary)
    assert app.members.summary(app.members.forget(member(44))) == ""


# -- 17.13: every copy, and every column holding a member id ---------------------------------------
async def test_erasure_leaves_no_copy_in_the_outbox_even_of_a_sent_post(app, lab, deliver):  # noqa: F811
    dispatcher, notifier = deliver
    item = submit(app, lab, title="Zeldzaamwoord in de titel", text="Geheimtekstje over de klas")
    app.intake_items.approve(MOD, item.id)
    app.outbox.enqueue("legacy:1", "network", OutMessage(
        content="oud"))  # a row queued before this version stored text: untouched
    await dispatcher.drain()
    app.members.forget(member(1))
    payloads = " ".join(r["payload"] for r in app.db[T.outbox].rows)
    assert "Zeldzaamwoord" not in payloads and "Geheimtekstje" not in payloads


def test_a_moderators_claims_are_exported(app, lab):  # noqa: F811
    mod = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
    item = submit(app, lab)
    app.intake_items.claim(mod, item.id)
    exported = app.members.export(mod)["tables"]
    assert [r["id"] for r in exported["items_claimed"]] == [item.id]


MEMBER_ID = re.compile(r"^(dm:)?(discord:\d+|anon:[0-9a-f]{32})$")


async def test_every_column_that_holds_a_member_id_is_declared(app, lab, clock, deliver):  # noqa: F811
    """Found by the data, not by the column's name: after a whole cycle (intake anonymous and named,
    votes, claims, notes, lessons, questions, reminders), every column where a member id or
    pseudonym turns up is declared in its owner's MEMBER_COLUMNS."""
    dispatcher, _ = deliver
    mod = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
    named, anon = submit(app, lab, 1), submit(app, lab, 2, title="Anoniem punt hier", anonymous=True)
    app.intake_items.claim(mod, named.id)
    app.intake_items.approve(mod, named.id)
    app.intake_items.toggle_vote(member(3), named.id)
    app.intake_items.reject(mod, anon.id, "Past niet")
    app.lessons.add_note(Request(user_id="discord:9", privilege=Privilege.MODERATOR, text="Vertrouwen telt."),
                         named.id)
    app.questions.ask(member(4, text="eerste stappen zorgen"))
    await dispatcher.drain()
    owners = {t: s for s in app.members.services for t in s.TABLES}
    undeclared = set()
    for table in set(app.db.table_names()) - T.internal:
        for column in app.db[table].columns:
            values = [r[column.name] for r in app.db.query(f'select "{column.name}" from "{table}"')]
            if any(isinstance(v, str) and MEMBER_ID.match(v) for v in values):
                declared = getattr(owners.get(table), "MEMBER_COLUMNS", {}).get(table, ())
                if column.name not in declared:
                    undeclared.add(f"{table}.{column.name}")
    assert not undeclared
