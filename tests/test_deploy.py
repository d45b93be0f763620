"""What can be checked of deploy/ here: the systemd unit parses and has the options the README
promises (systemd-analyze verify where present), and the container file installs and starts
Labbot with exactly the README's commands. The container build itself is not run."""

import json
import re
import shutil
import subprocess

import pytest

from tests.conftest import REPO

DEPLOY = REPO / "deploy"


def unit_keys(text: str) -> dict[tuple[str, str], list[str]]:
    """systemd's ini dialect: sections, repeated keys, comments; no continuation lines used."""
    keys: dict[tuple[str, str], list[str]] = {}
    section = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            assert line.endswith("]"), f"line {number}: {raw!r}"
            section = line[1:-1]
            continue
        assert section and "=" in line, f"line {number} is not KEY=value in a section: {raw!r}"
        key, value = line.split("=", 1)
        keys.setdefault((section, key.strip()), []).append(value.strip())
    return keys


def readme_block(title: str) -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split(f"\n#### {title}\n", 1)[1].split("\n#", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, f"no sh block under {title!r}"
    return [line.strip() for line in block.group(1).splitlines() if line.strip() and not line.startswith("#")]


def test_the_unit_has_the_promised_options():
    keys = unit_keys((DEPLOY / "labbot.service").read_text(encoding="utf-8"))
    service = {k: v for (section, k), v in keys.items() if section == "Service"}
    assert service["User"] == ["labbot"] and service["Restart"] == ["on-failure"]
    assert service["StateDirectory"] == ["labbot"] and service["EnvironmentFile"] == ["/etc/labbot/labbot.env"]
    assert service["NoNewPrivileges"] == ["yes"] and service["ProtectSystem"] == ["strict"]
    assert service["PrivateTmp"] == ["yes"] and service["ReadWritePaths"] == ["/var/lib/labbot"]
    assert "LABBOT_DB=/var/lib/labbot/labbot.db" in service["Environment"]
    assert keys[("Install", "WantedBy")] == ["multi-user.target"]


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze not installed")
def test_systemd_analyze_verifies_the_unit(tmp_path):
    unit = tmp_path / "labbot.service"
    shutil.copy(DEPLOY / "labbot.service", unit)
    proc = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, timeout=60)
    # the one complaint expected on a machine where Labbot is not installed in /opt/labbot
    problems = [line for line in (proc.stdout + proc.stderr).splitlines()
                if line.strip() and "/opt/labbot/venv/bin/labbot is not executable" not in line]
    assert not problems, "\n".join(problems)


def test_container_file_installs_and_starts_as_the_readme_says():
    text = (DEPLOY / "Containerfile").read_text(encoding="utf-8")
    install = readme_block("Install")
    runs = [line[len("RUN "):] for line in text.replace("\\\n", " ").splitlines() if line.startswith("RUN ")]
    venv_run = next(r for r in runs if "pip install" in r)
    parts = [c.strip() for c in venv_run.split("&&")]
    assert parts == ["python3 -m venv /opt/labbot/venv", "/opt/labbot/venv/bin/pip install --no-cache-dir ."]
    missing = [p for p in parts if p not in install]
    assert not missing, f"the README's install differs from the container's: {missing}"
    cmd = json.loads(next(line for line in text.splitlines() if line.startswith("CMD "))[len("CMD "):])
    start = readme_block("Start")
    assert " ".join(cmd) in start
    unit = unit_keys((DEPLOY / "labbot.service").read_text(encoding="utf-8"))
    assert unit[("Service", "ExecStart")] == [" ".join(cmd)]
    assert "HEALTHCHECK" in text and "/healthz" in text and 'VOLUME ["/data"]' in text
    assert re.search(r"^USER labbot$", text, re.M) and text.startswith("#") and "FROM python:3.12-slim" in text
