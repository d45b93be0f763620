"""One command table for both doors (issue 16 point 10): the slash commands Labbot syncs are
exactly the table's slash commands, under the table's Dutch names and English localisations, and
the console has a handler for every row (checked when a Console is built)."""

from __future__ import annotations

from bot.console.shell import Console
from bot.core import commands
from bot.discord_adapter.command_payloads import expected_commands


def synced(payloads: list[dict]) -> dict[tuple[str, str], str | None]:
    """(group, Dutch name) -> en-US name of every slash command in the payloads."""
    found: dict[tuple[str, str], str | None] = {}
    for top in payloads:
        subs = [o for o in top.get("options", []) if o.get("type") in (1, 2)]
        if not subs:
            found[("", top["name"])] = (top.get("name_localizations") or {}).get("en-US")
        for sub in subs:
            found[(top["name"], sub["name"])] = (sub.get("name_localizations") or {}).get("en-US")
    return found


async def test_discord_and_the_console_serve_the_same_command_table(app):
    found = synced(await expected_commands(app))
    table = {(c.group, c.name): c.en for c in commands.COMMANDS if c.slash}
    assert set(found) == set(table), f"only in Discord: {set(found) - set(table)}, only in the table: " \
                                     f"{set(table) - set(found)}"
    assert found == table, "the en-US names differ from the table's English names"
    console = Console(app)
    assert all((c.group, c.name) in console.handlers for c in commands.COMMANDS if c.console)
