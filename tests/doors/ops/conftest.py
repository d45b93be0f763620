"""A fake Discord configured the way the README asks, and the settings that match it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core.settings import Settings
from fakediscord import payloads as P

TOKEN = "a-fake-bot-token-long-enough-for-settings"
SECRET = "Zq3-vN8_kT1wLm5pRx7yBc2dHs9fJg4u"


@dataclass
class Setup:
    fake: object
    settings: Settings
    env: dict[str, str]
    moderator_channel_id: int
    partner_role_id: int
    expert_role_id: int
    expected: list | None = None  # the commands this version syncs (set by the `synced` fixture)


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def setup(fake_discord, tmp_path: Path) -> Setup:
    fake = fake_discord
    fake.token = TOKEN
    moderators = fake.snowflake()
    fake.channels[moderators] = P.text_channel(moderators, fake.guild_id, "moderatoren", parent_id=fake.category_id)
    partner, moderator, expert = fake.snowflake(), fake.snowflake(), fake.snowflake()
    for position, (role_id, name) in enumerate(((partner, "Partner"), (moderator, "Moderator"),
                                                (expert, "Expert")), start=2):
        fake.roles.append(P.role(role_id, name, position=position, permissions=0))
    port = free_port()
    env = {
        "DISCORD_TOKEN": TOKEN, "LABBOT_PSEUDONYM_SECRET": SECRET, "LABBOT_GUILD_ID": str(fake.guild_id),
        "LABBOT_NETWORK_CHANNEL_ID": str(fake.channel_id), "LABBOT_MODERATOR_CHANNEL_ID": str(moderators),
        "LABBOT_PARTNER_ROLE_IDS": str(partner), "LABBOT_MODERATOR_ROLE_IDS": str(moderator),
        "LABBOT_EXPERT_ROLE_ID": str(expert), "LABBOT_DB": str(tmp_path / "data" / "labbot.db"),
        "LABBOT_CALENDAR_PORT": str(port),
    }
    from bot.core.settings import settings_from_env

    return Setup(fake, settings_from_env(env), env, moderators, partner, expert)
