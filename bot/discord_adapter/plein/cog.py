"""/plein: the informatieplein. Partners share local trends (a form after choosing municipality and
theme), everyone reads the overview, moderators merge and preview the regional picture.

Thin: every rule (privilege, validation, privacy guard, sensitivity) is in
`bot.core.plein.service`; this module converts, calls and renders.
"""

from __future__ import annotations

import asyncio
import io

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.core.i18n import t
from bot.core.identity import require
from bot.core.models import Privilege
from bot.core.plein.render import mine_text, overview_text, trend_line
from bot.core.text import shorten
from bot.discord_adapter.convert import NO_PINGS, locale_of, request_from
from bot.discord_adapter.plein.views import TrendModal
from bot.discord_adapter.render import lines_embed

CHOICE_LIMIT = 25
MAX_PICTURE_MESSAGES = 5

#: English names and descriptions of /plein (merge into `translator.EN`).
EN_PLEIN: dict[str, str] = {
    "plein": "info-market",
    "Informatieplein: lokale trends delen en het regionale beeld bekijken":
        "Informatieplein: share local trends and see the regional picture",
    "deel": "share",
    "Deel een lokale trend met het netwerk (partners)": "Share a local trend with the network (partners)",
    "gemeente": "municipality",
    "De gemeente waar je dit ziet": "The municipality where you see this",
    "thema": "theme",
    "Het thema van de trend": "The theme of the trend",
    "richting": "direction",
    "Neemt het toe, blijft het gelijk of neemt het af?": "Is it rising, steady or falling?",
    "zichtbaar": "visible-to",
    "Wie mag deze trend zien?": "Who may see this trend?",
    "anoniem": "anonymous",
    "Verberg voor andere leden dat de trend van jou komt": "Hide from other members that the trend is yours",
    "stijgend": "rising", "gelijk": "steady", "dalend": "falling",
    "netwerk": "network", "alleen moderatoren": "moderators only",
    "overzicht": "overview",
    "Trends per thema en regio, stijgende thema's en wat helpt":
        "Trends by theme and region, rising themes, what helps",
    "regio": "region",
    "Een zorg- en veiligheidshuis of een gemeente": "A care and safety house or a municipality",
    "periode": "period",
    "Over welke periode?": "Over which period?",
    "laatste maand": "last month", "laatste kwartaal": "last quarter", "laatste half jaar": "last half year",
    "laatste jaar": "last year", "alles": "everything",
    "mijn": "mine",
    "Jouw gedeelde trends": "Your shared trends",
    "bijwerken": "update",
    "Werk een eigen trend bij": "Update one of your trends",
    "trend": "trend",
    "Nummer van de trend": "Number of the trend",
    "intrekken": "withdraw",
    "Trek een eigen trend in": "Withdraw one of your trends",
    "samenvoegen": "merge",
    "Voeg twee trends over dezelfde ontwikkeling samen (moderatoren)":
        "Merge two trends about the same development (moderators)",
    "met": "into",
    "De trend die blijft": "The trend that stays",
    "beeld": "picture",
    "Voorbeeld van het regionale beeld voor het informatieplein (moderatoren)":
        "Preview of the regional picture for the informatieplein (moderators)",
    "sinds": "since",
    "Vanaf welke datum (standaard: het vorige informatieplein)":
        "From which date (default: the previous plein)",
}

DIRECTIONS = [app_commands.Choice(name=_("stijgend"), value="rising"),
              app_commands.Choice(name=_("gelijk"), value="steady"),
              app_commands.Choice(name=_("dalend"), value="falling")]
AUDIENCES = [app_commands.Choice(name=_("netwerk"), value="network"),
             app_commands.Choice(name=_("alleen moderatoren"), value="moderators")]
PERIODS = [app_commands.Choice(name=_("laatste maand"), value="30d"),
           app_commands.Choice(name=_("laatste kwartaal"), value="91d"),
           app_commands.Choice(name=_("laatste half jaar"), value="182d"),
           app_commands.Choice(name=_("laatste jaar"), value="365d"),
           app_commands.Choice(name=_("alles"), value="alles")]


def author_label(key: str) -> str | None:
    """Non-anonymous authors shown as a mention (never a ping: NO_PINGS on every send)."""
    kind, _sep, ident = key.partition(":")
    return f"<@{ident}>" if kind == "discord" and ident.isdigit() else None


class PleinCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @property
    def app(self):
        return self.bot.app

    plein = app_commands.Group(
        name=_("plein"),
        description=_("Informatieplein: lokale trends delen en het regionale beeld bekijken"))

    async def _private(self, interaction: discord.Interaction, text: str) -> None:
        embed = lines_embed(text, locale_of(interaction))
        await interaction.response.send_message(embed=embed, ephemeral=True, allowed_mentions=NO_PINGS)

    # -- sharing ------------------------------------------------------------------------------
    @plein.command(name=_("deel"), description=_("Deel een lokale trend met het netwerk (partners)"))
    @app_commands.describe(gemeente=_("De gemeente waar je dit ziet"), thema=_("Het thema van de trend"),
                           richting=_("Neemt het toe, blijft het gelijk of neemt het af?"),
                           zichtbaar=_("Wie mag deze trend zien?"),
                           anoniem=_("Verberg voor andere leden dat de trend van jou komt"))
    @app_commands.rename(gemeente=_("gemeente"), thema=_("thema"), richting=_("richting"),
                         zichtbaar=_("zichtbaar"), anoniem=_("anoniem"))
    @app_commands.choices(richting=DIRECTIONS, zichtbaar=AUDIENCES)
    async def deel(self, interaction: discord.Interaction, gemeente: str, thema: str,
                   richting: str = "steady", zichtbaar: str = "network", anoniem: bool = False) -> None:
        req = request_from(interaction, self.app.settings)
        fields = self.app.plein.prepare(req, {"municipality": gemeente, "theme": thema, "direction": richting,
                                              "sensitivity": zichtbaar, "anonymous": anoniem})
        title = t("plein.modal_title", req.lang, municipality=fields["municipality"])
        await TrendModal(fields, req.lang, title=title).show(interaction)

    @plein.command(name=_("bijwerken"), description=_("Werk een eigen trend bij"))
    @app_commands.describe(trend=_("Nummer van de trend"),
                           richting=_("Neemt het toe, blijft het gelijk of neemt het af?"))
    @app_commands.rename(trend=_("trend"), richting=_("richting"))
    @app_commands.choices(richting=DIRECTIONS)
    async def bijwerken(self, interaction: discord.Interaction, trend: int,
                        richting: str | None = None) -> None:
        req = request_from(interaction, self.app.settings)
        current = self.app.plein.own(req, trend)
        fields = {"trend_id": current.id} | ({"direction": richting} if richting else {})
        await TrendModal(fields, req.lang, title=t("plein.update_title", req.lang, trend_id=current.id),
                         seen=current.seen, since=current.since, helps=current.helps).show(interaction)

    @plein.command(name=_("intrekken"), description=_("Trek een eigen trend in"))
    @app_commands.describe(trend=_("Nummer van de trend"))
    @app_commands.rename(trend=_("trend"))
    async def intrekken(self, interaction: discord.Interaction, trend: int) -> None:
        req = request_from(interaction, self.app.settings)
        done = self.app.plein.withdraw(req, trend)
        await self._private(interaction, t("plein.withdrawn", req.lang, trend_id=done.id))

    @plein.command(name=_("mijn"), description=_("Jouw gedeelde trends"))
    async def mijn(self, interaction: discord.Interaction) -> None:
        req = request_from(interaction, self.app.settings)
        await self._private(interaction, mine_text(self.app.plein.mine(req)[:20], req.lang))

    # -- reading ------------------------------------------------------------------------------
    @plein.command(name=_("overzicht"),
                   description=_("Trends per thema en regio, stijgende thema's en wat helpt"))
    @app_commands.describe(thema=_("Het thema van de trend"),
                           regio=_("Een zorg- en veiligheidshuis of een gemeente"),
                           periode=_("Over welke periode?"))
    @app_commands.rename(thema=_("thema"), regio=_("regio"), periode=_("periode"))
    @app_commands.choices(periode=PERIODS)
    async def overzicht(self, interaction: discord.Interaction, thema: str | None = None,
                        regio: str | None = None, periode: str = "182d") -> None:
        req = request_from(interaction, self.app.settings)
        ov = self.app.plein.overview(req, theme=thema, region=regio, period=periode)
        text = overview_text(ov, self.app.plein.region, req.lang, author_label=author_label)
        await self._private(interaction, text)

    # -- moderators ---------------------------------------------------------------------------
    @plein.command(name=_("samenvoegen"),
                   description=_("Voeg twee trends over dezelfde ontwikkeling samen (moderatoren)"))
    @app_commands.describe(trend=_("Nummer van de trend"), met=_("De trend die blijft"))
    @app_commands.rename(trend=_("trend"), met=_("met"))
    async def samenvoegen(self, interaction: discord.Interaction, trend: int, met: int) -> None:
        req = request_from(interaction, self.app.settings)
        kept = self.app.plein.merge(req, trend, met)
        await self._private(interaction, t("plein.merged", req.lang, trend_id=trend, into=kept.id) + "\n"
                            + trend_line(kept, req.lang))

    @plein.command(name=_("beeld"),
                   description=_("Voorbeeld van het regionale beeld voor het informatieplein (moderatoren)"))
    @app_commands.describe(sinds=_("Vanaf welke datum (standaard: het vorige informatieplein)"))
    @app_commands.rename(sinds=_("sinds"))
    async def beeld(self, interaction: discord.Interaction, sinds: str | None = None) -> None:
        req = request_from(interaction, self.app.settings)
        require(req, Privilege.MODERATOR)  # before deferring, so a member gets the message at once
        await interaction.response.defer(ephemeral=True, thinking=True)
        picture = await asyncio.to_thread(self.app.plein.compile_picture, req, sinds or None)
        chunks = list(picture.chunks[:MAX_PICTURE_MESSAGES])
        extra = {}
        if picture.png:
            extra["file"] = discord.File(io.BytesIO(picture.png), filename=picture.png_name)
        for i, chunk in enumerate(chunks):
            await interaction.followup.send(chunk, ephemeral=True, allowed_mentions=NO_PINGS,
                                            **(extra if i == len(chunks) - 1 else {}))

    # -- autocomplete -------------------------------------------------------------------------
    @deel.autocomplete("gemeente")
    async def gemeente_autocomplete(self, interaction: discord.Interaction, current: str):
        return [app_commands.Choice(name=m, value=m)
                for m in self.app.plein.region.municipalities_like(current, CHOICE_LIMIT)]

    @deel.autocomplete("thema")
    @overzicht.autocomplete("thema")
    async def thema_autocomplete(self, interaction: discord.Interaction, current: str):
        lang = locale_of(interaction)
        return [app_commands.Choice(name=shorten(th.label(lang), 100), value=th.key)
                for th in self.app.plein.region.themes_like(current, lang, CHOICE_LIMIT)]

    @overzicht.autocomplete("regio")
    async def regio_autocomplete(self, interaction: discord.Interaction, current: str):
        return [app_commands.Choice(name=shorten(label, 100), value=value)
                for label, value in self.app.plein.region.areas_like(current, CHOICE_LIMIT)]

    @bijwerken.autocomplete("trend")
    @intrekken.autocomplete("trend")
    async def own_trend_autocomplete(self, interaction: discord.Interaction, current: str):
        req = request_from(interaction, self.app.settings)
        lang = req.lang
        wanted = current.strip().lstrip("#").casefold()
        choices = []
        for tr in self.app.plein.mine(req):
            label = f"#{tr.id} {tr.municipality} · {tr.theme_label(lang)}: {' '.join(tr.seen.split())}"
            if tr.status == "active" and (not wanted or wanted in label.casefold()):
                choices.append(app_commands.Choice(name=shorten(label, 100), value=tr.id))
        return choices[:CHOICE_LIMIT]
