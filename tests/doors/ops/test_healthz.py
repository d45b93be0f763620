"""GET /healthz on the calendar feed's server: 503 with the reason when the fake gateway is cut for
more than a minute, 200 again after the client resumed; the other three reasons one by one."""

import asyncio
import datetime as dt
import sqlite3

import pytest
import sqlite_utils
from aiohttp.test_utils import TestClient, TestServer

from bot.calendar_feed.server import make_app
from bot.core.store import T
from bot.discord_adapter.client import LabbotBot

pytestmark = pytest.mark.e2e


async def until(condition, timeout: float = 5.0) -> None:
    """Wait for something the client does on its own (bounded; the test clock is not involved)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "condition not reached"
        await asyncio.sleep(0.01)


async def test_healthz_follows_the_gateway(fake_discord, app, clock):
    bot = LabbotBot(app)
    async with fake_discord.running_client(bot), TestClient(TestServer(make_app(app), host="127.0.0.1")) as http:
        app.health.scheduler_running = lambda: True  # the scheduler is not started in tests
        ok = await http.get("/healthz")
        assert ok.status == 200 and (await ok.json())["status"] == "ok"

        fake_discord.gateway.hold_connections()
        await fake_discord.disconnect_gateway(wait=False)
        await until(lambda: not app.health.gateway_connected)
        clock.advance(seconds=30)
        assert (await http.get("/healthz")).status == 200  # a short drop is not a fault
        clock.advance(seconds=31)
        cut = await http.get("/healthz")
        body = await cut.json()
        assert cut.status == 503 and body["reasons"] == ["gateway disconnected (61 s)"]
        assert body["checks"]["gateway"] == "down"

        fake_discord.gateway.release_connections()
        await fake_discord.gateway.wait_established()
        await until(lambda: app.health.gateway_connected)
        back = await http.get("/healthz")
        assert back.status == 200 and (await back.json())["reasons"] == []


async def test_healthz_reasons_without_discord(app, clock, tmp_path):
    app.health.gateway_up(clock.now())
    app.health.scheduler_running = lambda: False
    app.outbox.enqueue("ops-test:1", "network")
    app.outbox.enqueue("ops-test:later", "network", not_before=clock.now() + dt.timedelta(days=1))
    async with TestClient(TestServer(make_app(app), host="127.0.0.1")) as http:
        first = await (await http.get("/healthz")).json()
        assert first["reasons"] == ["scheduler stopped"]
        clock.advance(minutes=16)
        second = await http.get("/healthz")
        body = await second.json()
        assert second.status == 503
        assert body["reasons"] == ["outbox backlog: 1 waiting, oldest queued 16 min ago", "scheduler stopped"]
        assert body["checks"]["outbox"] == "stuck" and body["checks"]["gateway"] == "ok"
        assert "ops-test" not in await second.text()  # no keys, no ids of members


def test_database_not_writable_is_a_reason(app, clock, tmp_path):
    from bot.core.ops import evaluate

    path = tmp_path / "ro.db"
    sqlite3.connect(path).execute(f"create table {T.outbox} (status, attempts, next_attempt_at, created_at)")
    app.health.gateway_up(clock.now())
    app.health.scheduler_running = lambda: True
    rw = sqlite_utils.Database(sqlite3.connect(path))
    assert evaluate(app.health, rw, clock.now()).healthy
    ro = sqlite_utils.Database(sqlite3.connect(f"file:{path}?mode=ro", uri=True))
    verdict = evaluate(app.health, ro, clock.now())
    assert not verdict.healthy and verdict.reasons == ("database not writable (read-only)",)
