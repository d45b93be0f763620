"""The informatieplein: partners share local trends; at least twice a year a plein session
bundles them into a regional picture with action perspectives (handelingsperspectieven).

- Sharing needs privilege PARTNER; the text passes the privacy guard (kind "trend") before anything
  is stored. The guard sees one text: what is seen and what helps, joined by `HELPS_MARKER`, so
  anonymising covers both and the member's edit form shows both (`compose_text`/`split_text`).
- A trend is `network` (every member sees it) or `moderators` (moderators only). Members see
  network trends only, moderators both; the regional picture, the export and the digest default
  to the network view (`visible`). Anonymous trends are stored under the keyed pseudonym.
- Partners update or withdraw their own trends; moderators merge trends that describe the same
  development (audit-logged) and add action perspectives to a plein session, publish them and
  promote them to knowledge entry drafts.
- Member rights: a member's trends are deleted by `forget_user` (not anonymised: a trend's free text
  may identify the partner's organisation and context, and the erase prompt promises erasure of
  what the member handed in). Trends merged into an erased one become active again (another
  partner still reports them). Perspectives are moderators' syntheses: drafts are deleted,
  published ones stay with their author removed (like published lessons).
- Retention: trends are deleted `trend_days` after they were shared, withdrawn ones `intake_days`
  after withdrawal (`purge_before`, `purge_withdrawn_before`).

Modules: `plein_models` (plain data, parsers), `plein_picture` (overview, regional picture),
`plein_perspectives` (action perspectives, knowledge drafts), `plein_export` (CSV, Markdown),
`plein_render` (text for the doors), `plein_texts` (bot texts, nl + en).
"""

from __future__ import annotations

from dataclasses import replace
from zoneinfo import ZoneInfo

import sqlite_utils

from bot.core.clock import AMSTERDAM, Clock, iso
from bot.core.errors import Conflict, InvalidInput, NotAllowed, NotFound
from bot.core.guard import PrivacyGuard
from bot.core.identity import (
    FILTERED,
    RETENTION,
    RIGHTS,
    Identity,
    RateLimiter,
    no_privilege,
    require,
    requires,
)
from bot.core.models import Privilege, Request
from bot.core.plein import store
from bot.core.plein.export import ExportMixin
from bot.core.plein.models import (
    MAX_HELPS,
    MAX_SEEN,
    SENSITIVITIES,
    Trend,
    compose_text,
    parse_direction,
    parse_sensitivity,
    parse_since,
    split_text,
)
from bot.core.plein.perspectives import PerspectivesMixin
from bot.core.plein.picture import PictureMixin
from bot.core.region import Region
from bot.core.rights.audit import AuditLog
from bot.core.store import T, clear_member_column, delete_member_rows, member_rows
from bot.core.text import clean_input, has_words


class PleinService(PictureMixin, PerspectivesMixin, ExportMixin):
    TABLES = (T.trends, T.perspectives)
    MEMBER_COLUMNS = {T.trends: ("author_key",), T.perspectives: ("created_by",)}

    def __init__(self, db: sqlite_utils.Database, clock: Clock, identity: Identity, guard: PrivacyGuard,
                 audit: AuditLog, region: Region, *, tz: ZoneInfo = AMSTERDAM,
                 limiter: RateLimiter | None = None) -> None:
        self.db = db
        self.limiter = limiter  # trends and their updates are rate-limited like intake
        self.tz = tz  # for the dates of plein sessions as people know them
        self.clock = clock
        self.identity = identity
        self.guard = guard
        self.audit = audit
        self.region = region

    # -- sharing ------------------------------------------------------------------------------
    @requires(Privilege.PARTNER)
    def share(self, req: Request, *, municipality: str, theme: str, seen: str, since: str = "",
              direction: str = "steady", helps: str = "", sensitivity: str = "network",
              anonymous: bool | None = None) -> Trend:
        """Share a trend (tests, console and demo); the Discord modal goes through `intake`."""
        fields = {"municipality": municipality, "theme": theme, "since": since, "direction": direction,
                  "sensitivity": sensitivity, "anonymous": req.anonymous if anonymous is None else anonymous}
        return self.intake(replace(req, text=compose_text(seen, helps)), fields)

    @requires(Privilege.PARTNER)
    def intake(self, req: Request, fields: dict | None = None) -> Trend:
        """The door for kind "trend" (also after the member's privacy choice): `req.text` holds what
        is seen and what helps (`compose_text`), `fields` the rest; `trend_id` makes it an update."""
        fields = dict(fields or {})
        if fields.get("trend_id") is not None:
            return self._update(req, int(fields["trend_id"]), fields)
        seen, helps = self._texts(req.text)
        clean = self._validate(fields)
        clean["anonymous"] = bool(fields.get("anonymous", req.anonymous))
        self._limit(req)
        self.guard.check(req.user_id, "trend", compose_text(seen, helps), clean)
        now = iso(self.clock.now())
        author = self.identity.pseudonym(req.user_id) if clean["anonymous"] else req.user_id
        trend_id = self.db[T.trends].insert({
            **{k: clean[k] for k in ("municipality", "theme", "since", "direction", "sensitivity")},
            "region": self.region.house_of(clean["municipality"]).key, "seen": seen, "helps": helps,
            "author_key": author, "anonymous": int(clean["anonymous"]), "status": "active",
            "created_at": now, "updated_at": now,
        }).last_pk
        return self.get(trend_id, Privilege.MODERATOR)

    def _limit(self, req: Request) -> None:
        if self.limiter is not None:
            self.limiter.hit("trend", self.identity.pseudonym(req.user_id))

    @requires(Privilege.PARTNER)
    def prepare(self, req: Request, fields: dict) -> dict:
        """Check the privilege and the choice fields before the member types the free text (the
        Discord form opens only when these are right); returns the cleaned fields for `intake`."""
        return self._validate(fields) | {"anonymous": bool(fields.get("anonymous", req.anonymous))}

    @requires(Privilege.PARTNER)
    def own(self, req: Request, trend_id: int) -> Trend:
        """One of the member's own active trends (to prefill the update form)."""
        return self._trend(self._own(req, trend_id))

    def _texts(self, text: str | None) -> tuple[str, str]:
        seen, helps = split_text(clean_input(text))
        if not seen:
            raise InvalidInput("plein.seen_empty")
        if len(seen) > MAX_SEEN:
            raise InvalidInput("plein.seen_too_long", length=len(seen), limit=MAX_SEEN)
        if not has_words(seen):
            raise InvalidInput("plein.seen_no_words")
        if len(helps) > MAX_HELPS:
            raise InvalidInput("plein.helps_too_long", length=len(helps), limit=MAX_HELPS)
        return seen, helps

    def _validate(self, fields: dict) -> dict:
        return {
            "municipality": self.region.municipality(fields.get("municipality")),
            "theme": self.region.theme(fields.get("theme")).key,
            "since": parse_since(fields.get("since"), self.clock.now().date()),
            "direction": parse_direction(fields.get("direction")),
            "sensitivity": parse_sensitivity(fields.get("sensitivity")),
        }

    # -- updating, withdrawing, merging -------------------------------------------------------
    @requires(Privilege.PARTNER)
    def update(self, req: Request, trend_id: int, **changes: str | None) -> Trend:
        """Change some fields of one's own trend (seen, helps, since, direction, theme,
        municipality, sensitivity); new text passes the guard again."""
        row = self._own(req, trend_id)
        seen = changes.pop("seen", None)
        helps = changes.pop("helps", None)
        seen = row["seen"] if seen is None else seen
        helps = (row["helps"] or "") if helps is None else helps
        text = compose_text(seen, helps)
        fields = {k: v for k, v in changes.items() if v is not None} | {"trend_id": trend_id}
        return self.intake(replace(req, text=text), fields)

    def _update(self, req: Request, trend_id: int, fields: dict) -> Trend:
        row = self._own(req, trend_id)
        seen, helps = self._texts(req.text)
        merged = {k: fields.get(k) or row[k] for k in ("municipality", "theme", "direction", "sensitivity")}
        merged["since"] = row["since"] if fields.get("since") is None else fields["since"]
        clean = self._validate(merged)
        self._limit(req)
        self.guard.check(req.user_id, "trend", compose_text(seen, helps), clean | {"trend_id": trend_id})
        self.db[T.trends].update(trend_id, {
            **clean, "region": self.region.house_of(clean["municipality"]).key, "seen": seen, "helps": helps,
            "updated_at": iso(self.clock.now())})
        return replace(self.get(trend_id, Privilege.MODERATOR), changed=True)

    @requires(Privilege.PARTNER)
    def withdraw(self, req: Request, trend_id: int) -> Trend:
        """The author withdraws a trend (a moderator may too, audit-logged). It stops counting at
        once and is deleted after `intake_days` (retention)."""
        row = self._row(trend_id)
        mine = row["author_key"] in self.identity.keys_of(req.user_id)
        if not mine and req.privilege < Privilege.MODERATOR:
            raise NotAllowed("plein.not_yours")
        self._active(row)
        with self.db.atomic():
            self.db[T.trends].update(trend_id, {"status": "withdrawn", "updated_at": iso(self.clock.now())})
            self._release_merged([trend_id])
        if not mine:
            self.audit.record(req, "trend.withdraw", "trend", trend_id)
        return self.get(trend_id, Privilege.MODERATOR, include_inactive=True)

    @requires(Privilege.MODERATOR)
    def merge(self, req: Request, trend_id: int, into: int) -> Trend:
        """Moderators: `trend_id` describes the same development as `into`; it stops counting on
        its own and adds one report to `into` (and so do trends merged into it before)."""
        if trend_id == into:
            raise InvalidInput("plein.merge_self")
        source, target = self._row(trend_id), self._row(into)
        self._active(source)
        self._active(target)
        now = iso(self.clock.now())
        with self.db.atomic():
            store.move_merged(self.db, trend_id, into, now)
            self.db[T.trends].update(trend_id, {"status": "merged", "merged_into": into, "updated_at": now})
        self.audit.record(req, "trend.merge", "trend", trend_id, into=into)
        return self.get(into, Privilege.MODERATOR)

    def _release_merged(self, ids: list[int]) -> int:
        """Trends merged into `ids` count on their own again (their target is gone)."""
        return store.release_merged(self.db, ids)

    # -- reading ------------------------------------------------------------------------------
    def _row(self, trend_id: int) -> dict:
        try:
            return self.db[T.trends].get(int(trend_id))
        except (sqlite_utils.db.NotFoundError, TypeError, ValueError):
            raise NotFound("plein.trend_not_found", trend_id=trend_id) from None

    @staticmethod
    def _active(row: dict) -> None:
        if row["status"] == "withdrawn":
            raise Conflict("plein.trend_withdrawn", trend_id=row["id"])
        if row["status"] == "merged":
            raise Conflict("plein.trend_merged", trend_id=row["id"], into=row["merged_into"])

    def _own(self, req: Request, trend_id: int) -> dict:
        require(req, Privilege.PARTNER)
        row = self._row(trend_id)
        if row["author_key"] not in self.identity.keys_of(req.user_id):
            raise NotAllowed("plein.not_yours")
        self._active(row)
        return row

    @staticmethod
    @no_privilege(FILTERED)
    def visible(privilege: Privilege, include_moderators: bool | None = None) -> tuple[str, ...]:
        """The sensitivity labels a viewer may see (moderators: both unless asked for the network
        view; everyone else: network only, whatever they ask)."""
        if privilege >= Privilege.MODERATOR and include_moderators is not False:
            return SENSITIVITIES
        return ("network",)

    @no_privilege(FILTERED)
    def get(self, trend_id: int, privilege: Privilege = Privilege.MEMBER, *,
            include_inactive: bool = False) -> Trend:
        row = self._row(trend_id)
        if row["sensitivity"] not in self.visible(privilege):
            raise NotFound("plein.trend_not_found", trend_id=trend_id)
        if not include_inactive:
            self._active(row)
        return self._trend(row | {"merged_count": store.merged_count(self.db, row["id"])})

    @no_privilege(FILTERED)
    def trends(self, privilege: Privilege, *, since: str | None = None, until: str | None = None,
               theme: str | None = None, house: str | None = None, municipality: str | None = None,
               include_moderators: bool | None = None, limit: int | None = None) -> list[Trend]:
        """Active trends a viewer may see, newest first (the digest asks with Privilege.MEMBER)."""
        rows = store.trend_rows(self.db, self.visible(privilege, include_moderators), since=since, until=until,
                                theme=theme, house=house, municipality=municipality, limit=limit)
        return [self._trend(r) for r in rows]

    @requires(Privilege.MEMBER)
    def mine(self, req: Request) -> list[Trend]:
        """The member's own trends in every state (to update or withdraw them)."""
        keys = self.identity.keys_of(req.user_id)
        rows = self.db[T.trends].rows_where("author_key in (?, ?)", list(keys), order_by="id desc")
        return [self._trend(r) for r in rows]

    def _trend(self, row: dict) -> Trend:
        return Trend(
            id=row["id"], municipality=row["municipality"], region=row["region"] or "", theme=row["theme"],
            seen=row["seen"], since=row["since"] or "", direction=row["direction"], helps=row["helps"] or "",
            sensitivity=row["sensitivity"], anonymous=bool(row["anonymous"]), status=row["status"],
            merged_into=row["merged_into"], created_at=row["created_at"], updated_at=row["updated_at"],
            author=None if row["anonymous"] else row["author_key"],
            reports=1 + int(row.get("merged_count") or 0),
            theme_labels=(self.region.theme_label(row["theme"], "nl"),
                          self.region.theme_label(row["theme"], "en")),
        )

    # -- the member's rights and retention ----------------------------------------------------
    @no_privilege(RIGHTS)
    def export_user(self, keys: tuple[str, ...]) -> dict:
        return {T.trends: member_rows(self.db, T.trends, "author_key", keys),
                T.perspectives: member_rows(self.db, T.perspectives, "created_by", keys)}

    @no_privilege(RIGHTS)
    def forget_user(self, keys: tuple[str, ...]) -> dict[str, int]:
        """Delete the member's trends (trends merged into them count on their own again); delete
        their draft perspectives and remove them as author of published ones."""
        ids = store.trend_ids_by_authors(self.db, keys)
        with self.db.atomic():
            self._release_merged(ids)
            trends = self._delete(ids)
            drafts = delete_member_rows(self.db, T.perspectives, "created_by", keys, extra="status = 'draft'")
            kept = clear_member_column(self.db, T.perspectives, "created_by", keys)
        return {T.trends: trends, T.perspectives: drafts + kept}

    def _delete(self, ids: list[int]) -> int:
        return store.delete_trends(self.db, ids)

    @no_privilege(RETENTION)
    def purge_before(self, cutoff: str) -> int:
        """Retention: delete trends shared before `cutoff` (UTC ISO), whatever their state."""
        ids = store.trend_ids_before(self.db, cutoff)
        with self.db.atomic():
            self._release_merged(ids)
            return self._delete(ids)

    @no_privilege(RETENTION)
    def purge_withdrawn_before(self, cutoff: str) -> int:
        """Retention: delete withdrawn trends whose withdrawal was before `cutoff`."""
        return store.delete_withdrawn_before(self.db, cutoff)
