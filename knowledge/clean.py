"""Chat markup out of a question before it is matched.

`strip_chat` removes what a chat message carries besides its words, so that neither ranking
(lexical or semantic) nor abstention sees it: Discord user, role and channel mentions
(`<@123>`, `<@&123>`, `<#123>`), `@everyone` / `@here`, custom emoji and timestamps, URLs
(a link's own text is kept), code fences and inline code marks, and Markdown emphasis, headings,
quotes, list bullets and spoiler bars. Words stay where they were; the result has single spaces
within a line, so the matcher still sees sentences and clauses.
"""

from __future__ import annotations

import re

_DISCORD_TAG = re.compile(r"<(?:@[!&]?\d+|#\d+|a?:\w+:\d+|t:\d+(?::\w)?|/[\w -]+:\d+)>")
_EVERYONE = re.compile(r"(?<!\w)@(?:everyone|here)\b", re.I)
_HANDLE = re.compile(r"(?<![\w.])@[\w.]{2,32}")  # '@naam' typed as plain text
_MD_LINK = re.compile(r"\[([^\]\n]{0,200})\]\((?:<)?(?:https?://|www\.)[^)\s]*(?:>)?\)")
_URL = re.compile(r"<?(?:https?://|www\.)[^\s<>]+>?", re.I)
_FENCE = re.compile(r"```[\w+-]*\n?")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3}|~~|\|\||`+)")
_LINE_MARK = re.compile(r"(?m)^[ \t]*(?:>{1,3}|#{1,3}|-#|[-*+]|\d{1,3}[.)])[ \t]+")
_SPACES = re.compile(r"[ \t\u00a0]+")


def strip_chat(text: str) -> str:
    """`text` without mentions, tags, URLs and Markdown marks (see the module docstring)."""
    if not text:
        return ""
    text = _DISCORD_TAG.sub(" ", text)
    text = _EVERYONE.sub(" ", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _URL.sub(" ", text)
    text = _HANDLE.sub(" ", text)
    text = _FENCE.sub("", text)
    text = _LINE_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    lines = (_SPACES.sub(" ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
