"""The privacy choice after the guard found personal data: anonymise, edit or cancel.

The held text lives only in the core's memory (`PrivacyGuard`); the buttons carry the token. After
a restart the token is gone and the member is told, kindly, to send the text again.
"""

from __future__ import annotations

import re

import discord

from bot.core.guard import PersonalDataFound
from bot.core.i18n import t
from bot.discord_adapter.convert import NO_PINGS, context_of
from bot.discord_adapter.errors import ERROR_VIEWS
from bot.discord_adapter.forms import modal_id
from bot.discord_adapter.items import LabbotButton, LabbotModal
from bot.discord_adapter.replies import respond
from bot.discord_adapter.results import RESULT_RENDERERS
from bot.discord_adapter.slow import intake_ahead

STYLES = {"anonymise": discord.ButtonStyle.primary, "edit": discord.ButtonStyle.secondary,
          "cancel": discord.ButtonStyle.danger}


class PrivacyChoice(LabbotButton,
                    template=r"labbot:pii:(?P<token>[A-Za-z0-9_-]{8,40}):(?P<choice>anonymise|edit|cancel)"):
    def __init__(self, token: str, choice: str, lang: str = "nl") -> None:
        super().__init__(discord.ui.Button(label=t(f"privacy.{choice}", lang), style=STYLES[choice],
                                           custom_id=f"labbot:pii:{token}:{choice}"))
        self.token = token
        self.choice = choice

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button, match: re.Match[str]):
        return cls(match["token"], match["choice"])

    async def act(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction)
        kind, result, anonymised = app.resolve_intake(req, self.token, self.choice)
        if anonymised is not None:
            await intake_ahead(app, kind, anonymised)  # answered in place: no deferral, but off the loop
            result = app.intake(kind, anonymised, result.payload)
        if self.choice == "edit":
            await EditModal(self.token, kind, result.text, lang).show(interaction)
            return
        if result is None:
            await interaction.response.edit_message(content=t("privacy.cancelled", lang), embed=None, view=None,
                                                    allowed_mentions=NO_PINGS)
            return
        reply = {"view": None, **RESULT_RENDERERS[kind](result, lang)}
        await interaction.response.edit_message(content=None, allowed_mentions=NO_PINGS, **reply)


class EditModal(LabbotModal):
    def __init__(self, token: str, kind: str, text: str, lang: str) -> None:
        super().__init__(title=t("privacy.edit_title", lang), timeout=900, custom_id=modal_id("labbot:pii:edit"))
        self.token = token
        self.kind = kind
        self.text = discord.ui.TextInput(label=t("privacy.edit_label", lang), style=discord.TextStyle.paragraph,
                                         default=text[:4000], max_length=4000)
        self.add_item(self.text)

    async def submit(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction, self.text.value)
        payload = app.guard.take(self.token, req.user_id)
        await intake_ahead(app, self.kind, req, interaction)
        result = app.intake(self.kind, req, payload)
        await respond(interaction, **RESULT_RENDERERS[self.kind](result, lang))


def privacy_view(token: str, lang: str) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    for choice in ("anonymise", "edit", "cancel"):
        view.add_item(PrivacyChoice(token, choice, lang))
    return view


ERROR_VIEWS[PersonalDataFound] = lambda error, lang: privacy_view(error.token, lang)
