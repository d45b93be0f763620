"""Plain data passed between the doors and the services. Frozen dataclasses, no Discord types."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class Privilege(IntEnum):
    """Ordered privilege levels: each implies the ones below (in the spirit of Red's PrivilegeLevel)."""

    MEMBER = 1
    PARTNER = 2
    MODERATOR = 3
    ADMIN = 4


@dataclass(frozen=True)
class Request:
    """Who asks what, through which door. `user_id` is the door's stable id ("discord:123")."""

    user_id: str
    text: str = ""
    channel_id: str | None = None
    privilege: Privilege = Privilege.MEMBER
    locale: str = "nl"
    anonymous: bool = False

    @property
    def lang(self) -> str:
        return "en" if self.locale.lower().startswith("en") else "nl"


@dataclass(frozen=True)
class EntryRef:
    """A knowledge entry as shown in an answer."""

    entry_id: str
    title: str
    excerpt: str
    sources: tuple[str, ...] = ()
    score: float = 0.0
    matched_on: tuple[str, ...] = ()
    lab_date: str | None = None     # set when the answer is a lesson from a living lab


@dataclass(frozen=True)
class Answer:
    """The reply to a question: the best entry and close alternatives, or an honest 'not yet'."""

    question_id: int
    answered: bool
    best: EntryRef | None = None
    also: tuple[EntryRef, ...] = ()
    reason: str = ""
    confidence: float = 0.0

