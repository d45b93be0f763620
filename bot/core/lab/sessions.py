"""Living labs and informatiepleinen as sessions: plan, reschedule, cancel, the year view, and
running a session (thread with the agenda, the current item, closing).

Every change to what the outside world sees goes through the outbox: the Discord scheduled
event is synced by the `event.sync` operation (one per change, keyed by the iCalendar
SEQUENCE), the session thread by `thread.open`, posts by `post`.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import sqlite_utils

from bot.core.clock import Clock, iso, parse_iso
from bot.core.errors import Conflict, InvalidInput, NotFound
from bot.core.guard import PrivacyGuard
from bot.core.i18n import t
from bot.core.identity import PLUMBING, PUBLIC, PURE, RIGHTS, no_privilege, requires
from bot.core.lab import store
from bot.core.models import Privilege, Request
from bot.core.outbox import OutboxService
from bot.core.publish import plain_text, public_text
from bot.core.rights.audit import AuditLog
from bot.core.store import T, clear_member_column, member_rows
from bot.core.text import clean_input, clean_title, shorten
from bot.core.timeparse import fmt_local

KINDS = ("lab", "plein")
MAX_THEME = 200
MAX_DESCRIPTION = 2000
MAX_DURATION = dt.timedelta(hours=24)
MIN_DURATION = dt.timedelta(minutes=15)
DEFAULT_INTAKE = dt.timedelta(days=14)
LABS_PER_YEAR = 4
PLEINEN_PER_YEAR = 2
_URL = re.compile(r"^https://[^\s/$.?#][^\s]{2,500}$")


def kind_label(kind: str, lang: str = "nl") -> str:
    """"Living lab" or "Informatieplein" (the bot texts lab.kind.*)."""
    return t(f"lab.kind.{kind}", lang)


@dataclass(frozen=True)
class Session:
    id: int
    kind: str
    theme: str
    description: str
    starts_at: dt.datetime
    ends_at: dt.datetime
    location_kind: str
    location: str
    intake_opens_at: dt.datetime
    status: str
    sequence: int
    uid: str
    discord_event_id: str | None = None
    thread_id: str | None = None
    current_item_id: int | None = None
    closed_at: dt.datetime | None = None

    @classmethod
    def from_row(cls, r: dict) -> Session:
        return cls(
            id=r["id"], kind=r["kind"], theme=r["theme"], description=r["description"] or "",
            starts_at=parse_iso(r["starts_at"]), ends_at=parse_iso(r["ends_at"]),
            location_kind=r["location_kind"], location=r["location"], intake_opens_at=parse_iso(r["intake_opens_at"]),
            status=r["status"], sequence=r["sequence"], uid=r["uid"], discord_event_id=r["discord_event_id"],
            thread_id=r["thread_id"], current_item_id=r["current_item_id"],
            closed_at=parse_iso(r["closed_at"]) if r["closed_at"] else None)

    def intake_open(self, now: dt.datetime) -> bool:
        return self.status in ("planned", "running") and self.intake_opens_at <= now < self.ends_at


@dataclass(frozen=True)
class YearPlan:
    year: int
    sessions: tuple[Session, ...]
    warnings: tuple[tuple[str, dict], ...]   # (i18n key, params)


class SessionService:
    TABLES = (T.sessions,)  # only `created_by`, the moderator who planned it
    MEMBER_COLUMNS = {T.sessions: ("created_by",)}

    def __init__(self, db: sqlite_utils.Database, clock: Clock, audit: AuditLog, outbox: OutboxService,
                 tz: ZoneInfo, guard: PrivacyGuard | None = None) -> None:
        self.db = db
        self.guard = guard  # theme and description are published: personal data is masked, as in reject reasons
        self.clock = clock
        self.audit = audit
        self.outbox = outbox
        self.tz = tz
        self.close_listeners: list = []  # called with the session id when it closes (vote posts go final)

    # -- reading ------------------------------------------------------------------------------
    @no_privilege(PUBLIC + ' (themes and times; links and descriptions are left out by the members\' renderers)')
    def get(self, session_id: int) -> Session:
        try:
            return Session.from_row(self.db[T.sessions].get(session_id))
        except (sqlite_utils.db.NotFoundError, TypeError, ValueError, OverflowError):
            raise NotFound("lab.session_not_found", session_id=str(session_id)[:20]) from None

    @no_privilege(PUBLIC)
    def upcoming(self, kind: str | None = None, limit: int = 10) -> list[Session]:
        where = "status in ('planned', 'running') and ends_at > ?" + (" and kind = ?" if kind else "")
        args = [iso(self.clock.now())] + ([kind] if kind else [])
        return [Session.from_row(r) for r in self.db[T.sessions].rows_where(where, args, order_by="starts_at",
                                                                            limit=limit)]

    @no_privilege(PUBLIC + ' (themes and times; links and descriptions are left out by the members\' renderers)')
    def all_sessions(self) -> list[Session]:
        return [Session.from_row(r) for r in self.db[T.sessions].rows_where(order_by="starts_at")]


    @no_privilege(PUBLIC)
    def year_plan(self, year: int) -> YearPlan:
        start, end = f"{year:04d}-01-01", f"{year + 1:04d}-01-01"
        rows = self.db[T.sessions].rows_where("starts_at >= ? and starts_at < ? and status != 'cancelled'",
                                              [start, end], order_by="starts_at")
        sessions = tuple(Session.from_row(r) for r in rows)
        labs = sum(1 for s in sessions if s.kind == "lab")
        pleinen = sum(1 for s in sessions if s.kind == "plein")
        warnings = []
        if labs < LABS_PER_YEAR:
            warnings.append(("lab.year_few_labs", {"count": labs, "needed": LABS_PER_YEAR}))
        if pleinen < PLEINEN_PER_YEAR:
            warnings.append(("lab.year_few_pleinen", {"count": pleinen, "needed": PLEINEN_PER_YEAR}))
        return YearPlan(year, sessions, tuple(warnings))

    # -- planning -----------------------------------------------------------------------------
    def _validate_times(self, starts: dt.datetime, ends: dt.datetime) -> None:
        if starts.tzinfo is None or ends.tzinfo is None:
            raise ValueError("session times must be timezone-aware")
        if ends <= starts:
            raise InvalidInput("lab.end_before_start")
        if starts <= self.clock.now():
            raise InvalidInput("lab.in_the_past")
        if ends - starts > MAX_DURATION:
            raise InvalidInput("lab.too_long", hours=int(MAX_DURATION.total_seconds() // 3600))
        if ends - starts < MIN_DURATION:
            raise InvalidInput("lab.too_short", minutes=int(MIN_DURATION.total_seconds() // 60))

    @staticmethod
    def _validate_location(location: str) -> tuple[str, str]:
        location = (location or "").strip()
        if location.isdigit():
            return "channel", location
        if _URL.match(location):
            return "external", location
        raise InvalidInput("lab.bad_location")

    @requires(Privilege.MODERATOR)
    def plan(self, req: Request, kind: str, theme: str, description: str, starts: dt.datetime, ends: dt.datetime,
             location: str, intake_opens: dt.datetime | None = None) -> Session:
        if kind not in KINDS:
            raise InvalidInput("lab.bad_kind")
        theme, description = clean_title(theme), clean_input(description)
        if not theme:
            raise InvalidInput("lab.theme_empty")
        if len(theme) > MAX_THEME:
            raise InvalidInput("lab.theme_too_long", length=len(theme), limit=MAX_THEME)
        if len(description) > MAX_DESCRIPTION:
            raise InvalidInput("lab.description_too_long", length=len(description), limit=MAX_DESCRIPTION)
        if self.guard is not None:  # they reach the event, the .ics feed, reminders and the digest
            theme = self.guard.scrub(theme, what="session theme")
            description = self.guard.scrub(description, what="session description") if description else ""
        self._validate_times(starts, ends)
        location_kind, location = self._validate_location(location)
        now = self.clock.now()
        opens = intake_opens or max(now, starts - DEFAULT_INTAKE)
        if opens > starts:
            raise InvalidInput("lab.intake_after_start")
        row = {
            "kind": kind, "theme": theme, "description": description, "starts_at": iso(starts), "ends_at": iso(ends),
            "location_kind": location_kind, "location": location, "intake_opens_at": iso(opens),
            "status": "planned", "sequence": 0, "uid": f"{uuid.uuid4()}@labbot", "created_by": req.user_id,
            "created_at": iso(now), "updated_at": iso(now),
        }
        session_id = self.db[T.sessions].insert(row).last_pk
        self.audit.record(req, "session.plan", kind, session_id)
        self._sync_event(session_id, 0)
        return self.get(session_id)

    @requires(Privilege.MODERATOR)
    def reschedule(self, req: Request, session_id: int, starts: dt.datetime, ends: dt.datetime) -> Session:
        session = self.get(session_id)
        if session.status != "planned":
            raise Conflict("lab.not_planned", status=session.status)
        self._validate_times(starts, ends)
        opens = min(session.intake_opens_at, starts)
        sequence = session.sequence + 1
        changed = store.reschedule_if_sequence(self.db, session_id, session.sequence, {
            "starts_at": iso(starts), "ends_at": iso(ends), "intake_opens_at": iso(opens), "sequence": sequence,
            "updated_at": iso(self.clock.now())})
        if changed != 1:
            raise Conflict("error.conflict")
        self.audit.record(req, "session.reschedule", session.kind, session_id, sequence=sequence)
        self._sync_event(session_id, sequence)
        return self.get(session_id)

    @requires(Privilege.MODERATOR)
    def cancel(self, req: Request, session_id: int) -> Session:
        session = self.get(session_id)
        if session.status in ("closed", "cancelled"):
            raise Conflict("lab.not_planned", status=session.status)
        sequence = session.sequence + 1
        self.db[T.sessions].update(session_id, {"status": "cancelled", "sequence": sequence,
                                                "updated_at": iso(self.clock.now())})
        self.audit.record(req, "session.cancel", session.kind, session_id)
        self._sync_event(session_id, sequence)
        return self.get(session_id)

    def _sync_event(self, session_id: int, sequence: int) -> None:
        self.outbox.enqueue(f"event:{session_id}:{sequence}", "guild", op="event.sync",
                            data={"session_id": session_id})

    @no_privilege(PLUMBING + ' (the door records the ids Discord confirmed)')
    def set_discord_ids(self, session_id: int, *, event_id: str | None = None, thread_id: str | None = None) -> None:
        """Recorded by the door once Discord confirmed the event or thread."""
        values = {k: v for k, v in (("discord_event_id", event_id), ("thread_id", thread_id)) if v is not None}
        if values:
            self.db[T.sessions].update(session_id, values)

    # -- running ------------------------------------------------------------------------------
    @requires(Privilege.MODERATOR)
    def start(self, req: Request, session_id: int, agenda: list[dict]) -> Session:
        """Open the session's thread and post the agenda (most votes first). A session whose
        thread Discord refused for good can be started again: the thread and agenda are re-queued."""
        session = self.get(session_id)
        thread = self.outbox.get(f"thread:{session_id}")
        stuck = session.status == "running" and not session.thread_id and thread is not None \
            and thread["status"] == "dead"
        if session.status != "planned" and not stuck:
            raise Conflict("lab.not_planned", status=session.status)
        if not stuck:
            self.db[T.sessions].update(session_id, {"status": "running", "updated_at": iso(self.clock.now())})
        self.audit.record(req, "session.start", session.kind, session_id, items=len(agenda))
        name = plain_text(f"{kind_label(session.kind)}: {session.theme}", 100)
        self.outbox.enqueue(f"thread:{session_id}", "network", op="thread.open",
                            data={"session_id": session_id, "name": name}, revive=True)
        # the agenda is rendered when it is sent (approved items of that moment, `bot.core.lab.posts`)
        self.outbox.enqueue(f"agenda:{session_id}", f"session:{session_id}",
                            render={"kind": "agenda", "session_id": session_id}, revive=True)
        return self.get(session_id)

    @requires(Privilege.MODERATOR)
    def set_current(self, req: Request, session_id: int, item_id: int | None, title: str = "") -> None:
        session = self.get(session_id)
        if session.status != "running":
            raise Conflict("lab.not_running")
        self.db[T.sessions].update(session_id, {"current_item_id": item_id, "updated_at": iso(self.clock.now())})
        self.audit.record(req, "session.next", session.kind, session_id, item=item_id)
        if item_id is not None:
            self.outbox.enqueue(f"current:{session_id}:{item_id}", f"session:{session_id}",
                                render={"kind": "current", "session_id": session_id, "item_id": item_id})

    @requires(Privilege.MODERATOR)
    def expert_thread(self, req: Request, session_id: int, item_id: int, title: str, member_ids: list[int]) -> bool:
        """Open a private thread for one item with the expert role and chosen members (through the
        outbox; the door records the thread on the item, so a retry reuses it). When the item has
        its thread already (made, or on its way), the members are added to that one: returns True."""
        session = self.get(session_id)
        members = sorted({int(m) for m in member_ids})
        if len(members) > 25:
            raise InvalidInput("lab.too_many_members", limit=25)
        exists = store.expert_thread_id(self.db, item_id) is not None or self.outbox.get(f"expert:{item_id}") is not None
        key = f"expert:{item_id}:add:{','.join(map(str, members))}" if exists else f"expert:{item_id}"
        self.outbox.enqueue(key, "network", op="thread.private", data={
            "session_id": session_id, "item_id": item_id, "name": plain_text(f"Expert: {title}", 100),
            "member_ids": members,
            "intro": t("lab.expert_intro", title=public_text(title, 200), theme=public_text(session.theme, 200))})
        self.audit.record(req, "session.expert_thread", "item", item_id, members=len(members), added=exists)
        return exists

    @requires(Privilege.MODERATOR)
    def close(self, req: Request, session_id: int) -> Session:
        session = self.get(session_id)
        if session.status not in ("running", "planned"):
            raise Conflict("lab.not_planned", status=session.status)
        now = iso(self.clock.now())
        self.db[T.sessions].update(session_id, {"status": "closed", "closed_at": now, "updated_at": now,
                                                "sequence": session.sequence + 1})
        self.audit.record(req, "session.close", session.kind, session_id)
        self._sync_event(session_id, session.sequence + 1)
        for listener in self.close_listeners:
            listener(session_id)
        return self.get(session_id)

    # -- what a moderator should know (the doors show these as warnings) ----------------------
    @no_privilege(PURE)
    def local_date(self, moment: dt.datetime) -> str:
        return f"{moment.astimezone(self.tz):%d-%m-%Y}"

    @no_privilege(PUBLIC + ': warnings about a session\'s time')
    def plan_notices(self, session: Session) -> list[tuple[str, dict]]:
        """Warnings about a planned time: another session in the same slot, an end past midnight."""
        notices: list[tuple[str, dict]] = [
            ("lab.same_slot", {"session_id": r["id"], "theme": shorten(r["theme"], 80)})
            for r in store.overlapping_session_rows(self.db, iso(session.starts_at), iso(session.ends_at), session.id)]
        if session.ends_at.astimezone(self.tz).date() != session.starts_at.astimezone(self.tz).date():
            notices.append(("lab.past_midnight", {"end": fmt_local(session.ends_at, self.tz)}))
        return notices

    @no_privilege(PURE)
    def timing_notices(self, session: Session, action: str) -> list[tuple[str, dict]]:
        """A warning when a session is started or closed on a day before its own date."""
        today = self.clock.now().astimezone(self.tz).date()
        if today < session.starts_at.astimezone(self.tz).date():
            days = (session.starts_at.astimezone(self.tz).date() - today).days
            return [(f"lab.early_{action}", {"date": self.local_date(session.starts_at), "count": days})]
        return []

    @no_privilege(PURE)
    def when(self, session: Session, lang: str = "nl") -> str:
        return f"{fmt_local(session.starts_at, self.tz, lang)}–{session.ends_at.astimezone(self.tz):%H:%M}"

    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        return {T.sessions: member_rows(self.db, T.sessions, "created_by", keys,
                                        select="id, kind, theme, starts_at, created_at")}

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        """The session stays (it belongs to the network); who planned it is forgotten."""
        return {T.sessions: clear_member_column(self.db, T.sessions, "created_by", keys)}


def notice_lines(notices: list[tuple[str, dict]], lang: str) -> list[str]:
    """Scheduling warnings (`plan_notices`, `timing_notices`) as lines for a reply, in `lang`."""
    return ["⚠ " + t(key, lang, **params) for key, params in notices]

