"""The console takes the same command groups and names as Discord (issue 16, point 18), and the
names from before /lab was regrouped still run (`bot.core.commands.MOVED`)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.console.shell import Console
from bot.discord_adapter.lab.cog import LAB_COGS

LAB_GROUPS = ("lab", "inbreng", "sessie")
#: console commands for what Discord does with a button
CONSOLE_ONLY = {("inbreng", "stem")}


def test_console_groups_are_the_discord_groups(app):
    console = Console(app)
    client = SimpleNamespace(app=app)
    discord_names = {(cog.__cog_app_commands_group__.name, c.name)
                     for cog in (cls(client) for cls in LAB_COGS) for c in cog.__cog_app_commands_group__.commands}
    console_names = {key for key in console.handlers if key[0] in LAB_GROUPS}
    assert console_names - CONSOLE_ONLY == discord_names


def test_the_new_names_run_and_the_old_lab_names_still_do(app):
    console = Console(app)
    assert "inbreng nieuw" in console.handle("help")
    assert "Jaarplan" in console.handle("lab jaarplan 2027")
    assert console.handle("inbreng mijn") == console.handle("lab mijn-inbreng") == console.handle("lab my-contributions")
    en = Console(app, lang="en")
    assert "contribution new" in en.handle("help")
    assert en.handle("contribution mine") == en.handle("lab my-contributions")
    assert console.handle("lab start 99") == console.handle("sessie start 99")
    assert console.handle("lab inbreng 99") == console.handle("inbreng nieuw 99")
