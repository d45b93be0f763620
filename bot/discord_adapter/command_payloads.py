"""The slash commands this version would sync, as the JSON `labbot sync-commands` sends (with the
translator's localisations), built without logging in: the doctor compares them with Discord's."""

from __future__ import annotations

from bot.core.app import Labbot
from bot.discord_adapter.client import LabbotBot


async def expected_commands(app: Labbot) -> list[dict]:
    bot = LabbotBot(app)
    try:
        await bot.setup_hook()
        translator = bot.tree.translator
        commands = bot.tree.get_commands()
        if translator is None:
            return [c.to_dict(bot.tree) for c in commands]
        return [await c.get_translated_payload(bot.tree, translator) for c in commands]
    finally:
        await bot.close()
