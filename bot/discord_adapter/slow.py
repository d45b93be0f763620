"""Searching the knowledge base encodes the text first when the semantic ranking is on (tens of
milliseconds, more for long texts). The door encodes in a worker thread before it calls the
domain, which then finds the vector ready (`KnowledgeBase.prepare`); the search itself stays on
the loop. Every door path that searches goes through here: /vraag, /kennis zoek, the
suggestions under a handed-in item, and a question continued after the privacy choice."""

from __future__ import annotations

import asyncio

import discord


async def encode_ahead(app, text: str, interaction: discord.Interaction | None = None) -> None:
    """Encode `text` for the matcher in a worker thread when searching is slow; with an
    `interaction` not yet answered, defer it first (ephemeral, "thinking"), so the wait
    never runs into Discord's three seconds."""
    if not text or not app.kb.slow_search:
        return
    if interaction is not None and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)
    await asyncio.to_thread(app.kb.prepare, text)


async def question_ahead(app, req, interaction: discord.Interaction | None = None) -> None:
    """`encode_ahead` for a question as the question service will search it."""
    if not app.kb.slow_search:
        return
    if interaction is not None and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)
    await asyncio.to_thread(app.questions.prepare, req)
