"""What the launcher does with its inputs (issue 16 points 8 and 20): bad lines in a scan, a
missing settings file, and the sample inputs shipped under examples/."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_privacy_scan_reports_each_bad_line_and_scans_the_rest(tmp_path, fmt):
    messages = tmp_path / "m.jsonl"
    messages.write_text('{"id": "a", "text": "Bel Joris Pietersma op 06-98765432."}\n'
                        "dit is geen JSON\n"
                        '{"id": "b"}\n'
                        '{"id": "c", "text": "Mail naar iemand@voorbeeld.nl."}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["privacy", "scan", "--input", str(messages), "--format", fmt])
    assert result.exit_code == 0 and result.exception is None, result.output
    if fmt == "table":
        assert "line 2" in result.output and "invalid JSON" in result.output
        assert "no text field" in result.output
        assert "EMAIL" in result.output and "PHONE" in result.output
        assert result.output.rstrip().splitlines()[-1].startswith("4 messages, 2 with personal data")
    else:
        rows = [json.loads(x) for x in result.output.splitlines()]
        assert [r.get("error", "")[:12] for r in rows] == ["", "invalid JSON", "no text fiel", ""]


def test_a_named_env_file_that_does_not_exist_is_an_error(tmp_path):
    result = CliRunner().invoke(cli, ["--env-file", str(tmp_path / "missing.env"), "status"])
    assert result.exit_code == 2
    assert "missing.env: no such file" in result.output


def test_the_shipped_examples_run_with_kb_bench_and_privacy_scan():
    runner = CliRunner()
    bench = runner.invoke(cli, ["kb", "bench", "--kb", str(EXAMPLES / "kb.jsonl"),
                                "--queries", str(EXAMPLES / "queries.jsonl"), "--json"])
    assert bench.exit_code == 0, bench.output
    figures = json.loads(next(line for line in bench.output.splitlines() if line.startswith("{")))
    assert figures["labbot"]["hit@1"] > 0
    scan = runner.invoke(cli, ["privacy", "scan", "--input", str(EXAMPLES / "privacy-messages.jsonl"),
                               "--format", "table"])
    assert scan.exit_code == 0 and "with personal data" in scan.output
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    for name in ("examples/kb.jsonl", "examples/queries.jsonl", "examples/privacy-messages.jsonl",
                 "data/labbot.db"):
        assert name in readme, name


def test_cli_errors_are_english_whatever_the_export_language(tmp_path, monkeypatch):
    """Issue 16 point 14: `plein export --since gisteren` answered in Dutch, other CLI errors in English."""
    monkeypatch.setenv("LABBOT_DB", str(tmp_path / "l.db"))
    result = CliRunner().invoke(cli, ["--env-file", os.devnull, "plein", "export", "--since", "gisteren"])
    assert result.exit_code == 2
    assert "gisteren" in result.output and "begrijp" not in result.output
    assert result.output.startswith("labbot: ") and "Use" in result.output
