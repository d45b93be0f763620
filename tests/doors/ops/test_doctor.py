"""`labbot doctor` against the fake Discord: each check fails in a test with its message and fix;
five things wrong at once give exactly those five and exit 1; the right set-up exits 0."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import logging
import os
import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from bot.core.app import build_app
from bot.discord_adapter.command_payloads import expected_commands
from bot.discord_adapter.runner import sync_only
from bot.ops.doctor import run_checks, warn_at_start
from bot.ops.permissions import mask
from tests.doors.ops.conftest import TOKEN

pytestmark = pytest.mark.e2e


@pytest.fixture
async def synced(setup):
    """The set-up with the slash commands synced as `labbot sync-commands` does."""
    app = build_app(dataclasses.replace(setup.settings, database_path=Path(":memory:")))
    try:
        await sync_only(app, TOKEN)
        setup.expected = await expected_commands(app)
    finally:
        app.close()
    return setup


async def doctor(setup, settings=None):
    checks = await run_checks(settings or setup.settings, setup.expected, api=setup.fake.api_base)
    return {c.name: c for c in checks}


def failed(checks) -> dict:
    return {name: c for name, c in checks.items() if not c.ok}


async def test_the_right_set_up_passes_every_check(synced):
    checks = await doctor(synced)
    assert failed(checks) == {}
    assert [c.line() for c in checks.values()][0].startswith("✓ token: valid, bot Labbot of application")
    assert set(checks) >= {"token", "private application", "server", "server permissions",
                           "LABBOT_NETWORK_CHANNEL_ID", "LABBOT_MODERATOR_CHANNEL_ID", "roles", "expert role",
                           "slash commands", "pseudonym secret", "database", "backups", "calendar feed"}


async def test_wrong_channel_kind(synced):
    synced.fake.channels[synced.fake.channel_id]["type"] = 2  # a voice channel
    bad = failed(await doctor(synced))
    assert list(bad) == ["LABBOT_NETWORK_CHANNEL_ID"]
    line = bad["LABBOT_NETWORK_CHANNEL_ID"].line()
    assert "is a voice channel" in line and "fix: set LABBOT_NETWORK_CHANNEL_ID to a text channel" in line


async def test_an_overwrite_denying_send_messages(synced):
    fake = synced.fake
    fake.channels[synced.moderator_channel_id]["permission_overwrites"] = [
        {"id": str(fake.bot_role_id), "type": 0, "allow": "0", "deny": str(mask(["Send Messages"]))}]
    bad = failed(await doctor(synced))
    assert list(bad) == ["LABBOT_MODERATOR_CHANNEL_ID"]
    # without Send Messages, Discord also drops the permissions that ride on a message
    assert bad["LABBOT_MODERATOR_CHANNEL_ID"].found == \
        "#moderatoren: the bot lacks Send Messages, Embed Links, Attach Files"
    assert "Edit Channel > Permissions, allow Send Messages" in bad["LABBOT_MODERATOR_CHANNEL_ID"].fix


async def test_a_role_allow_beats_the_everyone_deny(synced):
    fake = synced.fake
    fake.channels[fake.channel_id]["permission_overwrites"] = [
        {"id": str(fake.guild_id), "type": 0, "allow": "0", "deny": str(mask(["View Channel", "Send Messages"]))},
        {"id": str(fake.bot_role_id), "type": 0, "allow": str(mask(["View Channel", "Send Messages"])), "deny": "0"}]
    bad = failed(await doctor(synced))
    # the bot may post; experts (only @everyone + their role) no longer see the channel
    assert list(bad) == ["expert role"]
    assert "cannot be added to its private threads" in bad["expert role"].found
    assert "allow View Channel for @Expert" in bad["expert role"].fix


async def test_a_missing_role(synced):
    settings = dataclasses.replace(synced.settings, partner_role_ids=frozenset({424242}))
    bad = failed(await doctor(synced, settings))
    assert list(bad) == ["roles"]
    assert bad["roles"].found == "no such role in the server: LABBOT_PARTNER_ROLE_IDS 424242"
    assert "Copy Role ID" in bad["roles"].fix


async def test_unsynced_commands(setup):
    app = build_app(dataclasses.replace(setup.settings, database_path=Path(":memory:")))
    try:
        setup.expected = await expected_commands(app)
    finally:
        app.close()
    bad = failed(await doctor(setup))
    assert list(bad) == ["slash commands"]
    assert bad["slash commands"].found.startswith("0 registered, 9 expected")
    assert bad["slash commands"].fix == "run `labbot sync-commands`"


async def test_public_bot_other_guild_and_missing_manage_events(synced):
    fake = synced.fake
    fake.bot_public = True
    fake.other_guilds[fake.snowflake()] = "Iemand anders"
    bot_role = next(r for r in fake.roles if int(r["id"]) == fake.bot_role_id)
    bot_role["permissions"] = str(int(bot_role["permissions"]) & ~mask(["Manage Events"]))
    bad = failed(await doctor(synced))
    assert list(bad) == ["private application", "server", "server permissions"]
    assert "switch off Public Bot" in bad["private application"].fix
    assert "also in Iemand anders" in bad["server"].found
    assert bad["server permissions"].found.startswith("the bot lacks Manage Events")


async def test_invalid_token_and_missing_guild_stop_the_start(synced, caplog):
    settings = dataclasses.replace(synced.settings, discord_token="x" * 40)
    checks = await doctor(synced, settings)
    assert not checks["token"].ok and checks["token"].fatal and "Reset Token" in checks["token"].fix
    assert "server" not in checks  # nothing further is asked with a refused token
    stranger = dataclasses.replace(synced.settings, guild_id=synced.fake.snowflake())
    with caplog.at_level(logging.WARNING, logger="labbot.doctor"):
        stop = warn_at_start(list((await doctor(synced, stranger)).values()))
    assert stop is not None and stop.name == "server" and "not in server" in stop.found
    assert [r.getMessage() for r in caplog.records].count(f"set-up check failed: {stop.line()}") == 1


async def test_a_missing_permission_warns_but_does_not_stop(synced, caplog):
    synced.fake.channels[synced.fake.channel_id]["permission_overwrites"] = [
        {"id": str(synced.fake.bot_role_id), "type": 0, "allow": "0", "deny": str(mask(["Create Private Threads"]))}]
    with caplog.at_level(logging.WARNING, logger="labbot.doctor"):
        assert warn_at_start(list((await doctor(synced)).values())) is None
    assert len(caplog.records) == 1 and "lacks Create Private Threads" in caplog.records[0].getMessage()


async def test_local_checks_fail_one_by_one(synced, tmp_path):
    weak = dataclasses.replace(synced.settings, pseudonym_secret="aaaaaaaaaaaaaaaaaaaaaaaaaaaa")
    assert failed(await doctor(synced, weak))["pseudonym secret"].found.startswith("LABBOT_PSEUDONYM_SECRET is weak")
    data = Path(synced.env["LABBOT_DB"]).parent
    data.mkdir()
    (data / "backups").write_text("not a folder")
    assert "is not writable" in failed(await doctor(synced))["backups"].found
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", synced.settings.calendar_port))
        busy.listen()
        bad = failed(await doctor(synced))
    assert list(bad) == ["backups", "calendar feed"]
    assert "is not free" in bad["calendar feed"].found and "LABBOT_CALENDAR_PORT" in bad["calendar feed"].fix


async def test_pending_migrations(synced):
    from bot.core.store import open_database

    db = open_database(synced.settings.database_path)
    db.execute("delete from _sqlite_migrations where name = 'm007_job_runs'")
    db.conn.commit()
    db.close()
    bad = failed(await doctor(synced))
    assert list(bad) == ["database"]
    assert bad["database"].found == "1 migrations pending" and "labbot db backup" in bad["database"].fix


async def invoke(setup, *args):
    env_file = os.devnull  # no settings file: the environment only
    return await asyncio.to_thread(CliRunner().invoke, cli, ["--env-file", str(env_file), "doctor",
                                                             "--api", setup.fake.api_base, *args], env=setup.env)


async def test_five_wrong_then_right_through_the_cli(synced):
    fake = synced.fake
    right = await invoke(synced)
    assert right.exit_code == 0, right.output
    assert right.output.splitlines()[-1] == "all checks pass"

    fake.channels[fake.channel_id]["type"] = 2
    fake.channels[synced.moderator_channel_id]["permission_overwrites"] = [
        {"id": str(fake.bot_role_id), "type": 0, "allow": "0", "deny": str(mask(["Send Messages"]))}]
    fake.roles = [r for r in fake.roles if int(r["id"]) != synced.partner_role_id]
    fake.commands.clear()
    fake.bot_public = True
    wrong = await invoke(synced)
    assert wrong.exit_code == 1
    lines = wrong.output.splitlines()
    crosses = [line.split(":")[0] for line in lines if line.startswith("✗")]
    assert crosses == ["✗ private application", "✗ LABBOT_NETWORK_CHANNEL_ID", "✗ LABBOT_MODERATOR_CHANNEL_ID",
                       "✗ roles", "✗ slash commands"]
    assert all("; fix: " in line for line in lines if line.startswith("✗"))
    assert lines[-1] == "5 of 13 checks fail"

    as_json = await invoke(synced, "--json")
    body = json.loads(as_json.output)
    assert as_json.exit_code == 1 and body["ok"] is False
    assert [c["check"] for c in body["checks"] if not c["ok"]] == [c[2:] for c in crosses]


async def test_a_running_labbot_on_the_feed_address_is_not_a_fault(synced, app):
    from aiohttp import web

    from bot.calendar_feed.server import make_app

    runner = web.AppRunner(make_app(app))
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", synced.settings.calendar_port).start()
    try:
        checks = await doctor(synced)
    finally:
        await runner.cleanup()
    assert checks["calendar feed"].ok
    assert checks["calendar feed"].found.endswith("is served by a running Labbot (/healthz: unhealthy)")
