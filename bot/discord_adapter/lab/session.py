"""Running a session (start, volgende, notitie, expert, sluit) and its lessons afterwards (lessen,
les-goedkeuren, les-bewerk, lessen-publiceer, promoveer)."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.app_commands import locale_str as _

from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.identity import require
from bot.core.lab.sessions import kind_label, notice_lines
from bot.core.models import Privilege
from bot.core.text import shorten
from bot.discord_adapter.convert import context_of
from bot.discord_adapter.lab.common import (
    LabBase,
    active_autocomplete,
    items_autocomplete,
    lessons_autocomplete,
    sessions_autocomplete,
)
from bot.discord_adapter.lab.lesson_views import lesson_edit_modal, lessons_message
from bot.discord_adapter.lab.queue import ITEM
from bot.discord_adapter.lab.views import note_result, safe
from bot.discord_adapter.replies import respond

LESSON = _("les")


class SessionCommands(LabBase):
    @app_commands.command(name=_("start"),
                          description=_("Start een sessie: thread met de agenda (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=active_autocomplete)
    async def start(self, interaction: discord.Interaction, sessie: int) -> None:
        app, req, lang = context_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        items = [i for i in app.intake_items.agenda(sessie) if i.status == "approved"]
        agenda = [{"title": i.title, "votes": i.votes} for i in items]   # the core neutralises
        session = app.sessions.start(req, sessie, agenda)
        lines = [f"{n}. #{i.id} {safe(i.title, 100)} ({i.votes} ▲)" for n, i in enumerate(items, 1)]
        text = t("lab.started", lang, kind=kind_label(session.kind, lang), session_id=session.id)
        lines = lines or [t("lab.agenda_empty", lang)]
        warnings = notice_lines(app.sessions.timing_notices(session, "start"), lang)
        await respond(interaction, shorten("\n".join([text, *warnings, *lines]), 2000))

    @app_commands.command(name=_("volgende"), description=_("Naar het volgende agendapunt (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=active_autocomplete)
    async def volgende(self, interaction: discord.Interaction, sessie: int) -> None:
        app, req, lang = context_of(interaction)
        session = app.sessions.get(sessie)
        previous = session.current_item_id
        remaining = [i for i in app.intake_items.agenda(sessie)
                     if i.status == "approved" and i.id != previous]
        upcoming = remaining[0] if remaining else None
        # set_current checks the privilege and that the session runs, before anything is marked
        app.sessions.set_current(req, sessie, upcoming.id if upcoming else None,
                                 upcoming.title if upcoming else "")
        if previous is not None:
            app.intake_items.mark_discussed(req, previous)
        if upcoming is None:
            await respond(interaction, t("lab.agenda_done", lang))
            return
        await respond(interaction, t("lab.next_item", lang, item_id=upcoming.id,
                                     title=safe(upcoming.title, 200)))

    @app_commands.command(name=_("notitie"),
                          description=_("Notitie bij een agendapunt, voor de lessen (moderatoren)"))
    @app_commands.describe(item=_("Het agendapunt"), tekst=_("Wat is er gezegd of afgesproken?"))
    @app_commands.rename(item=ITEM, tekst=_("tekst"))
    @app_commands.autocomplete(item=items_autocomplete)
    async def notitie(self, interaction: discord.Interaction, item: int, tekst: str) -> None:
        app, req, lang = context_of(interaction, tekst)
        note_id = app.intake("note", req, {"item_id": item})
        await respond(interaction, **note_result(note_id, lang))

    @app_commands.command(name=_("expert"),
                          description=_("Privéthread met experts over één punt (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"), item=_("Het agendapunt"),
                           lid1=_("Een lid om uit te nodigen"), lid2=_("Nog een lid (optioneel)"),
                           lid3=_("Nog een lid (optioneel)"))
    @app_commands.rename(sessie=_("sessie"), item=ITEM, lid1=_("lid1"), lid2=_("lid2"), lid3=_("lid3"))
    @app_commands.autocomplete(sessie=active_autocomplete, item=items_autocomplete)
    async def expert(self, interaction: discord.Interaction, sessie: int, item: int, lid1: discord.Member,
                     lid2: discord.Member | None = None, lid3: discord.Member | None = None) -> None:
        app, req, lang = context_of(interaction)
        require(req, Privilege.MODERATOR)
        found = app.intake_items.get(item)
        if found.session_id != sessie:
            raise InvalidInput("lab.item_other_session", item_id=item)
        members = list(dict.fromkeys(m.id for m in (lid1, lid2, lid3) if m is not None))
        existed = app.sessions.expert_thread(req, sessie, item, found.title, members)
        key = "lab.expert_added" if existed else "lab.expert_opened"
        await respond(interaction, t(key, lang, item_id=item, count=len(members)))

    @app_commands.command(name=_("sluit"),
                          description=_("Sluit een sessie en maak conceptlessen (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=active_autocomplete)
    async def sluit(self, interaction: discord.Interaction, sessie: int) -> None:
        app, req, lang = context_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        session = app.sessions.close(req, sessie)
        drafts = app.lessons.draft_for_session(sessie)
        note = t("lab.closed", lang, kind=kind_label(session.kind, lang), session_id=session.id,
                 count=len(drafts))
        note = "\n".join([note, *notice_lines(app.sessions.timing_notices(session, "close"), lang)])
        await respond(interaction, note, **lessons_message(app, req, session, lang))

    @app_commands.command(name=_("lessen"),
                          description=_("De lessen van een sessie, om te keuren (moderatoren)"))
    @app_commands.describe(sessie=_("De sessie"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=sessions_autocomplete)
    async def lessen(self, interaction: discord.Interaction, sessie: int) -> None:
        app, req, lang = context_of(interaction)  # drafts are not for members: the service checks
        await respond(interaction, **lessons_message(app, req, app.sessions.get(sessie), lang))

    @app_commands.command(name=_("les-goedkeuren"),
                          description=_("Keur een les goed voor publicatie (moderatoren)"))
    @app_commands.describe(les=_("De les"))
    @app_commands.rename(les=LESSON)
    @app_commands.autocomplete(les=lessons_autocomplete)
    async def les_goedkeuren(self, interaction: discord.Interaction, les: int) -> None:
        app, req, lang = context_of(interaction)
        app.lessons.approve(req, les)
        await respond(interaction, t("lab.lesson_approved", lang, lesson_id=les))

    @app_commands.command(name=_("les-bewerk"), description=_("Bewerk een les (moderatoren)"))
    @app_commands.describe(les=_("De les"))
    @app_commands.rename(les=LESSON)
    @app_commands.autocomplete(les=lessons_autocomplete)
    async def les_bewerk(self, interaction: discord.Interaction, les: int) -> None:
        app, req, lang = context_of(interaction)
        modal = lesson_edit_modal(app, req, les, lang)
        await modal.show(interaction)

    @app_commands.command(name=_("lessen-publiceer"),
                          description=_("Plaats de goedgekeurde lessen in het netwerk"))
    @app_commands.describe(sessie=_("De sessie"))
    @app_commands.rename(sessie=_("sessie"))
    @app_commands.autocomplete(sessie=sessions_autocomplete)
    async def lessen_publiceer(self, interaction: discord.Interaction, sessie: int) -> None:
        app, req, lang = context_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        count = app.lessons.publish(req, sessie)
        await respond(interaction, t("lab.lessons_published", lang, count=count))

    @app_commands.command(name=_("promoveer"),
                          description=_("Maak van een gepubliceerde les een kennisitem-concept"))
    @app_commands.describe(les=_("De les"))
    @app_commands.rename(les=LESSON)
    @app_commands.autocomplete(les=lessons_autocomplete)
    async def promoveer(self, interaction: discord.Interaction, les: int) -> None:
        app, req, lang = context_of(interaction)
        await interaction.response.defer(ephemeral=True, thinking=True)
        path = app.lessons.promote(req, les, app.settings.drafts_dir)
        await respond(interaction, t("lab.promoted", lang, path=path))
