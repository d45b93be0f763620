"""`labbot privacy …`, `labbot db …` and `labbot audit`: data protection from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.group()
def privacy() -> None:
    """Personal-data guard."""


@privacy.command()
@click.option("--input", "input_path", required=True, type=click.Path(exists=True, dir_okay=False),
              help="Messages in the neutral JSON Lines format ({\"id\", \"text\"} per line).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="jsonl", show_default=True)
@click.option("--explain", is_flag=True, help="Add, per span, the rule that fired, and what was passed over.")
def scan(input_path: str, fmt: str, explain: bool) -> None:
    """Print what the guard detects in each message (one JSON line each, or a table for people)."""
    from bot.core.privacy.scan import format_table, scan_jsonl, texts_by_id

    with open(input_path, encoding="utf-8") as fh:
        lines = fh.readlines()
    try:
        results = list(scan_jsonl(lines, explain=explain))
    except (ValueError, KeyError) as exc:
        click.echo(f"labbot: {input_path} is not valid JSON Lines with id and text ({exc})", err=True)
        sys.exit(2)
    if fmt == "jsonl":
        for r in results:
            click.echo(json.dumps(r, ensure_ascii=False))
    else:
        click.echo(format_table(results, texts_by_id(lines)))


@click.group()
def db() -> None:
    """Database: backups."""


@db.command()
@click.option("--to", "target", type=click.Path(dir_okay=False), default=None,
              help="Backup file (default: data/backups/labbot-<timestamp>.db beside the database).")
@click.option("--keep", type=click.IntRange(min=1), default=14, show_default=True,
              help="How many backups to keep in the default folder (older ones are removed).")
@click.pass_context
def backup(ctx: click.Context, target: str | None, keep: int) -> None:
    """A consistent copy with SQLite's backup API, safe while the bot runs."""
    from bot.cli.context import fail, get_settings
    from bot.core.store.backup import BackupError, backup_database

    settings = get_settings(ctx.find_root())
    try:
        path = backup_database(settings.database_path, Path(target) if target else None, keep=keep)
    except BackupError as exc:
        fail(str(exc))
    click.echo(f"backup written: {path}")


@click.command()
@click.option("--limit", type=click.IntRange(min=1, max=10_000), default=50, show_default=True)
@click.option("--actor", default=None, help="Only actions by this id (e.g. discord:123).")
@click.pass_context
def audit(ctx: click.Context, limit: int, actor: str | None) -> None:
    """Read the audit log of moderator and admin actions (the operator is an admin)."""
    from bot.cli.context import get_app
    from bot.core.models import Privilege, Request

    app = get_app(ctx.find_root())
    try:
        rows = app.audit.read(Request(user_id="cli:operator", privilege=Privilege.ADMIN), limit, actor)
    finally:
        app.close()
    if not rows:
        click.echo("The audit log is empty.")
    for r in rows:
        click.echo(f"{r['created_at']}  {r['actor_id']:<24} {r['action']:<22} {r['item_kind']} {r['item_id']}"
                   f"  {r['detail'] or ''}".rstrip())
