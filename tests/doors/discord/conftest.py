"""Fixtures of the Discord door's tests."""

import pytest

from bot.discord_adapter.client import LabbotBot


@pytest.fixture
async def running(fake_discord, app):
    """The whole bot logged in to the fake Discord, its commands synced to the network's guild."""
    bot = LabbotBot(app)
    async with fake_discord.running_client(bot):
        await bot.sync_commands()
        yield fake_discord, bot
