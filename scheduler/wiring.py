"""APScheduler 3.x `AsyncIOScheduler` with deterministic job ids, rebuilt at every start.

Nothing is pickled into a job store: the jobs are few fixed sweeps and cron moments, and each
reads what is due from the database. `coalesce` folds missed runs into one, `max_instances=1`
keeps a slow run from overlapping itself, and `misfire_grace_time` equals the catch-up grace.
"""

from __future__ import annotations

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.core.app import Labbot
from bot.core.ops import JobRuns
from scheduler.jobs import backup_job, digest_job, grace, reminders_job, retention_job

JOB_IDS = ("reminders.sweep", "digest.weekly", "retention.daily", "backup.nightly")


def build_scheduler(app: Labbot) -> AsyncIOScheduler:
    tz = app.settings.tz
    scheduler = AsyncIOScheduler(timezone=tz, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": int(grace(app).total_seconds())})
    hour, minute = map(int, app.settings.digest_time.split(":"))
    jobs = (
        ("reminders.sweep", reminders_job, IntervalTrigger(minutes=1, timezone=tz)),
        ("digest.weekly", digest_job, CronTrigger(day_of_week=app.settings.digest_day, hour=hour, minute=minute,
                                                  timezone=tz)),
        ("retention.daily", retention_job, CronTrigger(hour=3, minute=30, timezone=tz)),
        ("backup.nightly", backup_job, CronTrigger(hour=3, minute=0, timezone=tz)),
    )
    for job_id, func, trigger in jobs:
        scheduler.add_job(recorded(job_id, func), trigger, args=[app], id=job_id, name=job_id, replace_existing=True)
    return scheduler


def recorded(job_id: str, func):
    """The job, with its last run (start, end, ok or the error's class) kept for `labbot status`."""
    async def run(app: Labbot) -> None:
        started = app.clock.now()
        try:
            await func(app)
        except Exception as exc:
            JobRuns(app.db, app.clock).record(job_id, started, ok=False, detail=exc.__class__.__name__)
            raise
        JobRuns(app.db, app.clock).record(job_id, started, ok=True)

    run.__name__ = getattr(func, "__name__", job_id)
    return run
