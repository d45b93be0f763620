"""The Discord client: wiring only. Commands live in cogs, domain logic in `bot.core`."""

from __future__ import annotations

import gc
import logging
from collections.abc import Awaitable, Callable

import discord
from discord import app_commands
from discord.ext import commands

from bot.core.app import Labbot
from bot.core.dispatch import Dispatcher
from bot.discord_adapter.ask.cog import AskCog
from bot.discord_adapter.ask.views import FeedbackButton
from bot.discord_adapter.digest.cog import DigestCog
from bot.discord_adapter.errors import send_error
from bot.discord_adapter.forms import install_expired_form_reply
from bot.discord_adapter.lab.cog import DYNAMIC_ITEMS as LAB_ITEMS
from bot.discord_adapter.lab.cog import LabCog
from bot.discord_adapter.notifier import DiscordNotifier
from bot.discord_adapter.plein.cog import PleinCog
from bot.discord_adapter.privacy.cog import ForgetConfirm, PrivacyCog
from bot.discord_adapter.privacy.views import PrivacyChoice
from bot.discord_adapter.translator import LabbotTranslator

log = logging.getLogger("labbot.discord")


#: Another door started on the bot's loop: `await start(app)` returns something with `cleanup()`, or None.
Companion = Callable[[Labbot], Awaitable[object | None]]


class LabbotBot(commands.Bot):
    def __init__(self, app: Labbot, *, background: bool = False, companions: tuple[Companion, ...] = ()) -> None:
        """`background`: run the outbox dispatcher, the scheduler and the `companions` (other doors
        started on the same loop, such as the calendar feed, handed in by the launcher) once
        connected (`labbot run`); tests drive those themselves."""
        intents = discord.Intents.default()  # no privileged intents: slash commands only
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            max_messages=100,  # Labbot reads no message history from the cache; keep it small
        )
        self.app = app
        self.background = background
        self.notifier = DiscordNotifier(self, app)
        self.dispatcher = Dispatcher(app.outbox, self.notifier)
        self.dispatcher.handlers.update(self.notifier.handlers())
        self.scheduler = None
        self.companion_starts = companions
        self.companions: list = []  # what the companions returned: each has `cleanup()`
        self._frozen = False
        self.tree.on_error = self.on_app_command_error

    async def setup_hook(self) -> None:
        self.app.warm_up()
        await self.tree.set_translator(LabbotTranslator())
        await self.add_cog(AskCog(self))
        await self.add_cog(PrivacyCog(self))
        await self.add_cog(PleinCog(self))
        await self.add_cog(DigestCog(self))
        await self.add_cog(LabCog(self))
        install_expired_form_reply(self)
        self.add_dynamic_items(FeedbackButton, PrivacyChoice, ForgetConfirm, *LAB_ITEMS)
        if self.background:
            self.loop.create_task(self._start_background(), name="labbot-background")

    async def _start_background(self) -> None:
        await self.wait_until_ready()
        from scheduler.jobs import catch_up
        from scheduler.wiring import build_scheduler

        self.dispatcher.start()
        self.scheduler = build_scheduler(self.app)
        self.scheduler.start()
        self.app.health.scheduler_running = lambda: self.scheduler is not None and self.scheduler.running
        await catch_up(self.app)
        for start in self.companion_starts:
            running = await start(self.app)
            if running is not None:
                self.companions.append(running)

    async def close(self) -> None:
        if self.scheduler is not None and self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.dispatcher.stop()
        for running in self.companions:
            await running.cleanup()
        await super().close()

    async def on_app_command_error(self, interaction: discord.Interaction, error: app_commands.AppCommandError):
        await send_error(interaction, error)

    async def on_resumed(self) -> None:
        self.app.health.gateway_up(self.app.clock.now())

    async def on_disconnect(self) -> None:
        self.app.health.gateway_down(self.app.clock.now())

    async def on_ready(self) -> None:
        self.app.health.gateway_up(self.app.clock.now())
        if not self._frozen:
            # Move everything built at start (knowledge index, name lists, Discord's caches) out of
            # the garbage collector's reach: a full collection otherwise scans it all and stalls
            # the event loop for ~100 ms under load (measured with bench/load_lab.py).
            gc.collect()
            gc.freeze()
            self._frozen = True
        log.info("connected to Discord as %s (%s) in %d guild(s)", self.user, self.user.id if self.user else "?",
                 len(self.guilds))

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Explicit step (`labbot sync-commands`): to one guild when configured (instant), else global."""
        guild_id = self.app.settings.guild_id
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            return await self.tree.sync(guild=guild)
        return await self.tree.sync()
