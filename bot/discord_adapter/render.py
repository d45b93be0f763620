"""Embeds built from the services' plain replies, within Discord's limits: every embed is built as
plain data with the core's one budgeted builder (`bot.core.notify.EmbedBuilder`) and converted
here (`to_embed`), so no reply can exceed what Discord accepts."""

from __future__ import annotations

import discord

from bot.core.i18n import t
from bot.core.models import Answer, EntryRef
from bot.core.notify import EmbedBuilder, EmbedData
from bot.core.publish import public_text
from knowledge.entry import Entry
from knowledge.sources import shown_sources

COLOUR = discord.Colour.from_rgb(0, 102, 153)
GREY = discord.Colour.light_grey()


def builder(title: str = "", description: str = "", *, lang: str, colour: discord.Colour = COLOUR,
            **kwargs) -> EmbedBuilder:
    """The core's budgeted builder in the door's colours."""
    return EmbedBuilder(title, description, lang=lang, colour=colour.value, **kwargs)


def lines_embed(text: str, lang: str, title: str = "") -> discord.Embed:
    """A text of many lines (an overview, a receipt) as one embed: whole lines while they fit."""
    b = builder(title, lang=lang)
    for line in text.split("\n"):
        b.line(line)
    return to_embed(b.build())


def to_embed(data: EmbedData) -> discord.Embed:
    """Plain embed data as a discord.py embed (the data was built within the limits)."""
    embed = discord.Embed(title=data.title or None, description=data.description or None, url=data.url,
                          colour=discord.Colour(data.colour) if data.colour is not None else discord.Colour.blurple())
    if data.author:
        embed.set_author(name=data.author)
    for f in data.fields:
        embed.add_field(name=f.name, value=f.value, inline=f.inline)
    if data.footer:
        embed.set_footer(text=data.footer)
    if data.image:
        embed.set_image(url=data.image)
    return embed


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
        b = builder(ref.title, _ref_lines(ref, lang), lang=lang, author=t("ask.answer_intro", lang),
                    footer=f"#{answer.question_id} · {ref.entry_id}")
        for other in answer.also:
            b.field(f"{t('ask.also', lang)}: {other.title}", f"`{other.entry_id}` · {other.excerpt}")
        return to_embed(b.build())
    b = builder(description=t("ask.no_answer", lang, question_id=answer.question_id), lang=lang, colour=GREY,
                footer=f"#{answer.question_id}")
    for other in answer.also:
        b.field(f"{t('ask.closest', lang)}: {other.title}", f"`{other.entry_id}`")
    return to_embed(b.build())


def entry_embed(entry: Entry, lang: str) -> discord.Embed:
    footer = entry.id
    if entry.review_by:
        footer += " · " + t("kb.review_by", lang, date=entry.review_by.isoformat())
    b = builder(entry.title, entry.body, lang=lang, footer=footer)
    if sources := shown_sources(entry.sources):
        b.field(t("ask.source", lang, entry_id=entry.id), "\n".join(sources))
    return to_embed(b.build())


def search_embed(query: str, entries: list[Entry], lang: str) -> discord.Embed:
    b = builder(t("kb.search_header", lang, query=public_text(query, 200)), lang=lang)
    for e in entries[:10]:
        b.field(e.title, f"`{e.id}` · {e.excerpt(200)}")
    return to_embed(b.build())
