"""Who may come in: the one gate in front of every interaction.

Labbot serves one closed network, so every interaction (slash command, autocomplete, button,
select, form) whose guild is not the configured `LABBOT_GUILD_ID` (another server, a DM, a group
DM) is refused here, privately and with a log line, before discord.py hands it to the command
tree or a view: no cog, view or service runs for it. It sits in discord.py's `ConnectionState`
(the place that turns INTERACTION_CREATE into dispatches) so that no kind of interaction can
slip past; `LabbotBot._get_state` installs it. Without a configured guild it refuses everything
(fail closed).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import Any

import discord
from discord.state import ConnectionState

from bot.core.i18n import t
from bot.discord_adapter.convert import NO_PINGS, locale_of

log = logging.getLogger("labbot.discord.gate")

AUTOCOMPLETE = 4
PING = 1


def admitted(data: dict[str, Any], guild_id: int | None) -> bool:
    """True when an INTERACTION_CREATE payload comes from the network's own guild."""
    raw = data.get("guild_id")
    return guild_id is not None and raw is not None and str(raw) == str(guild_id)


class GuildGatedState(ConnectionState):
    """discord.py's connection state with the guild gate in front of interactions."""

    def __init__(self, *, allowed_guild: Callable[[], int | None], **options: Any) -> None:
        self._allowed_guild = allowed_guild
        self._refusals: set[asyncio.Task] = set()
        super().__init__(**options)

    def parse_interaction_create(self, data: Any) -> None:
        if admitted(data, self._allowed_guild()):
            super().parse_interaction_create(data)
            return
        if data.get("type") == PING:
            return
        log.warning("refused an interaction from outside the network (type %s, %s)", data.get("type"),
                    f"guild {data['guild_id']}" if data.get("guild_id") else "direct message")
        interaction = discord.Interaction(data=data, state=self)
        task = asyncio.get_running_loop().create_task(_refuse(interaction))
        self._refusals.add(task)  # keep a reference until it is done
        task.add_done_callback(self._refusals.discard)


async def _refuse(interaction: discord.Interaction) -> None:
    try:
        if interaction.type is discord.InteractionType.autocomplete:
            await interaction.response.autocomplete([])
            return
        await interaction.response.send_message(t("error.outside_network", locale_of(interaction)), ephemeral=True,
                                                allowed_mentions=NO_PINGS)
    except discord.HTTPException:
        log.warning("could not deliver the refusal of interaction %s", interaction.id)
