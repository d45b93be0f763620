"""Every embed within Discord's limits at its largest (issue 19, point 5), and member text escaped
in every door embed (issue 16, point 16). Checked with the fake Discord's own rules
(`fakediscord.limits`), which refuse an oversized embed with 400 / 50035 as Discord does."""

from __future__ import annotations

import json

import aiohttp
import discord
import pytest

from bot.core.models import Answer, EntryRef, Request
from bot.core.notify import EmbedBuilder, OutMessage
from bot.core.store import T
from bot.discord_adapter.lab.lesson_views import lessons_message
from bot.discord_adapter.lab.views import queue_message
from bot.discord_adapter.render import answer_embed, search_embed
from fakediscord import limits
from knowledge.entry import Entry
from tests.doors.discord.lab.test_cogs import (  # noqa: F401 - fixtures
    MOD,
    MOD_REQ,
    channel,
    client,
    cog,
    inter,
    lab,
    reply,
    run,
)

MARKDOWN = "**vet** _schuin_ `code` ~~weg~~ [link](https://example.org) > citaat @everyone #kop "
LONG_TITLE = ("*_" * 50)[:100]
LONG_TEXT = (MARKDOWN * 60)[:4000]


def fits(embed: discord.Embed) -> None:
    assert limits.embed_errors([embed.to_dict()]) == {}, limits.embed_errors([embed.to_dict()])


def many_items(app, session, count: int, status: str = "pending") -> list[int]:
    """Items written straight into the table (the intake's rate limit is not what is tested here)."""
    ids = []
    for n in range(count):
        ids.append(app.db[T.items].insert({
            "session_id": session.id, "author_key": f"discord:{500 + n}", "anonymous": 0, "title": LONG_TITLE,
            "text": LONG_TEXT, "sector": "*" * 60, "status": status, "version": 0,
            "reason": ("_reden_ " * 100)[:500] if status == "rejected" else None,
            "claimed_by": f"discord:{MOD}" if n % 2 else None,
            "created_at": "2027-03-01T12:00:00+00:00", "updated_at": "2027-03-01T12:00:00+00:00"}).last_pk)
    return ids


def test_the_builder_stops_and_says_how_many_more():
    b = EmbedBuilder("t" * 300, "d" * 2000, lang="nl", footer="f" * 3000)
    for n in range(40):
        b.field(f"veld {n}" + "n" * 300, "w" * 2000)
    embed = b.build()
    OutMessage(embeds=(embed,)).check_limits()
    assert embed.description.endswith(f"… en nog {40 - len(embed.fields)} meer")
    assert embed.description.startswith("ddd")
    assert 0 < len(embed.fields) < 25 and embed.size() <= 6000 - 20


def test_the_queue_at_its_largest_fits(app, lab):  # noqa: F811
    many_items(app, lab, 12)
    embed = queue_message(app, MOD_REQ, lab.id, "nl")["embed"]
    fits(embed)
    assert "meer" in embed.description and "@everyone" not in str(embed.to_dict())


def test_the_lesson_list_at_its_largest_fits(app, lab):  # noqa: F811
    item = many_items(app, lab, 1, "discussed")[0]
    for _ in range(30):
        app.db[T.lessons].insert({"session_id": lab.id, "item_id": item, "title": LONG_TITLE * 2,
                                  "text": LONG_TEXT[:1500], "status": "draft", "created_at": "x", "updated_at": "x"})
    fits(lessons_message(app, MOD_REQ, lab, "nl")["embed"])


async def test_my_contributions_at_their_largest_fit(cog, client, app, lab):  # noqa: F811
    many_items(app, lab, 30, "rejected")
    app.db.execute(f"update {T.items} set author_key = 'discord:21'")
    i = inter(client)
    await run(cog.mijn, cog, i)
    fits(reply(i)["embed"])


def test_search_results_and_answers_at_their_largest_fit():
    entries = [Entry(id=f"e{n}", title="T" * 300, body=MARKDOWN * 100, tags=(), sources=()) for n in range(12)]
    fits(search_embed("x" * 500, entries, "nl"))
    ref = EntryRef(entry_id="e", title="T" * 300, excerpt=MARKDOWN * 100, sources=("s" * 500,) * 3,
                   matched_on=("w" * 40,) * 10)
    answer = Answer(question_id=1, answered=True, best=ref, also=(ref,) * 10)
    fits(answer_embed(answer, "nl"))


def test_the_published_lessons_post_at_its_largest_fits(app, lab):  # noqa: F811
    item = many_items(app, lab, 1, "discussed")[0]
    for n in range(25):
        app.db[T.lessons].insert({"session_id": lab.id, "item_id": item, "title": f"Les {n} {LONG_TITLE}",
                                  "text": LONG_TEXT[:1500], "status": "approved", "created_at": "x",
                                  "updated_at": "x"})
    assert app.lessons.publish(MOD_REQ, lab.id) == 25
    key = next(r["key"] for r in app.db[T.outbox].rows if r["key"].startswith("lessons:"))
    embed = app.outbox.preview(key).embeds[0]   # rendered as it would be sent
    assert limits.embed_errors([{"title": embed.title, "description": embed.description,
                                 "fields": [{"name": f.name, "value": f.value} for f in embed.fields],
                                 "footer": {"text": embed.footer}}]) == {}
    assert "meer" in embed.description


@pytest.mark.parametrize("body", [
    {"embeds": [{"title": "t", "fields": [{"name": "n", "value": "v" * 1000}] * 7}]},
    {"embeds": [{"description": "d"}] * 11},
    {"embeds": [{"title": "t", "fields": [{"name": "n", "value": "v"}] * 26}]},
])
async def test_the_fake_refuses_an_oversized_embed_as_discord_does(fake_discord, body):
    fake = fake_discord
    fake.allow_contract_violations = True   # where the OpenAPI description is present it objects too
    headers = {"Authorization": f"Bot {fake.token}"}
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{fake.api_base}/channels/{fake.channel_id}/messages", json=body,
                                headers=headers) as resp:
            assert resp.status == 400
            answer = await resp.json()
    assert answer["code"] == 50035 and "embeds" in answer["errors"]
    assert fake.messages_in(fake.channel_id) == []


def test_member_text_is_escaped_in_every_door_embed(app, lab):  # noqa: F811
    """16.16: one helper (public_text) for member text in the queue and lesson list."""
    req = Request(user_id="discord:31", text="Tekst met **vet** en @everyone")
    item = app.intake_items.submit(req, lab.id, "**Vet** _titel_ @here", "")
    queue = str(queue_message(app, MOD_REQ, lab.id, "nl")["embed"].to_dict())
    assert "\\\\*\\\\*Vet\\\\*\\\\*" in queue and "@here" not in queue and "@everyone" not in queue
    app.db[T.lessons].insert({"session_id": lab.id, "item_id": item.id, "title": "**Les** @everyone",
                              "text": "`code` _tip_", "status": "draft", "created_at": "x", "updated_at": "x"})
    lessons = str(lessons_message(app, MOD_REQ, lab, "nl")["embed"].to_dict())
    assert "\\\\*\\\\*Les\\\\*\\\\*" in lessons and "@everyone" not in lessons and "\\\\`code\\\\`" in lessons


async def test_a_retried_expert_thread_reuses_the_thread_it_made(app, lab):  # noqa: F811
    """19.9: Discord made the thread, then adding a member failed; the retry adds to that thread."""
    import dataclasses
    from types import SimpleNamespace
    from unittest.mock import AsyncMock, MagicMock

    from bot.core.notify import DeliveryError
    from bot.discord_adapter.notifier import DiscordNotifier

    app.settings = dataclasses.replace(app.settings, network_channel_id=5550, expert_role_id=None)
    item = app.intake_items.submit(Request(user_id="discord:31", text="Hoe ga ik het gesprek aan?"), lab.id,
                                   "Complotvideo's in de klas", "")
    thread = MagicMock(spec=discord.Thread, id=8080)
    failure = discord.HTTPException(SimpleNamespace(status=500, reason="x"), "boom")
    thread.add_user = AsyncMock(side_effect=[None, failure, None, None])
    thread.send = AsyncMock()
    network = MagicMock(spec=discord.TextChannel)
    network.create_thread = AsyncMock(return_value=thread)
    bot = SimpleNamespace(get_channel=lambda cid: network if cid == 5550 else thread if cid == 8080 else None)
    notifier = DiscordNotifier(bot, app)
    app.sessions.expert_thread(MOD_REQ, lab.id, item.id, item.title, [101, 102])
    row = {"payload": json.loads(next(r for r in app.db[T.outbox].rows if r["key"] == f"expert:{item.id}")["payload"])}
    with pytest.raises(DeliveryError):
        await notifier.private_thread(row)
    assert app.intake_items.expert_thread(item.id) == "8080"
    assert await notifier.private_thread(row) == "8080"
    assert network.create_thread.await_count == 1          # one thread, not a second empty one
    assert thread.send.await_count == 1                     # the intro once, when the thread was made
