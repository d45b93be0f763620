"""Lay out a digest within Discord's limits: sections become embeds, embeds are packed into
messages, and text is split on line boundaries, never cut in the middle of a line (a single line
longer than a field is shortened at a word boundary, with an ellipsis)."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.notify import (
    EMBED_DESCRIPTION,
    EMBED_TITLE,
    EMBED_TOTAL,
    EMBEDS_PER_MESSAGE,
    EmbedData,
    FileData,
    OutMessage,
)
from bot.core.text import shorten

DESCRIPTION_BUDGET = 3900   # below 4,096, leaving room for a continuation title
MESSAGE_BUDGET = EMBED_TOTAL - 300


@dataclass(frozen=True)
class Section:
    title: str
    lines: tuple[str, ...]
    image: FileData | None = None


def _chunks(lines: tuple[str, ...], budget: int) -> list[str]:
    chunks, current = [], ""
    for line in lines:
        line = shorten(line, budget)
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > budget and current:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current:
        chunks.append(current)
    return chunks


def layout(sections: list[Section], *, colour: int | None = None, header: str = "") -> list[OutMessage]:
    """Pack sections into as few messages as Discord allows (10 embeds, 6,000 characters each)."""
    embeds: list[tuple[EmbedData, FileData | None]] = []
    for section in sections:
        parts = _chunks(section.lines, min(DESCRIPTION_BUDGET, EMBED_DESCRIPTION))
        for i, part in enumerate(parts or [""]):
            title = section.title if i == 0 else f"{section.title} (vervolg)"
            image = section.image if i == len(parts) - 1 else None
            embeds.append((EmbedData(title=shorten(title, EMBED_TITLE), description=part, colour=colour,
                                     image=f"attachment://{image.name}" if image else None), image))
    messages: list[OutMessage] = []
    batch: list[EmbedData] = []
    files: list[FileData] = []
    size = 0
    for embed, image in embeds:
        if batch and (len(batch) >= EMBEDS_PER_MESSAGE or size + embed.size() > MESSAGE_BUDGET):
            messages.append(OutMessage(content=header if not messages else "", embeds=tuple(batch),
                                       files=tuple(files)))
            batch, files, size = [], [], 0
        batch.append(embed)
        size += embed.size()
        if image:
            files.append(image)
    if batch:
        messages.append(OutMessage(content=header if not messages else "", embeds=tuple(batch), files=tuple(files)))
    for m in messages:
        m.check_limits()
    return messages


def to_markdown(title: str, sections: list[Section]) -> str:
    out = [f"# {title}", ""]
    for s in sections:
        out += [f"## {s.title}", "", *s.lines, ""]
        if s.image:
            out += [f"![{s.title}]({s.image.name})", ""]
    return "\n".join(out).rstrip() + "\n"
