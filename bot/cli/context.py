"""What every `labbot` sub-command shares: settings built on demand (never at import), the app,
and one clear error line. Sub-command modules import this module, never `bot.cli.main`."""

from __future__ import annotations

import logging
import sys

import click

from bot.core.errors import LabbotError
from bot.core.i18n import error_text
from bot.core.models import Privilege, Request
from bot.core.settings import Settings, SettingsError, load_settings

log = logging.getLogger("labbot")

#: who runs `labbot ...` on the host: the operator, an admin (the services check it like any door)
OPERATOR = Request(user_id="cli:operator", privilege=Privilege.ADMIN)


def fail(message: str, code: int = 2) -> None:
    click.echo(f"labbot: {message}", err=True)
    sys.exit(code)


def get_settings(ctx: click.Context) -> Settings:
    try:
        settings = load_settings(ctx.obj["env_file"])
    except SettingsError as exc:
        fail(str(exc))
    quiet = ctx.info_name not in ("run", "sync-commands") and settings.log_level == "INFO"
    from bot.ops.logjson import configure

    configure("WARNING" if quiet else settings.log_level, settings.log_format)
    return settings


def get_app(ctx: click.Context, settings: Settings | None = None, clock=None):
    from bot.core.app import build_app

    settings = settings or get_settings(ctx)
    try:
        return build_app(settings, clock=clock)
    except LabbotError as exc:
        fail(error_text(exc, "en"))
    except SettingsError as exc:  # e.g. a malformed region file
        fail(str(exc))
