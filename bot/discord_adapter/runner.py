"""Start the Discord client, or only log in and sync the command tree."""

from __future__ import annotations

import logging

import discord

from bot.core.app import Labbot
from bot.discord_adapter.client import Companion, LabbotBot

log = logging.getLogger("labbot.discord")


async def run_bot(app: Labbot, token: str, companions: tuple[Companion, ...] = ()) -> int:
    bot = LabbotBot(app, background=True, companions=companions)
    try:
        async with bot:
            await bot.start(token)
    except discord.LoginFailure:
        log.error("Discord refused DISCORD_TOKEN (login failed): check the token in the developer portal")
        return 2
    except discord.PrivilegedIntentsRequired:
        log.error("Discord refused a privileged intent; Labbot needs none: check the bot's settings")
        return 2
    return 0


async def sync_only(app: Labbot, token: str) -> list[str]:
    bot = LabbotBot(app)
    async with bot:
        await bot.login(token)
        synced = await bot.sync_commands()
    return [c.name for c in synced]
