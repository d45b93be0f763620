"""Planning, the year view, the calendar feed, reminders across daylight saving, and a restart
between steps (a new app object on the same database file)."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest

from bot.core.app import build_app
from bot.core.ask.kb import KnowledgeBase
from bot.core.clock import ManualClock
from bot.core.errors import Conflict, InvalidInput, NotAllowed
from bot.core.lab.calendar import calendar_bytes
from bot.core.lab.reminders import due_at
from bot.core.models import Privilege, Request
from bot.core.settings import Settings
from bot.core.timeparse import parse_local
from tests.conftest import SECRET, SYNTHETIC
from tests.stubs import StubMatcher

AMS = ZoneInfo("Europe/Amsterdam")
MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
MEMBER = Request(user_id="discord:1")


def local(text):
    return parse_local(text, AMS)


def plan(app, start="2027-03-11 19:30", end="2027-03-11 21:30", **kw):
    return app.sessions.plan(MOD, kw.pop("kind", "lab"), kw.pop("theme", "Online radicalisering"),
                             "Over gaming en Telegram", local(start), local(end), kw.pop("where", "123456789"), **kw)


def test_plan_defaults_and_audit(app):
    s = plan(app)
    assert s.status == "planned" and s.sequence == 0 and s.uid.endswith("@labbot")
    assert s.intake_opens_at == s.starts_at - dt.timedelta(days=14)
    assert app.audit.read(Request(user_id="a", privilege=Privilege.ADMIN))[0]["action"] == "session.plan"
    assert app.outbox.get(f"event:{s.id}:0")["status"] == "pending"


@pytest.mark.parametrize(
    ("start", "end", "key"),
    [("2027-03-11 21:30", "2027-03-11 19:30", "lab.end_before_start"),
     ("2026-01-01 10:00", "2026-01-01 11:00", "lab.in_the_past"),
     ("2027-03-11 09:00", "2027-03-12 10:00", "lab.too_long"),
     ("2027-03-28 02:30", "2027-03-28 04:00", "time.nonexistent")],
)
def test_bad_plans_are_refused_and_nothing_stored(app, start, end, key):
    with pytest.raises(InvalidInput) as err:
        plan(app, start, end)
    assert err.value.key == key
    assert app.sessions.all_sessions() == []


def test_theme_and_location_checks(app):
    with pytest.raises(InvalidInput, match="lab.theme_too_long"):
        plan(app, theme="x" * 5000)
    with pytest.raises(InvalidInput, match="lab.theme_empty"):
        plan(app, theme="   ")
    with pytest.raises(InvalidInput, match="lab.bad_location"):
        plan(app, where="javascript:alert(1)")
    assert plan(app, where="https://teams.example.org/meet/abc").location_kind == "external"


def test_members_cannot_plan(app):
    with pytest.raises(NotAllowed):
        app.sessions.plan(MEMBER, "lab", "t", "", local("2027-03-11 19:30"), local("2027-03-11 21:00"), "1")


def test_reschedule_raises_sequence_and_cancel_marks_cancelled(app):
    s = plan(app)
    moved = app.sessions.reschedule(MOD, s.id, local("2027-03-18 19:30"), local("2027-03-18 21:30"))
    assert moved.sequence == 1 and moved.uid == s.uid
    cancelled = app.sessions.cancel(MOD, s.id)
    assert cancelled.status == "cancelled" and cancelled.sequence == 2
    with pytest.raises(Conflict):
        app.sessions.reschedule(MOD, s.id, local("2027-03-25 19:30"), local("2027-03-25 21:30"))
    assert {app.outbox.get(f"event:{s.id}:{n}")["status"] for n in range(3)} == {"pending"}


def test_year_plan_warns_when_too_few(app):
    plan(app)
    plan(app, "2027-06-10 19:30", "2027-06-10 21:30", kind="plein")
    year = app.sessions.year_plan(2027)
    assert [s.kind for s in year.sessions] == ["lab", "plein"]
    assert dict(year.warnings) == {"lab.year_few_labs": {"count": 1, "needed": 4},
                                   "lab.year_few_pleinen": {"count": 1, "needed": 2}}
    for month in ("04", "09", "11"):
        plan(app, f"2027-{month}-08 19:30", f"2027-{month}-08 21:30")
    plan(app, "2027-10-07 19:30", "2027-10-07 21:30", kind="plein")
    assert app.sessions.year_plan(2027).warnings == ()


def test_calendar_round_trip_with_icalendar(app, clock):
    s = plan(app)
    app.sessions.reschedule(MOD, s.id, local("2027-03-18 19:30"), local("2027-03-18 21:30"))
    other = plan(app, "2027-10-28 19:30", "2027-10-28 21:00", theme="Complotdenken")
    app.sessions.cancel(MOD, other.id)
    cal = icalendar.Calendar.from_ical(calendar_bytes(app.sessions.all_sessions(), AMS, clock.now()))
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    moved = events[s.uid]
    assert int(moved["SEQUENCE"]) == 1 and str(moved["STATUS"]) == "CONFIRMED"
    start = moved.decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Amsterdam"
    assert (start.hour, start.minute, start.utcoffset()) == (19, 30, dt.timedelta(hours=1))
    cancelled = events[other.uid]
    assert str(cancelled["STATUS"]) == "CANCELLED" and int(cancelled["SEQUENCE"]) == 1
    assert cancelled.decoded("DTSTART").utcoffset() == dt.timedelta(hours=2)  # still summer time on 28 Oct
    assert [c.name for c in cal.walk("VTIMEZONE")] == ["VTIMEZONE"]


@pytest.mark.parametrize(
    ("start", "offset", "expected_local"),
    [("2027-03-30 19:30", "7d", "2027-03-23 19:30"),   # across the last Sunday of March (28th)
     ("2027-03-29 19:30", "1d", "2027-03-28 19:30"),
     ("2027-03-28 12:00", "1h", "2027-03-28 11:00"),
     ("2027-11-02 19:30", "7d", "2027-10-26 19:30"),   # across the last Sunday of October (31st)
     ("2027-11-01 09:00", "1d", "2027-10-31 09:00"),
     ("2027-10-31 03:30", "1h", "2027-10-31 02:30")],   # 03:30 CET minus an hour is 02:30 CEST
)
def test_reminder_times_across_daylight_saving(start, offset, expected_local):
    when = due_at(local(start), offset, AMS)
    assert when.astimezone(AMS).strftime("%Y-%m-%d %H:%M") == expected_local


def test_reminders_sent_once_each_and_in_order(app, clock):
    clock.set(dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC))
    s = plan(app, "2027-03-30 19:30", "2027-03-30 21:30")
    app.reminders.interest(MEMBER, s.id, dm=True)
    sent = []
    moment = clock.now()
    while moment < s.starts_at:
        sent += app.reminders.send_due()
        sent += app.reminders.send_due()  # the job running twice changes nothing
        moment = clock.advance(minutes=10)
    assert [k.split(":")[2] for k in sent] == ["7d", "1d", "1h"]
    assert app.outbox.get(f"{sent[0]}:dm:discord:1")["channel"] == "dm:discord:1"


def test_reminder_too_late_after_downtime_is_skipped_once(app, clock):
    clock.set(dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC))
    s = plan(app, "2027-03-30 19:30", "2027-03-30 21:30")
    clock.set(local("2027-03-23 19:30") + dt.timedelta(hours=1))  # down at the moment, back within grace
    assert app.reminders.send_due() == [f"reminder:{s.id}:7d:{s.starts_at.isoformat()}"]
    clock.set(local("2027-03-30 18:00"))  # down across the 1d reminder: too late, but 1h is not due yet
    assert app.reminders.send_due() == []
    assert app.outbox.get(f"reminder:{s.id}:1d:{s.starts_at.isoformat()}")["status"] == "skipped"


def test_reschedule_gets_fresh_reminders(app, clock):
    clock.set(dt.datetime(2027, 3, 1, 12, 0, tzinfo=dt.UTC))
    s = plan(app, "2027-03-30 19:30", "2027-03-30 21:30")
    clock.set(local("2027-03-23 19:31"))
    assert len(app.reminders.send_due()) == 1
    app.sessions.reschedule(MOD, s.id, local("2027-04-06 19:30"), local("2027-04-06 21:30"))
    assert app.reminders.send_due() == []
    clock.set(local("2027-03-30 19:31"))
    assert len(app.reminders.send_due()) == 1


def test_state_survives_a_restart(tmp_path, clock):
    settings = Settings(database_path=tmp_path / "labbot.db", pseudonym_secret=SECRET)
    kb = KnowledgeBase(SYNTHETIC, matcher_factory=StubMatcher)
    first = build_app(settings, clock=clock, kb=kb)
    s = plan(first, "2026-12-10 19:30", "2026-12-10 21:30")
    first.close()
    second = build_app(settings, clock=ManualClock(clock.now()), kb=kb)
    assert second.sessions.get(s.id) == s
    second.close()


def test_point3_theme_and_description_pass_the_privacy_guard(app, clock):
    """They reach the scheduled event, the .ics feed, reminders and the digest: masked like a
    reject reason, and the masked text is what is stored."""
    from bot.core.lab.feeds import MODERATORS

    clock.set(dt.datetime(2027, 3, 1, 12, tzinfo=dt.UTC))
    tz = app.settings.tz
    session = app.sessions.plan(MOD, "lab", "Casus van Priscilla Verbeek-Hoorn, bel 06-12345678",
                                "Meer weten? Mail p.verbeek@example.org of bel 06-12345678.",
                                parse_local("2027-03-11 19:30", tz), parse_local("2027-03-11 21:30", tz), "123")
    stored = app.sessions.get(session.id)
    for text in (stored.theme, stored.description, app.feeds.feed(MODERATORS).decode()):
        assert "12345678" not in text and "example.org" not in text
    assert "[TELEFOON]" in stored.theme and "[E-MAIL]" in stored.description
