"""The doctor's Discord checks: plain functions over a fetched `World` and the settings.

Each returns one `Check`: a name, ✓ or ✗, what was found, and for ✗ the fix in words an operator
of the server understands (which screen, which switch). Role and channel ids and guild names
appear; member ids and message text never do.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.core.settings import Settings
from bot.ops.permissions import base_permissions, channel_permissions, mask, names
from bot.ops.rest import Answer, World

PORTAL = "https://discord.com/developers/applications"
COPY_ID = "(Discord: User Settings > Advanced > Developer Mode on, then right-click > Copy ID)"
TEXT, ANNOUNCEMENT = 0, 5
KINDS = {0: "a text channel", 2: "a voice channel", 4: "a category", 5: "an announcement channel",
         13: "a stage channel", 15: "a forum", 16: "a media channel", 11: "a thread", 12: "a private thread"}

#: what Labbot does where (README, "Running Labbot in Discord"), as Discord permission names
NETWORK_NEEDS = ("View Channel", "Send Messages", "Send Messages in Threads", "Create Public Threads",
                 "Create Private Threads", "Embed Links", "Attach Files", "Read Message History")
MODERATOR_NEEDS = ("View Channel", "Send Messages", "Embed Links", "Attach Files", "Read Message History")
GUILD_NEEDS = ("Manage Events",)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    found: str
    fix: str = ""
    fatal: bool = False  # `labbot run` stops on it (invalid token, bot not in the guild)

    def line(self) -> str:
        text = f"{'✓' if self.ok else '✗'} {self.name}: {self.found}"
        return text if self.ok else f"{text}; fix: {self.fix}"

    def to_json(self) -> dict:
        return {"check": self.name, "ok": self.ok, "found": self.found, "fix": self.fix or None}


def unreachable(name: str, answer: Answer, what: str) -> Check:
    if answer.status is None:
        return Check(name, False, f"{what}: Discord did not answer", "check the host's internet access and try again")
    return Check(name, False, f"{what}: Discord answered HTTP {answer.status}",
                 "check the settings above; run `labbot doctor` again")


def check_token(world: World) -> Check:
    me = world.me
    if me.status == 401:
        return Check("token", False, "Discord refused DISCORD_TOKEN",
                     f"copy a new token at {PORTAL} > your application > Bot > Reset Token into DISCORD_TOKEN",
                     fatal=True)
    if not me.ok:
        return unreachable("token", me, "token not checked")
    app = world.application.body if world.application.ok else {}
    owner = f"application {app.get('name', '?')} ({app.get('id', '?')})"
    return Check("token", True, f"valid, bot {me.body.get('username')} of {owner}")


def check_private(world: World) -> Check:
    if not world.application.ok:
        return unreachable("private application", world.application, "application not read")
    if world.application.body.get("bot_public"):
        return Check("private application", False, "Public Bot is on: anyone with the link can add Labbot to a server",
                     f"{PORTAL} > your application > Bot > switch off Public Bot, then Save")
    return Check("private application", True, "Public Bot is off")


def check_guild(world: World, settings: Settings) -> Check:
    if settings.guild_id is None:
        return Check("server", False, "LABBOT_GUILD_ID is not set",
                     f"put the network's server id in LABBOT_GUILD_ID {COPY_ID}")
    if not world.guilds.ok:
        return unreachable("server", world.guilds, "server list not read")
    guilds = {int(g["id"]): g.get("name", "?") for g in world.guilds.body}
    if settings.guild_id not in guilds or not world.guild.ok:
        return Check("server", False, f"the bot is not in server {settings.guild_id}",
                     "invite the bot with the URL in the README (Running Labbot in Discord, step 2), "
                     "or correct LABBOT_GUILD_ID", fatal=True)
    others = sorted(f"{name} ({gid})" for gid, name in guilds.items() if gid != settings.guild_id)
    if others:
        return Check("server", False, f"in {guilds[settings.guild_id]}, and also in {', '.join(others)}",
                     "remove the bot from the other servers (Server Settings > Integrations > Labbot > "
                     "Remove), then switch off Public Bot")
    return Check("server", True, f"in {guilds[settings.guild_id]} ({settings.guild_id}) and no other server")


class Guild:
    """The configured guild's roles, owner and the bot's member roles, from the `World`."""

    def __init__(self, world: World, guild_id: int) -> None:
        body = world.guild.body
        self.id = guild_id
        self.owner_id = int(body.get("owner_id") or 0)
        self.roles: dict[int, dict[str, Any]] = {int(r["id"]): r for r in body.get("roles", [])}
        self.bot_id = int(world.me.body["id"])
        self.bot_roles = [int(r) for r in world.member.body.get("roles", [])] if world.member.ok else []

    def base(self, member_id: int, roles: list[int]) -> int:
        return base_permissions(self.id, self.owner_id, self.roles, member_id, roles)

    def in_channel(self, channel: dict, member_id: int, roles: list[int]) -> int:
        return channel_permissions(self.base(member_id, roles), self.id, member_id, roles,
                                   channel.get("permission_overwrites") or [])


def check_channel(world: World, settings: Settings, variable: str, channel_id: int | None,
                  needs: tuple[str, ...], kinds: tuple[int, ...], *, required: bool = True) -> Check:
    name = variable
    if channel_id is None:
        if not required:
            return Check(name, True, "not set (what would go there is not posted)")
        return Check(name, False, "not set", f"put the channel's id in {variable} {COPY_ID}")
    answer = world.channels.get(channel_id, Answer(None))
    if answer.status in (403, 404) or (answer.ok and str(answer.body.get("guild_id")) != str(settings.guild_id)):
        seen = "the bot cannot see it" if answer.status == 403 else "no such channel in the server"
        return Check(name, False, f"channel {channel_id}: {seen}",
                     f"correct {variable} {COPY_ID}, or give the bot's role View Channel there")
    if not answer.ok:
        return unreachable(name, answer, f"channel {channel_id} not read")
    channel = answer.body
    if int(channel["type"]) not in kinds:
        wanted = " or ".join(KINDS[k] for k in kinds)
        return Check(name, False, f"#{channel.get('name')} ({channel_id}) is {KINDS.get(int(channel['type']), 'not a text channel')}",
                     f"set {variable} to {wanted} {COPY_ID}")
    guild = Guild(world, settings.guild_id)  # type: ignore[arg-type]
    have = guild.in_channel(channel, guild.bot_id, guild.bot_roles)
    missing = names(mask(needs) & ~have, needs)
    if missing:
        return Check(name, False, f"#{channel.get('name')}: the bot lacks {', '.join(missing)}",
                     f"in #{channel.get('name')} > Edit Channel > Permissions, allow {', '.join(missing)} for "
                     "the bot's role (or remove the overwrite that denies it)")
    return Check(name, True, f"#{channel.get('name')}, {KINDS[int(channel['type'])]}, all {len(needs)} permissions")


def check_guild_permissions(world: World, settings: Settings) -> Check:
    guild = Guild(world, settings.guild_id)  # type: ignore[arg-type]
    missing = names(mask(GUILD_NEEDS) & ~guild.base(guild.bot_id, guild.bot_roles), GUILD_NEEDS)
    if missing:
        return Check("server permissions", False, f"the bot lacks {', '.join(missing)} (sessions become events)",
                     f"Server Settings > Roles > the bot's role: allow {', '.join(missing)}")
    return Check("server permissions", True, ", ".join(GUILD_NEEDS))


ROLE_SETTINGS = ("LABBOT_ADMIN_ROLE_IDS", "LABBOT_MODERATOR_ROLE_IDS", "LABBOT_PARTNER_ROLE_IDS",
                 "LABBOT_EXPERT_ROLE_ID")


def configured_roles(settings: Settings) -> list[tuple[str, int]]:
    values = (settings.admin_role_ids, settings.moderator_role_ids, settings.partner_role_ids,
              {settings.expert_role_id} if settings.expert_role_id else set())
    return [(variable, rid) for variable, ids in zip(ROLE_SETTINGS, values, strict=True) for rid in sorted(ids)]


def check_roles(world: World, settings: Settings) -> Check:
    roles = Guild(world, settings.guild_id).roles  # type: ignore[arg-type]
    configured = configured_roles(settings)
    missing = [f"{variable} {rid}" for variable, rid in configured if rid not in roles]
    if missing:
        return Check("roles", False, f"no such role in the server: {', '.join(missing)}",
                     "correct the id (Server Settings > Roles > right-click the role > Copy Role ID, with "
                     "Developer Mode on under User Settings > Advanced)")
    if not configured:
        return Check("roles", True, "none configured: everyone is a member; owners from LABBOT_OWNER_IDS")
    return Check("roles", True, f"{len(configured)} configured, all exist")


def check_expert_role(world: World, settings: Settings) -> Check:
    """Experts are added to private threads in the network channel: Discord only lets a member be
    added to a private thread who can view its parent channel."""
    name = "expert role"
    if settings.expert_role_id is None:
        return Check(name, True, "not set (expert sub-sessions invite no role)")
    guild = Guild(world, settings.guild_id)  # type: ignore[arg-type]
    channel = world.channels.get(settings.network_channel_id or 0)
    if settings.expert_role_id not in guild.roles or channel is None or not channel.ok:
        return Check(name, True, "not checked (see roles and the network channel)")
    have = guild.in_channel(channel.body, 0, [settings.expert_role_id])
    if not have & mask(["View Channel"]):
        role = guild.roles[settings.expert_role_id].get("name", settings.expert_role_id)
        return Check(name, False, f"members with only @{role} cannot view #{channel.body.get('name')}, so they "
                     "cannot be added to its private threads",
                     f"in #{channel.body.get('name')} > Edit Channel > Permissions, allow View Channel for @{role}")
    return Check(name, True, "can view the network channel, so can be added to its private threads")


def _shape(command: dict) -> tuple:
    def opts(options: list | None) -> tuple:
        return tuple(sorted(
            (o["name"], int(o["type"]), o.get("description", ""), bool(o.get("required", False)),
             tuple(sorted((c["name"], str(c["value"])) for c in o.get("choices") or [])),
             tuple(sorted((o.get("name_localizations") or {}).items())), opts(o.get("options")))
            for o in options or []))

    return (command["name"], int(command.get("type", 1)), command.get("description", ""),
            tuple(sorted((command.get("name_localizations") or {}).items())),
            str(command.get("default_member_permissions")), opts(command.get("options")))


def check_commands(world: World, expected: list[dict] | None) -> Check:
    name = "slash commands"
    if expected is None:
        return Check(name, True, "not compared (this version's commands were not built)")
    if not world.commands.ok:
        return unreachable(name, world.commands, "registered commands not read")
    have = {_shape(c) for c in world.commands.body}
    want = {_shape(c) for c in expected}
    if have == want:
        return Check(name, True, f"{len(want)} registered, as this version syncs them")
    stale = sorted({s[0] for s in have ^ want})
    return Check(name, False, f"{len(have)} registered, {len(want)} expected; differ: {', '.join(stale)}",
                 "run `labbot sync-commands`")


def discord_checks(world: World, settings: Settings, expected: list[dict] | None) -> list[Check]:
    token = check_token(world)
    if not token.ok:
        return [token]
    checks = [token, check_private(world), check_guild(world, settings)]
    if not world.guild.ok:
        return checks
    checks += [
        check_guild_permissions(world, settings),
        check_channel(world, settings, "LABBOT_NETWORK_CHANNEL_ID", settings.network_channel_id, NETWORK_NEEDS,
                      (TEXT,)),
        check_channel(world, settings, "LABBOT_MODERATOR_CHANNEL_ID", settings.moderator_channel_id,
                      MODERATOR_NEEDS, (TEXT, ANNOUNCEMENT), required=False),
        check_roles(world, settings),
        check_expert_role(world, settings),
    ]
    return [*checks, check_commands(world, expected)]
