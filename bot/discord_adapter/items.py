"""The base of every Labbot button and form: the work goes in `act` (buttons) or `submit` (forms);
any error reaches the member once, privately, through `send_error` (domain errors as their text,
personal data as the privacy choice, surprises as a generic line and a log entry).

Buttons are dynamic items: their state lives in the custom_id, so they keep working after a
restart (registered with `bot.add_dynamic_items` in `setup_hook`).

Forms are opened with `await form.show(interaction)` (never `send_modal` directly): a member has
at most `MAX_OPEN_FORMS` open at once (Discord does not say when a member dismisses a form, so
discord.py keeps each one in memory until its timeout; opening one more closes the oldest), and
a form is used once: it is marked used before anything is stored, so a double click or a retried
submit of the same form stores nothing twice (a domain refusal before storing, such as an empty
field, frees it again; a text held by the privacy guard does not)."""

from __future__ import annotations

from typing import ClassVar

import discord

from bot.core.errors import LabbotError
from bot.core.guard import PersonalDataFound
from bot.core.i18n import t
from bot.discord_adapter.convert import NO_PINGS, locale_of
from bot.discord_adapter.errors import send_error

MAX_OPEN_FORMS = 3


class LabbotButton(discord.ui.DynamicItem[discord.ui.Button], template=r"labbot:(?!)"):
    """Subclasses give their own `template=` and implement `act`."""

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            await self.act(interaction)
        except Exception as exc:  # one error path for members: domain errors and surprises alike
            await send_error(interaction, exc)

    async def act(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError


class LabbotModal(discord.ui.Modal):
    """Subclasses implement `submit`."""

    #: member id -> that member's forms, oldest first (finished ones are dropped on the next opening)
    open_forms: ClassVar[dict[int, list[LabbotModal]]] = {}
    used = False

    async def show(self, interaction: discord.Interaction) -> None:
        """Open this form for the member, closing their oldest open form beyond the cap."""
        member = interaction.user.id
        opened = [form for form in self.open_forms.get(member, []) if not form.is_finished()]
        while len(opened) >= MAX_OPEN_FORMS:
            opened.pop(0).stop()
        self.open_forms[member] = [*opened, self]
        await interaction.response.send_modal(self)

    async def on_submit(self, interaction: discord.Interaction) -> None:
        if self.used:  # the same form again (a double click, a retry): it was handled once
            await interaction.response.send_message(t("form.used", locale_of(interaction)), ephemeral=True,
                                                    allowed_mentions=NO_PINGS)
            return
        self.used = True  # before anything is stored: no await between the check and this line
        try:
            await self.submit(interaction)
        except Exception as exc:  # includes PersonalDataFound: the member gets the privacy choice
            if isinstance(exc, LabbotError) and not isinstance(exc, PersonalDataFound):
                self.used = False  # refused before anything was stored (invalid, limited, ...): may be sent again
            await send_error(interaction, exc)

    async def submit(self, interaction: discord.Interaction) -> None:
        raise NotImplementedError

    async def on_error(self, interaction: discord.Interaction, error: Exception) -> None:
        await send_error(interaction, error)
