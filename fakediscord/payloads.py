"""Builders for plausible Discord API objects (users, guilds, channels, messages, ...).

Everything here is plain data: functions take ids/values and return the JSON-ready dicts the
real API would send, with snowflakes as strings and timestamps in ISO 8601 with an offset.
"""

from __future__ import annotations

import datetime as dt
import itertools
import time
from typing import Any

#: The network's guild in tests: the fake serves it and the `app` fixture is configured for it.
NETWORK_GUILD_ID = 424242424242424242

DISCORD_EPOCH_MS = 1_420_070_400_000

#: Permission bits (see discord.Permissions): view channel, send messages, embed links,
#: attach files, read history, mentions, reactions, threads (create/send/manage), manage events.
EVERYONE_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 6) | (1 << 38)
BOT_PERMISSIONS = EVERYONE_PERMISSIONS | (1 << 13) | (1 << 34) | (1 << 35) | (1 << 36) | (1 << 33) | (1 << 44)

TEXT_CHANNEL = 0
DM_CHANNEL = 1
CATEGORY_CHANNEL = 4
PUBLIC_THREAD = 11
PRIVATE_THREAD = 12


class Snowflakes:
    """Generates unique, increasing snowflakes whose timestamp part is the current time."""

    def __init__(self) -> None:
        self._counter = itertools.count(1)

    def __call__(self) -> int:
        millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
        return (millis << 22) | (next(self._counter) & 0x3FFFFF)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


def user(user_id: int, username: str, *, bot: bool = False, global_name: str | None = None) -> dict[str, Any]:
    return {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": global_name if global_name is not None else (None if bot else username.title()),
        "avatar": None,
        "avatar_decoration_data": None,
        "banner": None,
        "accent_color": None,
        "public_flags": 0,
        "flags": 0,
        "bot": bot,
        "primary_guild": None,
        "collectibles": None,
    }


def bot_user(user_id: int, username: str) -> dict[str, Any]:
    """The ``GET /users/@me`` shape for a bot account."""
    return {
        **user(user_id, username, bot=True),
        "verified": True,
        "mfa_enabled": False,
        "email": None,
        "locale": "en-US",
        "premium_type": 0,
    }


def application(app_id: int, owner: dict[str, Any], name: str) -> dict[str, Any]:
    """The ``GET /oauth2/applications/@me`` shape."""
    return {
        "id": str(app_id),
        "name": name,
        "icon": None,
        "description": "Fake application for tests",
        "summary": "",
        "type": None,
        "is_monetized": False,
        "is_verified": False,
        "is_discoverable": False,
        "hook": True,
        "bot_public": False,
        "bot_require_code_grant": False,
        "verify_key": "0" * 64,
        "owner": owner,
        "team": None,
        "flags": 0,
        "flags_new": "0",
        "approximate_user_install_count": 0,
        "approximate_user_authorization_count": 0,
        "explicit_content_filter": 0,
        "eligible_oauth2_scopes": ["bot", "applications.commands"],
        "redirect_uris": [],
        "interactions_endpoint_url": None,
        "role_connections_verification_url": None,
        "tags": [],
        "integration_types_config": {"0": {}, "1": {}},
        "approximate_guild_count": 1,
        "bot": {k: v for k, v in owner.items() if k in ("id", "username", "discriminator", "avatar")},
    }


def role(role_id: int, name: str, *, position: int, permissions: int, managed: bool = False,
         bot_id: int | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(role_id),
        "name": name,
        "description": None,
        "color": 0,
        "colors": {"primary_color": 0, "secondary_color": None, "tertiary_color": None},
        "hoist": False,
        "icon": None,
        "unicode_emoji": None,
        "position": position,
        "permissions": str(permissions),
        "managed": managed,
        "mentionable": False,
        "flags": 0,
    }
    if bot_id is not None:
        payload["tags"] = {"bot_id": str(bot_id)}
    return payload


def member(user_payload: dict[str, Any], roles: list[int], *, joined_at: str | None = None) -> dict[str, Any]:
    return {
        "user": user_payload,
        "nick": None,
        "avatar": None,
        "banner": None,
        "roles": [str(r) for r in roles],
        "joined_at": joined_at or now_iso(),
        "premium_since": None,
        "deaf": False,
        "mute": False,
        "flags": 0,
        "pending": False,
        "communication_disabled_until": None,
    }


def text_channel(channel_id: int, guild_id: int, name: str, *, position: int = 0,
                 parent_id: int | None = None, topic: str | None = None) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": TEXT_CHANNEL,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "topic": topic,
        "nsfw": False,
        "last_message_id": None,
        "rate_limit_per_user": 0,
        "parent_id": str(parent_id) if parent_id else None,
        "default_auto_archive_duration": 1440,
        "flags": 0,
    }


def category_channel(channel_id: int, guild_id: int, name: str, *, position: int = 0) -> dict[str, Any]:
    return {
        "id": str(channel_id),
        "type": CATEGORY_CHANNEL,
        "guild_id": str(guild_id),
        "name": name,
        "position": position,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "flags": 0,
    }


def thread_channel(thread_id: int, parent: dict[str, Any], owner_id: int, *, name: str,
                   thread_type: int = PUBLIC_THREAD, auto_archive_duration: int = 1440,
                   invitable: bool | None = None, rate_limit_per_user: int = 0) -> dict[str, Any]:
    now = now_iso()
    metadata: dict[str, Any] = {
        "archived": False,
        "auto_archive_duration": auto_archive_duration,
        "archive_timestamp": now,
        "locked": False,
        "create_timestamp": now,
    }
    if thread_type == PRIVATE_THREAD:
        metadata["invitable"] = True if invitable is None else invitable
    return {
        "id": str(thread_id),
        "type": thread_type,
        "guild_id": parent["guild_id"],
        "parent_id": parent["id"],
        "owner_id": str(owner_id),
        "name": name,
        "last_message_id": None,
        "message_count": 0,
        "member_count": 1,
        "total_message_sent": 0,
        "rate_limit_per_user": rate_limit_per_user,
        "flags": 0,
        "thread_metadata": metadata,
        "member": {"id": str(thread_id), "user_id": str(owner_id), "join_timestamp": now, "flags": 0},
    }


def dm_channel(channel_id: int, recipient: dict[str, Any]) -> dict[str, Any]:
    return {"id": str(channel_id), "type": DM_CHANNEL, "last_message_id": None, "flags": 0,
            "recipients": [recipient]}


def guild(guild_id: int, name: str, *, owner_id: int, roles: list[dict[str, Any]],
          channels: list[dict[str, Any]], members: list[dict[str, Any]], locale: str = "nl",
          system_channel_id: int | None = None) -> dict[str, Any]:
    """A full GUILD_CREATE payload (REST guild fields plus the gateway-only extras)."""
    return {
        "id": str(guild_id),
        "name": name,
        "icon": None,
        "splash": None,
        "discovery_splash": None,
        "banner": None,
        "description": None,
        "owner_id": str(owner_id),
        "region": None,
        "afk_channel_id": None,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 2,
        "roles": roles,
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": None,
        "system_channel_id": str(system_channel_id) if system_channel_id else None,
        "system_channel_flags": 0,
        "rules_channel_id": None,
        "public_updates_channel_id": None,
        "safety_alerts_channel_id": None,
        "max_members": 500000,
        "max_presences": None,
        "max_video_channel_users": 25,
        "vanity_url_code": None,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "premium_progress_bar_enabled": False,
        "preferred_locale": locale,
        "nsfw_level": 0,
        "nsfw": False,
        "incidents_data": None,
        # gateway-only fields
        "joined_at": now_iso(),
        "large": False,
        "unavailable": False,
        "lazy": True,
        "member_count": len(members),
        "members": members,
        "channels": channels,
        "threads": [],
        "presences": [],
        "voice_states": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": [],
        "embedded_activities": [],
    }


def message(message_id: int, channel_id: int, author: dict[str, Any], *, content: str = "",
            embeds: list[dict[str, Any]] | None = None, components: list[dict[str, Any]] | None = None,
            attachments: list[dict[str, Any]] | None = None, flags: int = 0, msg_type: int = 0,
            webhook_id: int | None = None, application_id: int | None = None, tts: bool = False,
            message_reference: dict[str, Any] | None = None) -> dict[str, Any]:
    """A message object as returned by REST (no ``guild_id``/``member``; gateway adds those)."""
    payload: dict[str, Any] = {
        "id": str(message_id),
        "channel_id": str(channel_id),
        "type": msg_type,
        "author": author,
        "content": content,
        "timestamp": now_iso(),
        "edited_timestamp": None,
        "tts": tts,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "mention_channels": [],
        "attachments": attachments or [],
        "embeds": [{"type": "rich", **e} for e in (embeds or [])],
        "components": number_components(components or []),
        "pinned": False,
        "flags": flags,
    }
    if webhook_id is not None:
        payload["webhook_id"] = str(webhook_id)
    if application_id is not None:
        payload["application_id"] = str(application_id)
    if message_reference is not None:
        payload["message_reference"] = message_reference
    return payload


def number_components(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Copy of request components with the numeric ``id`` Discord gives each one (depth first)."""
    counter = itertools.count(1)
    taken = set()

    def walk(comps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for comp in comps:
            comp = dict(comp)
            if "id" in comp:
                taken.add(comp["id"])
            else:
                comp["id"] = next(i for i in counter if i not in taken)
            for key in ("components", "items"):
                if isinstance(comp.get(key), list) and comp[key] and isinstance(comp[key][0], dict):
                    comp[key] = walk(comp[key])
            for key in ("accessory", "component"):
                if isinstance(comp.get(key), dict):
                    comp[key] = walk([comp[key]])[0]
            out.append(comp)
        return out

    return walk(components)


def attachment(attachment_id: int, filename: str, data: bytes, content_type: str | None,
               url: str, description: str | None = None) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": str(attachment_id),
        "filename": filename,
        "size": len(data),
        "url": url,
        "proxy_url": url,
        "content_type": content_type or "application/octet-stream",
    }
    if description is not None:
        payload["description"] = description
    return payload


def scheduled_event(event_id: int, guild_id: int, creator: dict[str, Any],
                    body: dict[str, Any]) -> dict[str, Any]:
    """A guild scheduled event built from a create request body."""
    payload: dict[str, Any] = {
        "id": str(event_id),
        "guild_id": str(guild_id),
        "channel_id": None,
        "creator_id": creator["id"],
        "creator": creator,
        "name": "",
        "description": None,
        "scheduled_start_time": now_iso(),
        "scheduled_end_time": None,
        "privacy_level": 2,
        "status": 1,
        "entity_type": 3,
        "entity_id": None,
        "entity_metadata": None,
        "user_count": 0,
        "image": None,
        "recurrence_rule": None,
        "guild_scheduled_event_exceptions": [],
    }
    apply_event_patch(payload, body)
    return payload


def apply_event_patch(event: dict[str, Any], body: dict[str, Any]) -> None:
    for key in ("name", "description", "scheduled_start_time", "scheduled_end_time", "privacy_level",
                "status", "entity_type", "entity_metadata", "recurrence_rule", "image"):
        if key in body:
            event[key] = body[key]
    if "channel_id" in body:
        event["channel_id"] = None if body["channel_id"] is None else str(body["channel_id"])
