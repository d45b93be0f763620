"""Reminders before a session, in the network channel and (for members who opted in) privately.

Offsets are configurable (`LABBOT_REMINDERS`, default "7d,1d,1h"). Day offsets are wall-clock
days in the network's time zone (a session at 19:30 is announced at 19:30 a week before, also
across the change to or from summer time); hour and minute offsets are absolute.

`send_due(now)` is the whole job: it computes from the database which reminders are due, and
enqueues each under a key with the session's start time, so it is sent exactly once, even when
the job runs twice or after a restart; a reschedule gets fresh reminders. A reminder that fell
due more than `grace` ago (Labbot was down) is logged and skipped: too late to matter.
"""

from __future__ import annotations

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import sqlite_utils

from bot.core.clock import Clock, iso
from bot.core.errors import InvalidInput
from bot.core.identity import PLUMBING, RIGHTS, no_privilege, requires
from bot.core.lab.sessions import Session, SessionService, kind_label
from bot.core.models import Privilege, Request
from bot.core.notify import EmbedData, OutMessage
from bot.core.outbox import OutboxService
from bot.core.publish import public_text
from bot.core.store import T, delete_member_rows, member_rows
from bot.core.text import shorten

log = logging.getLogger("labbot.reminders")
DEFAULT_OFFSETS = ("7d", "1d", "1h")


def due_at(starts_at: dt.datetime, offset: str, tz: ZoneInfo) -> dt.datetime:
    amount, unit = int(offset[:-1]), offset[-1]
    if unit == "d":
        local = starts_at.astimezone(tz).replace(tzinfo=None) - dt.timedelta(days=amount)
        return local.replace(tzinfo=tz, fold=0).astimezone(dt.UTC)
    return starts_at - (dt.timedelta(hours=amount) if unit == "h" else dt.timedelta(minutes=amount))


class ReminderService:
    TABLES = (T.interest,)
    MEMBER_COLUMNS = {T.interest: ("user_id",)}

    def __init__(self, db: sqlite_utils.Database, clock: Clock, sessions: SessionService, outbox: OutboxService,
                 tz: ZoneInfo, offsets: tuple[str, ...] = DEFAULT_OFFSETS,
                 grace: dt.timedelta = dt.timedelta(hours=2)) -> None:
        self.db, self.clock, self.sessions, self.outbox = db, clock, sessions, outbox
        self.tz, self.offsets, self.grace = tz, offsets, grace

    @requires(Privilege.MEMBER)
    def interest(self, req: Request, session_id: int, dm: bool) -> None:
        """Mark interest in a session; `dm` opts in to private reminders."""
        session = self.sessions.get(session_id)
        if session.status not in ("planned", "running"):
            raise InvalidInput("lab.not_open", theme=session.theme[:80])
        self.db[T.interest].upsert({"session_id": session_id, "user_id": req.user_id, "dm": int(dm),
                                    "created_at": iso(self.clock.now())}, pk=("session_id", "user_id"))


    @no_privilege(PLUMBING)
    def send_due(self) -> list[str]:
        """Enqueue every reminder that is due now; returns the keys that were new."""
        now = self.clock.now()
        sent = []
        for session in self.sessions.upcoming(limit=200):
            if session.status != "planned":
                continue
            for offset in self.offsets:
                when = due_at(session.starts_at, offset, self.tz)
                if when > now or now >= session.starts_at:
                    continue
                key = f"reminder:{session.id}:{offset}:{iso(session.starts_at)}"
                if now - when > self.grace:
                    if self.outbox.get(key) is None:
                        log.info("reminder %s skipped: due %s, too late to matter", key, iso(when))
                        self.outbox.record_skip(key)  # remember the decision
                    continue
                if self.outbox.enqueue(key, "network", self._message(session, offset, key)):
                    sent.append(key)
                    for row in self.db[T.interest].rows_where("session_id = ? and dm = 1", [session.id]):
                        self.outbox.enqueue(f"{key}:dm:{row['user_id']}", f"dm:{row['user_id']}",
                                            self._message(session, offset, f"{key}:dm"))
        return sent

    def _message(self, session: Session, offset: str, key: str) -> OutMessage:
        kind = kind_label(session.kind)
        amount, unit = int(offset[:-1]), offset[-1]
        words = {"d": ("dag", "dagen"), "h": ("uur", "uur"), "m": ("minuut", "minuten")}[unit]
        soon = "over een week" if offset == "7d" else f"over {amount} {words[0] if amount == 1 else words[1]}"
        where = session.location if session.location_kind == "external" else f"<#{session.location}>"
        return OutMessage(embeds=(EmbedData(
            title=f"{kind} {soon}: {public_text(session.theme, 200)}",
            description=shorten(f"{self.sessions.when(session)} · {where}\n"
                                f"{public_text(session.description, one_line=False)}", 4000),
            ),))

    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        return {T.interest: member_rows(self.db, T.interest, "user_id", keys)}

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        return {T.interest: delete_member_rows(self.db, T.interest, "user_id", keys)}
