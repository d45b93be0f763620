"""The live iCalendar feed served by the bot (aiohttp on 127.0.0.1)."""

import icalendar
from aiohttp.test_utils import TestClient, TestServer

from bot.calendar_feed.server import make_app
from bot.core.models import Privilege, Request
from bot.core.timeparse import parse_local

MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)


async def test_feed_follows_a_reschedule(app):
    tz = app.settings.tz
    s = app.sessions.plan(MOD, "lab", "Online", "", parse_local("2027-03-11 19:30", tz),
                          parse_local("2027-03-11 21:30", tz), "https://meet.example.org/x")
    async with TestClient(TestServer(make_app(app), host="127.0.0.1")) as client:
        first = await client.get("/kalender.ics")
        assert first.status == 200 and first.content_type == "text/calendar"
        event = icalendar.Calendar.from_ical(await first.read()).walk("VEVENT")[0]
        assert str(event["UID"]) == s.uid and int(event["SEQUENCE"]) == 0
        app.sessions.reschedule(MOD, s.id, parse_local("2027-03-18 19:30", tz), parse_local("2027-03-18 21:30", tz))
        again = icalendar.Calendar.from_ical(await (await client.get("/kalender.ics")).read()).walk("VEVENT")[0]
        assert str(again["UID"]) == s.uid and int(again["SEQUENCE"]) == 1
        assert again.decoded("DTSTART").day == 18
        one = await client.get(f"/sessie/{s.id}.ics")
        assert one.status == 200 and "attachment" in one.headers["Content-Disposition"]
        assert (await client.get("/sessie/999.ics")).status == 404
        assert (await client.get("/sessie/abc.ics")).status == 404
