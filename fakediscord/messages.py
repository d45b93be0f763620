"""REST routes of the fake for channels, DMs, messages (with uploads) and threads.

Messages are kept in ``fake.messages``; creating, editing and deleting them is mirrored as
MESSAGE_CREATE/UPDATE/DELETE on the gateway (with the intents Discord requires), ephemeral
messages excepted. The interaction routes reuse :meth:`MessageApi.new_message` and friends.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from . import payloads as P
from .rest import DIRECT_MESSAGES, GUILD_MESSAGES, GUILDS, ApiError, Router, snowflake_param

if TYPE_CHECKING:
    from .server import FakeDiscord, RequestRecord


class MessageApi:
    """Channel, message and thread routes; state lives on the :class:`FakeDiscord` instance."""

    def __init__(self, fake: FakeDiscord) -> None:
        self.fake = fake

    def register(self, router: Router) -> None:
        for method, template, handler in [
            ("POST", "/users/@me/channels", self.create_dm),
            ("GET", "/channels/{channel_id}", self.get_channel),
            ("PATCH", "/channels/{channel_id}", self.edit_channel),
            ("POST", "/channels/{channel_id}/typing", self.no_content),
            ("GET", "/channels/{channel_id}/messages", self.list_messages),
            ("POST", "/channels/{channel_id}/messages", self.create_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self.get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self.edit_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self.delete_message),
            ("PUT", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", self.no_content),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}/reactions/{emoji}/@me", self.no_content),
            ("POST", "/channels/{channel_id}/threads", self.create_thread),
            ("POST", "/channels/{channel_id}/messages/{message_id}/threads", self.create_thread_from_message),
            ("GET", "/channels/{channel_id}/thread-members", self.list_thread_members),
            ("PUT", "/channels/{channel_id}/thread-members/{user_id}", self.add_thread_member),
            ("DELETE", "/channels/{channel_id}/thread-members/{user_id}", self.remove_thread_member),
        ]:
            router.add(method, template, handler)

    # ------------------------------------------------------------------ lookups
    async def no_content(self, record: RequestRecord, **_: str) -> tuple[int, Any]:
        return 204, None

    def channel(self, channel_id: str | int) -> dict[str, Any]:
        found = self.fake.channels.get(snowflake_param(str(channel_id)))
        if found is None:
            raise ApiError(404, 10003, "Unknown Channel")
        return found

    def message(self, channel_id: str, message_id: str) -> dict[str, Any]:
        self.channel(channel_id)
        found = self.fake.messages.get(snowflake_param(message_id))
        if found is None or found["channel_id"] != str(channel_id):
            raise ApiError(404, 10008, "Unknown Message")
        return found

    async def create_dm(self, record: RequestRecord) -> tuple[int, Any]:
        recipient = self.fake.users.get(int((record.json or {}).get("recipient_id", 0)))
        if recipient is None:
            raise ApiError(404, 10013, "Unknown User")
        return 200, self.dm_channel_for(recipient)

    def dm_channel_for(self, recipient: dict[str, Any]) -> dict[str, Any]:
        """The DM channel with a user, created on first use."""
        for channel in self.fake.channels.values():
            if channel["type"] == P.DM_CHANNEL and channel["recipients"][0]["id"] == recipient["id"]:
                return channel
        channel = P.dm_channel(self.fake.snowflake(), recipient)
        self.fake.channels[int(channel["id"])] = channel
        return channel

    # ------------------------------------------------------------------ channels and messages
    async def get_channel(self, record: RequestRecord, channel_id: str) -> tuple[int, Any]:
        return 200, self.channel(channel_id)

    async def edit_channel(self, record: RequestRecord, channel_id: str) -> tuple[int, Any]:
        channel, body = self.channel(channel_id), record.json or {}
        for key in ("name", "topic", "rate_limit_per_user", "nsfw", "position", "parent_id"):
            if key in body:
                channel[key] = body[key]
        if "thread_metadata" in channel:
            for key in ("archived", "locked", "auto_archive_duration", "invitable"):
                if key in body:
                    channel["thread_metadata"][key] = body[key]
        event = "THREAD_UPDATE" if "thread_metadata" in channel else "CHANNEL_UPDATE"
        await self.fake.echo(event, channel, GUILDS)
        return 200, channel

    async def list_messages(self, record: RequestRecord, channel_id: str) -> tuple[int, Any]:
        self.channel(channel_id)
        found = list(reversed(self.fake.messages_in(int(channel_id), include_ephemeral=False)))
        if "before" in record.query:
            found = [m for m in found if int(m["id"]) < int(record.query["before"])]
        if "after" in record.query:
            found = [m for m in found if int(m["id"]) > int(record.query["after"])]
        return 200, found[: int(record.query.get("limit", 50))]

    async def create_message(self, record: RequestRecord, channel_id: str) -> tuple[int, Any]:
        channel = self.channel(channel_id)
        body = record.json or {}
        reply = body.get("message_reference")
        msg = self.new_message(int(channel_id), body, record, author=self.fake.users[self.fake.bot_id],
                               msg_type=19 if reply else 0)
        if reply:
            msg["message_reference"] = {"type": 0, "channel_id": str(channel_id),
                                        "message_id": str(reply.get("message_id")),
                                        "guild_id": channel.get("guild_id")}
        await self.store_message(msg)
        return 200, msg

    def new_message(self, channel_id: int, body: dict[str, Any], record: RequestRecord, *,
                    author: dict[str, Any], msg_type: int = 0, **extra: Any) -> dict[str, Any]:
        """Build a message from a create body (+ uploaded files); raises Discord's 50006 if empty."""
        if not (body.get("content") or body.get("embeds") or record.files or body.get("components")
                or body.get("sticker_ids") or body.get("poll")):
            raise ApiError(400, 50006, "Cannot send an empty message")
        msg = P.message(self.fake.snowflake(), channel_id, author, content=body.get("content") or "",
                        embeds=body.get("embeds"), components=body.get("components"),
                        attachments=self.attachments(channel_id, body, record), flags=body.get("flags") or 0,
                        msg_type=msg_type, tts=bool(body.get("tts")), **extra)
        self.resolve_mentions(msg)
        if body.get("nonce") is not None:
            msg["nonce"] = body["nonce"]
        return msg

    def resolve_mentions(self, msg: dict[str, Any]) -> None:
        """Fill ``mentions``/``mention_roles``/``mention_everyone`` from the content's markup."""
        content = msg["content"]
        users = {int(u) for u in re.findall(r"<@!?(\d+)>", content)}
        msg["mentions"] = [self.fake.users[u] for u in sorted(users) if u in self.fake.users]
        msg["mention_roles"] = re.findall(r"<@&(\d+)>", content)
        msg["mention_everyone"] = "@everyone" in content or "@here" in content

    def attachments(self, channel_id: int, body: dict[str, Any], record: RequestRecord,
                    keep: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Attachment objects for ``files[n]`` uploads; ``keep`` are existing ones still listed."""
        described = {str(a.get("id")): a for a in body.get("attachments") or []}
        result = [a for a in keep or [] if a["id"] in described]
        for upload in record.files:
            index = upload.field.removeprefix("files[").removesuffix("]")
            meta = described.get(index, {})
            att_id = self.fake.snowflake()
            filename = meta.get("filename") or upload.filename
            url = f"{self.fake.base_url}/attachments/{channel_id}/{att_id}/{filename}"
            self.fake.files[att_id] = (upload.data, upload.content_type)
            result.append(P.attachment(att_id, filename, upload.data, upload.content_type, url,
                                       meta.get("description")))
        return result

    async def store_message(self, msg: dict[str, Any]) -> None:
        """Save a new message, bump channel counters and echo MESSAGE_CREATE (not for ephemerals)."""
        fake = self.fake
        fake.messages[int(msg["id"])] = msg
        channel = fake.channels.get(int(msg["channel_id"]))
        if channel is None:
            return
        channel["last_message_id"] = msg["id"]
        if "message_count" in channel:
            channel["message_count"] += 1
            channel["total_message_sent"] += 1
        if msg["flags"] & 64:
            return
        await fake.echo("MESSAGE_CREATE", self.gateway_message(msg), self.message_intent(msg))

    def gateway_message(self, msg: dict[str, Any]) -> dict[str, Any]:
        channel = self.fake.channels.get(int(msg["channel_id"]), {})
        if "guild_id" not in channel:
            return msg
        event = {**msg, "guild_id": channel["guild_id"]}
        author_member = self.fake.members.get(int(msg["author"]["id"]))
        if author_member is not None and "webhook_id" not in msg:
            event["member"] = {k: v for k, v in author_member.items() if k != "user"}
        return event

    def message_intent(self, msg: dict[str, Any]) -> int:
        channel = self.fake.channels.get(int(msg["channel_id"]), {})
        return GUILD_MESSAGES if "guild_id" in channel else DIRECT_MESSAGES

    async def get_message(self, record: RequestRecord, channel_id: str, message_id: str) -> tuple[int, Any]:
        return 200, self.message(channel_id, message_id)

    async def edit_message(self, record: RequestRecord, channel_id: str, message_id: str) -> tuple[int, Any]:
        msg = self.message(channel_id, message_id)
        await self.apply_edit(msg, record)
        return 200, msg

    async def apply_edit(self, msg: dict[str, Any], record: RequestRecord,
                         body: dict[str, Any] | None = None) -> None:
        """Edit ``msg`` with ``body`` (default: the request's JSON) and the request's uploads."""
        body = body if body is not None else record.json or {}
        if "content" in body:
            msg["content"] = body["content"] or ""
            self.resolve_mentions(msg)
        if "embeds" in body:
            msg["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if "components" in body:
            msg["components"] = P.number_components(body["components"] or [])
        if "flags" in body and body["flags"] is not None:
            msg["flags"] = (msg["flags"] & 64) | (body["flags"] & ~128)
        if "attachments" in body or record.files:
            msg["attachments"] = self.attachments(int(msg["channel_id"]), body, record,
                                                  keep=msg["attachments"])
        msg["flags"] &= ~128  # an edit ends the "thinking..." state of a deferred response
        msg["edited_timestamp"] = P.now_iso()
        if not msg["flags"] & 64:
            await self.fake.echo("MESSAGE_UPDATE", self.gateway_message(msg), self.message_intent(msg))

    async def delete_message(self, record: RequestRecord, channel_id: str,
                             message_id: str) -> tuple[int, Any]:
        msg = self.message(channel_id, message_id)
        await self.remove_message(msg)
        return 204, None

    async def remove_message(self, msg: dict[str, Any]) -> None:
        del self.fake.messages[int(msg["id"])]
        event = {"id": msg["id"], "channel_id": msg["channel_id"]}
        guild_id = self.fake.channels.get(int(msg["channel_id"]), {}).get("guild_id")
        if guild_id:
            event["guild_id"] = guild_id
        if not msg["flags"] & 64:
            await self.fake.echo("MESSAGE_DELETE", event, self.message_intent(msg))

    # ------------------------------------------------------------------ threads
    async def create_thread(self, record: RequestRecord, channel_id: str) -> tuple[int, Any]:
        parent, body = self.channel(channel_id), record.json or {}
        thread = P.thread_channel(self.fake.snowflake(), parent, self.fake.bot_id, name=body.get("name", ""),
                                  thread_type=body.get("type") or P.PRIVATE_THREAD,
                                  auto_archive_duration=body.get("auto_archive_duration") or 4320,
                                  invitable=body.get("invitable"),
                                  rate_limit_per_user=body.get("rate_limit_per_user") or 0)
        return 201, await self._add_thread(thread)

    async def create_thread_from_message(self, record: RequestRecord, channel_id: str,
                                         message_id: str) -> tuple[int, Any]:
        parent, msg, body = self.channel(channel_id), self.message(channel_id, message_id), record.json or {}
        if msg.get("thread"):
            raise ApiError(400, 160004, "A thread has already been created for this message")
        thread = P.thread_channel(int(message_id), parent, self.fake.bot_id, name=body.get("name", ""),
                                  auto_archive_duration=body.get("auto_archive_duration") or 4320,
                                  rate_limit_per_user=body.get("rate_limit_per_user") or 0)
        msg["thread"] = thread
        msg["flags"] |= 32  # HAS_THREAD
        return 201, await self._add_thread(thread)

    async def _add_thread(self, thread: dict[str, Any]) -> dict[str, Any]:
        self.fake.channels[int(thread["id"])] = thread
        self.fake.thread_members[int(thread["id"])] = {self.fake.bot_id}
        await self.fake.echo("THREAD_CREATE", {**thread, "newly_created": True}, GUILDS)
        return thread

    def _thread(self, channel_id: str) -> dict[str, Any]:
        thread = self.channel(channel_id)
        if thread["type"] not in (P.PUBLIC_THREAD, P.PRIVATE_THREAD):
            raise ApiError(400, 50024, "Cannot execute action on this channel type")
        return thread

    async def list_thread_members(self, record: RequestRecord, channel_id: str) -> tuple[int, Any]:
        self._thread(channel_id)
        return 200, [{"id": channel_id, "user_id": str(u), "join_timestamp": P.now_iso(), "flags": 0}
                     for u in sorted(self.fake.thread_members.get(int(channel_id), set()))]

    async def add_thread_member(self, record: RequestRecord, channel_id: str,
                                user_id: str) -> tuple[int, Any]:
        thread = self._thread(channel_id)
        uid = self.fake.bot_id if user_id == "@me" else snowflake_param(user_id)
        if uid not in self.fake.members:
            raise ApiError(404, 10007, "Unknown Member")
        self.fake.thread_members.setdefault(int(channel_id), set()).add(uid)
        thread["member_count"] = len(self.fake.thread_members[int(channel_id)])
        return 204, None

    async def remove_thread_member(self, record: RequestRecord, channel_id: str,
                                   user_id: str) -> tuple[int, Any]:
        self._thread(channel_id)
        uid = self.fake.bot_id if user_id == "@me" else snowflake_param(user_id)
        self.fake.thread_members.get(int(channel_id), set()).discard(uid)
        return 204, None

