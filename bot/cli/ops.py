"""`labbot doctor` and `labbot status`, and the set-up check `labbot run` does at start."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

import click

from bot.cli.context import fail, get_app, get_settings
from bot.core.settings import Settings
from bot.ops.rest import API


async def _expected_commands(app) -> list[dict]:
    from bot.discord_adapter.command_payloads import expected_commands

    return await expected_commands(app)


def checks_for(ctx: click.Context, settings: Settings, api: str = API, app=None, *, calendar: bool = True):
    """All checks; `app` is the running app (`labbot run`), else a throw-away one in memory, so
    the doctor never changes the database it checks."""
    from bot.ops.doctor import run_checks

    own = app is None
    if own:
        app = get_app(ctx, dataclasses.replace(settings, database_path=Path(":memory:")))

    async def go():
        expected = await _expected_commands(app) if settings.discord_token else None
        return await run_checks(settings, expected, api=api, calendar=calendar)

    try:
        return asyncio.run(go())
    finally:
        if own:
            app.close()


def start_checks(ctx: click.Context, settings: Settings, app) -> None:
    """`labbot run`: warn once per failed check; stop only for an invalid token or a missing server."""
    from bot.ops.doctor import warn_at_start

    fatal = warn_at_start(checks_for(ctx, settings, app=app, calendar=True))
    if fatal is not None:
        app.close()
        fail(f"{fatal.found}; {fatal.fix}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object for scripts.")
@click.option("--api", default=API, hidden=True, help="Discord's REST address (tests point it at a fake).")
@click.pass_context
def doctor(ctx: click.Context, as_json: bool, api: str) -> None:
    """Check the set-up against Discord (REST only) and this host; exit 0 only when all pass."""
    from bot.ops.doctor import render_json, render_text

    checks = checks_for(ctx, get_settings(ctx), api)
    click.echo(render_json(checks) if as_json else render_text(checks))
    sys.exit(0 if all(c.ok for c in checks) else 1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object for scripts.")
@click.pass_context
def status(ctx: click.Context, as_json: bool) -> None:
    """What a running or stopped Labbot did and will do, read from its database (read only)."""
    import sqlite3

    from bot.core.ops import open_read_only, read_status
    from bot.ops.status_view import render_status
    from scheduler.wiring import JOB_IDS

    settings = get_settings(ctx)
    try:
        db = open_read_only(settings.database_path)
        try:
            report = read_status(db, settings, dt.datetime.now(dt.UTC), job_ids=JOB_IDS)
        finally:
            db.close()
    except FileNotFoundError:
        fail(f"no database at {settings.database_path} (set LABBOT_DB, or start Labbot once)")
    except sqlite3.Error as exc:
        fail(f"{settings.database_path} cannot be read: {exc}")
    click.echo(json.dumps(report.to_json(), indent=2) if as_json else render_status(report, settings.tz))
