"""/inbreng: handing in (nieuw), the member's own items (mijn) and the moderators' queue: wachtrij,
goedkeuren, afwijzen, claim, bewerk, samenvoegen, volgorde."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str as _

from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.text import shorten
from bot.discord_adapter.convert import context_of, locale_of
from bot.discord_adapter.lab.common import (
    LabBase,
    active_autocomplete,
    intake_autocomplete,
    items_autocomplete,
    parse_ids,
)
from bot.discord_adapter.lab.views import (
    ItemEditModal,
    ItemModal,
    approve_and_post,
    queue_message,
    safe,
)
from bot.discord_adapter.render import builder, to_embed
from bot.discord_adapter.replies import respond

# "item" is also the option of /kennis toon ("entry" in English); `en` lets the translator tell them apart
ITEM = _("item", en="item")


class QueueCommands(LabBase):
    @app_commands.command(name=_("nieuw"),
                          description=_("Breng een vraag of dilemma in voor een living lab"))
    @app_commands.describe(sessie=_("Het living lab (open voor inbreng)"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=intake_autocomplete)
    async def nieuw(self, interaction: discord.Interaction, sessie: int) -> None:
        app, lang = self.app, locale_of(interaction)
        session = app.sessions.get(sessie)
        if session.kind != "lab" or not session.intake_open(app.clock.now()):  # before the member types
            raise InvalidInput("lab.intake_closed", theme=session.theme[:80])
        await ItemModal(session.id, lang).show(interaction)

    @app_commands.command(name=_("wachtrij"),
                          description=_("Inbreng die op een moderator wacht (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=active_autocomplete)
    async def wachtrij(self, interaction: discord.Interaction, sessie: int) -> None:
        app, req, lang = context_of(interaction)
        message = queue_message(app, req, sessie, lang)  # checks the privilege
        await respond(interaction, **message)

    @app_commands.command(name=_("goedkeuren"),
                          description=_("Zet inbreng op de agenda en plaats hem om op te stemmen"))
    @app_commands.describe(item=_("De inbreng"))
    @app_commands.rename(item=ITEM)
    @app_commands.autocomplete(item=items_autocomplete)
    async def goedkeuren(self, interaction: discord.Interaction, item: int) -> None:
        app, req, lang = context_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        _item, note = await approve_and_post(interaction, app, req, item, lang)
        await respond(interaction, note)

    @app_commands.command(name=_("afwijzen"), description=_("Wijs inbreng af met een reden (moderatoren)"))
    @app_commands.describe(item=_("De inbreng"), reden=_("Waarom niet? De inbrenger ziet de reden."))
    @app_commands.rename(item=ITEM, reden=_("reden"))
    @app_commands.autocomplete(item=items_autocomplete)
    async def afwijzen(self, interaction: discord.Interaction, item: int, reden: str) -> None:
        app, req, lang = context_of(interaction)
        done = app.intake_items.reject(req, item, reden)
        await respond(interaction, t("lab.done_reject", lang, item_id=done.id))

    @app_commands.command(name=_("claim"), description=_("Neem inbreng in behandeling (moderatoren)"))
    @app_commands.describe(item=_("De inbreng"),
                           overnemen=_("Neem de claim van een andere moderator over (wordt gelogd)"))
    @app_commands.rename(item=ITEM, overnemen=_("overnemen"))
    @app_commands.autocomplete(item=items_autocomplete)
    async def claim(self, interaction: discord.Interaction, item: int, overnemen: bool = False) -> None:
        app, req, lang = context_of(interaction)
        done = app.intake_items.claim(req, item, take_over=overnemen)
        await respond(interaction, t("lab.done_claim", lang, item_id=done.id))

    @app_commands.command(name=_("bewerk"),
                          description=_("Bewerk de titel of tekst van inbreng (moderatoren)"))
    @app_commands.describe(item=_("De inbreng"))
    @app_commands.rename(item=ITEM)
    @app_commands.autocomplete(item=items_autocomplete)
    async def bewerk(self, interaction: discord.Interaction, item: int) -> None:
        app, req, lang = context_of(interaction)
        found = app.intake_items.can_moderate(req, item)  # checked before the form shows a pending text
        await ItemEditModal(found, lang).show(interaction)

    @app_commands.command(name=_("samenvoegen"),
                          description=_("Voeg dubbele inbreng samen; stemmen gaan mee"))
    @app_commands.describe(bron=_("De inbreng die opgaat in de andere"), doel=_("De inbreng die blijft"))
    @app_commands.rename(bron=_("bron"), doel=_("doel"))
    @app_commands.autocomplete(bron=items_autocomplete, doel=items_autocomplete)
    async def samenvoegen(self, interaction: discord.Interaction, bron: int, doel: int) -> None:
        app, req, lang = context_of(interaction)
        target = app.intake_items.merge(req, bron, doel)
        note = t("lab.done_merge", lang, source=bron, target=target.id, votes=target.votes)
        await respond(interaction, note)

    @app_commands.command(name=_("volgorde"), description=_("Zet de agenda in een volgorde (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"), ids=_("Nummers van de punten in volgorde, bijv. 3,1,2"))
    @app_commands.rename(sessie=_("sessie"), ids=_("ids"))
    @app_commands.autocomplete(sessie=active_autocomplete)
    async def volgorde(self, interaction: discord.Interaction, sessie: int, ids: str) -> None:
        app, req, lang = context_of(interaction)
        agenda = app.intake_items.order(req, sessie, parse_ids(ids))
        order = ", ".join(f"#{i.id} {safe(i.title, 60)}" for i in agenda)
        await respond(interaction, shorten(t("lab.done_order", lang, order=order), 2000))

    @app_commands.command(name=_("mijn"),
                          description=_("Je eigen inbreng, ook anonieme, met de status"))
    async def mijn(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        rows = app.intake_items.mine(req)
        b = builder(t("lab.mine_title", lang), "" if rows else t("lab.mine_empty", lang), lang=lang)
        for row in rows:
            facts = [t(f"lab.item_status.{row['status']}", lang),
                     t("lab.session_ref", lang, session_id=row["session_id"])]
            if row["anonymous"]:
                facts.append(t("lab.anonymous", lang))
            value = " · ".join(facts)
            if row["status"] == "rejected" and row["reason"]:
                value += "\n" + t("lab.mine_reason", lang, reason=safe(row["reason"], 500))
            b.field(f"#{row['id']} · {safe(row['title'], 200)}", value)
        await respond(interaction, embed=to_embed(b.build()))
