"""/digest nu (moderators post this week's digest early) and /digest voorbeeld (a private preview)."""

from __future__ import annotations

import io

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.discord_adapter.convert import NO_PINGS, request_from

TEXTS = {
    "nl": {"queued": "Het weekoverzicht staat klaar om te posten ({parts} bericht(en)).",
           "before": "Het weekoverzicht van deze week is al gepost (of staat al klaar); er gaat niets dubbel.",
           "preview": "Voorbeeld van het weekoverzicht (nog niet gepost)."},
    "en": {"queued": "The weekly digest is queued for posting ({parts} message(s)).",
           "before": "This week's digest was already posted (or queued); nothing is posted twice.",
           "preview": "Preview of the weekly digest (not posted)."},
}


class DigestCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    digest = app_commands.Group(name=_("digest"), description=_("Het weekoverzicht van het netwerk"))

    @digest.command(name=_("nu"), description=_("Post het weekoverzicht van deze week nu (moderatoren)"))
    @app_commands.describe(moderatoren=_("De moderatorenversie naar het moderatorenkanaal"))
    @app_commands.rename(moderatoren=_("moderatoren"))
    async def nu(self, interaction: discord.Interaction, moderatoren: bool = False) -> None:
        app = self.bot.app
        req = request_from(interaction, app.settings)
        parts = app.digest.post_now(req, moderators=moderatoren)
        text = TEXTS[req.lang]["queued"].format(parts=parts) if parts else TEXTS[req.lang]["before"]
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS)

    @digest.command(name=_("voorbeeld"), description=_("Bekijk het weekoverzicht privé, zonder te posten"))
    async def voorbeeld(self, interaction: discord.Interaction) -> None:
        app = self.bot.app
        req = request_from(interaction, app.settings)
        await interaction.response.defer(ephemeral=True, thinking=True)
        markdown = app.digest.preview(req, moderators=True).markdown()  # the service checks the privilege
        await interaction.followup.send(TEXTS[req.lang]["preview"], ephemeral=True, allowed_mentions=NO_PINGS,
                                        file=discord.File(io.BytesIO(markdown.encode("utf-8")), "weekoverzicht.md"))
