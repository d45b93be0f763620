"""Files Labbot writes are private (issue 17, points 5 and 6): the data folder 0700; the database,
its -wal and -shm files, backups and the console's pseudonym secret 0600 (drafts and the plein
export: tests/core/lab/test_lab_flow.py and tests/core/plein/test_picture.py); a failed backup
leaves no `.part` behind."""

import os
import stat

import pytest

from bot.core.app import local_secret
from bot.core.files import private_file, write_private
from bot.core.store import open_database
from bot.core.store.backup import BackupError, backup_database


@pytest.fixture(autouse=True)
def usual_umask():
    """The host's usual umask (022): without explicit modes, files would be world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_point5_data_folder_database_wal_and_shm_are_private(tmp_path):
    db_path = tmp_path / "data" / "labbot.db"
    db = open_database(db_path)
    db["job_runs"].insert({"job": "x", "ran_at": "2027-01-01"}, alter=True)
    assert mode(tmp_path / "data") == 0o700
    assert mode(db_path) == 0o600
    for extra in ("-wal", "-shm"):
        sibling = db_path.with_name(db_path.name + extra)
        assert sibling.exists() and mode(sibling) == 0o600, extra
    db.close()


def test_point5_an_older_database_made_world_readable_is_tightened(tmp_path):
    db_path = tmp_path / "labbot.db"
    open_database(db_path).close()
    os.chmod(db_path, 0o644)
    open_database(db_path).close()
    assert mode(db_path) == 0o600


def test_point5_backups_and_their_folder_are_private(tmp_path):
    db_path = tmp_path / "labbot.db"
    open_database(db_path).close()
    target = backup_database(db_path)
    assert mode(target) == 0o600 and mode(target.parent) == 0o700


def test_point5_pseudonym_secret_and_written_files_are_private(tmp_path):
    local_secret(tmp_path / "sub" / "labbot.db")
    assert mode(tmp_path / "sub" / ".pseudonym_secret") == 0o600 and mode(tmp_path / "sub") == 0o700
    loose = tmp_path / "loose.txt"
    loose.write_text("before", encoding="utf-8")
    os.chmod(loose, 0o644)
    write_private(loose, "after")
    assert mode(loose) == 0o600 and loose.read_text(encoding="utf-8") == "after"
    assert mode(private_file(tmp_path / "new.bin")) == 0o600


def test_point6_failed_backup_leaves_no_part_file(tmp_path):
    source = tmp_path / "labbot.db"
    source.write_bytes(b"this is not a database at all" * 100)
    target = tmp_path / "out" / "copy.db"
    with pytest.raises(BackupError):
        backup_database(source, target)
    assert not target.exists()
    assert list((tmp_path / "out").glob("*.part")) == []
