"""The Discord client: wiring only. Commands live in cogs, domain logic in `bot.core`."""

from __future__ import annotations

import asyncio
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
from bot.discord_adapter.gate import GuildGatedState
from bot.discord_adapter.lab.cog import DYNAMIC_ITEMS as LAB_ITEMS
from bot.discord_adapter.lab.cog import LAB_COGS
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
        self.app = app  # before super().__init__: the gate in _get_state reads the guild id from it
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=intents,
            allowed_mentions=discord.AllowedMentions.none(),
            help_command=None,
            max_messages=100,  # Labbot reads no message history from the cache; keep it small
            # Commands exist only inside a server and only as a server install: never in DMs.
            allowed_contexts=app_commands.AppCommandContext(guild=True, dm_channel=False, private_channel=False),
            allowed_installs=app_commands.AppInstallationType(guild=True, user=False),
        )
        self.background = background
        self.notifier = DiscordNotifier(self, app)
        self.dispatcher = Dispatcher(app.outbox, self.notifier)
        self.dispatcher.handlers.update(self.notifier.handlers())
        self.scheduler = None
        self.companion_starts = companions
        self.companions: list = []  # what the companions returned: each has `cleanup()`
        self._frozen = False
        self.tree.on_error = self.on_app_command_error

    def _get_state(self, **options):
        # The guild gate (gate.py) in front of every interaction, before any cog or view runs.
        return GuildGatedState(allowed_guild=lambda: self.app.settings.guild_id, dispatch=self.dispatch,
                               handlers=self._handlers, hooks=self._hooks, http=self.http, **options)

    async def setup_hook(self) -> None:
        self.app.warm_up()
        loop = asyncio.get_running_loop()  # rebuilding the matchers encodes texts: off the loop
        self.app.kb.run_rebuilds_with(lambda job: loop.run_in_executor(None, job))
        await self.tree.set_translator(LabbotTranslator())
        await self.add_cog(AskCog(self))
        await self.add_cog(PrivacyCog(self))
        await self.add_cog(PleinCog(self))
        await self.add_cog(DigestCog(self))
        for cog in LAB_COGS:
            await self.add_cog(cog(self))
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
        for guild in list(self.guilds):  # added elsewhere while Labbot was offline
            await self.on_guild_join(guild)

    async def on_guild_join(self, guild: discord.Guild) -> None:
        """Labbot belongs to one network: it leaves every other server it is added to."""
        if guild.id == self.app.settings.guild_id:
            return
        log.warning("left guild %s: Labbot serves only LABBOT_GUILD_ID %s (switch off 'Public Bot' in the "
                    "developer portal so that nobody else can add it)", guild.id, self.app.settings.guild_id)
        try:
            await guild.leave()
        except discord.HTTPException as exc:
            log.error("could not leave guild %s (HTTP %s)", guild.id, exc.status)

    async def sync_commands(self) -> list[app_commands.AppCommand]:
        """Explicit step (`labbot sync-commands`): register the commands in the network's guild only,
        and remove any global registration (an older set-up's), so that no other server or DM
        offers them."""
        guild_id = self.app.settings.guild_id
        if not guild_id:
            raise ValueError("LABBOT_GUILD_ID is required to sync commands")
        guild = discord.Object(id=guild_id)
        self.tree.copy_global_to(guild=guild)
        synced = await self.tree.sync(guild=guild)
        # An empty global set (the local tree keeps its commands: Discord sends guild_id with each use).
        await self.http.bulk_upsert_global_commands(self.application_id, payload=[])
        return synced
