"""What may be published: the one rule every public renderer asks (issue 17, point 1).

Public outputs are the digest, vote posts, the session agenda, lessons (embed and `.md`),
reminders, scheduled events, the `.ics` feed and the plein picture. Two rules hold for all of them:

- **Only approved contributions.** A member's item appears in a public post only in a status of
  `OPEN_ITEM_STATUSES` (approved by a moderator and not yet discussed); pending, rejected, merged
  and erased items never do. Lessons appear once published (approved by a moderator).
- **Member text is neutralised where it is rendered.** `public_text` makes any free text (a
  member's title or text, a trend, a moderator's theme or description) safe for a Discord post:
  one line where the layout needs it, shortened, mentions broken, Markdown escaped, so that
  `[Officiële richtlijn](https://…)` stays visible text instead of a working masked link.
  `plain_text` is the same without Markdown escaping, for places Discord does not render as
  Markdown (event names and descriptions, thread names, the calendar feed).
"""

from __future__ import annotations

from .text import neutralise, shorten

#: Item statuses that may be shown publicly and take votes: approved by a moderator, still open.
OPEN_ITEM_STATUSES: tuple[str, ...] = ("approved",)


def item_is_public(status: str) -> bool:
    return status in OPEN_ITEM_STATUSES


def public_text(text: str | None, limit: int | None = None, *, one_line: bool = True) -> str:
    """Member text made safe for a Markdown post: see the module docstring."""
    text = text or ""
    if one_line:
        text = " ".join(text.split())
    if limit is not None:
        text = shorten(text, limit)
    escaped = neutralise(text)
    return shorten(escaped, limit) if limit is not None else escaped


def plain_text(text: str | None, limit: int | None = None, *, one_line: bool = True) -> str:
    """Member text for places that show no Markdown: mentions broken, one line, shortened."""
    text = text or ""
    if one_line:
        text = " ".join(text.split())
    text = neutralise(text, escape_markdown=False)
    return shorten(text, limit) if limit is not None else text
