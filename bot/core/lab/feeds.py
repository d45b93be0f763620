"""The live calendar feed's addresses: a secret token in the path (issue 17, point 7).

One secret, kept in the database (`labbot calendar rotate-token` replaces it, which retires every
address at once). From it, with HMAC-SHA256:

- the network's shared address (advertised in the weekly digest) and the moderators' address,
  one token each;
- a personal address per member (`/lab ics` without a session hands it out privately): `<id><mac>`, where `id`
  is derived from the secret and the member's pseudonym and `mac` authenticates `id`. No table is
  needed: the feed checks the mac, and the id cannot be turned back into the member or their
  pseudonym without the secret (so a leaked address does not tie a member to their anonymous
  items). The cost: one member's address cannot be revoked alone; rotating retires all.

Every comparison uses `hmac.compare_digest`. The members' feeds (shared and personal) leave meeting
links and moderators' descriptions out and hold sessions from the last `KEEP_ENDED` on; the
moderators' feed has everything.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
from zoneinfo import ZoneInfo

import sqlite_utils

from bot.core.clock import Clock, iso
from bot.core.errors import NotFound
from bot.core.identity import Identity, no_privilege, requires
from bot.core.lab import store
from bot.core.lab.calendar import calendar_bytes
from bot.core.lab.sessions import SessionService
from bot.core.models import Privilege, Request
from bot.core.rights.audit import AuditLog

MEMBERS, MODERATORS = "members", "moderators"
KEEP_ENDED = dt.timedelta(days=180)
TOKEN = re.compile(r"^[0-9a-f]{32}(?:[0-9a-f]{16})?$")
_MAX_ID = 2**63 - 1


class CalendarFeeds:
    TABLES = ()  # the secret is no member data; personal addresses are derived, not stored
    MEMBER_COLUMNS: dict = {}

    def __init__(self, db: sqlite_utils.Database, clock: Clock, identity: Identity, audit: AuditLog,
                 sessions: SessionService, tz: ZoneInfo, base_url: str | None) -> None:
        self.db, self.clock, self.identity, self.audit = db, clock, identity, audit
        self.sessions, self.tz = sessions, tz
        base = (base_url or "").rstrip("/")
        base = base.removesuffix("/kalender.ics")  # the address as it was set before the feed had tokens
        self.base_url = base or None

    # -- the secret ---------------------------------------------------------------------------
    def _secret(self) -> bytes:
        secret = store.calendar_secret(self.db)
        if secret is None:
            secret = secrets.token_urlsafe(32)
            store.set_calendar_secret(self.db, secret, iso(self.clock.now()))
        return secret.encode("utf-8")

    def _mac(self, *parts: str, length: int = 32) -> str:
        return hmac.new(self._secret(), ":".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()[:length]

    @requires(Privilege.ADMIN)
    def rotate(self, req: Request) -> None:
        """A new secret: every feed address handed out so far stops working (audit-logged)."""
        store.set_calendar_secret(self.db, secrets.token_urlsafe(32), iso(self.clock.now()))
        self.audit.record(req, "calendar.rotate", "calendar", 0)

    # -- addresses ----------------------------------------------------------------------------
    @no_privilege('the feed\'s own check: the secret token in its path')
    def token(self, audience: str) -> str:
        """The shared token of `audience` (MEMBERS: the network's address; MODERATORS)."""
        return self._mac("audience", audience)

    @no_privilege('the feed\'s own check: the secret token in its path')
    def member_token(self, user_id: str) -> str:
        ident = self._mac("member", self.identity.pseudonym(user_id), length=16)
        return ident + self._mac("member-token", ident)

    @no_privilege('the feed\'s own check: the secret token in its path')
    def url(self, token: str) -> str | None:
        return f"{self.base_url}/kalender/{token}.ics" if self.base_url else None

    @requires(Privilege.MEMBER)
    def address(self, req: Request) -> tuple[str, str | None]:
        """(audience, address) for the asker: moderators get the moderators' feed, a member their
        personal one. The address is None when LABBOT_CALENDAR_URL is not set."""
        if req.privilege >= Privilege.MODERATOR:
            return MODERATORS, self.url(self.token(MODERATORS))
        return MEMBERS, self.url(self.member_token(req.user_id))

    @no_privilege('the feed\'s own check: the secret token in its path')
    def network_address(self) -> str | None:
        """The network's shared address, for the weekly digest."""
        return self.url(self.token(MEMBERS))

    @no_privilege('the feed\'s own check: the secret token in its path')
    def audience_of(self, token: str) -> str | None:
        """Which feed a token opens, or None (every comparison in constant time)."""
        if not TOKEN.match(token or ""):
            return None
        if len(token) == 48:
            ident, mac = token[:16], token[16:]
            return MEMBERS if hmac.compare_digest(mac, self._mac("member-token", ident)) else None
        moderators = hmac.compare_digest(token, self.token(MODERATORS))
        members = hmac.compare_digest(token, self.token(MEMBERS))
        return MODERATORS if moderators else MEMBERS if members else None

    # -- the feeds ----------------------------------------------------------------------------
    @no_privilege('the feed\'s own check: the secret token in its path')
    def feed(self, audience: str) -> bytes:
        sessions = self.sessions.all_sessions()
        if audience != MODERATORS:
            since = self.clock.now() - KEEP_ENDED
            sessions = [s for s in sessions if s.ends_at >= since]
        return calendar_bytes(sessions, self.tz, self.clock.now(), moderators=audience == MODERATORS)

    @no_privilege('the feed\'s own check: the secret token in its path')
    def one(self, audience: str, raw_id: str) -> tuple[int, bytes]:
        """One session's .ics; any id that is not a plain stored number is NotFound."""
        if not raw_id.isdigit() or not raw_id.isascii() or int(raw_id) > _MAX_ID:
            raise NotFound("lab.session_not_found", session_id=raw_id[:20])
        session = self.sessions.get(int(raw_id))
        if audience != MODERATORS and session.ends_at < self.clock.now() - KEEP_ENDED:
            raise NotFound("lab.session_not_found", session_id=session.id)
        return session.id, calendar_bytes([session], self.tz, self.clock.now(), moderators=audience == MODERATORS)
