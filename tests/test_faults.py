"""Faults: nothing acknowledged is lost and nothing is posted twice.

- Discord answering 429 and 5xx on posts: the outbox retries with back-off, the post arrives once.
- The database locked by another process, and the disk full: a clear message, no corrupt database,
  service back when the cause is gone.
- A gateway disconnect and resume in the middle of a session.
- SIGKILL during intake (a real process), then a restart: the queue and the votes still work.
"""

import datetime as dt
import os
import re
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.console.shell import Console
from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.clock import ManualClock
from bot.core.dispatch import Dispatcher
from bot.core.models import Privilege, Request
from bot.core.notify import EmbedData, OutMessage, marker
from bot.core.settings import Settings
from bot.core.store import T, open_database
from bot.discord_adapter.client import LabbotBot
from tests.conftest import REPO, SECRET, SYNTHETIC
from tests.stubs import StubMatcher


def file_app(tmp_path, busy_ms=5000, **settings):
    path = tmp_path / "labbot.db"
    settings = Settings(database_path=path, pseudonym_secret=SECRET, **settings)
    return build_app(settings, clock=ManualClock(dt.datetime(2026, 11, 30, 9, tzinfo=dt.UTC)),
                     kb=KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher), db=open_database(path, busy_ms=busy_ms))


def test_database_locked_by_another_process_is_a_clear_message_and_recovers(tmp_path):
    app = file_app(tmp_path, busy_ms=50)
    console = Console(app, user_id="discord:1")
    assert "Dit vond ik" in console.handle("vraag eerste stappen zorgen")
    other = sqlite3.connect(tmp_path / "labbot.db", isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
    reply = console.handle("vraag complotdenken gesprek")
    assert reply.startswith("! De opslag is even niet beschikbaar")
    other.execute("ROLLBACK")
    other.close()
    assert "Dit vond ik" in console.handle("vraag complotdenken gesprek")
    assert app.db[T.questions].count == 2
    assert app.db.execute("pragma integrity_check").fetchone()[0] == "ok"
    app.close()


def test_disk_full_on_write_is_a_clear_message_and_recovers(tmp_path):
    app = file_app(tmp_path)
    console = Console(app, user_id="discord:1")
    pages = app.db.execute("pragma page_count").fetchone()[0]
    app.db.execute(f"pragma max_page_count = {pages}")  # the disk is full from now on
    results = [Console(app, user_id=f"discord:{i}").handle(f"vraag eerste stappen zorgen {'x' * 1500} {i}")
               for i in range(30)]
    assert any(r.startswith("! De opslag is even niet beschikbaar") for r in results)
    stored = app.db[T.questions].count
    app.db.execute("pragma max_page_count = 1073741823")  # space again
    assert "Dit vond ik" in console.handle("vraag eerste stappen zorgen")
    assert app.db[T.questions].count == stored + 1
    assert app.db.execute("pragma integrity_check").fetchone()[0] == "ok"
    app.close()


@pytest.mark.e2e
async def test_posts_survive_429_and_5xx_and_arrive_once(fake_discord, tmp_path):
    app = file_app(tmp_path, guild_id=fake_discord.guild_id, network_channel_id=fake_discord.channel_id)
    bot = LabbotBot(app)
    dispatcher = Dispatcher(app.outbox, bot.notifier)
    channel = fake_discord.channel_id
    async with fake_discord.running_client(bot):
        fake_discord.fail_next("POST", rf"/channels/{channel}/messages", status=429, retry_after=0.01)
        fake_discord.fail_next("POST", rf"/channels/{channel}/messages", status=503, times=1)
        key = "digest:network:2026-W49:p1"
        app.outbox.enqueue(key, "network", OutMessage(embeds=(EmbedData(title="Weekoverzicht", footer=marker(key)),)))
        await dispatcher.run_once()  # 429: discord.py waits and retries; then 503: the outbox backs off
        assert app.outbox.get(key)["status"] == "pending"
        app.clock.advance(seconds=10)
        await dispatcher.drain()
        assert app.outbox.get(key)["status"] == "sent"
        app.clock.advance(minutes=10)
        await dispatcher.drain()
    posts = [m for m in fake_discord.messages_in(channel) if m["embeds"] and m["embeds"][0]["title"] == "Weekoverzicht"]
    assert len(posts) == 1
    app.close()


@pytest.mark.e2e
async def test_a_lost_answer_is_found_by_its_marker_not_posted_again(fake_discord, tmp_path):
    app = file_app(tmp_path, guild_id=fake_discord.guild_id, network_channel_id=fake_discord.channel_id)
    bot = LabbotBot(app)
    dispatcher = Dispatcher(app.outbox, bot.notifier)
    async with fake_discord.running_client(bot):
        key = "lessons:1:1"
        app.outbox.enqueue(key, "network", OutMessage(embeds=(EmbedData(title="Lessen", footer=marker(key)),)))
        claimed = app.outbox.claim_due()
        await bot.notifier.post("network", app.outbox.render(claimed[0]), key=key)
        # ... the process dies before mark_sent; after the claim expires the row comes back
        app.clock.advance(minutes=2)
        await dispatcher.drain()
    posts = [m for m in fake_discord.messages_in(fake_discord.channel_id) if m["embeds"]]
    assert len(posts) == 1 and app.outbox.get(key)["status"] == "sent"
    app.close()


@pytest.mark.e2e
async def test_gateway_disconnect_and_resume_mid_session(fake_discord, app):
    bot = LabbotBot(app)
    async with fake_discord.running_client(bot):
        await bot.sync_commands()
        first = await fake_discord.wait_for_response(
            await fake_discord.slash_command("vraag", {"vraag": "eerste stappen zorgen"}))
        await fake_discord.disconnect_gateway(resume=True)
        assert fake_discord.gateway.resume_count == 1
        second = await fake_discord.wait_for_response(
            await fake_discord.slash_command("vraag", {"vraag": "complotdenken gesprek"}))
        click = await fake_discord.button_click(first["data"]["components"][0]["components"][0]["custom_id"])
        assert (await fake_discord.wait_for_response(click))["type"] == 4
    assert second["type"] == 4 and app.db[T.questions].count == 2 and app.db[T.feedback].count == 1


INTAKE_SCRIPT = """
import datetime as dt, sys
from pathlib import Path
from bot.console.shell import Console
from bot.core.app import build_app
from bot.core.clock import ManualClock
from bot.core.models import Privilege
from bot.core.settings import Settings
from bot.core.timeparse import parse_local
settings = Settings(database_path=Path(sys.argv[1]), pseudonym_secret="x" * 32)
app = build_app(settings, clock=ManualClock(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC)))
mod = Console(app, user_id="discord:9", privilege=Privilege.MODERATOR)
if not app.sessions.all_sessions():
    print(mod.handle("lab plan lab | Thema | 2027-03-11 19:30 | 2027-03-11 21:30 | 123"), flush=True)
for n in range(100000):
    reply = Console(app, user_id=f"discord:{n % 50}").handle(
        f"inbreng nieuw 1 | Vraag {n} over complotdenken | Hoe ga ik het gesprek aan, situatie {n}? | onderwijs")
    print(reply.splitlines()[0], flush=True)
"""


def test_sigkill_during_intake_loses_nothing_acknowledged(tmp_path):
    db = tmp_path / "labbot.db"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = subprocess.Popen([sys.executable, "-c", INTAKE_SCRIPT, str(db)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    acknowledged = []
    for line in proc.stdout:
        if received := re.match(r"“.*” \(#(\d+)\) wacht nu op een moderator", line):
            acknowledged.append(int(received[1]))
            if len(acknowledged) == 40:
                break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    proc.stderr.close()
    assert len(acknowledged) == 40, "the intake process did not get going"
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    ids = [r[0] for r in conn.execute("select id from items order by id")]
    conn.close()
    assert set(acknowledged) <= set(ids) and len(ids) == len(set(ids))
    # restart: the queue, votes and moderation work on the same database
    app = build_app(Settings(database_path=db, pseudonym_secret="x" * 32),
                    clock=ManualClock(dt.datetime(2027, 3, 1, 13, tzinfo=dt.UTC)))
    try:
        app.intake_items.approve(Request(user_id="discord:9", privilege=Privilege.MODERATOR), acknowledged[0])
        assert app.intake_items.toggle_vote(Request(user_id="discord:77"), acknowledged[0]) == (True, 1)
        assert len(app.intake_items.items(1)) == len(ids)
    finally:
        app.close()
    assert Path(db).exists()


DIGEST_SCRIPT = """
import asyncio, sys, yarl
from pathlib import Path
from discord.gateway import DiscordWebSocket
from discord.http import Route
from bot.core.app import build_app
from bot.core.settings import Settings
from bot.discord_adapter.client import LabbotBot
db, api, gateway, guild, channel = sys.argv[1:6]
Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = api, yarl.URL(gateway)
app = build_app(Settings(database_path=Path(db), pseudonym_secret="x" * 32, guild_id=int(guild),
                         network_channel_id=int(channel)))

async def main():
    bot = LabbotBot(app)
    bot._connection.guild_ready_timeout = 0.05
    task = asyncio.create_task(bot.start("fake-token"))
    while not bot.is_ready():
        await asyncio.sleep(0.01)
    print("queued", app.digest.post("2026-W49"), flush=True)
    await bot.dispatcher.run_once()  # the post hangs: Discord has it, Labbot never hears back
    await task

asyncio.run(main())
"""


@pytest.mark.e2e
async def test_sigkill_during_a_digest_post_then_restart_posts_once(fake_discord, tmp_path):
    import asyncio

    db = tmp_path / "labbot.db"
    channel = fake_discord.channel_id
    fake_discord.hang_after_next("POST", rf"/channels/{channel}/messages")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", DIGEST_SCRIPT, str(db), fake_discord.api_base, fake_discord.gateway_url,
        str(fake_discord.guild_id), str(channel), cwd=REPO, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    await fake_discord.wait_for("POST", rf"/channels/{channel}/messages", timeout=60)
    proc.kill()  # SIGKILL while the post is in flight
    await proc.wait()
    assert len([m for m in fake_discord.messages_in(channel) if m["embeds"]]) == 1
    conn = sqlite3.connect(db)
    assert conn.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert conn.execute("select status from outbox where key like 'digest:%'").fetchone()[0] == "claimed"
    conn.close()
    # restart (after the claim expired): the earlier post is found by its marker, not posted again
    app = build_app(Settings(database_path=db, pseudonym_secret="x" * 32, guild_id=fake_discord.guild_id,
                             network_channel_id=channel),
                    clock=ManualClock(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=5)))
    bot = LabbotBot(app)
    async with fake_discord.running_client(bot):
        assert app.digest.post("2026-W49") == 0  # the weekly job running again changes nothing
        await bot.dispatcher.drain()
    assert len([m for m in fake_discord.messages_in(channel) if m["embeds"]]) == 1
    assert app.outbox.get("digest:network:2026-W49:p1")["status"] == "sent"
    app.close()
