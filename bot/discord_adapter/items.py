"""The base of every Labbot button and form: the work goes in `act` (buttons) or `submit` (forms);
any error reaches the member once, privately, through `send_error` (domain errors as their text,
personal data as the privacy choice, surprises as a generic line and a log entry).

Buttons are dynamic items: their state lives in the custom_id, so they keep working after a
restart (registered with `bot.add_dynamic_items` in `setup_hook`)."""

from __future__ import annotations

import discord

from bot.discord_adapter.errors import send_error


class LabbotButton(discord.ui.DynamicItem[discord.ui.Button], template=r"labbot:(?!)"):
    """Subclasses give their own `template=` and implement `act`."""

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.act(interaction)
        except Exception as exc:  # one error path for members: domain errors and surprises alike
            await send_error(interaction, exc)

    async def act(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


class LabbotModal(discord.ui.Modal):
    """Subclasses implement `submit`."""

    async def on_submit(self, interaction: discord.Interaction) -> None:
        try:
            await self.submit(interaction)
        except Exception as exc:  # includes PersonalDataFound: the member gets the privacy choice
            await send_error(interaction, exc)

    async def submit(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await send_error(interaction, error)
