"""A small Discord REST client for the doctor: the bot token over HTTPS, no gateway, read only.

`fetch_world` gathers what the checks need into one plain `World`; a request that fails is
recorded as its HTTP status (or None when Discord was not reachable), never raised, so every
check can still say what it could not see.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import aiohttp

API = "https://discord.com/api/v10"
USER_AGENT = "DiscordBot (https://github.com/cter/labbot, 0.1) labbot-doctor"


@dataclass
class Answer:
    status: int | None  # None: no answer (network, DNS, time-out)
    body: Any = None

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300


@dataclass
class World:
    """Discord as the bot sees it. Each field is an `Answer` (or a dict of them per id)."""

    me: Answer
    application: Answer = field(default_factory=lambda: Answer(None))
    guilds: Answer = field(default_factory=lambda: Answer(None))
    guild: Answer = field(default_factory=lambda: Answer(None))
    member: Answer = field(default_factory=lambda: Answer(None))
    channels: dict[int, Answer] = field(default_factory=dict)
    commands: Answer = field(default_factory=lambda: Answer(None))


class Rest:
    def __init__(self, session: aiohttp.ClientSession, token: str, api: str = API) -> None:
        self.session, self.api = session, api.rstrip("/")
        self.headers = {"Authorization": f"Bot {token}", "User-Agent": USER_AGENT}

    async def get(self, path: str) -> Answer:
        try:
            async with self.session.get(self.api + path, headers=self.headers) as response:
                body = await response.json(content_type=None) if response.content_length != 0 else None
                return Answer(response.status, body)
        except (TimeoutError, aiohttp.ClientError, ValueError):
            return Answer(None)


async def fetch_world(token: str, guild_id: int | None, channel_ids: list[int], *, api: str = API,
                      timeout: float = 15.0) -> World:
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
        rest = Rest(session, token, api)
        world = World(me=await rest.get("/users/@me"))
        if not world.me.ok:
            return world
        bot_id = world.me.body["id"]
        world.application = await rest.get("/oauth2/applications/@me")
        world.guilds = await rest.get("/users/@me/guilds")
        app_id = world.application.body["id"] if world.application.ok else bot_id
        if guild_id is None:
            world.commands = await rest.get(f"/applications/{app_id}/commands")
            return world
        world.guild = await rest.get(f"/guilds/{guild_id}")
        if not world.guild.ok:
            return world
        world.member = await rest.get(f"/guilds/{guild_id}/members/{bot_id}")
        for channel_id in dict.fromkeys(channel_ids):
            world.channels[channel_id] = await rest.get(f"/channels/{channel_id}")
        world.commands = await rest.get(f"/applications/{app_id}/guilds/{guild_id}/commands")
        return world
