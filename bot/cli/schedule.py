"""`labbot digest …` and `labbot calendar`: what the clock-driven parts would post, on demand."""

from __future__ import annotations

import sys

import click


@click.group()
def digest() -> None:
    """The weekly digest."""


@digest.command()
@click.option("--week", default=None, help="ISO week such as 2026-W49 (default: the coming digest, the next one not posted yet).")
@click.option("--moderators", is_flag=True, help="The moderators' variant (poor feedback, unmatched questions).")
@click.pass_context
def preview(ctx: click.Context, week: str | None, moderators: bool) -> None:
    """Print the digest as Markdown (nothing is posted)."""
    from bot.cli.context import fail, get_app
    from bot.core.errors import LabbotError
    from bot.core.i18n import error_text

    app = get_app(ctx.find_root())
    try:
        click.echo(app.digest.preview(week, moderators=moderators).markdown(), nl=False)
    except LabbotError as exc:
        fail(error_text(exc, "en"))
    finally:
        app.close()


@click.command()
@click.pass_context
def calendar(ctx: click.Context) -> None:
    """Print the iCalendar feed of all sessions (the same as the live feed)."""
    from bot.cli.context import get_app
    from bot.core.lab.calendar import calendar_bytes

    app = get_app(ctx.find_root())
    try:
        sys.stdout.buffer.write(calendar_bytes(app.sessions.all_sessions(), app.settings.tz, app.clock.now()))
    finally:
        app.close()
