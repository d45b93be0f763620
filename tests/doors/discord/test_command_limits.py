"""Every slash command Labbot syncs fits Discord's limits (issue 16, point 18): a group of more than
25 subcommands, a command of more than 25 options, a long name or description, or a command over
4000 characters in some locale is refused by Discord at sync time, and then no command updates."""

from __future__ import annotations

import copy

from bot.discord_adapter.command_payloads import expected_commands
from fakediscord import limits


async def test_every_group_and_command_fits_discords_limits(app):
    payloads = await expected_commands(app)
    assert limits.command_errors(payloads) == {}
    for command in payloads:
        subcommands = [o for o in command.get("options", []) if o["type"] in (1, 2)]
        assert len(subcommands) <= limits.OPTIONS, command["name"]
    names = {c["name"] for c in payloads}
    assert {"lab", "inbreng", "sessie"} <= names


async def test_the_check_refuses_a_group_of_26_and_a_command_of_26_options(app):
    payloads = await expected_commands(app)
    lab = next(c for c in payloads if c["name"] == "lab")
    crowded = copy.deepcopy(lab)
    crowded["options"] = [dict(crowded["options"][0], name=f"sub{n}") for n in range(26)]
    assert "options" in limits.command_errors([crowded])["0"]
    many = copy.deepcopy(lab)
    first = many["options"][0]
    first["options"] = [{"type": 3, "name": f"o{n}", "description": "x", "required": False} for n in range(26)]
    assert limits.command_errors([many])["0"]["options"]["0"]["options"]
    long_name = copy.deepcopy(lab)
    long_name["options"][0]["name_localizations"] = {"en-US": "x" * 33}
    assert limits.command_errors([long_name])


async def test_every_command_option_and_choice_has_english(app):
    """Members whose Discord is in English see every group in English, /plein included (16.17)."""
    def walk(obj, path):
        if obj.get("type") is None or "name_localizations" in obj or "name" in obj:
            yield path, obj
        for option in obj.get("options") or []:
            yield from walk(option, f"{path} {option['name']}")
        for choice in obj.get("choices") or []:
            yield f"{path} = {choice['name']}", choice

    missing = []
    for command in await expected_commands(app):
        for path, obj in walk(command, command["name"]):
            if "en-US" not in (obj.get("name_localizations") or {}):
                missing.append(path)
            if "description" in obj and "en-US" not in (obj.get("description_localizations") or {}):
                missing.append(f"{path} (description)")
    assert not missing, missing
