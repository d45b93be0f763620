"""The informatieplein form (a modal for the free text) and the reply after sharing.

Modals cannot autocomplete, so `/plein deel` takes municipality and theme as autocompleted options,
checks them, and only then opens this form for what is seen, since when and what helps. The form
lives in memory for 15 minutes (a restart in between asks the member to start again).
"""

from __future__ import annotations

import discord

from bot.core.i18n import t
from bot.core.plein.models import MAX_HELPS, MAX_SEEN, Perspective, Trend, compose_text
from bot.core.plein.render import intake_result_text
from bot.core.text import shorten
from bot.discord_adapter.convert import NO_PINGS, context_of
from bot.discord_adapter.forms import modal_id
from bot.discord_adapter.items import LabbotModal
from bot.discord_adapter.render import lines_embed
from bot.discord_adapter.results import register

TITLE_LIMIT = 45
LABEL_LIMIT = 45
PLACEHOLDER_LIMIT = 100


def result_reply(result: Trend | Perspective, lang: str) -> dict:
    """Renderer for the privacy flow's RESULT_RENDERERS (kinds "trend" and "perspective"). The empty
    view removes the anonymise/edit/cancel buttons when the prompt is edited in place."""
    return {"embed": lines_embed(intake_result_text(result, lang), lang), "view": discord.ui.View(timeout=None)}


register("trend", result_reply)
register("perspective", result_reply)


class TrendModal(LabbotModal):
    """What is seen, since when, what helps. `fields` are the checked choices (municipality,
    theme, direction, sensitivity, anonymous; `trend_id` when updating)."""

    def __init__(self, fields: dict, lang: str, *, title: str, seen: str = "", since: str = "",
                 helps: str = "") -> None:
        super().__init__(title=shorten(title, TITLE_LIMIT), timeout=900,
                         custom_id=modal_id("labbot:plein:" + ("update" if fields.get("trend_id") else "share")))
        self.payload = dict(fields)
        self.seen = discord.ui.TextInput(style=discord.TextStyle.paragraph, default=seen[:MAX_SEEN] or None,
                                         max_length=MAX_SEEN, required=True, custom_id="plein:seen")
        self.since = discord.ui.TextInput(
            style=discord.TextStyle.short, default=since or None, max_length=40, required=False,
            custom_id="plein:since",
            placeholder=shorten(t("plein.field_since_hint", lang), PLACEHOLDER_LIMIT))
        self.helps = discord.ui.TextInput(
            style=discord.TextStyle.paragraph, default=helps[:MAX_HELPS] or None, max_length=MAX_HELPS,
            required=False, custom_id="plein:helps")
        for key, item in (("seen", self.seen), ("since", self.since), ("helps", self.helps)):
            hint = t(f"plein.field_{key}_hint", lang)
            self.add_item(discord.ui.Label(text=shorten(t(f"plein.field_{key}", lang), LABEL_LIMIT),
                                           description=shorten(hint, PLACEHOLDER_LIMIT), component=item))

    async def submit(self, interaction: discord.Interaction) -> None:
        app, req, lang = context_of(interaction, compose_text(self.seen.value, self.helps.value or ""))
        result = app.plein.intake(req, self.payload | {"since": self.since.value or ""})
        await interaction.response.send_message(ephemeral=True, allowed_mentions=NO_PINGS,
                                                **result_reply(result, lang))
