"""Searching the knowledge base encodes the text first when the semantic ranking is on (tens of
milliseconds, more for long texts). The door encodes in a worker thread before it calls the
domain, which then finds the vector ready (`KnowledgeBase.prepare`); the search itself stays on
the loop. Every door path that searches goes through here: /vraag, /kennis zoek, the
suggestions under a handed-in item, and a question continued after the privacy choice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import discord


async def _ahead(app, prepare: Callable[[object], None], arg, interaction: discord.Interaction | None) -> None:
    """Run `prepare(arg)` in a worker thread when searching is slow; with an `interaction` not
    yet answered, defer it first (ephemeral, "thinking"), so the wait never runs into Discord's
    three seconds."""
    if not app.kb.slow_search:
        return
    if interaction is not None and not interaction.response.is_done():
        await interaction.response.defer(ephemeral=True, thinking=True)
    await asyncio.to_thread(prepare, arg)


async def encode_ahead(app, text: str, interaction: discord.Interaction | None = None) -> None:
    """Encode `text` for the matcher ahead of a search on it."""
    if text:
        await _ahead(app, app.kb.prepare, text, interaction)


async def question_ahead(app, req, interaction: discord.Interaction | None = None) -> None:
    """Encode a question as the question service will search it."""
    await _ahead(app, app.questions.prepare, req, interaction)


async def intake_ahead(app, kind: str, req, interaction: discord.Interaction | None = None) -> None:
    """Before taking in an intake of `kind`: encode what taking it in will search (a question
    is answered at once; the other kinds search nothing)."""
    if kind == "question":
        await question_ahead(app, req, interaction)
