"""Issue 16, done-when: a full lab cycle in the console, run from the README as a new user would
(plan, intake named and anonymous, close, lessons, digest preview, export, erase; no votes:
the console is one member, who does not vote on their own items), with no
traceback and no error reply; the database lands in data/labbot.db of the current folder."""

from __future__ import annotations

import json
import os
import re

from tests.conftest import REPO
from tests.doors.test_cli import labbot

SCRIPT = REPO / "examples" / "lab-cycle.txt"


def replies(out: str) -> list[tuple[str, str]]:
    """(command line, the reply printed under it): the console echoes each scripted line."""
    parts = re.split(r"^> (.*)$", out, flags=re.M)
    return [(parts[i], parts[i + 1].strip()) for i in range(1, len(parts) - 1, 2)]


def test_the_readme_cycle_runs_without_a_traceback_or_an_error(tmp_path):
    script = SCRIPT.read_text(encoding="utf-8")
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert script in readme, "the README shows the script the test runs"
    assert 'labbot console --as moderator --now "2027-02-15 10:00" < examples/lab-cycle.txt' in readme
    proc = labbot("--env-file", os.devnull, "console", "--as", "moderator", "--now", "2027-02-15 10:00",
                  stdin=script, cwd=tmp_path, env={"PYTHONPATH": str(REPO)})
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    pairs = replies(proc.stdout)
    assert [line for line, _ in pairs] == [line for line in script.splitlines() if line.strip()]
    errors = [(line, reply) for line, reply in pairs if reply.startswith("!")]
    assert not errors, errors
    got = dict(pairs)
    assert (tmp_path / "data" / "labbot.db").is_file()

    assert "inbreng vanaf 25-02-2027" in got[script.splitlines()[0]]
    anonymous = next(reply for line, reply in got.items() if line.endswith("| anoniem"))
    assert "anoniem ingebracht" in anonymous
    assert "[Discord → #netwerk]" in got["inbreng goedkeuren 1"]
    assert "2 conceptlessen gemaakt" in got["sessie sluit 1"] and "⚠" not in got["sessie sluit 1"]
    assert "2 lessen worden in het netwerkkanaal geplaatst" in got["sessie lessen-publiceer 1"]
    assert got["digest"].startswith("# Weekoverzicht CTER-netwerk, week 11 (15-03-2027)")
    export = json.loads(got["privacy mijn-gegevens"].split("\n", 1)[1])
    assert {row["anonymous"] for row in export["tables"]["items"]} == {0, 1}
    assert got["privacy verwijder ja"].startswith("Gedaan.")
    assert got["inbreng mijn"] == "Je hebt nog niets ingebracht."
