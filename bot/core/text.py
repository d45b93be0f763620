"""Text hygiene for everything Labbot echoes: no mass mentions, no broken markdown, bounded length.

Pure functions (no Discord): the adapters call `neutralise` on member text before posting it, in
addition to `AllowedMentions.none()` on every send.
"""

from __future__ import annotations

import re
import unicodedata

_MENTION = re.compile(r"@(everyone|here)|<@[!&]?\d+>|<#\d+>")
_MD_SPECIAL = re.compile(r"([\\*_~`|>#\[\]()])")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def clean_input(text: str | None) -> str:
    """Normalise member input: NFC, no control or bidi characters, trimmed. Keeps newlines."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    return text.strip()


_LINE_MARKUP = re.compile(r"^(?:\s*(?:#{1,6}|-#|>{1,3})(?=\s|$))+\s*")


def clean_title(text: str | None) -> str:
    """A single-line title (an item's, a lesson's, a session's theme): `clean_input`, then every
    line loses a leading heading or quote mark (`# `, `## `, `-# `, `> `, `>>> `) and the lines
    are joined with one space, so a title is one line wherever it is shown (issue 19, point 10)."""
    lines = (_LINE_MARKUP.sub("", line) for line in clean_input(text).splitlines())
    return " ".join(" ".join(lines).split())


def has_words(text: str) -> bool:
    """True when the text holds at least one letter or digit (emoji-only and punctuation are not)."""
    return any(ch.isalnum() for ch in text)


def neutralise(text: str, *, escape_markdown: bool = True) -> str:
    """Make member text safe to echo: break mentions, escape markdown."""
    text = _MENTION.sub(lambda m: m.group(0).replace("@", "@\u200b").replace("<", "<\u200b"), text)
    if escape_markdown:
        text = _MD_SPECIAL.sub(r"\\\1", text)
    return text


def shorten(text: str, limit: int) -> str:
    """Cut `text` to at most `limit` characters at a word boundary, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: max(limit - 1, 0)]
    if " " in cut[limit // 2:]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"
