"""`labbot status` on the demo's database, and LABBOT_LOG_FORMAT=json."""

import json
import logging
import os
import sys

from bot.ops.logjson import JsonFormatter
from tests.conftest import REPO
from tests.doors.test_cli import labbot


def test_status_on_the_demo_database(tmp_path):
    db = tmp_path / "demo.db"
    assert labbot("demo", "--db", str(db), "--out", str(tmp_path / "demo-out"), timeout=600).returncode == 0
    env = {"LABBOT_DB": str(db), "PYTHONPATH": str(REPO)}
    before = db.stat().st_mtime_ns
    text = labbot("--env-file", os.devnull, "status", env=env, cwd=tmp_path)
    assert text.returncode == 0, text.stderr
    out = text.stdout
    assert "outbox     0 waiting, 20 sent, 0 refused by Discord" in out
    assert "digest     network: week 2027-W11 sent 2027-03-15 09:00" in out
    assert "#2 plein 2027-04-15 14:00 Informatieplein voorjaar (planned)" in out
    assert "session #2, 1d before: 2027-04-14 14:00" in out
    assert "digest.weekly: no run recorded" in out and "migrations current" in out
    assert "retention  last run never" in out and f"backups    none in {tmp_path / 'backups'}" in out
    assert "demo:" not in out  # no member keys
    assert db.stat().st_mtime_ns == before  # read only
    body = json.loads(labbot("--env-file", os.devnull, "status", "--json", env=env,
                             cwd=tmp_path).stdout)
    assert body["outbox"]["counts"] == {"sent": 20} and body["sessions"][0]["theme"] == "Informatieplein voorjaar"
    missing = labbot("--env-file", os.devnull, "status", env={**env, "LABBOT_DB": str(tmp_path / "x.db")},
                     cwd=tmp_path)
    assert missing.returncode == 2 and "no database at" in missing.stderr


def test_job_runs_and_backups_show_up(app, clock, tmp_path):
    import datetime as dt
    from dataclasses import replace

    from bot.core.ops import JobRuns, read_status

    JobRuns(app.db, clock).record("retention.daily", clock.now() - dt.timedelta(seconds=2), ok=True)
    JobRuns(app.db, clock).record("backup.nightly", clock.now(), ok=False, detail="BackupError")
    (tmp_path / "backups").mkdir()
    (tmp_path / "backups" / "labbot-20261130T030000Z.db").write_bytes(b"x" * 2048)
    settings = replace(app.settings, database_path=tmp_path / "labbot.db")
    status = read_status(app.db, settings, clock.now(), job_ids=("reminders.sweep", "retention.daily"))
    assert [j["job_id"] for j in status.jobs] == ["reminders.sweep", "retention.daily", "backup.nightly"]
    assert status.jobs[1]["ok"] == 1 and status.jobs[2]["detail"] == "BackupError"
    assert status.backups["count"] == 1 and status.backups["newest_bytes"] == 2048


def test_json_log_lines_carry_pattern_and_values_not_sentences():
    record = logging.LogRecord("labbot.reminders", logging.INFO, __file__, 1, "reminders queued: %d", (3,), None)
    record.session_id = 7
    line = json.loads(JsonFormatter().format(record))
    assert set(line) == {"time", "level", "logger", "event", "args", "session_id"}
    assert line["event"] == "reminders queued: %d" and line["args"] == [3] and line["session_id"] == 7
    assert line["level"] == "INFO" and line["logger"] == "labbot.reminders" and line["time"].endswith("+00:00")
    try:
        raise ValueError("member text that must not be logged")
    except ValueError:
        failed = logging.LogRecord("labbot", logging.ERROR, __file__, 1, "job failed", (), sys.exc_info())
    out = JsonFormatter().format(failed)
    assert json.loads(out)["error"] == "ValueError" and "member text" not in out and "\n" not in out


def test_log_format_setting():
    import pytest

    from bot.core.settings import SettingsError, settings_from_env

    assert settings_from_env({"LABBOT_LOG_FORMAT": "JSON"}).log_format == "json"
    assert settings_from_env({}).log_format == "text"
    with pytest.raises(SettingsError, match="LABBOT_LOG_FORMAT must be text or json"):
        settings_from_env({"LABBOT_LOG_FORMAT": "xml"})
