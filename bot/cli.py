"""`labbot …` commands. Settings are built here (never at import); errors become one clear line."""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import click

from .core.errors import LabbotError
from .core.i18n import error_text
from .core.settings import Settings, SettingsError, load_settings

log = logging.getLogger("labbot")


def fail(message: str, code: int = 2) -> None:
    click.echo(f"labbot: {message}", err=True)
    sys.exit(code)


def get_settings(ctx: click.Context) -> Settings:
    try:
        settings = load_settings(ctx.obj["env_file"])
    except SettingsError as exc:
        fail(str(exc))
    quiet = ctx.info_name not in ("run", "sync-commands") and settings.log_level == "INFO"
    logging.basicConfig(level="WARNING" if quiet else settings.log_level, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    return settings


def get_app(ctx: click.Context, settings: Settings | None = None):
    from .core.app import build_app

    settings = settings or get_settings(ctx)
    try:
        return build_app(settings)
    except LabbotError as exc:
        fail(error_text(exc, "en"))
    except SettingsError as exc:  # e.g. a malformed region file
        fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--env-file", default=".env", show_default=True, type=click.Path(dir_okay=False),
              help="Settings file read before the environment (the environment wins).")
@click.pass_context
def cli(ctx: click.Context, env_file: str) -> None:
    """Labbot: living labs, informatieplein, questions and digest for the CTER network."""
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
    from .discord_adapter.runner import run_bot

    try:
        sys.exit(asyncio.run(run_bot(app, token)))
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
    from .discord_adapter.runner import sync_only

    try:
        names = asyncio.run(sync_only(app, token))
    finally:
        app.close()
    click.echo(f"synced {len(names)} commands: {', '.join(names)}")


@cli.command()
@click.option("--as", "role", type=click.Choice(["lid", "partner", "moderator", "beheerder"]), default="lid",
              show_default=True, help="Privilege level of the console user (checked by the services).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.pass_context
def console(ctx: click.Context, role: str, lang: str) -> None:
    """The same operations in a terminal (scriptable through standard input)."""
    from .console import Console
    from .core.models import Privilege

    levels = {"lid": Privilege.MEMBER, "partner": Privilege.PARTNER, "moderator": Privilege.MODERATOR,
              "beheerder": Privilege.ADMIN}
    app = get_app(ctx)
    try:
        sys.exit(Console(app, privilege=levels[role], lang=lang).run())
    finally:
        app.close()


@cli.command()
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
              help="Keep the demo database here (default: a temporary one, removed afterwards).")
def demo(db_path: str | None) -> None:
    """Run the main scenario offline, without Discord or a token."""
    from .demo import run_demo

    logging.basicConfig(level="WARNING", stream=sys.stderr)
    try:
        sys.exit(run_demo(sys.stdout, Path(db_path) if db_path else None))
    except LabbotError as exc:
        fail(error_text(exc, "en"))


from .cli_data import audit, db, privacy  # noqa: E402  (sub-command groups register on `cli`)
from .cli_kb import kb  # noqa: E402
from .cli_plein import plein  # noqa: E402
from .cli_time import calendar, digest  # noqa: E402

for _group in (kb, privacy, db, audit, digest, calendar, plein):
    cli.add_command(_group)


def main() -> None:
    cli(prog_name="labbot")
