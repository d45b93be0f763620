"""/vraag and /kennis: questions in chat and the knowledge base."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str as _
from discord.ext import commands

from bot.core.i18n import t
from bot.core.text import neutralise, shorten
from bot.discord_adapter.ask.views import feedback_view
from bot.discord_adapter.convert import NO_PINGS, locale_of, privilege_of, request_from
from bot.discord_adapter.render import answer_embed, entry_embed, search_embed
from bot.discord_adapter.replies import respond
from bot.discord_adapter.slow import encode_ahead, question_ahead


class AskCog(commands.Cog):
    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    @property
    def app(self):
        return self.bot.app

    @app_commands.command(name=_("vraag"), description=_("Stel een vraag aan de kennisbank van het netwerk"))
    @app_commands.describe(vraag=_("Je vraag, in je eigen woorden"))
    @app_commands.rename(vraag=_("vraag"))
    async def vraag(self, interaction: discord.Interaction, vraag: str) -> None:
        req = request_from(interaction, self.app.settings, vraag)
        await question_ahead(self.app, req, interaction)  # encoding takes tens of ms: never on the loop
        answer = self.app.questions.ask(req)
        await respond(interaction, embed=answer_embed(answer, req.lang),
                      view=feedback_view(answer.question_id, req.lang) if answer.answered else None)

    kennis = app_commands.Group(name=_("kennis"), description=_("Kennisbank van het netwerk"))

    @kennis.command(name=_("zoek"), description=_("Zoek in de kennisbank"))
    @app_commands.describe(term=_("Waar zoek je naar?"))
    @app_commands.rename(term=_("term"))
    async def zoek(self, interaction: discord.Interaction, term: str) -> None:
        lang = locale_of(interaction)
        privilege = privilege_of(interaction.user, self.app.settings)
        query = term.strip()
        if not query:
            await interaction.response.send_message(t("error.query_empty", lang), ephemeral=True,
                                                    allowed_mentions=NO_PINGS)
            return
        await encode_ahead(self.app, query, interaction)
        entries = self.app.kb.find(query, privilege, k=10)
        if not entries:
            await respond(interaction, content=t("kb.search_none", lang, query=neutralise(shorten(query, 100))))
            return
        await respond(interaction, embed=search_embed(neutralise(shorten(query, 100)), entries, lang))

    @kennis.command(name=_("toon"), description=_("Toon een kennisitem"))
    @app_commands.describe(item=_("Titel of id van het kennisitem"))
    @app_commands.rename(item=_("item"))
    async def toon(self, interaction: discord.Interaction, item: str) -> None:
        lang = locale_of(interaction)
        entry = self.app.kb.get(item, privilege_of(interaction.user, self.app.settings))
        await interaction.response.send_message(embed=entry_embed(entry, lang), ephemeral=True,
                                                allowed_mentions=NO_PINGS)

    @toon.autocomplete("item")
    async def toon_autocomplete(self, interaction: discord.Interaction, current: str):
        privilege = privilege_of(interaction.user, self.app.settings)
        return [app_commands.Choice(name=shorten(e.title, 100), value=e.id)
                for e in self.app.kb.titles_like(current, privilege, limit=25)]
