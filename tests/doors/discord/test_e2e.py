"""End to end: unmodified discord.py logs in to the fake Discord on 127.0.0.1, receives slash
commands and button clicks, and answers them. Every request body is checked against Discord's
OpenAPI description by the fake (the fixture fails the test on a contract violation)."""

import json

import pytest

from bot.core.store import T
from bot.discord_adapter.client import LabbotBot
from fakediscord.fixtures import requires_openapi

pytestmark = pytest.mark.e2e


@requires_openapi
async def test_contract_check_is_on(fake_discord):
    assert fake_discord.contract_enabled


async def test_commands_sync_with_english_localisations(running):
    fake, _ = running
    record = await fake.wait_for("PUT", rf"/applications/\d+/guilds/{fake.guild_id}/commands")
    by_name = {c["name"]: c for c in record.json}
    assert all(c["contexts"] == [0] and c["integration_types"] == [0] for c in record.json)  # guild only
    assert fake.commands.get(None, []) == []  # nothing registered globally
    assert {"vraag", "kennis", "privacy", "beheer"} <= set(by_name)
    assert by_name["vraag"]["name_localizations"]["en-US"] == "ask"
    assert by_name["vraag"]["options"][0]["name_localizations"]["en-GB"] == "question"


async def test_vraag_answered_with_embed_buttons_and_no_pings(running, app):
    fake, _ = running
    iid = await fake.slash_command("vraag", {"vraag": "Wat zijn de eerste stappen bij zorgen?"}, user_id=31337)
    callback = await fake.wait_for_response(iid)
    assert callback["type"] == 4
    data = callback["data"]
    assert data["flags"] & 64  # ephemeral
    assert data["allowed_mentions"] == {"parse": []}
    assert data["embeds"][0]["title"].startswith("Zorgen over radicalisering")
    buttons = [c["custom_id"] for row in data["components"] for c in row["components"]]
    question = next(app.db[T.questions].rows)
    assert buttons == [f"labbot:fb:{question['id']}:1", f"labbot:fb:{question['id']}:0"]

    click = await fake.button_click(buttons[0], user_id=31337)
    reply = await fake.wait_for_response(click)
    assert reply["type"] == 4 and reply["data"]["flags"] & 64
    assert reply["data"]["allowed_mentions"] == {"parse": []}
    assert next(app.db[T.feedback].rows)["helpful"] == 1


async def test_feedback_button_works_after_a_restart(fake_discord, app):
    first = LabbotBot(app)
    async with fake_discord.running_client(first):
        await first.sync_commands()
        iid = await fake_discord.slash_command("vraag", {"vraag": "complotdenken gesprek"})
        data = (await fake_discord.wait_for_response(iid))["data"]
    custom_id = data["components"][0]["components"][1]["custom_id"]
    second = LabbotBot(app)  # a new process would build a new client on the same database
    async with fake_discord.running_client(second):
        click = await fake_discord.button_click(custom_id)
        reply = await fake_discord.wait_for_response(click)
    assert reply["type"] == 4
    assert next(app.db[T.feedback].rows)["helpful"] == 0


async def test_english_member_gets_english_and_errors_are_friendly(running):
    fake, _ = running
    iid = await fake.slash_command("vraag", {"vraag": "   "}, locale="en-US")
    data = (await fake.wait_for_response(iid))["data"]
    assert data["content"].startswith("Your question is empty") and data["flags"] & 64
    assert data["allowed_mentions"] == {"parse": []}


async def test_personal_data_is_held_then_anonymised(running, app):
    fake, _ = running
    iid = await fake.slash_command("vraag", {"vraag": "eerste stappen zorgen, leerling belt 06-12345678"})
    data = (await fake.wait_for_response(iid))["data"]
    assert "persoonsgegevens" in data["content"] and "12345678" not in data["content"]
    assert app.db[T.questions].count == 0
    choice = next(c["custom_id"] for row in data["components"] for c in row["components"]
                  if c["custom_id"].endswith(":anonymise"))
    click = await fake.button_click(choice)
    reply = await fake.wait_for_response(click)
    assert reply["type"] == 7  # the private prompt is updated in place with the answer
    assert "12345678" not in json.dumps(reply)
    assert "[TELEFOON]" in next(app.db[T.questions].rows)["text"]


async def test_autocomplete_on_titles(running):
    fake, _ = running
    # autocomplete of a subcommand option: the nested option layout Discord sends
    payload = fake.build_interaction(4, {
        "id": "1", "name": "kennis", "type": 1,
        "options": [{"name": "toon", "type": 1, "options": [
            {"name": "item", "type": 3, "value": "complot", "focused": True}]}]})
    iid = await fake.send_interaction(payload)
    reply = await fake.wait_for_response(iid)
    assert reply["type"] == 8
    assert reply["data"]["choices"][0]["value"] == "complotdenken"


async def test_privacy_export_sends_a_private_json_file(running, app):
    fake, _ = running
    iid = await fake.slash_command("privacy mijn-gegevens", user_id=555)
    record = await fake.wait_for("POST", rf"/interactions/{iid}/[^/]+/callback")
    assert record.json["data"]["flags"] & 64
    upload = record.files[0]
    assert upload.filename == "labbot-mijn-gegevens.json"
    assert json.loads(upload.data)["member"] == "discord:555"


async def test_digest_now_is_for_moderators_and_posts_once(fake_discord, app):
    import dataclasses

    from bot.core.dispatch import Dispatcher

    app.settings = dataclasses.replace(app.settings, network_channel_id=fake_discord.channel_id,
                                       owner_ids=frozenset({4242}))
    bot = LabbotBot(app)
    dispatcher = Dispatcher(app.outbox, bot.notifier)
    async with fake_discord.running_client(bot):
        await bot.sync_commands()
        denied = await fake_discord.wait_for_response(await fake_discord.slash_command("digest nu", user_id=1))
        assert "moderator" in denied["data"]["content"] and denied["data"]["flags"] & 64
        for _ in range(2):
            ok = await fake_discord.wait_for_response(await fake_discord.slash_command("digest nu", user_id=4242))
            assert ok["data"]["flags"] & 64
        await dispatcher.drain()
        preview = await fake_discord.slash_command("digest voorbeeld", user_id=4242)
        record = await fake_discord.wait_for("POST", r"/webhooks/\d+/[^/]+", predicate=lambda r: bool(r.files))
        assert record.files[0].filename == "weekoverzicht.md" and preview
    posts = [m for m in fake_discord.messages_in(fake_discord.channel_id) if m["embeds"]]
    assert len(posts) == 1 and posts[0]["content"].startswith("**Weekoverzicht")


async def test_a_form_open_across_a_restart_gets_a_clear_message(fake_discord, app):
    from bot.core.models import Privilege, Request
    from bot.core.timeparse import parse_local

    tz = app.settings.tz
    lab = app.sessions.plan(Request(user_id="discord:9", privilege=Privilege.MODERATOR), "lab", "Thema", "",
                            parse_local("2026-12-10 19:30", tz), parse_local("2026-12-10 21:30", tz),
                            "https://meet.example.org/lab")
    first = LabbotBot(app)
    async with fake_discord.running_client(first):
        await first.sync_commands()
        opened = await fake_discord.wait_for_response(
            await fake_discord.slash_command("inbreng nieuw", {"sessie": lab.id}, user_id=77))
    assert opened["type"] == 9 and opened["data"]["custom_id"].startswith(f"labbot:lab:inbreng:{lab.id}:")
    second = LabbotBot(app)  # Labbot restarted while the member was typing
    async with fake_discord.running_client(second):
        submit = await fake_discord.modal_submit(opened["data"]["custom_id"], {
            "title": "Vraag", "text": "Hoe ga ik het gesprek aan?", "anonymous": ["nee"]}, user_id=77)
        reply = await fake_discord.wait_for_response(submit)
    assert reply["type"] == 4 and reply["data"]["flags"] & 64
    assert reply["data"]["content"].startswith("Dit formulier is verlopen")
    assert app.db[T.items].count == 0


async def test_a_helpful_click_rebuilds_the_matchers_off_the_event_loop(fake_discord, app):
    """Issue 13: "nuttig" teaches a phrasing, which rebuilds the matchers and encodes the new
    phrasing; the running bot does that in a worker thread, and the next question matches it."""
    import threading

    from tests.stubs import semantic_kb

    emb = semantic_kb(app)
    bot = LabbotBot(app)
    async with fake_discord.running_client(bot):
        await bot.sync_commands()
        iid = await fake_discord.slash_command("vraag", {"vraag": "Hoe praat ik met iemand die in complotten "
                                                         "gelooft, over de grote reset?"}, user_id=77)
        assert (await fake_discord.wait_for_response(iid))["type"] == 5  # deferred: encoded in a worker
        data = (await fake_discord.wait_for("POST", r"/webhooks/\d+/[^/]+")).json
        assert "complot" in data["embeds"][0]["title"]
        emb.threads.clear()
        click = await fake_discord.button_click(data["components"][0]["components"][0]["custom_id"], user_id=77)
        assert (await fake_discord.wait_for_response(click))["type"] == 4
        assert app.kb.rebuild is not None
        await app.kb.rebuild
    assert app.db[T.phrasings].count == 1
    assert emb.threads and threading.get_ident() not in emb.threads  # the new phrasing: off the loop
