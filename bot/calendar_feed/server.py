"""The live iCalendar feed, served by the bot over HTTP (aiohttp, already a discord.py dependency).

    GET /kalender/<token>.ics                 the sessions the token may see
    GET /kalender/<token>/sessie/<id>.ics     one session
    GET /healthz                              200 {"status": "ok"} or 503 with the reasons (no member data)

The token is secret (see `bot.core.lab.feeds`): the network's shared one (in the weekly digest), a
member's personal one (`/lab ics` without a session) or the moderators' one; anything else, and any malformed or
unknown session id, is a 404 that says nothing more. The members' feeds carry no meeting links and
no moderators' descriptions. Subscribe in Outlook or Google Calendar; a reschedule reaches them on
their next refresh (stable UIDs, SEQUENCE raised on change). Put it behind a reverse proxy with TLS
for use outside the host, and set LABBOT_CALENDAR_URL to the public address.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.core.app import Labbot
from bot.core.errors import NotFound
from bot.core.ops import evaluate

log = logging.getLogger("labbot.calendar")
ICS = "text/calendar"
PRIVATE = {"Cache-Control": "private, max-age=300", "Referrer-Policy": "no-referrer"}


def make_app(app: Labbot) -> web.Application:
    def audience(request: web.Request) -> str:
        found = app.feeds.audience_of(request.match_info["token"])
        if found is None:
            raise web.HTTPNotFound(text="niet gevonden")
        return found

    async def feed(request: web.Request) -> web.Response:
        body = app.feeds.feed(audience(request))
        return web.Response(body=body, content_type=ICS, charset="utf-8", headers=PRIVATE)

    async def one(request: web.Request) -> web.Response:
        who = audience(request)
        try:
            session_id, body = app.feeds.one(who, request.match_info["session_id"])
        except NotFound:
            raise web.HTTPNotFound(text="niet gevonden") from None
        return web.Response(body=body, content_type=ICS, charset="utf-8", headers={
            **PRIVATE, "Content-Disposition": f'attachment; filename="sessie-{session_id}.ics"'})

    async def healthz(request: web.Request) -> web.Response:
        verdict = evaluate(app.health, app.db, app.clock.now())
        return web.json_response(verdict.to_json(), status=200 if verdict.healthy else 503,
                                 headers={"Cache-Control": "no-store"})

    web_app = web.Application()
    web_app.add_routes([web.get("/kalender/{token}.ics", feed),
                        web.get("/kalender/{token}/sessie/{session_id}.ics", one),
                        web.get("/healthz", healthz)])
    return web_app


async def start(app: Labbot) -> web.AppRunner | None:
    if not app.settings.calendar_port:
        return None
    runner = web.AppRunner(make_app(app), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, app.settings.calendar_host, app.settings.calendar_port)
    try:
        await site.start()
    except OSError as exc:
        log.error("calendar feed not started on %s:%s: %s", app.settings.calendar_host, app.settings.calendar_port,
                  exc.strerror)
        await runner.cleanup()
        return None
    log.info("calendar feed on http://%s:%s/kalender/<token>.ics", app.settings.calendar_host,
             app.settings.calendar_port)
    return runner
