"""The doctor's checks on this host: the pseudonym secret, the database, the backup folder and
the calendar feed's address. Plain functions over the settings; nothing is changed on disk."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import tempfile
from pathlib import Path

import sqlite_utils

from bot.core.ops import database_writable, migration_state
from bot.core.settings import Settings
from bot.ops.checks import Check

GENERATE = 'generate one with: python -c "import secrets; print(secrets.token_urlsafe(32))"'
MIN_SECRET, MIN_DISTINCT = 22, 10  # about 128 bits as URL-safe base64; not one repeated pattern
MIN_FREE = 100 * 1024 * 1024


def check_secret(settings: Settings) -> Check:
    secret = settings.pseudonym_secret
    if not secret:
        return Check("pseudonym secret", False, "LABBOT_PSEUDONYM_SECRET is not set", f"{GENERATE}; put it in .env")
    if len(secret) < MIN_SECRET or len(set(secret)) < MIN_DISTINCT:
        return Check("pseudonym secret", False, f"LABBOT_PSEUDONYM_SECRET is weak ({len(secret)} characters, "
                     f"{len(set(secret))} different)", f"{GENERATE}; changing it breaks the link between members "
                     "and their earlier anonymous items, so do it before going live")
    return Check("pseudonym secret", True, f"set, {len(secret)} characters")


def _writable_dir(folder: Path) -> bool:
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir() or not os.access(existing, os.W_OK | os.X_OK):
        return False
    if existing != folder:
        return True  # it will be created inside a writable folder
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".labbot-doctor-"):
            return True
    except OSError:
        return False


def check_database(settings: Settings) -> Check:
    path = Path(settings.database_path)
    if str(path) == ":memory:":
        return Check("database", True, "in memory (nothing kept)")
    if not path.exists():
        if _writable_dir(path.parent):
            return Check("database", True, f"{path} does not exist yet; created at first start")
        return Check("database", False, f"{path.parent} is not writable", f"make {path.parent} writable for the "
                     "user that runs Labbot, or set LABBOT_DB to a file in a writable folder")
    try:
        db = sqlite_utils.Database(sqlite3.connect(path, timeout=2))
        try:
            problem = database_writable(db)
            pending, unknown = migration_state(db)
        finally:
            db.close()
    except sqlite3.Error as exc:
        return Check("database", False, f"{path} cannot be read ({exc.__class__.__name__})",
                     "restore the newest backup (README: Backups and restore)")
    if problem:
        return Check("database", False, f"{path} is {problem}", f"give the user that runs Labbot write access "
                     f"to {path} and its folder (SQLite writes {path.name}-wal beside it)")
    if unknown:
        return Check("database", False, f"{path} was written by a newer Labbot ({unknown} unknown migrations)",
                     "run the newer version again, or restore a backup made by this version")
    if pending:
        return Check("database", False, f"{pending} migrations pending",
                     "take a backup (`labbot db backup`), then start Labbot: it applies them at start")
    return Check("database", True, f"{path} writable, migrations current")


def check_backups(settings: Settings) -> Check:
    path = Path(settings.database_path)
    if str(path) == ":memory:":
        return Check("backups", True, "nothing to back up (database in memory)")
    folder = path.parent / "backups"
    if not _writable_dir(folder):
        return Check("backups", False, f"{folder} is not writable", f"make {folder} writable for the user that "
                     "runs Labbot")
    existing = folder
    while not existing.exists():
        existing = existing.parent
    free = shutil.disk_usage(existing).free
    size = path.stat().st_size if path.exists() else 0
    need = max(MIN_FREE, 3 * size)
    if free < need:
        return Check("backups", False, f"{free // 2**20} MiB free in {existing}, {need // 2**20} MiB wanted",
                     "free disk space or move the data folder (LABBOT_DB) to a larger disk")
    return Check("backups", True, f"{folder} writable, {free // 2**20} MiB free")


def check_calendar_address(settings: Settings) -> Check:
    if not settings.calendar_port:
        return Check("calendar feed", True, "switched off (LABBOT_CALENDAR_PORT=0)")
    address = f"{settings.calendar_host}:{settings.calendar_port}"
    try:
        infos = socket.getaddrinfo(settings.calendar_host, settings.calendar_port, type=socket.SOCK_STREAM)
        family, kind, proto, _, sockaddr = infos[0]
        with socket.socket(family, kind, proto) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as aiohttp binds it
            sock.bind(sockaddr)
    except OSError as exc:
        running = _labbot_health(settings)
        if running is not None:
            return Check("calendar feed", True, f"{address} is served by a running Labbot (/healthz: {running})")
        return Check("calendar feed", False, f"{address} is not free ({exc.strerror or exc.__class__.__name__})",
                     "stop what listens there (another Labbot?) or set LABBOT_CALENDAR_PORT to a free port")
    return Check("calendar feed", True, f"{address} is free")


def _labbot_health(settings: Settings) -> str | None:
    """The `status` of /healthz when a Labbot already listens on the feed's address, else None."""
    import json
    import urllib.error
    import urllib.request

    host = "127.0.0.1" if settings.calendar_host in ("0.0.0.0", "::", "") else settings.calendar_host
    try:
        with urllib.request.urlopen(f"http://{host}:{settings.calendar_port}/healthz", timeout=2) as answer:
            body = answer.read()
    except urllib.error.HTTPError as exc:
        body = exc.read()
    except (OSError, ValueError):
        return None
    try:
        found = json.loads(body).get("status")
    except (ValueError, AttributeError):
        return None
    return found if found in ("ok", "unhealthy") else None


def local_checks(settings: Settings, *, calendar: bool = True) -> list[Check]:
    checks = [check_secret(settings), check_database(settings), check_backups(settings)]
    return checks + ([check_calendar_address(settings)] if calendar else [])
