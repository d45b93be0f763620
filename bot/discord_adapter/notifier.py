"""The Discord side of the outbox: posts, private messages, scheduled events and threads.

Implements `bot.core.notify.Notifier` and the extra outbox operations of the living lab. Each
operation reads the current state from the services when it runs, so several quick changes to a
session end in one correct event. Errors become `DeliveryError`s: retried when Discord is busy
or down, given up (and logged for an admin) when a permission or channel is missing.
"""

from __future__ import annotations

import datetime as dt
import io
import logging

import discord

from bot.core.app import Labbot
from bot.core.lab.sessions import kind_label
from bot.core.notify import DeliveryError, OutMessage, marker
from bot.core.publish import plain_text
from bot.discord_adapter.render import to_embed

log = logging.getLogger("labbot.discord")
NO_PINGS = discord.AllowedMentions.none()


def delivery_error(exc: discord.HTTPException, what: str) -> DeliveryError:
    if isinstance(exc, discord.Forbidden):
        return DeliveryError(f"{what}: Labbot lacks a permission ({exc.code})", retry=False)
    if isinstance(exc, discord.NotFound):
        return DeliveryError(f"{what}: not found ({exc.code})", retry=False)
    if isinstance(exc, discord.DiscordServerError) or exc.status == 429:
        return DeliveryError(f"{what}: Discord busy ({exc.status})")
    return DeliveryError(f"{what}: refused ({exc.status} {exc.code})", retry=False)


def buttons_view(message: OutMessage) -> discord.ui.View:
    """Persistent buttons: their custom_ids are handled by the registered dynamic items (disabled
    ones show a post in its final state)."""
    view = discord.ui.View(timeout=None)
    for b in message.buttons:
        view.add_item(discord.ui.Button(custom_id=b.custom_id, label=b.label, emoji=b.emoji, disabled=b.disabled,
                                        style=discord.ButtonStyle.primary))
    return view


class DiscordNotifier:
    def __init__(self, bot: discord.Client, app: Labbot) -> None:
        self.bot = bot
        self.app = app

    # -- where -------------------------------------------------------------------------------
    async def _target(self, channel: str) -> discord.abc.Messageable:
        try:
            if channel == "network":
                if not self.app.settings.network_channel_id:
                    raise DeliveryError("LABBOT_NETWORK_CHANNEL_ID is not set", retry=False)
                return await self._channel(self.app.settings.network_channel_id)
            if channel == "moderators":
                if not self.app.settings.moderator_channel_id:
                    raise DeliveryError("LABBOT_MODERATOR_CHANNEL_ID is not set", retry=False)
                return await self._channel(self.app.settings.moderator_channel_id)
            if channel.startswith("session:"):
                session = self.app.sessions.get(int(channel.split(":", 1)[1]))
                if not session.thread_id:
                    raise DeliveryError("the session thread is not open yet")
                return await self._channel(int(session.thread_id))
            if channel.startswith("dm:"):
                member = channel[3:]
                if not member.startswith("discord:"):
                    raise DeliveryError("private message to a pseudonymous member cannot be delivered", retry=False)
                user = self.bot.get_user(int(member[8:])) or await self.bot.fetch_user(int(member[8:]))
                return user.dm_channel or await user.create_dm()
            return await self._channel(int(channel))
        except discord.HTTPException as exc:
            raise delivery_error(exc, f"channel {channel}") from exc

    async def _channel(self, channel_id: int):
        return self.bot.get_channel(channel_id) or await self.bot.fetch_channel(channel_id)

    # -- Notifier ----------------------------------------------------------------------------
    async def post(self, channel: str, message: OutMessage, *, key: str) -> str:
        target = await self._target(channel)
        files = [discord.File(io.BytesIO(f.data), filename=f.name) for f in message.files]
        extra = {"view": buttons_view(message)} if message.buttons else {}
        try:
            sent = await target.send(content=message.content or None, embeds=[to_embed(e) for e in message.embeds],
                                     files=files, allowed_mentions=NO_PINGS, **extra)
            if "view" in extra:  # clicks go to the registered dynamic items; don't keep a view per post
                extra["view"].stop()
        except discord.HTTPException as exc:
            raise delivery_error(exc, f"post to {channel}") from exc
        except (OSError, TimeoutError) as exc:
            raise DeliveryError(f"post to {channel}: connection lost ({type(exc).__name__})") from exc
        return str(sent.id)

    async def find_post(self, channel: str, key: str) -> str | None:
        target = await self._target(channel)
        ref = marker(key)
        try:
            async for msg in target.history(limit=50):
                if msg.author.id == getattr(self.bot.user, "id", None) and (ref in (msg.content or "") or any(
                        e.footer and e.footer.text and ref in e.footer.text for e in msg.embeds)):
                    return str(msg.id)
        except discord.HTTPException as exc:
            raise delivery_error(exc, f"history of {channel}") from exc
        return None

    async def edit(self, channel: str, message_id: str, message: OutMessage) -> None:
        target = await self._target(channel)
        try:
            view = buttons_view(message)
            await target.get_partial_message(int(message_id)).edit(
                content=message.content or None, embeds=[to_embed(e) for e in message.embeds], view=view,
                allowed_mentions=NO_PINGS)
            view.stop()
        except discord.NotFound:
            return  # removed meanwhile: nothing left to show in its final state
        except discord.HTTPException as exc:
            raise delivery_error(exc, f"edit in {channel}") from exc

    async def delete(self, channel: str, message_id: str) -> None:
        target = await self._target(channel)
        try:
            await target.get_partial_message(int(message_id)).delete()
        except discord.NotFound:
            return  # gone already
        except discord.HTTPException as exc:
            raise delivery_error(exc, f"delete in {channel}") from exc

    # -- living-lab operations -----------------------------------------------------------------
    def handlers(self) -> dict:
        return {"event.sync": self.sync_event, "thread.open": self.open_thread, "thread.private": self.private_thread}

    def _guild(self) -> discord.Guild:
        guild = self.bot.get_guild(self.app.settings.guild_id or 0)
        if guild is None:
            raise DeliveryError("LABBOT_GUILD_ID is not set or Labbot is not in that server", retry=False)
        return guild

    async def sync_event(self, row: dict) -> str | None:
        session = self.app.sessions.get(row["payload"]["data"]["session_id"])
        guild = self._guild()
        kind = kind_label(session.kind)
        name = plain_text(f"{kind}: {session.theme}", 100)
        try:
            existing = (await guild.fetch_scheduled_event(int(session.discord_event_id))
                        if session.discord_event_id else None)
            if session.status in ("cancelled", "closed"):
                if existing and existing.status is discord.EventStatus.scheduled:
                    await existing.cancel() if session.status == "cancelled" else await existing.delete()
                return session.discord_event_id
            if session.starts_at <= dt.datetime.now(dt.UTC):
                return session.discord_event_id  # Discord refuses events in the past; nothing to sync
            where: dict = {}
            if session.location_kind == "external":
                where = {"entity_type": discord.EntityType.external, "location": session.location[:100]}
            else:
                channel = guild.get_channel(int(session.location))
                if not isinstance(channel, discord.VoiceChannel | discord.StageChannel):
                    raise DeliveryError(f"session {session.id}: location is not a voice or stage channel", retry=False)
                where = {"channel": channel}
            fields = dict(name=name, description=plain_text(session.description, 1000, one_line=False) or None, start_time=session.starts_at,
                          end_time=session.ends_at, privacy_level=discord.PrivacyLevel.guild_only, **where)
            if existing:
                event = await existing.edit(**fields)
            else:
                event = await guild.create_scheduled_event(**fields)
        except discord.HTTPException as exc:
            raise delivery_error(exc, f"event of session {session.id}") from exc
        self.app.sessions.set_discord_ids(session.id, event_id=str(event.id))
        return str(event.id)

    async def open_thread(self, row: dict) -> str | None:
        data = row["payload"]["data"]
        session = self.app.sessions.get(data["session_id"])
        if session.thread_id:
            return session.thread_id
        channel = await self._target("network")
        try:
            thread = await channel.create_thread(name=data["name"][:100], type=discord.ChannelType.public_thread,
                                                 auto_archive_duration=1440)
        except discord.HTTPException as exc:
            raise delivery_error(exc, f"thread of session {session.id}") from exc
        self.app.sessions.set_discord_ids(session.id, thread_id=str(thread.id))
        return str(thread.id)

    async def private_thread(self, row: dict) -> str | None:
        """An expert sub-session: a private thread with the chosen members; the expert role is
        invited by mentioning it (the one place where Labbot pings on purpose). The thread is
        recorded on the item as soon as Discord made it: a retry (a member could not be added) and
        a second /sessie expert for the item add members to the same thread instead of a new one."""
        data = row["payload"]["data"]
        item_id = data.get("item_id")
        try:
            thread = await self._known_thread(self.app.intake_items.expert_thread(item_id) if item_id else None)
            new = thread is None
            if new:
                channel = await self._target("network")
                thread = await channel.create_thread(name=data["name"][:100], type=discord.ChannelType.private_thread,
                                                     invitable=False, auto_archive_duration=1440)
                if item_id:
                    self.app.intake_items.set_expert_thread(item_id, str(thread.id))
                await self._intro(thread, data.get("intro", "")[:1800])
            for user_id in data.get("member_ids", []):
                await thread.add_user(discord.Object(id=int(user_id)))
        except discord.HTTPException as exc:
            raise delivery_error(exc, "expert thread") from exc
        return str(thread.id)

    async def _intro(self, thread: discord.Thread, intro: str) -> None:
        role_id = self.app.settings.expert_role_id
        if role_id:
            await thread.send(f"<@&{role_id}> {intro}", allowed_mentions=discord.AllowedMentions(
                everyone=False, users=False, roles=[discord.Object(id=role_id)]))
        elif intro:
            await thread.send(intro, allowed_mentions=NO_PINGS)

    async def _known_thread(self, thread_id: str | None) -> discord.Thread | None:
        """A recorded thread, if Discord still has it (a deleted one is made anew)."""
        if not thread_id:
            return None
        thread = self.bot.get_channel(int(thread_id))
        if thread is None:
            try:
                thread = await self.bot.fetch_channel(int(thread_id))
            except (discord.NotFound, discord.Forbidden):
                return None
        return thread if isinstance(thread, discord.Thread) else None
