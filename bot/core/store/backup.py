"""Consistent database backups with SQLite's online backup API, with rotation.

Restore: stop Labbot, copy the backup file over the database file (and remove any `-wal` and
`-shm` files beside it), start Labbot. `tests/core/rights/test_rights.py::test_backup_while_open_and_restore` does exactly that.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from bot.core.files import private_dir, private_file


class BackupError(Exception):
    pass


def backup_database(source: Path, target: Path | None = None, *, keep: int = 14,
                    now: dt.datetime | None = None) -> Path:
    source = Path(source)
    if not source.exists():
        raise BackupError(f"no database at {source} to back up")
    rotate = target is None
    if target is None:
        stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
        target = source.parent / "backups" / f"{source.stem}-{stamp}.db"
    target = Path(target)
    tmp = target.with_suffix(target.suffix + ".part")
    try:
        private_dir(target.parent)
        private_file(tmp)  # created 0600 before SQLite writes into it; the rename keeps the mode
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
        try:
            dst = sqlite3.connect(tmp)
            try:
                src.backup(dst)
                ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":
            tmp.unlink(missing_ok=True)
            raise BackupError(f"the backup of {source} failed its integrity check")
        tmp.replace(target)
    except (OSError, sqlite3.Error) as exc:
        try:
            tmp.unlink(missing_ok=True)  # no half-written .part left behind
        except OSError:
            pass
        raise BackupError(f"cannot write a backup to {target}: {exc}") from exc
    if rotate:
        backups = sorted(target.parent.glob(f"{source.stem}-*.db"))
        for old in backups[:-keep]:
            old.unlink(missing_ok=True)
    return target
