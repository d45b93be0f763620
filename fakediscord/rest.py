"""Routing and the REST routes of the fake for the session, users, guild, scheduled events, commands.

Handlers receive the :class:`~fakediscord.server.RequestRecord` (parsed JSON body in
``record.json``, uploads in ``record.files``) plus the path parameters, and return
``(status, json_body_or_None)``. Discord-style errors are raised as :class:`ApiError`.
Channels, messages and threads live in :mod:`.messages`; interaction callbacks and the
interaction webhook in :mod:`.interactions`.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from . import payloads as P

if TYPE_CHECKING:
    from .server import FakeDiscord, RequestRecord

Handler = Callable[..., Awaitable[tuple[int, Any]]]

# gateway intent bits used for echoed events
GUILDS, GUILD_MESSAGES, DIRECT_MESSAGES, GUILD_SCHEDULED_EVENTS = 0, 9, 12, 16


class ApiError(Exception):
    """A Discord JSON error response, e.g. ``ApiError(404, 10008, "Unknown Message")``."""

    def __init__(self, status: int, code: int, message: str, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


class Router:
    """Maps (method, concrete path) to a handler and the route template with its parameters."""

    def __init__(self) -> None:
        self._routes: list[tuple[str, str, re.Pattern[str], Handler]] = []

    def add(self, method: str, template: str, handler: Handler) -> None:
        regex = "^" + re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>[^/]+)", re.escape(template)) + "$"
        self._routes.append((method.upper(), template, re.compile(regex), handler))
        # literal segments win over parameters (e.g. messages/@original over messages/{message_id})
        self._routes.sort(key=lambda r: r[1].count("{"))

    def resolve(self, method: str, path: str) -> tuple[str, Handler | None, dict[str, str]] | None:
        """``(template, handler, params)``; handler is None if only the method is wrong."""
        path_match = None
        for route_method, template, regex, handler in self._routes:
            found = regex.match(path)
            if found and route_method == method.upper():
                return template, handler, found.groupdict()
            if found and path_match is None:
                path_match = (template, None, found.groupdict())
        return path_match


def snowflake_param(value: str) -> int:
    """A path parameter as snowflake, or Discord's 400 "Invalid Form Body" for non-numbers."""
    if not value.isdigit():
        raise ApiError(400, 50035, "Invalid Form Body", {"id": {"_errors": [
            {"code": "NUMBER_TYPE_COERCE", "message": f"Value \"{value}\" is not snowflake."}]}})
    return int(value)


class RestApi:
    """The plain REST routes; state lives on the :class:`FakeDiscord` instance."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, router: Router) -> None:
        for method, template, handler in [
            ("GET", "/gateway", self.get_gateway),
            ("GET", "/gateway/bot", self.get_gateway_bot),
            ("GET", "/users/@me", self.get_me),
            ("GET", "/users/@me/guilds", self.get_my_guilds),
            ("GET", "/oauth2/applications/@me", self.get_application),
            ("GET", "/applications/@me", self.get_application),
            ("GET", "/users/{user_id}", self.get_user),
            ("DELETE", "/users/@me/guilds/{guild_id}", self.leave_guild),
            ("GET", "/guilds/{guild_id}", self.get_guild),
            ("GET", "/guilds/{guild_id}/channels", self.get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self.get_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self.get_member),
            ("GET", "/guilds/{guild_id}/scheduled-events", self.list_events),
            ("POST", "/guilds/{guild_id}/scheduled-events", self.create_event),
            ("GET", "/guilds/{guild_id}/scheduled-events/{event_id}", self.get_event),
            ("PATCH", "/guilds/{guild_id}/scheduled-events/{event_id}", self.edit_event),
            ("DELETE", "/guilds/{guild_id}/scheduled-events/{event_id}", self.delete_event),
            ("GET", "/applications/{application_id}/commands", self.get_commands),
            ("PUT", "/applications/{application_id}/commands", self.put_commands),
            ("GET", "/applications/{application_id}/guilds/{guild_id}/commands", self.get_commands),
            ("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", self.put_commands),
        ]:
            router.add(method, template, handler)

    def _guild(self, guild_id: str) -> None:
        if snowflake_param(guild_id) != self.fake.guild_id:
            raise ApiError(404, 10004, "Unknown Guild")

    # ------------------------------------------------------------------ session basics
    async def get_gateway(self, record: RequestRecord) -> tuple[int, Any]:
        return 200, {"url": self.fake.gateway_url.rstrip("/")}

    async def get_gateway_bot(self, record: RequestRecord) -> tuple[int, Any]:
        return 200, {"url": self.fake.gateway_url.rstrip("/"), "shards": 1,
                     "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 14_400_000,
                                             "max_concurrency": 1}}

    async def get_me(self, record: RequestRecord) -> tuple[int, Any]:
        return 200, self.fake.bot_user

    async def leave_guild(self, record: RequestRecord, guild_id: str) -> tuple[int, Any]:
        """The bot leaves a guild; the fake records it in ``left_guilds`` (GUILD_DELETE follows)."""
        gid = snowflake_param(guild_id)
        self.fake.left_guilds.append(gid)
        await self.fake.dispatch("GUILD_DELETE", {"id": str(gid)})
        return 204, None

    async def get_application(self, record: RequestRecord) -> tuple[int, Any]:
        fake = self.fake
        app = P.application(fake.application_id, fake.users[fake.owner_id], fake.bot_user["username"])
        app["bot"] = fake.users[fake.bot_id]
        app["flags"] = fake.application_flags
        app["bot_public"] = fake.bot_public
        return 200, app

    async def get_my_guilds(self, record: RequestRecord) -> tuple[int, Any]:
        """The bot's guilds: the fake's own plus ``fake.other_guilds`` ({id: name})."""
        fake = self.fake
        everyone = next(int(r["permissions"]) for r in fake.roles if int(r["id"]) == fake.guild_id)
        listed = {fake.guild_id: fake.guild_name, **fake.other_guilds}
        return 200, [{"id": str(gid), "name": name, "icon": None, "banner": None, "owner": False,
                      "permissions": str(everyone | P.BOT_PERMISSIONS), "features": []}
                     for gid, name in listed.items()]

    async def get_user(self, record: RequestRecord, user_id: str) -> tuple[int, Any]:
        found = self.fake.users.get(snowflake_param(user_id))
        if found is None:
            raise ApiError(404, 10013, "Unknown User")
        return 200, found

    # ------------------------------------------------------------------ guild
    async def get_guild(self, record: RequestRecord, guild_id: str) -> tuple[int, Any]:
        self._guild(guild_id)
        payload = self.fake.guild_create_payload()
        rest = {k: v for k, v in payload.items() if k not in {
            "joined_at", "large", "unavailable", "lazy", "member_count", "members", "channels", "threads",
            "presences", "voice_states", "stage_instances", "guild_scheduled_events", "soundboard_sounds",
            "embedded_activities"}}
        if record.query.get("with_counts") in ("true", "True", "1"):
            rest.update(approximate_member_count=len(self.fake.members), approximate_presence_count=1)
        return 200, rest

    async def get_guild_channels(self, record: RequestRecord, guild_id: str) -> tuple[int, Any]:
        self._guild(guild_id)
        return 200, self.fake.guild_create_payload()["channels"]

    async def get_roles(self, record: RequestRecord, guild_id: str) -> tuple[int, Any]:
        self._guild(guild_id)
        return 200, self.fake.roles

    async def get_member(self, record: RequestRecord, guild_id: str, user_id: str) -> tuple[int, Any]:
        self._guild(guild_id)
        found = self.fake.members.get(snowflake_param(user_id))
        if found is None:
            raise ApiError(404, 10007, "Unknown Member")
        return 200, found

    # ------------------------------------------------------------------ scheduled events
    def _event(self, guild_id: str, event_id: str) -> dict[str, Any]:
        self._guild(guild_id)
        found = self.fake.scheduled_events.get(snowflake_param(event_id))
        if found is None:
            raise ApiError(404, 10070, "Unknown Guild Scheduled Event")
        return found

    async def list_events(self, record: RequestRecord, guild_id: str) -> tuple[int, Any]:
        self._guild(guild_id)
        return 200, list(self.fake.scheduled_events.values())

    async def create_event(self, record: RequestRecord, guild_id: str) -> tuple[int, Any]:
        self._guild(guild_id)
        creator = self.fake.users[self.fake.bot_id]
        event = P.scheduled_event(self.fake.snowflake(), self.fake.guild_id, creator,
                                  record.json or {})
        self.fake.scheduled_events[int(event["id"])] = event
        await self.fake.echo("GUILD_SCHEDULED_EVENT_CREATE", event, GUILD_SCHEDULED_EVENTS)
        return 200, event

    async def get_event(self, record: RequestRecord, guild_id: str, event_id: str) -> tuple[int, Any]:
        return 200, self._event(guild_id, event_id)

    async def edit_event(self, record: RequestRecord, guild_id: str, event_id: str) -> tuple[int, Any]:
        event = self._event(guild_id, event_id)
        P.apply_event_patch(event, record.json or {})
        await self.fake.echo("GUILD_SCHEDULED_EVENT_UPDATE", event, GUILD_SCHEDULED_EVENTS)
        return 200, event

    async def delete_event(self, record: RequestRecord, guild_id: str, event_id: str) -> tuple[int, Any]:
        event = self._event(guild_id, event_id)
        del self.fake.scheduled_events[int(event["id"])]
        await self.fake.echo("GUILD_SCHEDULED_EVENT_DELETE", event, GUILD_SCHEDULED_EVENTS)
        return 204, None

    # ------------------------------------------------------------------ application commands
    def _scope(self, application_id: str, guild_id: str | None) -> int | None:
        if snowflake_param(application_id) != self.fake.application_id:
            raise ApiError(403, 50001, "Missing Access")
        if guild_id is not None:
            self._guild(guild_id)
            return int(guild_id)
        return None

    async def get_commands(self, record: RequestRecord, application_id: str,
                           guild_id: str | None = None) -> tuple[int, Any]:
        return 200, self.fake.commands.get(self._scope(application_id, guild_id), [])

    async def put_commands(self, record: RequestRecord, application_id: str,
                           guild_id: str | None = None) -> tuple[int, Any]:
        scope = self._scope(application_id, guild_id)
        old = {(c["name"], c["type"]): c for c in self.fake.commands.get(scope, [])}
        result = []
        for body in record.json or []:
            ctype = body.get("type", 1)
            previous = old.get((body["name"], ctype))
            command = {
                "id": previous["id"] if previous else str(self.fake.snowflake()),
                "application_id": str(self.fake.application_id),
                "version": str(self.fake.snowflake()),
                "type": ctype,
                "name": body["name"],
                "name_localizations": body.get("name_localizations"),
                "description": body.get("description", ""),
                "description_localizations": body.get("description_localizations"),
                "options": body.get("options") or [],
                "default_member_permissions": body.get("default_member_permissions"),
                "dm_permission": body.get("dm_permission", True),
                "nsfw": body.get("nsfw", False),
                "integration_types": body.get("integration_types") or [0],
                "contexts": body.get("contexts"),
            }
            if scope is not None:
                command["guild_id"] = str(scope)
            result.append(command)
        self.fake.commands[scope] = result
        return 200, result
