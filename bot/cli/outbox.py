"""`labbot outbox list` and `labbot outbox retry ID`: what waits, what Discord refused for good, and
queueing a refused post again once its cause is fixed (the running bot picks it up on its next tick)."""

from __future__ import annotations

import click


def _outbox(ctx: click.Context):
    from bot.cli.context import fail, get_settings
    from bot.core.clock import SystemClock
    from bot.core.errors import LabbotError
    from bot.core.outbox import OutboxService
    from bot.core.store import open_database

    settings = get_settings(ctx.find_root())
    try:
        return OutboxService(open_database(settings.database_path), SystemClock())
    except LabbotError as exc:
        fail(f"cannot open {settings.database_path}: {exc.params.get('reason', exc.key)}")


@click.group()
def outbox() -> None:
    """Posts waiting for Discord, and those it refused."""


@outbox.command("list")
@click.option("--status", type=click.Choice(["pending", "claimed", "sent", "dead", "cancelled", "skipped"]),
              default=None, help="Only rows in this state (default: all, newest first).")
@click.option("--limit", type=click.IntRange(1, 1000), default=30, show_default=True)
@click.pass_context
def list_rows(ctx: click.Context, status: str | None, limit: int) -> None:
    """One line per post: id, state, attempts, what it is, and why it failed."""
    from bot.core.outbox import describe

    box = _outbox(ctx)
    rows = box.rows(status, limit)
    if not rows:
        click.echo("no posts" + (f" with status {status}" if status else ""))
    for r in rows:
        why = f"  ({r['last_error']})" if r["last_error"] else ""
        click.echo(f"{r['id']:>6}  {r['status']:<9} {r['attempts'] or 0:>2}x  {describe(r['key'], 'en')}{why}")
    box.db.close()


@outbox.command()
@click.argument("row_id", type=int)
@click.pass_context
def retry(ctx: click.Context, row_id: int) -> None:
    """Queue a post that Discord refused for good (dead) again, after its cause was fixed."""
    from bot.cli.context import fail

    box = _outbox(ctx)
    ok = box.retry(row_id)
    box.db.close()
    if not ok:
        fail(f"outbox {row_id} is not a dead post (see `labbot outbox list --status dead`)")
    click.echo(f"outbox {row_id} queued again; the running bot sends it within a few seconds")
