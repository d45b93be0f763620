"""Files Labbot writes are its own: folders 0700, files 0600 (issue 17, point 5).

The database (and SQLite's `-wal` and `-shm` files, which take the database file's mode), backups,
`labbot plein export --out`, knowledge entry drafts and the console's `.pseudonym_secret` hold
members' words or keys: nobody else on the host reads them. Files are created with the mode set
at creation (`os.open(..., 0o600)`), not chmod-ed after a window in which they were readable.
"""

from __future__ import annotations

import os
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path | str) -> Path:
    """Create `path` (and missing parents) readable by the owner only; an existing folder is left
    as it is (it may be managed by the operator, e.g. systemd's StateDirectory)."""
    path = Path(path)
    missing = []
    for folder in (path, *path.parents):
        if folder.exists():
            break
        missing.append(folder)
    for folder in reversed(missing):
        folder.mkdir(mode=DIR_MODE, exist_ok=True)
        os.chmod(folder, DIR_MODE)  # mkdir's mode passes through the umask
    if not path.is_dir():
        raise NotADirectoryError(f"{path} is not a folder")
    return path


def private_file(path: Path | str) -> Path:
    """Make sure `path` exists and is readable by the owner only (created empty when missing,
    tightened when it was created looser before)."""
    path = Path(path)
    if path.exists():
        try:
            os.chmod(path, FILE_MODE)
        except PermissionError:  # not ours to change (read by Labbot only): leave it
            pass
        return path
    private_dir(path.parent)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    os.chmod(path, FILE_MODE)  # os.open's mode passes through the umask (which only removes bits)
    return path


def write_private(path: Path | str, data: str | bytes) -> Path:
    """Write `data` (text as UTF-8) to `path`, created 0600."""
    path = Path(path)
    private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        os.fchmod(fh.fileno(), FILE_MODE)  # also when the file existed before with a looser mode
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    return path
