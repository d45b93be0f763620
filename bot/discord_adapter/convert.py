"""Discord objects -> plain requests; one place that knows how roles map to privileges."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.core.i18n import lang_of
from bot.core.models import Privilege, Request
from bot.core.settings import Settings

if TYPE_CHECKING:
    from bot.core.app import Labbot

NO_PINGS = discord.AllowedMentions.none()


def user_key(user: discord.abc.User) -> str:
    return f"discord:{user.id}"


def privilege_of(user: discord.abc.User, settings: Settings) -> Privilege:
    """Derive the privilege level from configured role ids (Discord permissions are extra)."""
    if user.id in settings.owner_ids:
        return Privilege.ADMIN
    role_ids = {r.id for r in getattr(user, "roles", ())}
    if role_ids & settings.admin_role_ids:
        return Privilege.ADMIN
    if role_ids & settings.moderator_role_ids:
        return Privilege.MODERATOR
    if role_ids & settings.partner_role_ids:
        return Privilege.PARTNER
    return Privilege.MEMBER


def locale_of(interaction: discord.Interaction) -> str:
    return lang_of(str(interaction.locale.value if interaction.locale else "nl"))


def request_from(interaction: discord.Interaction, settings: Settings, text: str = "") -> Request:
    return Request(
        user_id=user_key(interaction.user),
        text=text,
        channel_id=str(interaction.channel_id) if interaction.channel_id else None,
        privilege=privilege_of(interaction.user, settings),
        locale=locale_of(interaction),
    )


def context_of(interaction: discord.Interaction, text: str = "") -> tuple[Labbot, Request, str]:
    """What a command, button, form or autocomplete starts with: the application (of the client the
    interaction came to), the member's request (carrying `text`) and the member's language."""
    app = interaction.client.app
    return app, request_from(interaction, app.settings, text), locale_of(interaction)
