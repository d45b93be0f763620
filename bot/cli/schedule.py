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
    from bot.cli.context import OPERATOR, fail, get_app
    from bot.core.errors import LabbotError
    from bot.core.i18n import error_text

    app = get_app(ctx.find_root())
    try:
        click.echo(app.digest.preview(OPERATOR, week, moderators=moderators).markdown(), nl=False)
    except LabbotError as exc:
        fail(error_text(exc, "en"))
    finally:
        app.close()


@click.group(invoke_without_command=True)
@click.option("--members", is_flag=True, help="The members' variant (no meeting links, no descriptions).")
@click.pass_context
def calendar(ctx: click.Context, members: bool) -> None:
    """Print the moderators' iCalendar feed (the same as the live one); see also its sub-commands."""
    if ctx.invoked_subcommand is not None:
        return
    from bot.cli.context import get_app
    from bot.core.lab.feeds import MEMBERS, MODERATORS

    app = get_app(ctx.find_root())
    try:
        sys.stdout.buffer.write(app.feeds.feed(MEMBERS if members else MODERATORS))
    finally:
        app.close()


@calendar.command()
@click.pass_context
def addresses(ctx: click.Context) -> None:
    """The network's and the moderators' feed addresses (secret: treat them as passwords)."""
    from bot.cli.context import fail, get_app
    from bot.core.lab.feeds import MEMBERS, MODERATORS

    app = get_app(ctx.find_root())
    try:
        network, moderators = app.feeds.url(app.feeds.token(MEMBERS)), app.feeds.url(app.feeds.token(MODERATORS))
    finally:
        app.close()
    if network is None:
        fail("LABBOT_CALENDAR_URL is not set: put the feed's public base address in .env")
    click.echo(f"network:    {network}\nmoderators: {moderators}")


@calendar.command("rotate-token")
@click.pass_context
def rotate_token(ctx: click.Context) -> None:
    """A new feed secret: every address handed out so far stops working (audit-logged)."""
    from bot.cli.context import OPERATOR, get_app

    app = get_app(ctx.find_root())
    try:
        app.feeds.rotate(OPERATOR)
    finally:
        app.close()
    click.echo("calendar feed secret rotated: every earlier address now answers 404; "
               "`labbot calendar addresses` prints the new shared ones")
