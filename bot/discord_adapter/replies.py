"""Private replies that work before and after the first response (a deferred interaction)."""

from __future__ import annotations

import discord

from bot.discord_adapter.convert import NO_PINGS


async def respond(interaction: discord.Interaction, content: str | None = None, **kwargs) -> None:
    """A private reply, before or after the first response; `None` values are left out."""
    kwargs = {k: v for k, v in kwargs.items() if v is not None}
    kwargs.update(ephemeral=True, allowed_mentions=NO_PINGS)
    if interaction.response.is_done():
        if content is not None:
            kwargs["content"] = content
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(content, **kwargs)
