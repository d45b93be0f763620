"""The live iCalendar feed served by the bot (aiohttp on 127.0.0.1): a secret token in every path,
members' feeds without meeting links or moderators' descriptions (issue 17, point 7), and a 404
for every malformed or unknown session id (point 8)."""

import hmac

import icalendar
import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.calendar_feed.server import make_app
from bot.core.errors import NotAllowed
from bot.core.lab.feeds import MEMBERS, MODERATORS
from bot.core.models import Privilege, Request
from bot.core.timeparse import parse_local

MOD = Request(user_id="discord:9", privilege=Privilege.MODERATOR)
ADMIN = Request(user_id="discord:1", privilege=Privilege.ADMIN)
MEMBER = Request(user_id="discord:42")
LINK = "https://meet.example.org/geheime-kamer"
NOTE = "Intern: spreker nog bevestigen"


def plan(app, theme="Online", link=LINK, description=NOTE):
    tz = app.settings.tz
    return app.sessions.plan(MOD, "lab", theme, description, parse_local("2027-03-11 19:30", tz),
                             parse_local("2027-03-11 21:30", tz), link)


def events(body: bytes):
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


@pytest.fixture
async def client(app):
    async with TestClient(TestServer(make_app(app), host="127.0.0.1")) as client:
        yield client


async def test_feed_follows_a_reschedule(app, client):
    tz = app.settings.tz
    s = plan(app)
    token = app.feeds.token(MODERATORS)
    first = await client.get(f"/kalender/{token}.ics")
    assert first.status == 200 and first.content_type == "text/calendar"
    event = events(await first.read())[0]
    assert str(event["UID"]) == s.uid and int(event["SEQUENCE"]) == 0
    app.sessions.reschedule(MOD, s.id, parse_local("2027-03-18 19:30", tz), parse_local("2027-03-18 21:30", tz))
    again = events(await (await client.get(f"/kalender/{token}.ics")).read())[0]
    assert str(again["UID"]) == s.uid and int(again["SEQUENCE"]) == 1
    assert again.decoded("DTSTART").day == 18
    one = await client.get(f"/kalender/{token}/sessie/{s.id}.ics")
    assert one.status == 200 and "attachment" in one.headers["Content-Disposition"]


async def test_point7_no_secret_no_feed(app, client):
    s = plan(app)
    for path in ("/kalender.ics", f"/sessie/{s.id}.ics", "/kalender/0123456789abcdef0123456789abcdef.ics",
                 f"/kalender/{'0' * 48}.ics", "/kalender/../kalender.ics", f"/kalender/x/sessie/{s.id}.ics",
                 f"/kalender/{app.feeds.token(MEMBERS).upper()}.ics"):
        response = await client.get(path)
        assert response.status == 404, path
        assert LINK not in await response.text()


async def test_point7_members_feed_has_no_links_and_no_internal_description(app, client):
    s = plan(app)
    for token in (app.feeds.token(MEMBERS), app.feeds.member_token(MEMBER.user_id)):
        for path in (f"/kalender/{token}.ics", f"/kalender/{token}/sessie/{s.id}.ics"):
            response = await client.get(path)
            body = await response.read()
            assert response.status == 200, path
            event = events(body)[0]
            assert LINK.encode() not in body and b"geheime-kamer" not in body
            assert "URL" not in event and "DESCRIPTION" not in event
            assert NOTE.encode() not in body and "private" in response.headers["Cache-Control"]
    moderators = await (await client.get(f"/kalender/{app.feeds.token(MODERATORS)}.ics")).read()
    assert LINK.encode() in moderators and b"spreker nog bevestigen" in moderators


async def test_point7_tokens_are_personal_and_compared_in_constant_time(app, monkeypatch):
    mine, theirs = app.feeds.member_token("discord:42"), app.feeds.member_token("discord:43")
    assert mine != theirs and len(mine) == 48
    assert app.identity.pseudonym("discord:42")[5:] not in mine  # the address does not carry the pseudonym
    assert app.feeds.audience_of(mine) == MEMBERS
    assert app.feeds.audience_of(mine[:16] + theirs[16:]) is None  # a forged personal token
    compared = []
    real = hmac.compare_digest
    monkeypatch.setattr("bot.core.lab.feeds.hmac.compare_digest", lambda a, b: compared.append(1) or real(a, b))
    app.feeds.audience_of(app.feeds.token(MEMBERS))
    app.feeds.audience_of(mine)
    assert len(compared) >= 2


async def test_point7_rotating_retires_every_address(app, client):
    plan(app)
    old = [app.feeds.token(MEMBERS), app.feeds.token(MODERATORS), app.feeds.member_token(MEMBER.user_id)]
    with pytest.raises(NotAllowed):
        app.feeds.rotate(MOD)
    app.feeds.rotate(ADMIN)
    for token in old:
        assert (await client.get(f"/kalender/{token}.ics")).status == 404
    assert (await client.get(f"/kalender/{app.feeds.token(MEMBERS)}.ics")).status == 200
    assert [r["action"] for r in app.audit.read(ADMIN)][0] == "calendar.rotate"


def test_point7_agenda_hands_each_their_own_address(app):
    from bot.core.lab.feeds import CalendarFeeds

    feeds = CalendarFeeds(app.db, app.clock, app.identity, app.audit, app.sessions, app.settings.tz,
                          "https://labbot.example.org/kalender.ics")  # the old-style setting still works
    assert feeds.address(MEMBER) == (MEMBERS, f"https://labbot.example.org/kalender/{feeds.member_token('discord:42')}.ics")
    assert feeds.address(MOD) == (MODERATORS, f"https://labbot.example.org/kalender/{feeds.token(MODERATORS)}.ics")
    assert app.feeds.address(MEMBER) == (MEMBERS, None)  # no LABBOT_CALENDAR_URL: no address


@pytest.mark.parametrize("raw", ["99999999999999999999999", "9223372036854775808", "-1", "0", "1e3", "١", "%20",
                                 "0x1", "1.0", "%2e%2e", "999"])
async def test_point8_malformed_or_overflowing_session_ids_are_404(app, client, raw):
    plan(app)
    token = app.feeds.token(MODERATORS)
    response = await client.get(f"/kalender/{token}/sessie/{raw}.ics")
    assert response.status == 404
    assert "Traceback" not in await response.text()


def test_point8_session_lookup_overflow_is_not_found(app):
    from bot.core.errors import NotFound

    with pytest.raises(NotFound):
        app.sessions.get(99999999999999999999999)
