"""Discord permissions as Discord computes them, over the plain JSON of roles and channels.

Order (Discord's developer documentation, "Permissions: permission overwrites"): the @everyone
role's permissions OR the member's roles; the guild owner and ADMINISTRATOR get everything; then
the channel's overwrites: @everyone's deny then allow, all the member's roles' denies then
allows together, the member's own deny then allow. A channel one cannot view grants nothing,
and without Send Messages the permissions that ride on a message (embeds, files) are gone too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

BITS = {
    "Create Instant Invite": 0, "Administrator": 3, "Add Reactions": 6, "View Channel": 10,
    "Send Messages": 11, "Embed Links": 14, "Attach Files": 15, "Read Message History": 16,
    "Mention Everyone": 17, "Manage Events": 33, "Manage Threads": 34, "Create Public Threads": 35,
    "Create Private Threads": 36, "Send Messages in Threads": 38, "Create Events": 44,
}
ALL = (1 << 53) - 1
ADMINISTRATOR = 1 << BITS["Administrator"]
VIEW = 1 << BITS["View Channel"]
SEND = 1 << BITS["Send Messages"]
RIDES_ON_SEND = (1 << BITS["Embed Links"]) | (1 << BITS["Attach Files"]) | (1 << BITS["Mention Everyone"])


def mask(names: Iterable[str]) -> int:
    value = 0
    for name in names:
        value |= 1 << BITS[name]
    return value


def names(value: int, among: Iterable[str]) -> list[str]:
    return [name for name in among if value & (1 << BITS[name])]


def base_permissions(guild_id: int, owner_id: int, roles: Mapping[int, Mapping[str, Any]], member_id: int,
                     member_roles: Iterable[int]) -> int:
    """The member's guild-wide permissions (no channel): @everyone plus its roles."""
    if member_id == owner_id:
        return ALL
    value = int(roles[guild_id]["permissions"]) if guild_id in roles else 0
    for role_id in member_roles:
        if role_id in roles:
            value |= int(roles[role_id]["permissions"])
    return ALL if value & ADMINISTRATOR else value


def channel_permissions(base: int, guild_id: int, member_id: int, member_roles: Iterable[int],
                        overwrites: Iterable[Mapping[str, Any]]) -> int:
    """Apply a channel's `permission_overwrites` to the member's `base` permissions."""
    if base & ADMINISTRATOR:
        return ALL
    by_id = {int(o["id"]): o for o in overwrites}
    value = base
    everyone = by_id.get(guild_id)
    if everyone is not None:
        value = (value & ~int(everyone["deny"])) | int(everyone["allow"])
    allow = deny = 0
    for role_id in member_roles:
        found = by_id.get(role_id)
        if found is not None and int(found.get("type", 0)) == 0:
            allow |= int(found["allow"])
            deny |= int(found["deny"])
    value = (value & ~deny) | allow
    own = by_id.get(member_id)
    if own is not None and int(own.get("type", 1)) == 1:
        value = (value & ~int(own["deny"])) | int(own["allow"])
    if not value & VIEW:
        return 0
    if not value & SEND:
        value &= ~RIDES_ON_SEND
    return value
