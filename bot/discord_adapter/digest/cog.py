"""/digest nu (moderators post this week's digest early) and /digest voorbeeld (a private preview)."""

from __future__ import annotations

import io

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.core.i18n import t
from bot.core.text import shorten
from bot.discord_adapter.convert import NO_PINGS, context_of


class DigestCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    digest = app_commands.Group(name=_("digest"), description=_("Het weekoverzicht van het netwerk"))

    @digest.command(name=_("nu"), description=_("Post het weekoverzicht van deze week nu (moderatoren)"))
    @app_commands.describe(moderatoren=_("De moderatorenversie naar het moderatorenkanaal"))
    @app_commands.rename(moderatoren=_("moderatoren"))
    async def nu(self, interaction: discord.Interaction, moderatoren: bool = False) -> None:
        app, req, lang = context_of(interaction)
        parts = app.digest.post_now(req, moderators=moderatoren)
        text = t("digest.queued", lang, count=parts) if parts else t("digest.before", lang)
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)

    @digest.command(name=_("outbox"), description=_("Niet afgeleverde berichten, of zet er één opnieuw klaar"))
    @app_commands.describe(id=_("Het nummer van het bericht om opnieuw klaar te zetten"))
    @app_commands.rename(id=_("id"))  # a locale_str, so it gets its English name like every option
    async def outbox(self, interaction: discord.Interaction, id: app_commands.Range[int, 1] | None = None) -> None:
        app, req, _lang = context_of(interaction)
        await interaction.response.send_message(shorten(app.outbox.moderate_dead(req, id), 1900), ephemeral=True,
                                                allowed_mentions=NO_PINGS)

    @digest.command(name=_("voorbeeld"), description=_("Bekijk het weekoverzicht privé, zonder te posten"))
    async def voorbeeld(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        markdown = app.digest.preview(req, moderators=True).markdown()  # the service checks the privilege
        await interaction.followup.send(t("digest.preview", lang), ephemeral=True, allowed_mentions=NO_PINGS,
                                        file=discord.File(io.BytesIO(markdown.encode("utf-8")), "weekoverzicht.md"))
