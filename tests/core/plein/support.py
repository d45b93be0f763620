"""Shared helpers for the informatieplein tests (synthetic data only)."""

from __future__ import annotations

from bot.core.clock import iso
from bot.core.models import Privilege, Request
from bot.core.plein.service import PleinService
from bot.core.region import load_region
from bot.core.store import T

PARTNER = Request(user_id="discord:101", privilege=Privilege.PARTNER)
OTHER_PARTNER = Request(user_id="discord:102", privilege=Privilege.PARTNER)
MEMBER = Request(user_id="discord:201", privilege=Privilege.MEMBER)
MODERATOR = Request(user_id="discord:301", privilege=Privilege.MODERATOR)
REGION = load_region()


def make_plein(app) -> PleinService:
    """The service as build_app will wire it; also attached as `app.plein` for the doors."""
    app.plein = PleinService(app.db, app.clock, app.identity, app.guard, app.audit, REGION)
    return app.plein


def share(plein, req=PARTNER, **fields):
    values = {"municipality": "Alkmaar", "theme": "polarisatie", "direction": "stijgend",
              "seen": "Meer spanning in klassen na beelden van een internationaal conflict."} | fields
    return plein.share(req, **values)


def add_session(app, *, ends_at: str | None = None, status: str = "planned", starts_at: str | None = None) -> int:
    now = iso(app.clock.now())
    return app.db[T.sessions].insert({
        "kind": "plein", "theme": "Informatieplein", "starts_at": starts_at or now, "ends_at": ends_at or now,
        "status": status, "uid": f"plein-{app.db[T.sessions].count + 1}@test", "created_at": now}).last_pk
