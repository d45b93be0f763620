"""The fake Discord: one aiohttp server on 127.0.0.1 serving REST (``/api/v10``) and the gateway.

:class:`FakeDiscord` holds the in-memory world (bot user, one guild with channels and roles,
messages, threads, scheduled events, application commands, interactions), records every
request, checks it against Discord's OpenAPI spec (see :mod:`.contract`), and offers helpers to
drive a real, unmodified discord.py client: gateway dispatches, interactions, fault injection.
Route handlers: :mod:`.rest`, :mod:`.messages`, :mod:`.interactions`; gateway: :mod:`.gateway`;
request log, waiting and fault injection: :mod:`.recording`; contract check: :mod:`.contract`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

from aiohttp import web

from . import limits
from . import payloads as P
from .contract import CheckResult, Contract, load_contract
from .gateway import Gateway
from .interactions import InteractionMixin, InteractionState
from .messages import MessageApi
from .recording import RecordingMixin, RequestRecord, UploadedFile, _Fault, _Waiter
from .rest import ApiError, RestApi, Router

log = logging.getLogger(__name__)
API_PREFIX = "/api/v10"


class FakeDiscord(InteractionMixin, RecordingMixin):
    """A small Discord (REST + gateway) for end-to-end tests of an unmodified discord.py bot."""

    def __init__(self, *, guild_id: int | None = None, token: str | None = "fake-token",
                 bot_name: str = "Labbot", guild_name: str = "CTER Netwerk", channel_name: str = "netwerk",
                 locale: str = "nl", contract: bool = True) -> None:
        self.snowflake = P.Snowflakes()
        self.token = token
        self.locale = locale
        self.application_id = self.bot_id = self.snowflake()
        self.application_flags = 0
        self.bot_public = False  # the application's "Public Bot" switch
        self.other_guilds: dict[int, str] = {}  # further guilds the bot is in (GET /users/@me/guilds)
        self.bot_user = P.bot_user(self.bot_id, bot_name)
        self.guild_id = guild_id or self.snowflake()
        self.guild_name = guild_name
        self.users: dict[int, dict[str, Any]] = {self.bot_id: P.user(self.bot_id, bot_name, bot=True)}
        self.members: dict[int, dict[str, Any]] = {}
        self.owner_id = int(self.add_user("eigenaar")["id"])
        self.default_user_id = int(self.add_user("tester")["id"])
        self.bot_role_id = self.snowflake()
        self.roles = [
            P.role(self.guild_id, "@everyone", position=0, permissions=P.EVERYONE_PERMISSIONS),
            P.role(self.bot_role_id, bot_name, position=1, permissions=P.BOT_PERMISSIONS, managed=True,
                   bot_id=self.bot_id),
        ]
        self.members[self.bot_id] = P.member(self.users[self.bot_id], [self.bot_role_id])
        self.category_id = self.snowflake()
        self.channel_id = self.snowflake()
        self.channels: dict[int, dict[str, Any]] = {
            self.category_id: P.category_channel(self.category_id, self.guild_id, "Algemeen"),
            self.channel_id: P.text_channel(self.channel_id, self.guild_id, channel_name,
                                            parent_id=self.category_id),
        }
        self.messages: dict[int, dict[str, Any]] = {}
        self.files: dict[int, tuple[bytes, str | None]] = {}  # attachment id -> (bytes, content type)
        self.thread_members: dict[int, set[int]] = {}
        self.scheduled_events: dict[int, dict[str, Any]] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}  # None = global
        self.left_guilds: list[int] = []  # guilds the bot left (DELETE /users/@me/guilds/{id})
        self.interactions: dict[int, InteractionState] = {}
        self.echo_events = True  # mirror REST changes as gateway events, gated by intents

        self.requests: list[RequestRecord] = []
        self.unhandled: list[RequestRecord] = []
        self.errors: list[str] = []  # exceptions inside the fake itself (bugs in the fake)
        self.client_errors: list[str] = []  # ERROR logs from discord.py during running_client()
        self.allow_unhandled = False
        self.allow_contract_violations = False
        self.allow_client_errors = False
        self.contract: Contract | None = load_contract() if contract else None
        self.contract_violations: list[str] = []
        self.contract_notes: list[str] = []
        self.reject_invalid = True  # answer bodies that break the contract with Discord's 400 (50035)
        self.check_responses = False  # also validate the fake's own JSON responses
        self.response_violations: list[str] = []

        self.gateway = Gateway(self)
        self.router = Router()
        RestApi(self).register(self.router)
        self.messaging = MessageApi(self)
        self.messaging.register(self.router)
        self.register_interaction_routes(self.router)
        self._faults: list[_Fault] = []
        self._hangs: list[list] = []  # [method, compiled regex, times]: act, then never answer
        self._hang_forever = asyncio.Event()
        self._waiters: list[_Waiter] = []
        self._runner: web.AppRunner | None = None
        self.port = 0

    # ------------------------------------------------------------------ lifecycle
    @property
    def contract_enabled(self) -> bool:
        return self.contract is not None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/resume"

    async def start(self) -> FakeDiscord:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get("/", self.gateway.handle)
        app.router.add_get("/resume", self.gateway.handle)
        app.router.add_get("/attachments/{channel_id}/{attachment_id}/{filename}", self._serve_file)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._handle_api)
        app.router.add_route("*", "/{tail:.*}", self._handle_api)
        self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        server = site._server
        assert server is not None and server.sockets  # type: ignore[union-attr]
        self.port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    def hang_after_next(self, method: str, path_regex: str, *, times: int = 1) -> None:
        """Let the next ``times`` matching requests take effect (message created, ...) but never
        answer them: the client sees a hanging request, as when Discord's answer is lost or the
        bot is killed while waiting for it."""
        import re

        self._hangs.append([method.upper(), re.compile(path_regex), times])

    def _take_hang(self, record: RequestRecord) -> bool:
        for hang in self._hangs:
            if hang[2] > 0 and hang[0] == record.method and hang[1].fullmatch(record.path):
                hang[2] -= 1
                return True
        return False

    async def close(self) -> None:
        self._hang_forever.set()
        for waiter in self._waiters:
            waiter.future.cancel()
        self._waiters.clear()
        await self.gateway.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @contextlib.contextmanager
    def patch_discord(self) -> Iterator[None]:
        """Point discord.py's REST base and default gateway at this fake; restore afterwards."""
        import yarl
        from discord.gateway import DiscordWebSocket
        from discord.http import Route

        old = Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY
        Route.BASE = self.api_base
        DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(self.gateway_url)
        try:
            yield
        finally:
            Route.BASE, DiscordWebSocket.DEFAULT_GATEWAY = old

    @contextlib.asynccontextmanager
    async def running_client(self, client: Any, token: str | None = None, *, timeout: float = 10.0,
                             guild_ready_timeout: float | None = 0.05,
                             reidentify_delay: float | None = 0.0) -> AsyncIterator[Any]:
        """Run ``client.start(token)`` in the background until the client is ready; close it after.

        Two discord.py waits are shortened for tests (pass None to keep the client's own):
        ``guild_ready_timeout`` (2 s by default) for more GUILD_CREATEs before ``on_ready``, and
        the 5 s sleep of the default ``before_identify_hook`` before a non-initial IDENTIFY (only
        replaced if the client class does not override the hook). ERROR log records from the
        ``discord`` logger while the client runs land in :attr:`client_errors`.
        """
        import discord

        if guild_ready_timeout is not None:
            client._connection.guild_ready_timeout = guild_ready_timeout
        default_hook = type(client).before_identify_hook is discord.Client.before_identify_hook
        if reidentify_delay is not None and default_hook:
            async def before_identify_hook(shard_id: int | None, *, initial: bool = False) -> None:
                if not initial:
                    await asyncio.sleep(reidentify_delay)

            client.before_identify_hook = before_identify_hook
        handler = _ListHandler(self.client_errors)
        logging.getLogger("discord").addHandler(handler)
        task = asyncio.create_task(client.start(token or self.token or "fake-token"),
                                   name="fakediscord-client")
        try:
            deadline = time.monotonic() + timeout
            while not client.is_ready():
                if task.done():
                    task.result()  # raises the login/connect error
                    raise RuntimeError("discord client stopped before it became ready")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"discord client not ready after {timeout} s")
                await asyncio.sleep(0.01)
            yield client
        finally:
            await client.close()
            try:
                await asyncio.wait_for(task, timeout=5)
            except Exception as exc:  # noqa: BLE001 - reported, teardown must go on
                if not isinstance(exc, asyncio.CancelledError):
                    self.client_errors.append(f"client task ended with {exc!r}")
            logging.getLogger("discord").removeHandler(handler)
            await asyncio.sleep(0)  # let aiohttp finish closing its transports

    # ------------------------------------------------------------------ world helpers
    def add_user(self, username: str, user_id: int | None = None, *, member: bool = True,
                 roles: list[int] | None = None) -> dict[str, Any]:
        """Create a (non-bot) user, by default also a member of the guild; returns the user object."""
        user_id = user_id or self.snowflake()
        self.users[user_id] = P.user(user_id, username)
        if member:
            self.members[user_id] = P.member(self.users[user_id], roles or [])
        return self.users[user_id]

    def user_payload(self, user_id: int | None) -> dict[str, Any]:
        user_id = user_id or self.default_user_id
        if user_id not in self.users:
            self.add_user(f"user{str(user_id)[-4:]}", user_id)
        return self.users[user_id]

    def guild_create_payload(self) -> dict[str, Any]:
        channels = [c for c in self.channels.values()
                    if c.get("guild_id") == str(self.guild_id) and c["type"] not in (11, 12)]
        threads = [c for c in self.channels.values() if c["type"] in (11, 12)
                   and not c["thread_metadata"]["archived"]]
        payload = P.guild(self.guild_id, self.guild_name, owner_id=self.owner_id, roles=self.roles,
                          channels=channels, members=[self.members[self.bot_id]], locale=self.locale,
                          system_channel_id=self.channel_id)
        payload["member_count"] = len(self.members)
        payload["threads"] = threads
        payload["guild_scheduled_events"] = list(self.scheduled_events.values())
        return payload

    def messages_in(self, channel_id: int, *, include_ephemeral: bool = True) -> list[dict[str, Any]]:
        """Messages currently in a channel (or thread / DM), oldest first."""
        return [m for m in self.messages.values() if m["channel_id"] == str(channel_id)
                and (include_ephemeral or not m["flags"] & 64)]

    async def dispatch(self, event: str, data: Any) -> int | None:
        """Push any gateway DISPATCH event to the connected client; returns its sequence number."""
        return await self.gateway.dispatch(event, data)

    async def echo(self, event: str, data: Any, intent: int) -> None:
        """Gateway side effect of a REST call, sent only if the session has ``intent``."""
        if self.echo_events and self.gateway.session is not None:
            await self.gateway.dispatch(event, data, intent=intent)

    async def disconnect_gateway(self, *, resume: bool = True, code: int | None = None,
                                 wait: bool = True, timeout: float = 5.0) -> None:
        """Drop the gateway connection with a resumable close code; waits for RESUMED (or READY)."""
        await self.gateway.disconnect(resume=resume, code=code, wait=wait, timeout=timeout)

    def problems(self) -> list[str]:
        """What makes the fixture fail the test at teardown."""
        found = [f"error inside the fake: {e}" for e in self.errors]
        if not self.allow_unhandled:
            found += [f"unhandled route: {r.method} {r.path}" for r in self.unhandled]
        if not self.allow_contract_violations:
            found += [f"contract violation: {v}" for v in self.contract_violations]
        if not self.allow_client_errors:
            found += [f"discord.py logged an error: {e}" for e in self.client_errors]
        return found

    # ------------------------------------------------------------------ HTTP plumbing
    async def _serve_file(self, request: web.Request) -> web.Response:
        stored = self.files.get(int(request.match_info["attachment_id"]))
        if stored is None:
            return web.Response(status=404)
        return web.Response(body=stored[0], headers={"Content-Type": stored[1] or "application/octet-stream"})

    async def _handle_api(self, request: web.Request) -> web.Response:
        path = request.path[len(API_PREFIX):] if request.path.startswith(API_PREFIX + "/") else request.path
        resolved = self.router.resolve(request.method, path) if request.path.startswith(API_PREFIX) else None
        record = RequestRecord(request.method, path, resolved[0] if resolved else None, dict(request.query),
                               None, [],
                               {k: v for k, v in request.headers.items() if k.lower() != "authorization"},
                               request.content_type if request.body_exists else None)
        try:
            status, body = await self._respond(request, record, resolved)
        except Exception as exc:  # noqa: BLE001 - a bug in the fake must not look like Discord's fault
            log.exception("fake discord handler crashed")
            self.errors.append(f"{request.method} {path}: {exc!r}")
            status, body = 500, {"message": "500: Internal Server Error (fake crashed)", "code": 0}
        record.status, record.response = status, body
        headers = {"Via": "1.1 google", **self._ratelimit_headers(record)}
        if status == 429:
            headers = self._too_many_headers(record, body)
        # 2xx and 429 only: the spec types field error codes as integers, Discord sends strings
        if self.contract is not None and self.check_responses and (status < 300 or status == 429):
            self.response_violations += self.contract.check_response(record.method, record.path, status, body)
        self._record(record)
        if status < 300 and self._take_hang(record):
            await self._hang_forever.wait()  # the request took effect; its answer never comes
        if body is None:
            return web.Response(status=status, headers=headers)
        headers["Content-Type"] = "application/json"
        return web.Response(status=status, body=json.dumps(body).encode(), headers=headers)

    async def _respond(self, request: web.Request, record: RequestRecord,
                       resolved: tuple[str, Any, dict[str, str]] | None) -> tuple[int, Any]:
        try:
            await self._read_body(request, record)
        except ValueError:
            return 400, {"message": "The request body contains invalid JSON.", "code": 50109}
        handled = resolved is not None and resolved[1] is not None
        checked = self._check_contract(record) if handled else None  # unhandled ones are reported as such
        fault = self._take_fault(record)
        if fault is not None:
            record.injected = True
            return fault
        if resolved is None or resolved[1] is None:
            self.unhandled.append(record)
            if resolved is not None:
                return 405, {"message": "405: Method Not Allowed", "code": 0}
            return 404, {"message": "404: Not Found", "code": 0}
        template, handler, params = resolved
        if self.token is not None and not _is_token_route(template):
            if request.headers.get("Authorization") != f"Bot {self.token}":
                return 401, {"message": "401: Unauthorized", "code": 0}
        if checked is not None and checked.body_errors and self.reject_invalid:
            return 400, checked.discord_error()
        too_large = limits.size_errors(record.method, template, record.json)
        if too_large and self.reject_invalid:  # what the schema cannot say: sums and counts
            return 400, limits.invalid_form_body(too_large)
        try:
            return await handler(record, **params)
        except ApiError as err:
            return err.status, err.body()

    async def _read_body(self, request: web.Request, record: RequestRecord) -> None:
        if not request.body_exists:
            return
        if request.content_type.startswith("multipart/"):
            reader = await request.multipart()
            async for part in reader:
                if part.name == "payload_json":
                    record.json = json.loads(await part.text())  # type: ignore[union-attr]
                elif part.filename is not None:
                    data = await part.read()  # type: ignore[union-attr]
                    record.files.append(UploadedFile(part.name or "", part.filename,
                                                     part.headers.get("Content-Type"), bytes(data)))
            return
        raw = await request.read()
        if raw:
            record.json = json.loads(raw)

    def _check_contract(self, record: RequestRecord) -> CheckResult | None:
        if self.contract is None:
            return None
        media = record.content_type if record.json is not None or record.files else None
        body = record.json if record.json is not None else ({} if record.files else None)
        result = self.contract.check_request(record.method, record.path, media, body, record.query)
        for text in result.violations:
            if text not in self.contract_violations:
                self.contract_violations.append(text)
        for text in result.notes:
            if text not in self.contract_notes:
                self.contract_notes.append(text)
        return result


def _is_token_route(template: str) -> bool:
    """Routes authenticated by the interaction/webhook token in the URL, not the bot token."""
    return template.startswith(("/interactions/", "/webhooks/{webhook_id}/{webhook_token}")) \
        or template == "/gateway"


class _ListHandler(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.ERROR)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:
            text += f": {record.exc_info[1]!r}"
        self.sink.append(f"{record.name}: {text}")
