"""The jobs: plain coroutines that call the services. The database is the source of truth, so a
job decides from it what is due; running one twice, late or after a restart posts nothing twice
(every post has an outbox key)."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from pathlib import Path

from bot.core.app import Labbot
from bot.core.store.backup import BackupError, backup_database

log = logging.getLogger("labbot.scheduler")
BACKUPS_KEPT = 14


def grace(app: Labbot) -> dt.timedelta:
    return dt.timedelta(minutes=app.settings.catchup_grace_minutes)


async def reminders_job(app: Labbot) -> None:
    sent = app.reminders.send_due()
    if sent:
        log.info("reminders queued: %d", len(sent))


async def digest_job(app: Labbot) -> None:
    log.info("weekly digest: %s", app.digest.run_scheduled(grace(app)))


async def retention_job(app: Labbot) -> None:
    app.retention.apply()


async def backup_job(app: Labbot, keep: int = BACKUPS_KEPT) -> Path | None:
    path = app.settings.database_path
    if str(path) == ":memory:":
        return None
    try:
        target = await asyncio.to_thread(backup_database, path, None, keep=keep, now=app.clock.now())
    except BackupError as exc:
        log.error("nightly backup failed: %s", exc)
        return None
    log.info("nightly backup written: %s", target.name)
    return target


def newest_backup_age(app: Labbot) -> dt.timedelta | None:
    folder = Path(app.settings.database_path).parent / "backups"
    backups = sorted(folder.glob(f"{Path(app.settings.database_path).stem}-*.db"))
    if not backups:
        return None
    mtime = dt.datetime.fromtimestamp(backups[-1].stat().st_mtime, dt.UTC)
    return app.clock.now() - mtime


async def catch_up(app: Labbot) -> None:
    """At start: what fell due while Labbot was down runs once now (each job applies the grace
    period itself and logs what it skips as too old)."""
    await reminders_job(app)
    await digest_job(app)
    await retention_job(app)
    age = newest_backup_age(app)
    if age is None or age > dt.timedelta(hours=24):
        await backup_job(app)
