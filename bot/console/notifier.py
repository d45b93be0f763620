"""The console's Notifier: what Labbot would post in Discord, printed in the terminal."""

from __future__ import annotations

import itertools
from typing import TextIO

from bot.core.app import Labbot
from bot.core.i18n import t
from bot.core.notify import OutMessage


class ConsoleNotifier:
    def __init__(self, app: Labbot, out: TextIO, lang: str = "nl") -> None:
        self.app = app
        self.out = out
        self.lang = lang
        self._ids = itertools.count(1)
        self.posted: dict[str, str] = {}

    def _say(self, line: str) -> None:
        self.out.write(line.rstrip() + "\n")

    async def post(self, channel: str, message: OutMessage, *, key: str) -> str:
        where = {"network": t("console.channel_network", self.lang)}.get(channel, channel)
        self._say(f"  [Discord → {where}]")
        if message.content:
            self._say("    " + message.content.replace("\n", "\n    "))
        for e in message.embeds:
            if e.title:
                self._say(f"    ▌ {e.title}")
            for line in (e.description or "").splitlines()[:12]:
                self._say(f"    ▌ {line}")
            for f in e.fields[:6]:
                self._say(f"    ▌ {f.name}: {f.value[:160]}")
        if message.buttons:
            self._say("    " + "  ".join(f"[{b.emoji or ''} {b.label}]" for b in message.buttons))
        for f in message.files:
            self._say(f"    📎 {f.name} ({len(f.data):,} bytes)")
        message_id = str(next(self._ids))
        self.posted[key] = message_id
        return message_id

    async def find_post(self, channel: str, key: str) -> str | None:
        return self.posted.get(key)

    async def edit(self, channel: str, message_id: str, message: OutMessage) -> None:
        where = {"network": "#netwerk"}.get(channel, channel)
        title = message.embeds[0].title if message.embeds else message.content[:80]
        closed = " (knoppen uit)" if any(b.disabled for b in message.buttons) else ""
        self._say(f"  [Discord → {where}, bericht {message_id} bijgewerkt{closed}] {title}")

    async def delete(self, channel: str, message_id: str) -> None:
        where = {"network": "#netwerk"}.get(channel, channel)
        self._say(f"  [Discord → {where}, bericht {message_id} verwijderd]")

    def handlers(self) -> dict:
        async def event(row: dict) -> str:
            session = self.app.sessions.get(row["payload"]["data"]["session_id"])
            event_id = session.discord_event_id or f"event-{session.id}"
            self.app.sessions.set_discord_ids(session.id, event_id=event_id)
            self._say("  " + t("console.posted_event", self.lang, theme=session.theme,
                                 status=t(f"lab.status.{session.status}", self.lang), sequence=session.sequence))
            return event_id

        async def thread(row: dict) -> str:
            data = row["payload"]["data"]
            thread_id = f"thread-{data['session_id']}"
            self.app.sessions.set_discord_ids(data["session_id"], thread_id=thread_id)
            self._say("  " + t("console.posted_thread", self.lang, name=data["name"]))
            return thread_id

        async def private(row: dict) -> str:
            data = row["payload"]["data"]
            self._say("  " + t("console.posted_private_thread", self.lang, name=data["name"],
                               count=len(data.get("member_ids", []))))
            return f"private-{data['item_id']}"

        return {"event.sync": event, "thread.open": thread, "thread.private": private}
