"""The `labbot` command line as a user meets it (subprocesses where start-up matters)."""

import os
import subprocess
import sys

import pytest

from tests.conftest import REPO


def labbot(*args, env=None, cwd=REPO, stdin=None, timeout=120):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("DISCORD_", "LABBOT_"))}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, env=full_env, input=stdin,
                          capture_output=True, text=True, timeout=timeout)


def test_run_without_token_fails_cleanly(tmp_path):
    proc = labbot("--env-file", os.devnull, "run")
    assert proc.returncode != 0
    assert "DISCORD_TOKEN" in proc.stderr and "discord.com/developers" in proc.stderr
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_corrupt_env_file_is_one_clear_line(tmp_path):
    env = tmp_path / ".env"
    env.write_text("DISCORD_TOKEN=abc\nnot valid at all\n", encoding="utf-8")
    proc = labbot("--env-file", str(env), "console", stdin="")
    assert proc.returncode == 2
    assert "line 2" in proc.stderr and "Traceback" not in proc.stderr


def test_malformed_variable_is_named(tmp_path):
    proc = labbot("--env-file", os.devnull, "console", env={"LABBOT_GUILD_ID": "twelve"}, stdin="")
    assert proc.returncode == 2
    assert "LABBOT_GUILD_ID" in proc.stderr and "Traceback" not in proc.stderr


def test_unwritable_database_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = labbot("--env-file", os.devnull, "console", env={"LABBOT_DB": str(blocker / "db.sqlite")},
                  stdin="")
    assert proc.returncode == 2
    assert "cannot be opened" in proc.stderr and "Traceback" not in proc.stderr


def test_console_is_scriptable_through_stdin(tmp_path):
    script = "vraag \nzoek complotdenken\ntoon bestaat-niet\nnuttig 999\nopen\nstop\nvraag never reached\n"
    proc = labbot("--env-file", os.devnull, "console", env={"LABBOT_DB": str(tmp_path / "c.db")},
                  stdin=script)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "Je vraag is leeg" in out
    assert "> zoek complotdenken" in out
    assert "bestaat-niet" in out and "Traceback" not in out + proc.stderr
    assert "never reached" not in out


def test_demo_runs_offline_and_shows_the_main_job(tmp_path):
    # the demo encodes the shipped base on first use: about 30 s idle, more on a busy machine; it
    # keeps the vectors in the user's cache folder (here a temporary one) for the next run
    cache_home = tmp_path / "cache"
    env = {"HOME": os.environ.get("HOME", "/tmp"), "XDG_CACHE_HOME": str(cache_home)}
    proc = labbot("demo", "--out", str(tmp_path / "out"), env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    if "semantisch en lexicaal" in proc.stdout:  # the embedder loaded: its vectors were kept
        import sqlite3

        with sqlite3.connect(cache_home / "labbot" / "demo-vectors.sqlite") as conn:
            assert conn.execute("select count(*) from kb_vectors").fetchone()[0] > 60
    out = proc.stdout
    assert "Dit vond ik in de kennisbank" in out
    assert "nog geen goed antwoord" in out
    assert "Bron:" in out
    assert "Dank je, je feedback is opgeslagen" in out
    assert "Traceback" not in out + proc.stderr


def test_kb_check_passes_on_the_shipped_base():
    proc = labbot("kb", "check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert " 0 problems" in proc.stderr


def test_kb_report_lists_placeholder_sources_as_curators_work(tmp_path):
    proc = labbot("--env-file", os.devnull, "kb", "report",
                  env={"LABBOT_DB": str(tmp_path / "r.db"), "LABBOT_PSEUDONYM_SECRET": "s" * 32})
    assert proc.returncode == 0, proc.stderr
    assert "Work for the curators" in proc.stdout
    assert "over-het-netwerk                         placeholder source: Regionaal: in te vullen" in proc.stdout


def test_kb_check_reports_file_and_line(tmp_path):
    (tmp_path / "bad.md").write_text("---\nid: Bad Id\ntitle: x\n---\nbody\n", encoding="utf-8")
    (tmp_path / "broken.md").write_text("---\nid: [unclosed\n---\nbody\n", encoding="utf-8")
    proc = labbot("kb", "check", "--dir", str(tmp_path))
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert any(line.startswith(f"{tmp_path / 'bad.md'}:2: ") for line in lines)
    assert any(line.startswith(f"{tmp_path / 'broken.md'}:") for line in lines)


@pytest.mark.parametrize("args", [["--help"], ["kb", "--help"]])
def test_help_works(args):
    assert labbot(*args).returncode == 0


def test_kb_report_lists_learned_phrasings_and_unlearn_removes_one(tmp_path):
    """Issue 13: learned phrasings are listed for curators and removable there."""
    from click.testing import CliRunner

    from bot.cli.main import cli
    from bot.core.store import T, open_database

    db_path = tmp_path / "l.db"
    env = tmp_path / "t.env"
    env.write_text(f"LABBOT_DB={db_path}\nLABBOT_PSEUDONYM_SECRET={'s' * 32}\nLABBOT_EMBEDDER=none\n")
    db = open_database(db_path)
    db[T.phrasings].insert({"entry_id": "complotdenken", "text": "grote reset buurjongen", "author_id": "p:x",
                            "question_id": 7, "created_at": "2026-12-01T10:00:00+00:00"})
    db.close()
    runner = CliRunner()
    report = runner.invoke(cli, ["--env-file", str(env), "kb", "report"])
    assert report.exit_code == 0, report.output
    assert "Learned phrasings (1" in report.output and "grote reset buurjongen" in report.output
    gone = runner.invoke(cli, ["--env-file", str(env), "kb", "unlearn", "1"])
    assert gone.exit_code == 0 and "removed learned phrasing 1" in gone.output
    again = runner.invoke(cli, ["--env-file", str(env), "kb", "unlearn", "1"])
    assert again.exit_code == 1 and "no learned phrasing" in again.output
