"""iCalendar for sessions: one `.ics` per session and a feed of all, so that a reschedule reaches
Outlook and Google. Stable UIDs, SEQUENCE raised on every change, cancellations as
STATUS:CANCELLED, times in Europe/Amsterdam with the VTIMEZONE included."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar

from bot.core.lab.sessions import Session, kind_label

PRODID = "-//Labbot//CTER-netwerk//NL"


def _event(session: Session, tz: ZoneInfo, stamp: dt.datetime) -> icalendar.Event:
    e = icalendar.Event()
    e.add("uid", session.uid)
    e.add("sequence", session.sequence)
    e.add("dtstamp", stamp.astimezone(dt.UTC))
    e.add("dtstart", session.starts_at.astimezone(tz))
    e.add("dtend", session.ends_at.astimezone(tz))
    e.add("summary", f"{kind_label(session.kind)}: {session.theme}")
    if session.description:
        e.add("description", session.description)
    location = session.location if session.location_kind == "external" else "Discord (netwerkserver)"
    e.add("location", location)
    if session.location_kind == "external":
        e.add("url", session.location)
    e.add("status", "CANCELLED" if session.status == "cancelled" else "CONFIRMED")
    return e


def calendar_bytes(sessions: Iterable[Session], tz: ZoneInfo, stamp: dt.datetime,
                   name: str = "CTER-netwerk: living labs en informatiepleinen") -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(tz))
    for session in sessions:
        cal.add_component(_event(session, tz, stamp))
    cal.add_missing_timezones()
    return cal.to_ical()
