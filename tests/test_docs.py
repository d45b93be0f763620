"""Every `labbot` command is documented in the README (sqlite-utils' test_docs idea), and every
setting the code reads is documented in .env.example."""

import re

import click

from bot.cli import cli
from tests.conftest import REPO


def command_paths(group: click.Group, prefix: str = "labbot") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            paths += command_paths(command, path)
        else:
            paths.append(path)
    return paths


def test_every_cli_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [p for p in command_paths(cli) if p not in readme]
    assert not missing, f"undocumented commands: {missing}"


def test_every_setting_is_in_env_example():
    example = (REPO / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]+)=", example, re.M))
    code = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "bot").rglob("*.py"))
    used = set(re.findall(r'"((?:LABBOT|DISCORD)_[A-Z0-9_]+)"', code))
    used |= {f"LABBOT_RETAIN_{n.upper()}" for n in ("question_days", "intake_days", "audit_days", "trend_days")}
    assert not used - documented, f"settings missing from .env.example: {sorted(used - documented)}"
