"""The console takes the same command groups and names as Discord (issue 16, point 18)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.console.shell import Console
from bot.discord_adapter.lab.cog import LAB_COGS

#: Discord commands that open a form or send a file; the console has no equivalent for them
DISCORD_ONLY = {("lab", "ics"), ("inbreng", "bewerk"), ("sessie", "les-bewerk")}
#: console commands for what Discord does with a button
CONSOLE_ONLY = {("inbreng", "stem")}


def test_console_groups_are_the_discord_groups(app):
    console = Console(app)
    client = SimpleNamespace(app=app)
    discord_names = {(cog.__cog_app_commands_group__.name, c.name)
                     for cog in (cls(client) for cls in LAB_COGS) for c in cog.__cog_app_commands_group__.commands}
    console_names = {(group, name) for group, commands in console.lab.groups.items() for name in commands}
    assert console_names - CONSOLE_ONLY == discord_names - DISCORD_ONLY


def test_the_new_names_run_and_the_old_lab_names_still_do(app):
    console = Console(app)
    assert "inbreng nieuw" in console.handle("help")
    assert "Jaarplan" in console.handle("lab jaarplan 2027")
    assert console.handle("inbreng mijn") == console.handle("lab mijn-inbreng")
