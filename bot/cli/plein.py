"""`labbot plein …`: the informatieplein from the command line (for the analyst)."""

from __future__ import annotations

import sys
from pathlib import Path

import click


@click.group()
def plein() -> None:
    """Informatieplein: local trends and the regional picture."""


@plein.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "md"]), default="csv", show_default=True,
              help="CSV for a spreadsheet or analysis, Markdown to read.")
@click.option("--include-moderators", is_flag=True, default=False,
              help="Also trends marked 'moderators only' (default: the network view).")
@click.option("--since", default=None, help="Only trends shared from this date (YYYY-MM-DD).")
@click.option("--until", default=None, help="Only trends shared before this date (YYYY-MM-DD).")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file (default: standard output).")
@click.option("--lang", type=click.Choice(["nl", "en"]), default="nl", show_default=True)
@click.pass_context
def export(ctx: click.Context, fmt: str, include_moderators: bool, since: str | None, until: str | None,
           out_path: str | None, lang: str) -> None:
    """Export the active trends (never their authors); the export is audit-logged."""
    from bot.cli.context import fail, get_app
    from bot.core.errors import LabbotError
    from bot.core.i18n import error_text
    from bot.core.models import Privilege, Request

    app = get_app(ctx.find_root())
    operator = Request(user_id="cli:operator", privilege=Privilege.ADMIN, locale=lang)
    try:
        rows = app.plein.export_rows(operator, include_moderators=include_moderators, since=since,
                                     until=until)
        if fmt == "csv":
            text = app.plein.export_csv(rows)
        else:
            text = app.plein.export_markdown(rows, lang, include_moderators=include_moderators)
    except LabbotError as exc:
        fail(error_text(exc, "en"))  # the launcher speaks English; --lang is the export's language
    finally:
        app.close()
    if out_path:
        from bot.core.files import write_private

        write_private(Path(out_path), text)
        click.echo(f"{len(rows)} trends written to {out_path}", err=True)
    else:
        sys.stdout.write(text)
