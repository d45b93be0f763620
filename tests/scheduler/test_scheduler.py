"""Scheduler wiring: deterministic job ids, the configured digest moment, and the catch-up at start."""

import datetime as dt

from apscheduler.triggers.cron import CronTrigger

from bot.core.clock import ManualClock
from bot.core.models import Request
from scheduler.jobs import catch_up
from scheduler.wiring import JOB_IDS, build_scheduler


async def test_jobs_are_rebuilt_with_deterministic_ids(app):
    scheduler = build_scheduler(app)
    scheduler.start(paused=True)
    assert sorted(job.id for job in scheduler.get_jobs()) == sorted(JOB_IDS)
    digest = scheduler.get_job("digest.weekly")
    assert isinstance(digest.trigger, CronTrigger)
    fields = {f.name: str(f) for f in digest.trigger.fields}
    assert (fields["day_of_week"], fields["hour"], fields["minute"]) == ("mon", "9", "0")
    assert str(digest.trigger.timezone) == "Europe/Amsterdam"
    again = build_scheduler(app)  # a restart builds the same set, nothing pickled
    assert sorted(j.id for j in again.get_jobs()) == sorted(JOB_IDS)
    digest = scheduler.get_job("digest.weekly")
    assert digest.misfire_grace_time == 7200 and digest.coalesce and digest.max_instances == 1
    scheduler.shutdown(wait=False)


def test_next_digest_run_respects_summer_time(app):
    trigger = build_scheduler(app).get_job("digest.weekly").trigger
    after = dt.datetime(2027, 3, 23, tzinfo=dt.UTC)
    nxt = trigger.get_next_fire_time(None, after)
    assert nxt.astimezone(dt.UTC) == dt.datetime(2027, 3, 29, 7, 0, tzinfo=dt.UTC)


async def test_catch_up_at_start_posts_the_due_digest_once(app):
    app.clock.set(dt.datetime(2026, 11, 30, 8, 30, tzinfo=dt.UTC))  # Monday 09:30 in Amsterdam
    await catch_up(app)
    await catch_up(app)  # a second restart
    assert app.outbox.counts() == {"pending": 1}
    assert app.outbox.get("digest:network:2026-W49:p1") is not None


async def test_catch_up_runs_retention(app):
    app.questions.ask(Request(user_id="discord:1", text="eerste stappen zorgen"))
    assert isinstance(app.clock, ManualClock)
    app.clock.advance(dt.timedelta(days=200))
    await catch_up(app)
    assert next(app.db["questions"].rows)["text"] == ""
