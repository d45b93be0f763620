"""The Discord client: wiring only. Commands live in cogs, domain logic in `bot.core`."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.app import Labbot

from .cogs.ask import AskCog
from .cogs.privacy import ForgetConfirm, PrivacyCog
from .errors import send_error
from .privacy_views import PrivacyChoice
from .translator import LabbotTranslator
from .views import FeedbackButton

log = logging.getLogger("labbot.discord")


class LabbotBot(commands.Bot):
    def __init__(self, app: Labbot) -> None:
        intents = discord.Intents.default()  # no privileged intents: slash commands only
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
        )
        self.app = app
        self.tree.on_error = self.on_app_command_error

    async def setup_hook(self) -> None:
        await self.tree.set_translator(LabbotTranslator())
        await self.add_cog(AskCog(self))
        await self.add_cog(PrivacyCog(self))
        self.add_dynamic_items(FeedbackButton, PrivacyChoice, ForgetConfirm)

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError):
        await send_error(interaction, error)

    async def on_ready(self) -> None:
        log.info("connected to Discord as %s (%s) in %d guild(s)", self.user, self.user.id if self.user else "?",
                 len(self.guilds))

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Explicit step (`labbot sync-commands`): to one guild when configured (instant), else global."""
        guild_id = self.app.settings.guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            return await self.tree.sync(guild=guild)
        return await self.tree.sync()
