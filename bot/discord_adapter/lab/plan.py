"""/lab plan, verzet, annuleer, jaarplan, ics, interesse: planning sessions and following them."""

from __future__ import annotations

import io

import discord
from discord import app_commands
from discord.app_commands import locale_str as _

from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.identity import require
from bot.core.lab.calendar import calendar_bytes
from bot.core.lab.sessions import kind_label, notice_lines
from bot.core.models import Privilege
from bot.core.publish import public_text
from bot.core.text import shorten
from bot.discord_adapter.convert import context_of, locale_of
from bot.discord_adapter.lab.common import (
    LabBase,
    parse_end,
    parse_intake,
    parse_moment,
    planned_autocomplete,
    session_embed,
    sessions_autocomplete,
)
from bot.discord_adapter.render import builder, to_embed
from bot.discord_adapter.replies import respond

KINDS = [app_commands.Choice(name=_("Living lab"), value="lab"),
         app_commands.Choice(name=_("Informatieplein"), value="plein")]


class PlanCommands(LabBase):
    @app_commands.command(name=_("plan"),
                          description=_("Plan een living lab of informatieplein (moderatoren)"))
    @app_commands.describe(
        soort=_("Living lab of informatieplein"),
        thema=_("Het thema van de sessie"),
        start=_("Begin, bijv. 2027-03-11 19:30 (Nederlandse tijd)"),
        einde=_("Einde: een tijd (21:30) of datum en tijd"),
        kanaal=_("Spraak- of podiumkanaal (of geef een link)"),
        link=_("Externe link, https://... (of kies een kanaal)"),
        beschrijving=_("Waar gaat het over? (optioneel)"),
        inbreng_vanaf=_("Inbreng open vanaf, bijv. 2027-02-25 (standaard 14 dagen vooraf)"),
    )
    @app_commands.rename(soort=_("soort"), thema=_("thema"), start=_("start"), einde=_("einde"),
                         kanaal=_("kanaal"), link=_("link"), beschrijving=_("beschrijving"),
                         inbreng_vanaf=_("inbreng-vanaf"))
    @app_commands.choices(soort=KINDS)
    async def plan(self, interaction: discord.Interaction, soort: str, thema: str, start: str, einde: str,
                   kanaal: discord.VoiceChannel | discord.StageChannel | None = None, link: str | None = None,
                   beschrijving: str | None = None, inbreng_vanaf: str | None = None) -> None:
        app, req, lang = context_of(interaction)
        tz = app.settings.tz
        require(req, Privilege.MODERATOR)
        starts = parse_moment(start, tz, "start", lang)
        ends = parse_end(einde, starts, tz, lang)
        opens = parse_intake(inbreng_vanaf, tz, lang)
        link = (link or "").strip()
        if (kanaal is None) == (not link):  # exactly one of the two
            raise InvalidInput("lab.bad_location")
        location = str(kanaal.id) if kanaal is not None else link
        session = app.sessions.plan(req, soort, thema, beschrijving or "", starts, ends, location, opens)
        warnings = notice_lines(app.sessions.plan_notices(session), lang)
        await respond(interaction, "\n".join(warnings) or None, embed=session_embed(app, session, lang, "lab.planned"))

    @app_commands.command(name=_("verzet"), description=_("Verzet een geplande sessie (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"), start=_("Nieuw begin, bijv. 2027-03-18 19:30"),
                           einde=_("Nieuw einde: een tijd (21:30) of datum en tijd"))
    @app_commands.rename(sessie=_("sessie"), start=_("start"), einde=_("einde"))
    @app_commands.autocomplete(sessie=planned_autocomplete)
    async def verzet(self, interaction: discord.Interaction, sessie: int, start: str, einde: str) -> None:
        app, req, lang = context_of(interaction)
        tz = app.settings.tz
        require(req, Privilege.MODERATOR)
        starts = parse_moment(start, tz, "start", lang)
        session = app.sessions.reschedule(req, sessie, starts, parse_end(einde, starts, tz, lang))
        warnings = notice_lines(app.sessions.plan_notices(session), lang)
        await respond(interaction, "\n".join(warnings) or None,
                      embed=session_embed(app, session, lang, "lab.rescheduled"))

    @app_commands.command(name=_("annuleer"), description=_("Annuleer een sessie (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=planned_autocomplete)
    async def annuleer(self, interaction: discord.Interaction, sessie: int) -> None:
        app, req, lang = context_of(interaction)
        session = app.sessions.cancel(req, sessie)
        await respond(interaction, embed=session_embed(app, session, lang, "lab.cancelled"))

    @app_commands.command(name=_("jaarplan"), description=_("Living labs en informatiepleinen van een jaar"))
    @app_commands.describe(jaar=_("Het jaar (standaard dit jaar)"))
    @app_commands.rename(jaar=_("jaar"))
    async def jaarplan(self, interaction: discord.Interaction,
                       jaar: app_commands.Range[int, 2000, 2100] | None = None) -> None:
        app, lang = self.app, locale_of(interaction)
        year = jaar or app.clock.now().astimezone(app.settings.tz).year
        plan = app.sessions.year_plan(year)
        b = builder(t("lab.year_title", lang, year=year), lang=lang)
        for s in plan.sessions:
            b.line(f"#{s.id} · {kind_label(s.kind, lang)} · {app.sessions.when(s, lang)} · {public_text(s.theme, 150)}"
                   + ("" if s.status == "planned" else f" ({t('lab.status.' + s.status, lang)})"))
        if not plan.sessions:
            b.line(t("lab.year_empty", lang, year=year))
        warnings = [f"⚠️ {t(key, lang, **params)}" for key, params in plan.warnings]
        b.field(t("lab.year_check", lang), "\n".join(warnings) or t("lab.year_ok", lang))
        await respond(interaction, embed=to_embed(b.build()))

    @app_commands.command(name=_("ics"),
                          description=_("Zet een sessie in je agenda, of krijg je eigen adres van de live agenda"))
    @app_commands.describe(sessie=_("De sessie (leeg: je eigen adres van de live agenda, privé)"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=sessions_autocomplete)
    async def ics(self, interaction: discord.Interaction, sessie: int | None = None) -> None:
        app, req, lang = context_of(interaction)
        if sessie is None:  # the member's own feed address (moderators: the moderators' feed)
            audience, address = app.feeds.address(req)
            await respond(interaction, t(f"lab.agenda_{audience}", lang, url=address) if address
                          else t("lab.agenda_off", lang))
            return
        session = app.sessions.get(sessie)
        data = calendar_bytes([session], app.settings.tz, app.clock.now())  # the members' variant: no link
        await respond(interaction, t("lab.ics_sent", lang, theme=shorten(session.theme, 200)),
                      file=discord.File(io.BytesIO(data), filename=f"labbot-sessie-{session.id}.ics"))

    @app_commands.command(name=_("interesse"), description=_("Laat weten dat je komt en krijg herinneringen"))
    @app_commands.describe(sessie=_("De sessie"), dm=_("Ook herinneringen als privébericht?"))
    @app_commands.rename(sessie=_("sessie"), dm=_("dm"))
    @app_commands.autocomplete(sessie=sessions_autocomplete)
    async def interesse(self, interaction: discord.Interaction, sessie: int, dm: bool = False) -> None:
        app, req, lang = context_of(interaction)
        app.reminders.interest(req, sessie, dm)
        session = app.sessions.get(sessie)
        text = t("lab.interest_saved", lang, theme=shorten(session.theme, 200))
        await respond(interaction, text + (" " + t("lab.interest_dm", lang) if dm else ""))
