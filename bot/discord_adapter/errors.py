"""The one place where errors become text for a member (python-discord's error_handler idea)."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable

import discord
from discord import app_commands

from bot.core.errors import LabbotError
from bot.core.i18n import error_text, t
from bot.core.store import storage_error
from bot.discord_adapter.convert import NO_PINGS, locale_of

log = logging.getLogger("labbot.discord")

#: A view offered with an error, by error type: the privacy choice for PersonalDataFound. The
#: privacy views register theirs (they build on this module, so this module cannot import them).
ERROR_VIEWS: dict[type[LabbotError], Callable[[LabbotError, str], discord.ui.View]] = {}


def unwrap(error: BaseException) -> BaseException:
    while isinstance(error, app_commands.CommandInvokeError | app_commands.TransformerError) and error.__cause__:
        error = error.__cause__
    return getattr(error, "original", error)


def text_for(error: BaseException, lang: str) -> str:
    error = unwrap(error)
    if isinstance(error, LabbotError):
        return error_text(error, lang)
    if isinstance(error, app_commands.CheckFailure):
        return t("error.check_failed", lang)
    if isinstance(error, sqlite3.Error):
        domain = storage_error(error)
        log.error("storage unavailable during an interaction: %s", domain.params["reason"])
        return error_text(domain, lang)
    log.exception("unexpected error in an interaction", exc_info=error)
    return t("error.generic", lang)


async def send_error(interaction: discord.Interaction, error: BaseException) -> None:
    """Tell the member what went wrong, privately; works before and after the first response."""
    lang = locale_of(interaction)
    text = text_for(error, lang)
    extra = {}
    original = unwrap(error)
    view_for = ERROR_VIEWS.get(type(original))
    if view_for is not None:
        extra["view"] = view_for(original, lang)
    try:
        if interaction.response.is_done():
            await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_PINGS, **extra)
        else:
            await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_PINGS, **extra)
    except discord.HTTPException:
        log.warning("could not deliver an error message for interaction %s", interaction.id)
