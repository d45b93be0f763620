"""iCalendar for sessions: one `.ics` per session and a feed of all, so that a reschedule reaches
Outlook and Google. Stable UIDs, SEQUENCE raised on every change, cancellations as
STATUS:CANCELLED, times in Europe/Amsterdam with the VTIMEZONE included.

Two variants (issue 17, point 7): the members' variant (`moderators=False`, the default) leaves
the meeting link out (LOCATION says where to find it, no URL) and the moderators' description out;
the moderators' variant has both. Themes are made plain (`bot.core.publish.plain_text`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

import icalendar

from bot.core.i18n import t
from bot.core.lab.sessions import Session, kind_label
from bot.core.publish import plain_text

PRODID = "-//Labbot//CTER-netwerk//NL"


def _event(session: Session, tz: ZoneInfo, stamp: dt.datetime, moderators: bool) -> icalendar.Event:
    e = icalendar.Event()
    e.add("uid", session.uid)
    e.add("sequence", session.sequence)
    e.add("dtstamp", stamp.astimezone(dt.UTC))
    e.add("dtstart", session.starts_at.astimezone(tz))
    e.add("dtend", session.ends_at.astimezone(tz))
    e.add("summary", f"{kind_label(session.kind)}: {plain_text(session.theme, 200)}")
    external = session.location_kind == "external"
    if moderators and session.description:
        e.add("description", plain_text(session.description, one_line=False))
    if moderators and external:
        e.add("location", session.location)
        e.add("url", session.location)
    else:
        e.add("location", t("lab.ics_where_external" if external else "lab.ics_where_channel"))
    e.add("status", "CANCELLED" if session.status == "cancelled" else "CONFIRMED")
    return e


def calendar_bytes(sessions: Iterable[Session], tz: ZoneInfo, stamp: dt.datetime,
                   name: str = "CTER-netwerk: living labs en informatiepleinen", *,
                   moderators: bool = False) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", str(tz))
    for session in sessions:
        cal.add_component(_event(session, tz, stamp, moderators))
    cal.add_missing_timezones()
    return cal.to_ical()
