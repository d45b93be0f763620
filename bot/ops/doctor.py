"""`labbot doctor`: every check in order, one line each, and what `labbot run` does with them."""

from __future__ import annotations

import asyncio
import json
import logging

from bot.core.settings import Settings
from bot.ops.checks import Check, discord_checks
from bot.ops.local import local_checks
from bot.ops.rest import API, fetch_world

log = logging.getLogger("labbot.doctor")


async def run_checks(settings: Settings, expected_commands: list[dict] | None, *, api: str = API,
                     calendar: bool = True) -> list[Check]:
    checks: list[Check] = []
    if not settings.discord_token:
        checks.append(Check("token", False, "DISCORD_TOKEN is not set",
                            "create a bot at https://discord.com/developers/applications (Bot > Reset Token) and "
                            "put DISCORD_TOKEN=... in .env", fatal=True))
    else:
        channels = [c for c in (settings.network_channel_id, settings.moderator_channel_id) if c]
        world = await fetch_world(settings.discord_token, settings.guild_id, channels, api=api)
        checks += discord_checks(world, settings, expected_commands)
    return checks + await asyncio.to_thread(local_checks, settings, calendar=calendar)  # blocking file and socket I/O


def render_text(checks: list[Check]) -> str:
    failed = sum(not c.ok for c in checks)
    summary = "all checks pass" if not failed else f"{failed} of {len(checks)} checks fail"
    return "\n".join([*(c.line() for c in checks), summary])


def render_json(checks: list[Check]) -> str:
    return json.dumps({"ok": all(c.ok for c in checks), "checks": [c.to_json() for c in checks]},
                      ensure_ascii=False, indent=2)


def warn_at_start(checks: list[Check]) -> Check | None:
    """For `labbot run`: log each failure once as a warning with its fix; return the first one
    that must stop the start (invalid token, bot not in the configured server), else None."""
    for check in checks:
        if not check.ok:
            log.warning("set-up check failed: %s", check.line())
    return next((c for c in checks if c.fatal), None)
