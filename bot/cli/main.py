"""`labbot …` commands. Settings are built here (never at import); errors become one clear line."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import click

from bot.cli.context import fail, get_app, get_settings
from bot.cli.data import audit, db, privacy
from bot.cli.kb import kb
from bot.cli.keys import rekey
from bot.cli.ops import doctor, start_checks, status
from bot.cli.outbox import outbox
from bot.cli.plein import plein
from bot.cli.schedule import calendar, digest
from bot.core.errors import LabbotError
from bot.core.i18n import error_text
from bot.core.settings import SettingsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--env-file", default=".env", show_default=True, type=click.Path(dir_okay=False),
              help="Settings file read before the environment (the environment wins).")
@click.pass_context
def cli(ctx: click.Context, env_file: str) -> None:
    """Labbot: living labs, informatieplein, questions and digest for the CTER network."""
    named = ctx.get_parameter_source("env_file") is not click.core.ParameterSource.DEFAULT
    if named and not Path(env_file).exists():
        fail(f"--env-file {env_file}: no such file (leave the option out to use .env when it exists)")
    ctx.obj = {"env_file": env_file}


@cli.command()
@click.pass_context
def run(ctx: click.Context) -> None:
    """Connect to Discord with DISCORD_TOKEN and serve the slash commands."""
    settings = get_settings(ctx)
    try:
        token = settings.require_token()
        settings.require_guild()
        settings.require_secret()
    except SettingsError as exc:
        fail(str(exc))
    app = get_app(ctx, settings)
    start_checks(ctx, settings, app)
    from bot.calendar_feed.server import start as start_calendar_feed
    from bot.discord_adapter.runner import run_bot

    try:
        sys.exit(asyncio.run(run_bot(app, token, companions=(start_calendar_feed,))))
    except KeyboardInterrupt:
        pass
    finally:
        app.close()


@cli.command("sync-commands")
@click.pass_context
def sync_commands(ctx: click.Context) -> None:
    """Register the slash commands in the network's guild (LABBOT_GUILD_ID) only; removes global ones."""
    settings = get_settings(ctx)
    try:
        token = settings.require_token()
        settings.require_guild()
    except SettingsError as exc:
        fail(str(exc))
    app = get_app(ctx, settings)
    from bot.discord_adapter.runner import sync_only

    try:
        names = asyncio.run(sync_only(app, token))
    finally:
        app.close()
    click.echo(f"synced {len(names)} commands: {', '.join(names)}")


@cli.command()
@click.option("--as", "role", type=click.Choice(["lid", "partner", "moderator", "beheerder"]), default="lid",
              show_default=True, help="Privilege level of the console user (checked by the services).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.option("--now", default=None, metavar="'YYYY-MM-DD HH:MM'",
              help="Simulated time (Dutch wall-clock time) instead of the real clock; `klok` moves it.")
@click.pass_context
def console(ctx: click.Context, role: str, lang: str, now: str | None) -> None:
    """The same operations in a terminal (scriptable through standard input). The database is
    LABBOT_DB, by default data/labbot.db in the current folder."""
    from bot.console.shell import Console
    from bot.core.clock import ManualClock
    from bot.core.models import Privilege
    from bot.core.timeparse import parse_local

    levels = {"lid": Privilege.MEMBER, "partner": Privilege.PARTNER, "moderator": Privilege.MODERATOR,
              "beheerder": Privilege.ADMIN}
    clock = None
    if now:
        settings = get_settings(ctx)
        try:
            clock = ManualClock(parse_local(now, settings.tz, field="--now"))
        except LabbotError as exc:
            fail(error_text(exc, "en"))
    app = get_app(ctx, clock=clock)
    try:
        sys.exit(Console(app, privilege=levels[role], lang=lang).run())
    finally:
        app.close()


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Keep the demo database here, a new or empty file (default: a temporary one, removed afterwards).")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Folder for the charts and knowledge-entry drafts (default: a new temporary folder, kept).")
def demo(db_path: str | None, out_dir: str | None) -> None:
    """Run the main scenario offline, without Discord or a token."""
    from bot.demo.tour import run_demo

    logging.basicConfig(level="WARNING", stream=sys.stderr)
    try:
        sys.exit(run_demo(sys.stdout, Path(db_path) if db_path else None, Path(out_dir) if out_dir else None))
    except LabbotError as exc:
        fail(error_text(exc, "en"))


for _group in (kb, privacy, db, audit, digest, calendar, plein, doctor, status, outbox):
    cli.add_command(_group)
privacy.add_command(rekey)


def main() -> None:
    cli(prog_name="labbot")
