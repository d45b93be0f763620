"""The gateway half of the fake: a websocket endpoint speaking Discord's gateway v10 protocol.

Supported: HELLO (op 10), IDENTIFY (op 2) -> READY + GUILD_CREATE, RESUME (op 6) with replay of
missed dispatches -> RESUMED, INVALID_SESSION (op 9) for unknown sessions, HEARTBEAT (op 1) ->
HEARTBEAT_ACK (op 11), REQUEST_GUILD_MEMBERS (op 8) -> GUILD_MEMBERS_CHUNK, and the
``compress=zlib-stream`` transport compression that discord.py asks for (one zlib stream per
connection, every message ending in a Z_SYNC_FLUSH). ``zstd-stream`` is answered uncompressed
(text frames), which discord.py accepts as well.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import secrets
import zlib
from collections import deque
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import WSMsgType, web

if TYPE_CHECKING:
    from .server import FakeDiscord

log = logging.getLogger(__name__)

#: Close codes after which discord.py does *not* reconnect (gateway.py ``_can_handle_close``).
FATAL_CLOSE_CODES = frozenset({1000, 4004, 4010, 4011, 4012, 4013, 4014})


class Connection:
    """One websocket connection; serialises sends and applies zlib-stream compression."""

    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compression = compress if compress == "zlib-stream" else None
        self._zlib = zlib.compressobj() if self.compression else None
        self._lock = asyncio.Lock()
        self.session: Session | None = None

    async def send(self, payload: dict[str, Any]) -> None:
        text = json.dumps(payload, separators=(",", ":"))
        async with self._lock:
            if self.ws.closed:
                raise ConnectionResetError("gateway connection is closed")
            if self._zlib is not None:
                data = self._zlib.compress(text.encode()) + self._zlib.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(data)
            else:
                await self.ws.send_str(text)


@dataclass
class Session:
    """A gateway session (survives disconnects so that it can be resumed)."""

    session_id: str
    intents: int
    shard: list[int] | None
    seq: int = 0
    connection: Connection | None = None
    sent: deque[dict[str, Any]] = field(default_factory=lambda: deque(maxlen=2000))
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class Gateway:
    """Gateway endpoint bound to a :class:`~fakediscord.server.FakeDiscord`."""

    heartbeat_interval_ms = 41250

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake
        self.sessions: dict[str, Session] = {}
        self.session: Session | None = None  # the most recent (active) session
        self.connections: set[Connection] = set()
        self.received: list[dict[str, Any]] = []  # every payload the client sent, in order
        self.connects: list[str] = []  # path and query of every websocket connection
        self.identify_count = 0
        self.resume_count = 0
        self.compression: str | None = None  # what the last client asked for
        self._established = asyncio.Event()
        self._accepting = asyncio.Event()  # cleared by hold_connections(): new connections get no HELLO
        self._accepting.set()

    # ------------------------------------------------------------------ public helpers
    @property
    def intents(self) -> int:
        return self.session.intents if self.session else 0

    async def wait_established(self, timeout: float = 5.0) -> Session:
        """Wait until a client has an identified or resumed, connected session."""
        await asyncio.wait_for(self._established.wait(), timeout)
        assert self.session is not None
        return self.session

    async def dispatch(self, event: str, data: Any, *, intent: int | None = None) -> int | None:
        """Send a DISPATCH (op 0) to the current session; returns its sequence number.

        While the client is disconnected the event is only buffered, and replayed on RESUME.
        With ``intent`` (a bit index) the event is dropped, returning None, when the session
        did not identify with that intent, as Discord does.
        """
        session = self.session
        if session is None:
            raise RuntimeError("no gateway session: start the client (fake.running_client) first")
        if intent is not None and not session.intents & (1 << intent):
            return None
        async with session.lock:
            return await self._send_dispatch(session, event, data)

    async def disconnect(self, *, resume: bool = True, code: int | None = None,
                         wait: bool = True, timeout: float = 5.0) -> None:
        """Close the current connection; the client reconnects and resumes (or re-identifies).

        ``resume=False`` forgets the session first, so the client's RESUME gets an
        INVALID_SESSION and it has to IDENTIFY again (a new READY follows).
        """
        session = self.session
        if session is None or session.connection is None:
            raise RuntimeError("no connected gateway session")
        if code is None:
            code = 4000 if resume else 4009  # "unknown error" / "session timed out": both resumable
        if code in FATAL_CLOSE_CODES:
            raise ValueError(f"close code {code} makes discord.py give up instead of reconnecting")
        if not resume:
            self.sessions.pop(session.session_id, None)
        self._established.clear()
        conn = session.connection
        session.connection = None
        await conn.ws.close(code=code, message=b"fake disconnect")
        if wait:
            await self.wait_established(timeout)

    def hold_connections(self) -> None:
        """Keep new connections waiting before HELLO (Discord unreachable for a while), so a
        disconnected client stays disconnected until :meth:`release_connections`."""
        self._accepting.clear()

    def release_connections(self) -> None:
        self._accepting.set()

    async def close(self) -> None:
        self._accepting.set()
        for conn in list(self.connections):
            with contextlib.suppress(Exception):
                await conn.ws.close(code=1001, message=b"server shutting down")

    # ------------------------------------------------------------------ aiohttp handler
    async def handle(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(max_msg_size=0, autoclose=True)
        await ws.prepare(request)
        self.connects.append(request.path_qs)
        if request.query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"only encoding=json is supported by the fake")
            return ws
        self.compression = request.query.get("compress")
        conn = Connection(ws, self.compression)
        self.connections.add(conn)
        try:
            await self._accepting.wait()
            await conn.send({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms,
                                             "_trace": ['["gateway-fake",{"micros":0}]']},
                             "s": None, "t": None})
            async for msg in ws:
                if msg.type is WSMsgType.TEXT:
                    payload = json.loads(msg.data)
                    self.received.append(payload)
                    await self._on_payload(conn, payload)
                elif msg.type is WSMsgType.ERROR:
                    break
        except ConnectionResetError:
            pass
        finally:
            self.connections.discard(conn)
            if conn.session is not None and conn.session.connection is conn:
                conn.session.connection = None
                self._established.clear()
        return ws

    async def _on_payload(self, conn: Connection, payload: dict[str, Any]) -> None:
        op, data = payload.get("op"), payload.get("d")
        if op == 1:
            await conn.send({"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            await self._identify(conn, data)
        elif op == 6:
            await self._resume(conn, data)
        elif op == 8:
            await self._request_members(conn, data)
        elif op in (3, 4):
            pass  # presence / voice state updates are accepted silently
        else:
            log.warning("fake gateway: unexpected op %r", op)

    # ------------------------------------------------------------------ protocol steps
    def _token_ok(self, token: str | None) -> bool:
        return self.fake.token is None or token == self.fake.token

    async def _identify(self, conn: Connection, data: dict[str, Any]) -> None:
        if not self._token_ok(data.get("token")):
            await conn.ws.close(code=4004, message=b"Authentication failed.")
            return
        self.identify_count += 1
        session = Session(session_id=secrets.token_hex(16), intents=int(data.get("intents", 0)),
                          shard=data.get("shard"))
        self.sessions[session.session_id] = session
        self.session = session
        async with session.lock:
            session.connection = conn
            conn.session = session
            fake = self.fake
            ready = {
                "v": 10,
                "user": fake.bot_user,
                "user_settings": {},
                "session_type": "normal",
                "session_id": session.session_id,
                "resume_gateway_url": fake.resume_gateway_url,
                "guilds": [{"id": str(fake.guild_id), "unavailable": True}],
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "guild_join_requests": [],
                "geo_ordered_rtc_regions": ["rotterdam"],
                "auth": {},
                "application": {"id": str(fake.application_id), "flags": fake.application_flags},
                "_trace": ['["gateway-fake",{"micros":0}]'],
            }
            if session.shard is not None:
                ready["shard"] = session.shard
            await self._send_dispatch(session, "READY", ready)
            await self._send_dispatch(session, "GUILD_CREATE", fake.guild_create_payload())
        self._established.set()

    async def _resume(self, conn: Connection, data: dict[str, Any]) -> None:
        session = self.sessions.get(data.get("session_id", ""))
        if session is None or not self._token_ok(data.get("token")):
            await conn.send({"op": 9, "d": False, "s": None, "t": None})
            return
        self.resume_count += 1
        self.session = session
        async with session.lock:
            session.connection = conn
            conn.session = session
            last_seen = data.get("seq") or 0
            for payload in list(session.sent):
                if payload["s"] > last_seen:
                    await conn.send(payload)
            await self._send_dispatch(session, "RESUMED", {"_trace": ['["gateway-fake",{}]']})
        self._established.set()

    async def _request_members(self, conn: Connection, data: dict[str, Any]) -> None:
        session = conn.session
        if session is None:
            return
        guild_id = int(data.get("guild_id", 0))
        if guild_id != self.fake.guild_id:
            return
        wanted = {str(u) for u in data.get("user_ids") or []}
        query = (data.get("query") or "").lower()
        members = [m for m in self.fake.members.values()
                   if (not wanted or m["user"]["id"] in wanted)
                   and m["user"]["username"].lower().startswith(query)]
        chunk: dict[str, Any] = {"guild_id": str(guild_id), "members": members, "chunk_index": 0,
                                 "chunk_count": 1, "not_found": []}
        if data.get("nonce") is not None:
            chunk["nonce"] = data["nonce"]
        async with session.lock:
            await self._send_dispatch(session, "GUILD_MEMBERS_CHUNK", chunk)

    async def _send_dispatch(self, session: Session, event: str, data: Any) -> int:
        """Assign the next sequence number, buffer the payload and send it if connected.

        The caller must hold ``session.lock`` so that sequence order equals send order.
        """
        session.seq += 1
        payload = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.sent.append(payload)
        conn = session.connection
        if conn is not None:
            try:
                await conn.send(payload)
            except ConnectionResetError:
                pass  # stays buffered: the client gets it on RESUME
        return session.seq
