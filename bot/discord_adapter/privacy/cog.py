"""/privacy mijn-gegevens and /privacy verwijder (the member's rights), /beheer audit (admins)."""

from __future__ import annotations

import io
import re

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.core.i18n import t
from bot.core.text import shorten
from bot.discord_adapter.convert import NO_PINGS, context_of, locale_of
from bot.discord_adapter.items import LabbotButton


class ForgetConfirm(LabbotButton, template=r"labbot:forget:(?P<uid>\d{1,20})"):
    """The confirmation button of /privacy verwijder; only the member it was shown to can use it."""

    def __init__(self, user_id: int, lang: str = "nl") -> None:
        super().__init__(discord.ui.Button(label=t("rights.confirm_button", lang), style=discord.ButtonStyle.danger,
                                           custom_id=f"labbot:forget:{user_id}"))
        self.user_id = user_id

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]):
        return cls(int(match["uid"]))

    async def act(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        if interaction.user.id != self.user_id:
            await interaction.response.send_message(t("error.check_failed", lang), ephemeral=True,
                                                    allowed_mentions=NO_PINGS)
            return
        members = app.members
        done = members.forget(req)
        summary = members.summary(done, lang) or t(
            "rights.nothing_other_key" if members.other_key_in_use() else "rights.nothing", lang)
        await interaction.response.edit_message(content=t("rights.forgotten", lang, summary=summary), view=None,
                                                allowed_mentions=NO_PINGS)


class PrivacyCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    privacy = app_commands.Group(name=_("privacy"), description=_("Jouw gegevens bij Labbot"))
    beheer = app_commands.Group(name=_("beheer"), description=_("Beheer van Labbot"))

    @privacy.command(name=_("mijn-gegevens"), description=_("Alles wat Labbot over jou bewaart, als bestand"))
    async def mijn_gegevens(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        data = app.members.export_json(req)
        await interaction.response.send_message(
            t("rights.export", lang), file=discord.File(io.BytesIO(data), filename="labbot-mijn-gegevens.json"),
            ephemeral=True, allowed_mentions=NO_PINGS)

    @privacy.command(name=_("verwijder"), description=_("Wis wat je bij Labbot hebt ingebracht"))
    async def verwijder(self, interaction: discord.Interaction) -> None:
        lang = locale_of(interaction)
        view = discord.ui.View(timeout=None)
        view.add_item(ForgetConfirm(interaction.user.id, lang))
        await interaction.response.send_message(t("rights.confirm", lang), view=view, ephemeral=True,
                                                allowed_mentions=NO_PINGS)

    @beheer.command(name=_("audit"), description=_("Lees het auditlog van moderator- en beheeracties"))
    @app_commands.describe(aantal=_("Hoeveel regels (standaard 20)"))
    @app_commands.rename(aantal=_("aantal"))
    async def audit(self, interaction: discord.Interaction, aantal: app_commands.Range[int, 1, 200] = 20) -> None:
        app, req, lang = context_of(interaction)
        rows = app.audit.read(req, limit=aantal)
        if not rows:
            await interaction.response.send_message(t("audit.empty", lang), ephemeral=True,
                                                    allowed_mentions=NO_PINGS)
            return
        lines = [f"{r['created_at'][:16]} {r['actor_id']} {r['action']} {r['item_kind']} {r['item_id']}"
                 for r in rows]
        await interaction.response.send_message("```\n" + shorten("\n".join(lines), 1900) + "\n```",
                                                ephemeral=True, allowed_mentions=NO_PINGS)
