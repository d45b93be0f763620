"""Only the network's own server (issue 17, point 0): every interaction from another guild or a DM
is refused privately before any cog, view or service runs; Labbot leaves other guilds; commands
are registered in the network's guild only."""

from __future__ import annotations

import logging

import pytest

from bot.core.settings import Settings, SettingsError
from bot.core.store import T
from bot.discord_adapter.gate import admitted
from fakediscord import payloads as P

pytestmark = pytest.mark.e2e

OTHER_GUILD = 777000777000777000

# One invocation per command group (and the commands that opened forms or answered before).
COMMANDS = [
    ("vraag", {"vraag": "Wat zijn de eerste stappen bij zorgen?"}),
    ("kennis zoek", {"term": "complot"}),
    ("inbreng nieuw", {"sessie": 1}),
    ("lab jaarplan", {}),
    ("plein mijn", {}),
    ("digest voorbeeld", {}),
    ("privacy mijn-gegevens", {}),
    ("privacy verwijder", {}),
    ("beheer audit", {}),
]


def table_counts(app) -> dict[str, int]:
    return {name: app.db[name].count for name in app.db.table_names()}


def assert_refused(reply: dict, lang: str = "nl") -> None:
    assert reply["type"] == 4
    assert reply["data"]["flags"] & 64  # private
    assert reply["data"]["allowed_mentions"] == {"parse": []}
    expected = "alleen in de Discord-server" if lang == "nl" else "only works in the CTER network"
    assert expected in reply["data"]["content"]


@pytest.mark.parametrize("where", ["other-guild", "dm"])
@pytest.mark.parametrize("name,options", COMMANDS, ids=[c[0] for c in COMMANDS])
async def test_commands_from_outside_the_network_are_refused(running, app, caplog, where, name, options):
    fake, _ = running
    before = table_counts(app)
    if where == "other-guild":
        fake.interaction_guild_id = OTHER_GUILD
    with caplog.at_level(logging.WARNING, logger="labbot.discord.gate"):
        iid = await fake.slash_command(name, options, user_id=31337, dm=where == "dm")
        reply = await fake.wait_for_response(iid)
    assert_refused(reply)
    assert table_counts(app) == before  # nothing stored, no audit row, no question
    assert any("refused an interaction from outside the network" in r.getMessage() for r in caplog.records)


async def test_refusal_speaks_the_members_language(running):
    fake, _ = running
    fake.interaction_guild_id = OTHER_GUILD
    iid = await fake.slash_command("vraag", {"vraag": "first steps"}, locale="en-US")
    assert_refused(await fake.wait_for_response(iid), "en")


@pytest.mark.parametrize("custom_id", ["labbot:fb:1:1", "labbot:vote:1", "labbot:lab:approve:1",
                                       "labbot:pii:abcdefgh12:anonymise", "labbot:les:approve:1"])
async def test_buttons_from_another_guild_are_refused(running, app, custom_id):
    fake, _ = running
    before = table_counts(app)
    fake.interaction_guild_id = OTHER_GUILD
    iid = await fake.button_click(custom_id, user_id=31337)
    assert_refused(await fake.wait_for_response(iid))
    assert table_counts(app) == before


async def test_forms_from_another_guild_are_refused(running, app):
    fake, _ = running
    before = table_counts(app)
    fake.interaction_guild_id = OTHER_GUILD
    iid = await fake.modal_submit("labbot:lab:inbreng:1:abc", {"titel": "t", "tekst": "x"}, user_id=31337)
    assert_refused(await fake.wait_for_response(iid))
    assert table_counts(app) == before


async def test_autocomplete_from_a_dm_gets_no_choices(running):
    fake, _ = running
    payload = fake.build_interaction(4, {
        "id": "1", "name": "kennis", "type": 1,
        "options": [{"name": "toon", "type": 1, "options": [
            {"name": "item", "type": 3, "value": "complot", "focused": True}]}]}, dm=True)
    iid = await fake.send_interaction(payload)
    reply = await fake.wait_for_response(iid)
    assert reply == {"type": 8, "data": {"choices": []}}


async def test_the_networks_own_guild_is_served(running):
    fake, _ = running
    iid = await fake.slash_command("vraag", {"vraag": "Wat zijn de eerste stappen bij zorgen?"})
    reply = await fake.wait_for_response(iid)
    assert reply["data"]["embeds"][0]["title"].startswith("Zorgen over radicalisering")


async def test_labbot_leaves_any_other_guild_it_is_added_to(running, caplog):
    fake, bot = running
    other = P.guild(OTHER_GUILD, "Iemands eigen server", owner_id=fake.owner_id, roles=[], channels=[],
                    members=[fake.members[fake.bot_id]])
    other.pop("unavailable", None)  # a guild the bot was just added to (GUILD_CREATE -> on_guild_join)
    with caplog.at_level(logging.WARNING, logger="labbot.discord"):
        await fake.dispatch("GUILD_CREATE", other)
        await fake.wait_for("DELETE", rf"/users/@me/guilds/{OTHER_GUILD}")
    assert fake.left_guilds == [OTHER_GUILD]
    assert fake.guild_id not in fake.left_guilds
    assert any(f"left guild {OTHER_GUILD}" in r.getMessage() for r in caplog.records)


async def test_commands_are_registered_in_the_guild_only(running):
    fake, _ = running
    guild_cmds = fake.commands.get(fake.guild_id, [])
    assert {"vraag", "lab", "inbreng", "sessie", "plein", "privacy"} <= {c["name"] for c in guild_cmds}
    assert fake.commands.get(None, []) == []
    assert all(c["contexts"] == [0] and c["integration_types"] == [0] for c in guild_cmds)


def test_gate_fails_closed_without_a_configured_guild():
    assert not admitted({"guild_id": "1"}, None)
    assert not admitted({}, 1)
    assert admitted({"guild_id": "1"}, 1)


def test_run_requires_a_guild_id():
    with pytest.raises(SettingsError, match="LABBOT_GUILD_ID"):
        Settings().require_guild()
    assert Settings(guild_id=5).require_guild() == 5


def test_run_refuses_to_start_without_guild(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from bot.cli import cli

    env = tmp_path / "x.env"
    env.write_text("DISCORD_TOKEN=abcdefghijklmnopqrstuvwxyz.0123456789\n"
                   f"LABBOT_PSEUDONYM_SECRET={'s' * 32}\nLABBOT_DB={tmp_path / 'l.db'}\n")
    monkeypatch.delenv("LABBOT_GUILD_ID", raising=False)
    result = CliRunner().invoke(cli, ["--env-file", str(env), "run"])
    assert result.exit_code == 2
    assert "LABBOT_GUILD_ID is not set" in result.output
    assert T.questions  # the store module is importable without side effects
