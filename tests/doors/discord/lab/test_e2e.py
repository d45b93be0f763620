"""The living lab end to end: unmodified discord.py logged in to the fake Discord plans a lab
(the outbox creates the scheduled event), takes intake through a form, posts an approved item
for voting (the button survives a restart) and starts the session (thread with the agenda).
Every request body is checked against Discord's OpenAPI description by the fake; the fixture
fails the test on a contract violation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.dispatch import Dispatcher
from bot.core.settings import Settings
from bot.core.store import T
from bot.discord_adapter import translator
from bot.discord_adapter.client import LabbotBot
from bot.discord_adapter.lab.cog import DYNAMIC_ITEMS, LAB_COGS
from bot.discord_adapter.lab.translations import LAB_EN
from bot.discord_adapter.notifier import DiscordNotifier
from fakediscord import payloads as P
from tests.conftest import SECRET, SYNTHETIC
from tests.stubs import StubMatcher

pytestmark = pytest.mark.e2e

NOW = dt.datetime(2029, 12, 1, 9, 0, tzinfo=dt.UTC)   # the app's clock; the lab is weeks later
WEBHOOK = r"/webhooks/\d+/[^/]+"


class LabTestBot(LabbotBot):
    """LabbotBot with the /lab, /inbreng and /sessie cogs, until client.py registers them itself."""

    async def setup_hook(self) -> None:
        await super().setup_hook()
        for cog in LAB_COGS:
            if self.get_cog(cog.__name__) is None:
                await self.add_cog(cog(self))
        self.add_dynamic_items(*DYNAMIC_ITEMS)


@pytest.fixture
def world(fake_discord, fresh_db, clock, monkeypatch):
    fake = fake_discord
    monkeypatch.setattr(translator, "EN", {**translator.EN, **LAB_EN})
    mod_role = fake.snowflake()
    fake.roles.append(P.role(mod_role, "moderator", position=1, permissions=0))
    fake.moderator = int(fake.add_user("moderator", roles=[mod_role])["id"])
    fake.member = int(fake.add_user("lid")["id"])
    fake.voter = int(fake.add_user("ander-lid")["id"])
    settings = Settings(database_path=Path(":memory:"), pseudonym_secret=SECRET, guild_id=fake.guild_id,
                        network_channel_id=fake.channel_id, moderator_role_ids=frozenset({mod_role}))
    clock.set(NOW)
    kb = KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher)
    app = build_app(settings, clock=clock, kb=kb, db=fresh_db)
    return fake, app


def dispatcher_for(bot, app) -> Dispatcher:
    notifier = DiscordNotifier(bot, app)
    dispatcher = Dispatcher(app.outbox, notifier)
    dispatcher.handlers.update(notifier.handlers())
    return dispatcher


def components(data: dict) -> list[dict]:
    rows = data.get("components", [])
    return [c for row in rows for c in row.get("components", [row.get("component")]) if c]


def assert_private(data: dict) -> None:
    assert data["flags"] & 64
    assert data["allowed_mentions"] == {"parse": []}


async def followup(fake, iid: int) -> dict:
    token = fake.interactions[iid].token
    record = await fake.wait_for("POST", WEBHOOK, predicate=lambda r: token in r.path)
    return record.json


async def plan_lab(fake, app, dispatcher) -> int:
    iid = await fake.slash_command("lab plan", {
        "soort": "lab", "thema": "Complotdenken op school", "start": "2030-01-10 19:30", "einde": "21:30",
        "link": "https://example.org/living-lab", "beschrijving": "Samen kijken naar complotdenken.",
        "inbreng-vanaf": "2029-12-01"}, user_id=fake.moderator)
    reply = await fake.wait_for_response(iid)
    assert reply["type"] == 4
    assert_private(reply["data"])
    assert reply["data"]["embeds"][0]["title"] == "Gepland: Living lab #1"
    await dispatcher.drain()
    return 1


async def open_intake_form(fake, app, bot) -> dict:
    """Sync, plan a lab and open its intake form as `fake.member`; returns the form (type 9 data)."""
    await bot.sync_commands()
    session_id = await plan_lab(fake, app, dispatcher_for(bot, app))
    opened = await fake.slash_command("inbreng nieuw", {"sessie": session_id}, user_id=fake.member)
    return (await fake.wait_for_response(opened))["data"]


async def test_commands_sync_with_english_names(world):
    fake, app = world
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await bot.sync_commands()
        record = await fake.wait_for("PUT", r"/applications/\d+(/guilds/\d+)?/commands")
    groups = {c["name"]: c for c in record.json if c["name"] in ("lab", "inbreng", "sessie")}
    assert sum(len(g["options"]) for g in groups.values()) == 25   # one /lab group had reached the limit
    assert groups["inbreng"]["name_localizations"]["en-US"] == "contribution"
    by_name = {o["name"]: o for g in groups.values() for o in g["options"]}
    assert by_name["nieuw"]["name_localizations"]["en-US"] == "new"
    assert by_name["lessen-publiceer"]["name_localizations"]["en-US"] == "lessons-publish"
    assert by_name["plan"]["options"][0]["name_localizations"]["en-GB"] == "kind"


async def test_plan_creates_the_scheduled_event(world):
    fake, app = world
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await bot.sync_commands()
        session_id = await plan_lab(fake, app, dispatcher_for(bot, app))
    events = list(fake.scheduled_events.values())
    assert len(events) == 1
    event = events[0]
    assert event["name"] == "Living lab: Complotdenken op school"
    assert event["entity_type"] == 3
    assert event["entity_metadata"]["location"] == "https://example.org/living-lab"
    assert event["scheduled_start_time"].startswith("2030-01-10T18:30")
    session = app.sessions.get(session_id)
    assert session.discord_event_id == event["id"]
    assert app.outbox.get(f"event:{session_id}:0")["status"] == "sent"


async def test_intake_form_vote_and_start(world):
    fake, app = world
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await bot.sync_commands()
        dispatcher = dispatcher_for(bot, app)
        session_id = await plan_lab(fake, app, dispatcher)

        # a member hands in a dilemma through the form
        iid = await fake.slash_command("inbreng nieuw", {"sessie": session_id}, user_id=fake.member)
        opened = await fake.wait_for_response(iid)
        assert opened["type"] == 9 and opened["data"]["custom_id"].startswith(f"labbot:lab:inbreng:{session_id}:")
        assert [c["type"] for c in opened["data"]["components"]] == [18, 18, 18, 18]
        sid = await fake.modal_submit(fields={
            "title": "Leerling deelt complotvideo's",
            "text": "Zorgen over radicalisering: hoe begin ik het gesprek?",
            "sector": "onderwijs", "anonymous": ["ja"]}, user_id=fake.member)
        assert (await fake.wait_for_response(sid))["type"] == 5
        receipt = await followup(fake, sid)
        assert receipt["embeds"][0]["title"] == "Je inbreng is ontvangen"
        assert receipt["allowed_mentions"] == {"parse": []}
        row = next(app.db[T.items].rows)
        assert row["title"] == "Leerling deelt complotvideo's" and row["author_key"].startswith("anon:")

        # a moderator approves: the item is posted in the network channel with a vote button
        aid = await fake.slash_command("inbreng goedkeuren", {"item": row["id"]}, user_id=fake.moderator)
        assert (await fake.wait_for_response(aid))["type"] == 5
        assert "geplaatst om op te stemmen" in (await followup(fake, aid))["content"]
        await dispatcher_for(bot, app).drain()  # the outbox delivers the vote post
        post = next(m for m in fake.messages_in(fake.channel_id, include_ephemeral=False)
                    if any(c.get("custom_id") == f"labbot:vote:{row['id']}" for c in components(m)))
        assert "Zorgen over radicalisering" in post["embeds"][0]["description"]

        click = await fake.button_click(f"labbot:vote:{row['id']}", user_id=fake.voter)
        voted = await fake.wait_for_response(click)
        assert voted["type"] == 7
        assert components(voted["data"])[0]["label"] == "Stem (1)"
        assert "geteld" in (await followup(fake, click))["content"]

    # the vote button still works after a restart
    again = LabTestBot(app)
    async with fake.running_client(again):
        click = await fake.button_click(f"labbot:vote:{row['id']}", user_id=fake.voter)
        assert components((await fake.wait_for_response(click))["data"])[0]["label"] == "Stem (0)"
        click = await fake.button_click(f"labbot:vote:{row['id']}", user_id=fake.moderator)
        assert components((await fake.wait_for_response(click))["data"])[0]["label"] == "Stem (1)"

        # the session starts: a thread opens and the agenda is posted in it
        start = await fake.slash_command("sessie start", {"sessie": session_id}, user_id=fake.moderator)
        assert (await fake.wait_for_response(start))["type"] == 5
        assert "is gestart" in (await followup(fake, start))["content"]
        await dispatcher_for(again, app).drain()
    thread_id = app.sessions.get(session_id).thread_id
    assert thread_id and fake.channels[int(thread_id)]["parent_id"] == str(fake.channel_id)
    agenda = fake.messages_in(int(thread_id))
    assert agenda[0]["embeds"][0]["title"] == "Agenda: Complotdenken op school"
    assert "Leerling deelt complotvideo" in agenda[0]["embeds"][0]["description"]
    assert app.outbox.counts() == {"sent": 4}


async def test_members_get_clear_private_errors(world):
    fake, app = world
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await bot.sync_commands()
        iid = await fake.slash_command("lab plan", {
            "soort": "lab", "thema": "Thema", "start": "2030-01-10 19:30", "einde": "18:00",
            "link": "https://example.org/x"}, user_id=fake.moderator, locale="en-US")
        data = (await fake.wait_for_response(iid))["data"]
        assert data["content"].startswith("The end is at or before the start")
        assert_private(data)
        iid = await fake.slash_command("inbreng wachtrij", {"sessie": 1}, user_id=fake.member)
        data = (await fake.wait_for_response(iid))["data"]
        assert "moderator" in data["content"]
        assert_private(data)
    assert app.db[T.sessions].count == 0


async def test_queue_buttons_then_lessons_published(world):
    from bot.core.models import Privilege, Request

    fake, app = world
    mod = Request(user_id=f"discord:{fake.moderator}", privilege=Privilege.MODERATOR)
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await bot.sync_commands()
        dispatcher = dispatcher_for(bot, app)
        session_id = await plan_lab(fake, app, dispatcher)
        item = app.intake_items.submit(Request(user_id="discord:7", text="Hoe begin ik het gesprek?"),
                                       session_id, "Complotvideo's in de klas", "onderwijs")

        iid = await fake.slash_command("inbreng wachtrij", {"sessie": session_id}, user_id=fake.moderator)
        answer = await fake.wait_for_response(iid)
        assert answer["type"] == 4  # answered at once: the service checks the privilege, then reads the queue
        queue = answer["data"]
        assert_private(queue)
        assert [c["custom_id"] for c in components(queue)] == [
            f"labbot:lab:claim:{item.id}", f"labbot:lab:approve:{item.id}", f"labbot:lab:reject:{item.id}"]

        click = await fake.button_click(f"labbot:lab:claim:{item.id}", user_id=fake.moderator)
        claimed = await fake.wait_for_response(click)
        assert claimed["type"] == 7 and claimed["data"]["content"] == f"#{item.id} is nu van jou."
        click = await fake.button_click(f"labbot:lab:approve:{item.id}", user_id=fake.moderator)
        assert (await fake.wait_for_response(click))["type"] == 6
        token = fake.interactions[click].token
        edited = await fake.wait_for("PATCH", WEBHOOK + "/messages/@original",
                                     predicate=lambda r: token in r.path)
        assert edited.json["content"].startswith(f"#{item.id} staat op de agenda")
        assert app.intake_items.get(item.id).status == "approved"

        app.sessions.start(mod, session_id, [])
        app.sessions.set_current(mod, session_id, item.id, item.title)
        app.lessons.add_note(Request(user_id=mod.user_id, text="Vraag door naar de bron van de video's.",
                                     privilege=Privilege.MODERATOR), item.id)
        app.intake_items.mark_discussed(mod, item.id)
        close = await fake.slash_command("sessie sluit", {"sessie": session_id}, user_id=fake.moderator)
        await fake.wait_for_response(close)
        lessons = await followup(fake, close)
        lesson = app.lessons.for_session(session_id)[0]
        assert [c["custom_id"] for c in components(lessons)] == [f"labbot:les:approve:{lesson['id']}",
                                                                 f"labbot:les:edit:{lesson['id']}"]
        click = await fake.button_click(f"labbot:les:approve:{lesson['id']}", user_id=fake.moderator)
        assert (await fake.wait_for_response(click))["type"] == 7
        publish = await fake.slash_command("sessie lessen-publiceer", {"sessie": session_id},
                                           user_id=fake.moderator)
        await fake.wait_for_response(publish)
        assert "1 les wordt" in (await followup(fake, publish))["content"]
        await dispatcher.drain()
    post = await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages",
                               predicate=lambda r: any(f.filename.startswith("lessen-") for f in r.files))
    assert post.json["embeds"][0]["title"] == "Lessen en tips: Complotdenken op school"
    assert app.lessons.get(lesson["id"])["status"] == "published"


async def test_session_autocomplete_through_discord(world):
    fake, app = world
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await bot.sync_commands()
        session_id = await plan_lab(fake, app, dispatcher_for(bot, app))
        registered = fake._registered_command("lab")
        payload = fake.build_interaction(4, {
            "id": registered["id"], "guild_id": str(fake.guild_id), "name": "lab", "type": 1,
            "options": [{"name": "ics", "type": 1, "options": [
                {"name": "sessie", "type": 4, "value": "complot", "focused": True}]}]})
        iid = await fake.send_interaction(payload)
        reply = await fake.wait_for_response(iid)
    assert reply["type"] == 8
    assert [c["value"] for c in reply["data"]["choices"]] == [session_id]
    name = reply["data"]["choices"][0]["name"]
    assert name.startswith(f"#{session_id} · Living lab · do 10 jan 2030 19:30")


async def test_item_with_personal_data_edited_by_the_member(world):
    fake, app = world
    bot = LabTestBot(app)
    async with fake.running_client(bot):
        await bot.sync_commands()
        session_id = await plan_lab(fake, app, dispatcher_for(bot, app))
        iid = await fake.slash_command("inbreng nieuw", {"sessie": session_id}, user_id=fake.member)
        await fake.wait_for_response(iid)
        sid = await fake.modal_submit(fields={"title": "Leerling belt mij", "anonymous": ["nee"],
                                              "text": "Hij belt steeds 06-12345678"}, user_id=fake.member)
        await fake.wait_for_response(sid)
        prompt = await followup(fake, sid)
        assert "12345678" not in prompt["content"] and app.db[T.items].count == 0
        edit = next(c["custom_id"] for c in components(prompt) if c["custom_id"].endswith(":edit"))
        click = await fake.button_click(edit, user_id=fake.member)
        assert (await fake.wait_for_response(click))["type"] == 9
        edited_text = {"Tekst zonder persoonsgegevens": "Een leerling belt mij steeds op"}
        done = await fake.modal_submit(fields=edited_text, user_id=fake.member)
        reply = await fake.wait_for_response(done)
    assert reply["data"]["embeds"][0]["title"] == "Je inbreng is ontvangen"
    assert next(app.db[T.items].rows)["text"] == "Een leerling belt mij steeds op"
