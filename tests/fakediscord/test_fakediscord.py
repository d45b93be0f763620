"""The fake Discord works with an unmodified discord.py, and its contract check bites."""

from __future__ import annotations

import asyncio
import datetime as dt
import io

import aiohttp
import discord
import pytest
from discord import app_commands
from discord.ext import commands

from fakediscord import FakeDiscord
from fakediscord.fixtures import requires_openapi

AUTH = {"Authorization": "Bot fake-token"}


def make_bot() -> commands.Bot:
    """A bot with /ping (ephemeral answer) and /zeg (options, defer + followup)."""
    bot = commands.Bot(command_prefix=commands.when_mentioned, intents=discord.Intents.default())

    @bot.tree.command(name="ping", description="Antwoordt met pong")
    async def ping(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("pong", ephemeral=True)

    @bot.tree.command(name="zeg", description="Herhaalt tekst")
    @app_commands.describe(tekst="Wat moet ik zeggen?", keer="Hoe vaak")
    async def zeg(interaction: discord.Interaction, tekst: str, keer: int = 1) -> None:
        await interaction.response.defer()
        await interaction.followup.send(" ".join([tekst] * keer))

    return bot


class Aanmelden(discord.ui.Modal, title="Aanmelden"):
    naam = discord.ui.TextInput(label="Naam")

    async def on_submit(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message(f"Dank je, {self.naam.value}!", ephemeral=True)


class AanmeldView(discord.ui.View):
    @discord.ui.button(label="Aanmelden", custom_id="aanmelden")
    async def aanmelden(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        await interaction.response.send_modal(Aanmelden())

    @discord.ui.select(custom_id="thema", options=[discord.SelectOption(label="online"),
                                                   discord.SelectOption(label="school")])
    async def thema(self, interaction: discord.Interaction, select: discord.ui.Select) -> None:
        await interaction.response.edit_message(content=f"Thema: {select.values[0]}", view=None)


async def test_bare_client_logs_in_and_becomes_ready(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client = discord.Client(intents=discord.Intents.default())
    async with fake.running_client(client):
        assert client.is_ready()
        assert client.user is not None and client.user.id == fake.bot_id
        guild = client.get_guild(fake.guild_id)
        assert guild is not None and guild.me is not None
        channel = guild.get_channel(fake.channel_id)
        assert isinstance(channel, discord.TextChannel) and channel.name == "netwerk"
        assert {r.name for r in guild.roles} >= {"@everyone", "Labbot"}
    assert [r.path for r in fake.requests] == ["/users/@me", "/oauth2/applications/@me"]
    assert "compress=zlib-stream" in fake.gateway.connects[0]  # honoured with a real zlib stream
    assert fake.gateway.identify_count == 1


async def test_json_responses_have_the_exact_content_type(fake_discord: FakeDiscord) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{fake_discord.api_base}/gateway") as resp:
            assert resp.headers["Content-Type"] == "application/json"
            assert (await resp.json())["url"].startswith("ws://127.0.0.1:")


async def test_slash_command_ping_answers_ephemeral_pong(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.check_responses = True  # the fake's own answers must match the documented schemas too
    bot = make_bot()
    async with fake.running_client(bot):
        synced = await bot.tree.sync()
        assert {c.name for c in synced} == {"ping", "zeg"} and all(c.id for c in synced)
        iid = await fake.slash_command("ping", user_id=fake.default_user_id, locale="nl")
        callback = await fake.wait_for_response(iid)
    assert callback["type"] == 4
    assert callback["data"]["content"] == "pong" and callback["data"]["flags"] == 64
    assert fake.interactions[iid].original_message_id in fake.messages
    assert fake.find_requests("PUT", rf"/applications/{fake.application_id}/commands")
    assert fake.contract_violations == [] and fake.response_violations == []


async def test_command_with_options_defer_and_followup(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = make_bot()
    async with fake.running_client(bot):
        iid = await fake.slash_command("zeg", {"tekst": "hoi", "keer": 2})
        assert (await fake.wait_for_response(iid))["type"] == 5
        followup = await fake.wait_for("POST", rf"/webhooks/{fake.application_id}/[^/]+")
    assert followup.json["content"] == "hoi hoi" and followup.status == 200
    assert [m["content"] for m in fake.messages_in(fake.channel_id)] == ["", "hoi hoi"]  # deferred + followup


async def test_button_opens_modal_and_submit_is_answered(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.check_responses = True
    bot = make_bot()
    async with fake.running_client(bot):
        channel = bot.get_channel(fake.channel_id)
        await channel.send("Meld je aan voor het living lab", view=AanmeldView())
        click = await fake.button_click("aanmelden")
        modal = await fake.wait_for_response(click)
        assert modal["type"] == 9 and modal["data"]["title"] == "Aanmelden"
        submit = await fake.modal_submit(fields={"Naam": "Ada"})
        answer = await fake.wait_for_response(submit)
        chosen = await fake.select_menu("thema", ["school"])
        assert (await fake.wait_for_response(chosen))["type"] == 7  # UPDATE_MESSAGE
    assert answer["data"]["content"] == "Dank je, Ada!"
    [message] = fake.messages_in(fake.channel_id, include_ephemeral=False)
    assert message["content"] == "Thema: school" and message["components"] == []
    assert fake.response_violations == []


async def test_message_with_embed_and_file_is_recorded_and_valid(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.check_responses = True
    client = discord.Client(intents=discord.Intents.default())
    async with fake.running_client(client):
        channel = client.get_channel(fake.channel_id)
        embed = discord.Embed(title="Agenda", description="Bijeenkomst", colour=0x2F7D32,
                              timestamp=dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC))
        embed.add_field(name="Waar", value="Utrecht")
        ics = discord.File(io.BytesIO(b"BEGIN:VCALENDAR"), "agenda.ics")
        sent = await channel.send("Nieuwe agenda", embed=embed, file=ics)
        assert await sent.attachments[0].read() == b"BEGIN:VCALENDAR"
        user = await client.fetch_user(fake.default_user_id)
        await user.send("Een DM")
    record = await fake.wait_for("POST", rf"/channels/{fake.channel_id}/messages")
    assert record.route == "/channels/{channel_id}/messages"
    assert record.content_type == "multipart/form-data"
    assert record.json["embeds"][0]["title"] == "Agenda"
    uploads = [(f.field, f.filename, f.data) for f in record.files]
    assert uploads == [("files[0]", "agenda.ics", b"BEGIN:VCALENDAR")]
    assert "Authorization" not in record.headers
    assert fake.messages_in(fake.channel_id)[0]["attachments"][0]["filename"] == "agenda.ics"
    assert fake.find_requests("POST", "/users/@me/channels")
    assert fake.contract_violations == [] and fake.response_violations == []
    if fake.contract_enabled:  # the schema check itself runs only with Discord's description
        assert any("attachments[0].id" in note for note in fake.contract_notes)  # int snowflake, reported


@requires_openapi
async def test_invalid_body_is_a_contract_violation(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.allow_contract_violations = True
    async with aiohttp.ClientSession() as session:
        async with session.post(f"{fake.api_base}/channels/{fake.channel_id}/messages",
                                json={"content": 42, "tts": "ja"}, headers=AUTH) as resp:
            assert resp.status == 400
            body = await resp.json()
    assert body["code"] == 50035 and set(body["errors"]) == {"content", "tts"}
    assert any("$.content" in v and "42 is not of type" in v for v in fake.contract_violations)
    assert all(v.startswith(f"POST /channels/{fake.channel_id}/messages [create_message]")
               for v in fake.contract_violations)
    assert fake.messages_in(fake.channel_id) == []


@requires_openapi
async def test_discord_py_sees_invalid_form_body(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.allow_contract_violations = True
    client = discord.Client(intents=discord.Intents.default())
    async with fake.running_client(client):
        with pytest.raises(discord.HTTPException) as caught:
            await client.get_channel(fake.channel_id).send(embed=discord.Embed(title="x" * 300))
    assert caught.value.code == 50035 and "embeds.0.title" in caught.value.text
    assert any("$.embeds[0].title" in v for v in fake.contract_violations)


async def test_rate_limit_is_retried_and_message_arrives_once(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client = discord.Client(intents=discord.Intents.default())
    async with fake.running_client(client):
        fake.fail_next("POST", rf"/channels/{fake.channel_id}/messages", status=429, retry_after=0.05)
        await client.get_channel(fake.channel_id).send("na de rate limit")
        fake.fail_next("PATCH", r"/channels/\d+/messages/\d+", status=429, retry_after=0.05, is_global=True)
        channel = client.get_channel(fake.channel_id)
        first = channel.get_partial_message(int(fake.messages_in(fake.channel_id)[0]["id"]))
        await first.edit(content="na de globale rate limit")
    posts = fake.find_requests("POST", rf"/channels/{fake.channel_id}/messages")
    assert [(r.status, r.injected) for r in posts] == [(429, True), (200, False)]
    assert posts[0].response == {"message": "You are being rate limited.", "retry_after": 0.05,
                                 "global": False, "code": 0}
    assert [r.status for r in fake.find_requests("PATCH")] == [429, 200]
    assert [m["content"] for m in fake.messages_in(fake.channel_id)] == ["na de globale rate limit"]


async def test_server_error_is_retried_by_the_interaction_webhook(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = make_bot()
    async with fake.running_client(bot):
        fake.fail_next("POST", r"/interactions/\d+/[^/]+/callback", status=502)
        iid = await fake.slash_command("ping")
        assert (await fake.wait_for_response(iid))["type"] == 4
    assert [r.status for r in fake.find_requests("POST", r"/interactions/.*")] == [502, 200]


async def test_gateway_disconnect_resume_and_reidentify(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    bot = make_bot()
    async with fake.running_client(bot):
        await fake.disconnect_gateway(resume=True)
        assert (fake.gateway.identify_count, fake.gateway.resume_count) == (1, 1)
        assert fake.gateway.connects[-1].startswith("/resume?")  # READY's resume_gateway_url was used
        assert (await fake.wait_for_response(await fake.slash_command("ping")))["type"] == 4

        # an interaction sent while the client is away is replayed on RESUME
        await fake.disconnect_gateway(resume=True, wait=False)
        iid = await fake.slash_command("ping")
        await fake.gateway.wait_established()
        assert (await fake.wait_for_response(iid))["type"] == 4

        # an unknown session gets INVALID_SESSION, then discord.py identifies again
        await fake.disconnect_gateway(resume=False)
        assert fake.gateway.identify_count == 2
        assert (await fake.wait_for_response(await fake.slash_command("ping")))["type"] == 4
        assert bot.is_ready() and bot.get_guild(fake.guild_id) is not None


async def test_scheduled_event_round_trip(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client = discord.Client(intents=discord.Intents.default())
    fake.check_responses = True
    start = dt.datetime(2026, 12, 10, 19, 0, tzinfo=dt.UTC)
    async with fake.running_client(client):
        guild = client.get_guild(fake.guild_id)
        event = await guild.create_scheduled_event(
            name="Living lab: online weerbaarheid", start_time=start, end_time=start + dt.timedelta(hours=2),
            entity_type=discord.EntityType.external, location="Bibliotheek Utrecht",
            privacy_level=discord.PrivacyLevel.guild_only, description="Open bijeenkomst")
        assert event.location == "Bibliotheek Utrecht" and event.end_time == start + dt.timedelta(hours=2)
        edited = await event.edit(name="Living lab (verplaatst)", start_time=start + dt.timedelta(days=1),
                                  end_time=start + dt.timedelta(days=1, hours=2), location="Stadhuis")
        assert edited.name == "Living lab (verplaatst)" and edited.location == "Stadhuis"
        assert [e.id for e in await guild.fetch_scheduled_events()] == [event.id]
        await edited.delete()
    assert fake.scheduled_events == {}
    assert fake.response_violations == []
    assert [r.method for r in fake.find_requests(path_regex=r"/guilds/\d+/scheduled-events.*")] == [
        "POST", "PATCH", "GET", "DELETE"]
    assert fake.contract_violations == []


async def test_thread_from_message(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client = discord.Client(intents=discord.Intents.default())
    async with fake.running_client(client):
        message = await client.get_channel(fake.channel_id).send("Vraag van de week")
        thread = await message.create_thread(name="Discussie", auto_archive_duration=1440)
        await thread.add_user(discord.Object(id=fake.default_user_id))
        await thread.send("Eerste reactie")
        private = await client.get_channel(fake.channel_id).create_thread(name="Moderatie")
    assert thread.id == message.id and thread.parent_id == fake.channel_id
    assert fake.channels[thread.id]["type"] == 11 and fake.channels[private.id]["type"] == 12
    assert fake.thread_members[thread.id] == {fake.bot_id, fake.default_user_id}
    assert [m["content"] for m in fake.messages_in(thread.id)] == ["Eerste reactie"]
    assert fake.messages[message.id]["thread"]["id"] == str(thread.id)


async def test_unknown_routes_are_reported_and_wait_for_times_out(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    fake.allow_unhandled = True
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{fake.api_base}/voice/regions", headers=AUTH) as resp:
            assert resp.status == 404 and (await resp.json())["message"] == "404: Not Found"
    assert [r.path for r in fake.unhandled] == ["/voice/regions"]
    assert fake.problems() == []
    with pytest.raises(TimeoutError):
        await fake.wait_for("GET", "/never", timeout=0.05)


async def test_user_messages_and_raw_dispatches_reach_the_client(fake_discord: FakeDiscord) -> None:
    fake = fake_discord
    client = discord.Client(intents=discord.Intents.default())  # no message_content intent
    async with fake.running_client(client):
        waiting = asyncio.ensure_future(client.wait_for("message", timeout=5))
        await fake.user_message("geheime inhoud")
        plain = await waiting
        waiting = asyncio.ensure_future(client.wait_for("message", timeout=5))
        await fake.user_message(f"<@{fake.bot_id}> hallo")
        mention = await waiting
        role = {"id": str(fake.snowflake()), "name": "Moderator", "color": 0, "hoist": False, "position": 2,
                "permissions": "0", "managed": False, "mentionable": True, "flags": 0}
        waiting = asyncio.ensure_future(client.wait_for("guild_role_create", timeout=5))
        await fake.dispatch("GUILD_ROLE_CREATE", {"guild_id": str(fake.guild_id), "role": role})
        assert (await waiting).name == "Moderator"
    assert plain.content == "" and plain.author.id == fake.default_user_id  # blanked like Discord does
    assert mention.content.endswith("hallo") and client.user in mention.mentions
