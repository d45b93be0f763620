"""What Labbot posts, as plain data, and the small interface that delivers it (httpx's transport
idea): the Discord adapter and the console implement `Notifier`; tests use a recording fake.

Discord's limits are checked here, so every door gets the same, clean splitting.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field, replace
from typing import Protocol

from bot.core.i18n import t
from bot.core.text import shorten

MESSAGE_LIMIT = 2000
EMBED_TOTAL = 6000
EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_NAME = 256
FIELD_VALUE = 1024
FIELDS_PER_EMBED = 25
EMBEDS_PER_MESSAGE = 10
FOOTER = 2048
AUTHOR = 256
MARKER_ROOM = 20     # what `with_marker` adds to the last footer: " · ref 0123456789"
MORE_ROOM = 40       # kept free for the "… en nog N meer" line


@dataclass(frozen=True)
class EmbedField:
    name: str
    value: str
    inline: bool = False


@dataclass(frozen=True)
class EmbedData:
    title: str = ""
    description: str = ""
    fields: tuple[EmbedField, ...] = ()
    footer: str = ""
    colour: int | None = None
    url: str | None = None
    image: str | None = None   # "attachment://chart.png" to show an attached file
    author: str = ""

    def size(self) -> int:
        return (len(self.title) + len(self.description) + len(self.footer) + len(self.author)
                + sum(len(f.name) + len(f.value) for f in self.fields))


class EmbedBuilder:
    """One embed within Discord's limits however much goes in: the one way every embed is built,
    in every door and in the outbox (issue 19, point 5). Each part is cut to its own limit; lines
    of the description and fields are added while they fit (25 fields, 4,096 in the description,
    6,000 in all, with room kept for the outbox's marker); from the first that does not fit on,
    nothing more is added and `build()` ends the description with "… en nog N meer" (catalogue
    key `embed.more`, in the reader's language). Text goes in as given: callers neutralise member
    text (`bot.core.publish.public_text`) first."""

    def __init__(self, title: str = "", description: str = "", *, lang: str = "nl", footer: str = "",
                 author: str = "", colour: int | None = None, url: str | None = None, image: str | None = None,
                 budget: int = EMBED_TOTAL - MARKER_ROOM) -> None:
        self.lang = lang
        self.title = shorten(title, EMBED_TITLE)
        self.footer = shorten(footer, FOOTER - MARKER_ROOM)
        self.author = shorten(author, AUTHOR)
        self.colour, self.url, self.image = colour, url, image
        self.budget = budget
        self.lines: list[str] = []
        self.fields: list[EmbedField] = []
        self.left_out = 0
        if description:  # always shown: cut to what is left beside the title, footer and author
            room = budget - MORE_ROOM - len(self.title) - len(self.footer) - len(self.author)
            self.lines.append(shorten(description, min(EMBED_DESCRIPTION - MORE_ROOM, room)))

    def _size(self) -> int:
        return (len(self.title) + len(self.footer) + len(self.author) + len("\n".join(self.lines))
                + sum(len(f.name) + len(f.value) for f in self.fields))

    def line(self, text: str) -> bool:
        """Add a line to the description; False (and counted as left out) when it does not fit."""
        text = shorten(text, EMBED_DESCRIPTION - MORE_ROOM)
        grown = len("\n".join([*self.lines, text]))
        if self.left_out or grown > EMBED_DESCRIPTION - MORE_ROOM \
                or self._size() + len(text) + 1 > self.budget - MORE_ROOM:
            self.left_out += 1
            return False
        self.lines.append(text)
        return True

    def field(self, name: str, value: str, inline: bool = False) -> bool:
        """Add a field (an empty name or value becomes "—"); False when it no longer fits."""
        name = shorten(name.strip() or "—", FIELD_NAME)
        value = shorten(value.strip() or "—", FIELD_VALUE)
        if self.left_out or len(self.fields) >= FIELDS_PER_EMBED \
                or self._size() + len(name) + len(value) > self.budget - MORE_ROOM:
            self.left_out += 1
            return False
        self.fields.append(EmbedField(name, value, inline))
        return True

    def build(self) -> EmbedData:
        lines = list(self.lines)
        if self.left_out:
            lines.append(t("embed.more", self.lang, count=self.left_out))
        return EmbedData(title=self.title, description="\n".join(lines), fields=tuple(self.fields),
                         footer=self.footer, colour=self.colour, url=self.url, image=self.image,
                         author=self.author)


@dataclass(frozen=True)
class FileData:
    name: str
    data: bytes


@dataclass(frozen=True)
class ButtonData:
    """A persistent button; `custom_id` must match one of the door's dynamic items."""

    custom_id: str
    label: str
    emoji: str | None = None
    disabled: bool = False   # a post in its final state (the session closed, the item withdrawn)


@dataclass(frozen=True)
class OutMessage:
    content: str = ""
    embeds: tuple[EmbedData, ...] = ()
    files: tuple[FileData, ...] = field(default=(), repr=False)
    buttons: tuple[ButtonData, ...] = ()

    def check_limits(self) -> None:
        """Raise ValueError when the message would be refused by Discord."""
        if len(self.content) > MESSAGE_LIMIT:
            raise ValueError(f"content of {len(self.content)} characters exceeds {MESSAGE_LIMIT}")
        if len(self.buttons) > 5 or any(len(b.custom_id) > 100 or len(b.label) > 80 for b in self.buttons):
            raise ValueError("at most 5 buttons, custom_id up to 100 and label up to 80 characters")
        if len(self.embeds) > EMBEDS_PER_MESSAGE:
            raise ValueError(f"{len(self.embeds)} embeds exceed {EMBEDS_PER_MESSAGE}")
        if sum(e.size() for e in self.embeds) > EMBED_TOTAL:
            raise ValueError("embeds together exceed 6000 characters")
        for e in self.embeds:
            if len(e.title) > EMBED_TITLE or len(e.description) > EMBED_DESCRIPTION or len(e.footer) > FOOTER \
                    or len(e.author) > AUTHOR:
                raise ValueError("an embed title, description or footer is too long")
            if len(e.fields) > FIELDS_PER_EMBED:
                raise ValueError("too many fields in one embed")
            for f in e.fields:
                if len(f.name) > FIELD_NAME or len(f.value) > FIELD_VALUE or not f.name or not f.value:
                    raise ValueError("an embed field is empty or too long")

    def to_json(self) -> dict:
        return {
            "content": self.content,
            "embeds": [{"title": e.title, "description": e.description, "footer": e.footer, "colour": e.colour,
                        "url": e.url, "image": e.image, "author": e.author, "fields": [[f.name, f.value, f.inline] for f in e.fields]}
                       for e in self.embeds],
            "files": [{"name": f.name, "data": base64.b64encode(f.data).decode("ascii")} for f in self.files],
            "buttons": [[b.custom_id, b.label, b.emoji, b.disabled] for b in self.buttons],
        }

    @classmethod
    def from_json(cls, data: dict) -> OutMessage:
        return cls(
            content=data.get("content", ""),
            embeds=tuple(EmbedData(title=e["title"], description=e["description"], footer=e["footer"],
                                   colour=e.get("colour"), url=e.get("url"), image=e.get("image"),
                                   author=e.get("author", ""),
                                   fields=tuple(EmbedField(*f) for f in e["fields"])) for e in data.get("embeds", ())),
            files=tuple(FileData(f["name"], base64.b64decode(f["data"])) for f in data.get("files", ())),
            buttons=tuple(ButtonData(*b) for b in data.get("buttons", ())),
        )


def marker(key: str) -> str:
    """A short reference derived from an outbox key, put in the footer of what Labbot posts, so a
    post that reached Discord before a crash can be found again instead of posted twice."""
    return "ref " + hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]


def with_marker(message: OutMessage, key: str) -> OutMessage:
    """The message with `marker(key)` in its last embed's footer (or, without embeds, as a small
    line under the content). The outbox adds it to everything it queues; nothing is cut to make
    room (`check_limits` refuses a message that no longer fits, so builders keep 20 characters)."""
    ref = marker(key)
    if message.embeds:
        last = message.embeds[-1]
        if ref in last.footer:
            return message
        footer = f"{last.footer} · {ref}" if last.footer else ref
        return replace(message, embeds=(*message.embeds[:-1], replace(last, footer=footer)))
    if ref in message.content:
        return message
    return replace(message, content=f"{message.content}\n-# {ref}")


class Notifier(Protocol):
    """Delivers posts. `channel` is "network", a channel or thread id, or "dm:<member id>"."""

    async def post(self, channel: str, message: OutMessage, *, key: str) -> str:
        """Post and return the message id. Raise `DeliveryError` (retryable or not) on failure."""
        ...

    async def find_post(self, channel: str, key: str) -> str | None:
        """The id of an earlier post carrying `marker(key)`, if it is there."""
        ...

    async def edit(self, channel: str, message_id: str, message: OutMessage) -> None:
        """Replace an earlier post (its final state). A post that is gone counts as done."""
        ...

    async def delete(self, channel: str, message_id: str) -> None:
        """Remove an earlier post. A post that is gone already counts as done."""
        ...


class DeliveryError(Exception):
    def __init__(self, reason: str, *, retry: bool = True, retry_after: float | None = None) -> None:
        super().__init__(reason)
        self.retry = retry
        self.retry_after = retry_after
