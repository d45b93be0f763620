"""The live iCalendar feed, served by the bot over HTTP (aiohttp, already a discord.py dependency).

    GET /kalender.ics          all sessions (cancelled ones as STATUS:CANCELLED)
    GET /sessie/<id>.ics       one session
    GET /healthz               200 {"status": "ok"} or 503 with the reasons (no member data)

Subscribe to the first URL in Outlook or Google Calendar; a reschedule reaches them on their next
refresh (stable UIDs, SEQUENCE raised on change). Put it behind a reverse proxy with TLS for use
outside the host, and set LABBOT_CALENDAR_URL to the public address.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.core.app import Labbot
from bot.core.errors import NotFound
from bot.core.lab.calendar import calendar_bytes
from bot.core.ops import evaluate

log = logging.getLogger("labbot.calendar")
ICS = "text/calendar"


def make_app(app: Labbot) -> web.Application:
    async def feed(request: web.Request) -> web.Response:
        body = calendar_bytes(app.sessions.all_sessions(), app.settings.tz, app.clock.now())
        return web.Response(body=body, content_type=ICS, charset="utf-8",
                            headers={"Cache-Control": "max-age=300"})

    async def one(request: web.Request) -> web.Response:
        raw = request.match_info["session_id"]
        try:
            session = app.sessions.get(int(raw))
        except (ValueError, NotFound):
            raise web.HTTPNotFound(text="onbekende sessie") from None
        body = calendar_bytes([session], app.settings.tz, app.clock.now())
        return web.Response(body=body, content_type=ICS, charset="utf-8",
                            headers={"Content-Disposition": f'attachment; filename="sessie-{session.id}.ics"'})

    async def healthz(request: web.Request) -> web.Response:
        verdict = evaluate(app.health, app.db, app.clock.now())
        return web.json_response(verdict.to_json(), status=200 if verdict.healthy else 503,
                                 headers={"Cache-Control": "no-store"})

    web_app = web.Application()
    web_app.add_routes([web.get("/kalender.ics", feed), web.get(r"/sessie/{session_id}.ics", one),
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
    log.info("calendar feed on http://%s:%s/kalender.ics", app.settings.calendar_host, app.settings.calendar_port)
    return runner
