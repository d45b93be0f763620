"""Embeds built from the services' plain replies, within Discord's limits."""

from __future__ import annotations

import discord

from bot.core.i18n import t
from bot.core.models import Answer, EntryRef
from bot.core.text import shorten
from knowledge.entry import Entry
from knowledge.sources import shown_sources

EMBED_TITLE = 256
EMBED_DESCRIPTION = 4096
FIELD_VALUE = 1024
COLOUR = discord.Colour.from_rgb(0, 102, 153)


def _ref_lines(ref: EntryRef, lang: str) -> str:
    lines = [ref.excerpt]
    if ref.sources:
        lines.append(t("ask.source", lang, entry_id=ref.entry_id) + " · " + ", ".join(ref.sources[:2]))
    if ref.matched_on:
        lines.append("-# " + t("ask.matched_on", lang, terms=", ".join(ref.matched_on[:6])))
    return "\n".join(lines)


def answer_embed(answer: Answer, lang: str) -> discord.Embed:
    if answer.answered and answer.best is not None:
        ref = answer.best
        embed = discord.Embed(title=shorten(ref.title, EMBED_TITLE), colour=COLOUR,
                              description=shorten(_ref_lines(ref, lang), EMBED_DESCRIPTION))
        embed.set_author(name=t("ask.answer_intro", lang))
        for other in answer.also:
            embed.add_field(name=shorten(f"{t('ask.also', lang)}: {other.title}", EMBED_TITLE),
                            value=shorten(f"`{other.entry_id}` · {other.excerpt}", FIELD_VALUE), inline=False)
        embed.set_footer(text=f"#{answer.question_id} · {ref.entry_id}")
        return embed
    embed = discord.Embed(description=t("ask.no_answer", lang, question_id=answer.question_id),
                          colour=discord.Colour.light_grey())
    for other in answer.also:
        embed.add_field(name=shorten(f"{t('ask.closest', lang)}: {other.title}", EMBED_TITLE),
                        value=shorten(f"`{other.entry_id}`", FIELD_VALUE), inline=False)
    embed.set_footer(text=f"#{answer.question_id}")
    return embed


def entry_embed(entry: Entry, lang: str) -> discord.Embed:
    embed = discord.Embed(title=shorten(entry.title, EMBED_TITLE), colour=COLOUR,
                          description=shorten(entry.body, EMBED_DESCRIPTION))
    if sources := shown_sources(entry.sources):
        embed.add_field(name=t("ask.source", lang, entry_id=entry.id),
                        value=shorten("\n".join(sources), FIELD_VALUE), inline=False)
    footer = entry.id
    if entry.review_by:
        footer += " · " + t("kb.review_by", lang, date=entry.review_by.isoformat())
    embed.set_footer(text=footer)
    return embed


def search_embed(query: str, entries: list[Entry], lang: str) -> discord.Embed:
    embed = discord.Embed(title=shorten(t("kb.search_header", lang, query=query), EMBED_TITLE), colour=COLOUR)
    for e in entries[:10]:
        embed.add_field(name=shorten(e.title, EMBED_TITLE), value=shorten(f"`{e.id}` · {e.excerpt(200)}", FIELD_VALUE),
                        inline=False)
    return embed
