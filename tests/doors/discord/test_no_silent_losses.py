"""Issue 19, points 1 and 4, and issue 16, point 7, against the fake Discord with failure injection:
what a member erased while Discord was down (or while a post was on its way) is never published
after the erasure, for every kind of queued post, and a post Discord refuses for good is reported."""

from __future__ import annotations

import asyncio
import datetime as dt
import json

import pytest

from bot.core.dispatch import Dispatcher
from bot.core.models import Privilege, Request
from bot.core.store import T
from bot.core.timeparse import parse_local
from bot.discord_adapter.client import LabbotBot
from tests.core.lab.test_lab_flow import AMS
from tests.test_faults import file_app

pytestmark = pytest.mark.e2e

MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
SECRETS = ("Zeldzaamwoord", "Geheimtekstje")  # in every title and text of the erasing member
NOW = dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)


def setup(fake, tmp_path, **settings):
    app = file_app(tmp_path, guild_id=fake.guild_id, network_channel_id=fake.channel_id, **settings)
    app.clock.set(NOW)
    lab = app.sessions.plan(MOD, "lab", "Complotdenken op school", "", parse_local("2027-03-11 19:30", AMS),
                            parse_local("2027-03-11 21:30", AMS), "https://example.org/lab")
    author = Request(user_id=f"discord:{fake.add_user('auteur')['id']}")
    return app, lab, author


def submit(app, lab, author, n):
    from dataclasses import replace

    return app.intake_items.submit(replace(author, text=f"{SECRETS[1]} nummer {n}: hoe pak ik dit aan?"),
                                   lab.id, f"{SECRETS[0]} vraag {n}", "onderwijs")


def everything_sent(fake) -> str:
    return json.dumps([r.json for r in fake.requests if r.method in ("POST", "PATCH") and r.status < 300],
                      ensure_ascii=False, default=str)


def stored_payloads(app) -> str:
    return " ".join(r["payload"] for r in app.db[T.outbox].rows)


async def test_erasure_while_discord_is_down_publishes_nothing_of_the_member(fake_discord, tmp_path):
    """Vote post, rejection DM, lesson and digest are queued while Discord is down; the author
    erases; when Discord is back none of the member's text goes out (and none stays stored)."""
    fake = fake_discord
    app, lab, author = setup(fake, tmp_path)
    bot = LabbotBot(app)
    dispatcher = bot.dispatcher
    async with fake.running_client(bot):
        fake.unavailable("POST", r".*")  # Discord answers 503 to every post, DM and thread
        voted, rejected, lesson_item = (submit(app, lab, author, n) for n in (1, 2, 3))
        app.intake_items.approve(MOD, voted.id)                                  # vote post
        app.intake_items.reject(MOD, rejected.id, "Valt buiten het thema")       # rejection DM
        app.intake_items.approve(MOD, lesson_item.id)
        app.lessons.add_note(Request(user_id=MOD.user_id, privilege=Privilege.MODERATOR,
                                     text="De groep sprak over vertrouwen opbouwen met de leerling."), lesson_item.id)
        (lesson_id,) = app.lessons.draft_for_session(lab.id)
        app.lessons.approve(MOD, lesson_id)
        app.lessons.publish(MOD, lab.id)                                         # lesson
        assert app.digest.post() >= 1                                            # digest (open items)
        await dispatcher.drain()
        assert app.outbox.counts().get("sent", 0) == 0  # nothing reached Discord
        app.members.forget(author)
        fake.available()
        app.clock.advance(dt.timedelta(hours=2))
        await dispatcher.drain()
    sent = everything_sent(fake)
    for word in SECRETS:
        assert word not in sent, word
        assert word not in stored_payloads(app), word  # no copy left in the outbox either (17.13)
    assert app.outbox.get(f"vote-post:{voted.id}")["status"] == "cancelled"
    assert app.outbox.get("digest:network:2027-W09:p1")["status"] == "sent"  # the rest of the digest went out
    assert app.outbox.get(f"lessons:{lab.id}:{lesson_id}")["status"] == "sent"  # the lesson, without the title


async def test_a_vote_post_on_its_way_during_the_erasure_is_taken_down(fake_discord, tmp_path):
    """The vote post reached Discord but its answer never came (the process died); the author
    erased meanwhile. After the restart the post is found and removed, not left up."""
    fake = fake_discord
    app, lab, author = setup(fake, tmp_path)
    bot = LabbotBot(app)
    async with fake.running_client(bot):
        item = submit(app, lab, author, 1)
        fake.hang_after_next("POST", rf"/channels/{fake.channel_id}/messages")
        app.intake_items.approve(MOD, item.id)
        on_its_way = asyncio.create_task(bot.dispatcher.run_once())
        await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages")
        on_its_way.cancel()  # the process dies before it hears Discord's answer
        app.members.forget(author)
        app.clock.advance(dt.timedelta(minutes=5))
        restarted = Dispatcher(app.outbox, bot.notifier)
        await restarted.drain()
        app.clock.advance(dt.timedelta(minutes=5))
        await restarted.drain()
    assert not any(SECRETS[0] in json.dumps(m, ensure_ascii=False) for m in fake.messages_in(fake.channel_id))
    assert fake.find_requests("DELETE", rf"/channels/{fake.channel_id}/messages/\d+")


async def test_closing_edits_the_vote_post_and_erasure_removes_it(fake_discord, tmp_path):
    """Issue 16, points 6 and 7: after `/lab sluit` the vote post shows its final count with the
    button disabled; the author's erasure then removes it from Discord (through the outbox)."""
    fake = fake_discord
    app, lab, author = setup(fake, tmp_path)
    bot = LabbotBot(app)
    async with fake.running_client(bot):
        item = submit(app, lab, author, 1)
        app.intake_items.approve(MOD, item.id)
        await bot.dispatcher.drain()
        message_id = app.outbox.get(f"vote-post:{item.id}")["message_id"]
        app.clock.set(lab.starts_at - dt.timedelta(minutes=5))
        app.sessions.start(MOD, lab.id, [])
        app.clock.set(lab.ends_at)
        app.sessions.close(MOD, lab.id)
        await bot.dispatcher.drain()
        edit = await fake.wait_for("PATCH", rf"/channels/{fake.channel_id}/messages/{message_id}")
        buttons = [c for row in edit.json["components"] for c in row["components"]]
        assert buttons and all(b.get("disabled") for b in buttons)
        assert "eindstand" in json.dumps(edit.json["embeds"], ensure_ascii=False)
        app.members.forget(author)
        await bot.dispatcher.drain()
        await fake.wait_for("DELETE", rf"/channels/{fake.channel_id}/messages/{message_id}")
    assert message_id not in {m["id"] for m in fake.messages_in(fake.channel_id)}


async def test_a_post_refused_for_good_is_reported_once_and_can_be_retried(fake_discord, tmp_path):
    """Issue 19, point 4: a 403 on the vote post marks it dead, the moderators' channel hears of it
    once (what and why), approving again re-posts it, and `retry` works after the cause is fixed."""
    fake = fake_discord
    app, lab, author = setup(fake, tmp_path, moderator_channel_id=fake.channel_id)  # the fake has one channel
    bot = LabbotBot(app)
    async with fake.running_client(bot):
        item = submit(app, lab, author, 1)
        fake.fail_next("POST", rf"/channels/{fake.channel_id}/messages", status=403)
        app.intake_items.approve(MOD, item.id)
        await bot.dispatcher.drain()
        row = app.outbox.get(f"vote-post:{item.id}")
        assert row["status"] == "dead" and "403" in row["last_error"] or "permission" in row["last_error"]
        reports = [m for m in fake.messages_in(fake.channel_id) if "Niet afgeleverd" in (m.get("content") or "")]
        assert len(reports) == 1 and f"stempost van inbreng {item.id}" in reports[0]["content"]
        app.clock.advance(dt.timedelta(hours=1))
        await bot.dispatcher.drain()
        assert len([m for m in fake.messages_in(fake.channel_id) if "Niet afgeleverd" in (m.get("content") or "")]) == 1
        assert str(row["id"]) in app.outbox.moderate_dead(MOD)  # `/digest outbox` lists it
        app.intake_items.approve(MOD, item.id)  # approving again re-posts a dead vote post
        await bot.dispatcher.drain()
        assert app.outbox.get(f"vote-post:{item.id}")["status"] == "sent"
