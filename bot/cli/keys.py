"""`labbot privacy rekey`: after rotating LABBOT_PSEUDONYM_SECRET, rewrite every stored pseudonym
made with an old secret (LABBOT_PSEUDONYM_SECRET_OLD) to the new one, in one transaction.

A pseudonym cannot be read back, so the command needs the members' ids: every member id the
database holds in plain form (named items, planners, moderators) and, with `--members FILE`, any
list of ids (one `discord:<id>` or bare Discord id a line, e.g. the server's member list). What
belongs to nobody on that list stays under the old key: keep LABBOT_PSEUDONYM_SECRET_OLD set then.
"""

from __future__ import annotations

import re

import click

DISCORD_ID = re.compile(r"^(?:discord:)?(\d{5,20})$")


@click.command()
@click.option("--members", "members_file", type=click.File(encoding="utf-8"), default=None,
              help="Extra member ids, one a line (discord:<id> or the bare id).")
@click.option("--dry-run", is_flag=True, help="Count what would change; change nothing.")
@click.pass_context
def rekey(ctx: click.Context, members_file, dry_run: bool) -> None:
    """Rewrite pseudonyms made with LABBOT_PSEUDONYM_SECRET_OLD to LABBOT_PSEUDONYM_SECRET."""
    from bot.cli.context import fail, get_app, get_settings

    settings = get_settings(ctx.find_root())
    if not settings.pseudonym_secret or not settings.old_pseudonym_secrets:
        fail("set LABBOT_PSEUDONYM_SECRET (the new secret) and LABBOT_PSEUDONYM_SECRET_OLD (the old ones, "
             "comma-separated) first")
    app = get_app(ctx, settings)
    try:
        ids = set(app.members.plain_member_ids())
        if members_file is not None:
            for n, line in enumerate(members_file, 1):
                if line.strip():
                    match = DISCORD_ID.match(line.strip())
                    if not match:
                        fail(f"{members_file.name}:{n}: not a member id: {line.strip()[:40]!r}")
                    ids.add(f"discord:{match[1]}")
        if dry_run:
            app.db.conn.execute("SAVEPOINT rekey_dry_run")
        rewritten, left = app.members.rekey(ids)
        if dry_run:
            app.db.conn.execute("ROLLBACK TO rekey_dry_run")
            app.db.conn.execute("RELEASE rekey_dry_run")
    finally:
        app.close()
    verb = "would rewrite" if dry_run else "rewrote"
    click.echo(f"{verb} {rewritten} pseudonyms of {len(ids)} known members in one transaction")
    if left:
        click.echo(f"{left} pseudonyms belong to no member on the list (or already use the new key): keep "
                   f"LABBOT_PSEUDONYM_SECRET_OLD set, or run again with --members")
    else:
        click.echo("nothing is stored under an old key any more: LABBOT_PSEUDONYM_SECRET_OLD can be removed")
