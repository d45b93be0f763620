"""Action perspectives (handelingsperspectieven) of a plein session: moderators add them, publish
them to the network and promote them to knowledge entry drafts. Mixed into `PleinService`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import sqlite_utils
import yaml

from bot.core.clock import iso, parse_iso
from bot.core.errors import InvalidInput, NotFound
from bot.core.files import private_dir, write_private
from bot.core.i18n import t
from bot.core.identity import CHECKED, FILTERED, PUBLIC, no_privilege, requires
from bot.core.lab import last_closed_end, session_row
from bot.core.models import Privilege, Request
from bot.core.plein.models import MAX_PERSPECTIVE, Perspective
from bot.core.store import T
from bot.core.text import clean_input, has_words, neutralise
from knowledge.entry import parse_entry

REVIEW_AFTER_DAYS = 182  # a promoted perspective is looked at again before the next plein or two


def _perspective(r: dict) -> Perspective:
    return Perspective(r["id"], r["session_id"], r["theme"], r["text"], r["status"], r["published_at"],
                       r["kb_entry_id"], r["created_at"])


class PerspectivesMixin:
    # -- sessions (read only: the session service owns them) ----------------------------------
    @no_privilege(PUBLIC)
    def session(self, session_id: int) -> dict:
        try:
            row = session_row(self.db, int(session_id))
        except (sqlite_utils.db.NotFoundError, TypeError, ValueError):
            raise NotFound("plein.session_not_found", session_id=session_id) from None
        if row["kind"] != "plein":
            raise NotFound("plein.session_not_found", session_id=session_id)
        return row

    @no_privilege(PUBLIC)
    def previous_plein_end(self, before: str) -> str | None:
        """When the last closed plein session before `before` ended (the default start of a
        picture: "since the previous plein")."""
        return last_closed_end(self.db, "plein", before)

    # -- perspectives -------------------------------------------------------------------------
    @requires(Privilege.MODERATOR)
    def add_perspective(self, req: Request, session_id: int | None, theme: str | None,
                        text: str) -> Perspective:
        """Moderators add an action perspective (a draft) to a plein session. The text passes the
        privacy guard first (kind "perspective", payload session_id and theme)."""
        text = clean_input(text)
        if not text or not has_words(text):
            raise InvalidInput("plein.perspective_empty")
        if len(text) > MAX_PERSPECTIVE:
            raise InvalidInput("plein.perspective_too_long", length=len(text), limit=MAX_PERSPECTIVE)
        if session_id is not None:
            session_id = self.session(session_id)["id"]
        theme_key = self.region.theme(theme).key if theme else None
        self.guard.check(req.user_id, "perspective", text, {"session_id": session_id, "theme": theme_key})
        pid = self.db[T.perspectives].insert({
            "session_id": session_id, "theme": theme_key, "text": text, "status": "draft",
            "created_by": req.user_id, "created_at": iso(self.clock.now())}).last_pk
        self.audit.record(req, "perspective.add", "perspective", pid, session=session_id)
        return self.perspective(pid)

    @no_privilege(CHECKED)
    def perspective(self, perspective_id: int) -> Perspective:
        try:
            return _perspective(self.db[T.perspectives].get(int(perspective_id)))
        except (sqlite_utils.db.NotFoundError, TypeError, ValueError):
            raise NotFound("plein.perspective_not_found", perspective_id=perspective_id) from None

    @no_privilege(FILTERED)
    def perspectives(self, *, session_id: int | None = None, status: str | None = None,
                     published_since: str | None = None,
                     published_until: str | None = None) -> list[Perspective]:
        where, args = [], []
        for clause, value in (("session_id = ?", session_id), ("status = ?", status),
                              ("published_at >= ?", published_since), ("published_at < ?", published_until)):
            if value is not None:
                where.append(clause)
                args.append(value)
        rows = self.db[T.perspectives].rows_where(" and ".join(where) or None, args, order_by="id")
        return [_perspective(r) for r in rows]

    @requires(Privilege.MODERATOR)
    def publish_perspectives(self, req: Request, session_id: int) -> str:
        """Mark the session's draft perspectives published and return the Markdown text to post in
        the network channel (split it with `chunk_text` when it may exceed a message)."""
        session = self.session(session_id)
        drafts = self.perspectives(session_id=session["id"], status="draft")
        if not drafts:
            done = self.perspectives(session_id=session["id"])
            key = "plein.already_published" if done else "plein.no_perspectives"
            raise InvalidInput(key, session_id=session_id)
        now = iso(self.clock.now())
        with self.db.atomic():
            for p in drafts:
                self.db[T.perspectives].update(p.id, {"status": "published", "published_at": now})
        self.audit.record(req, "perspective.publish", "session", session["id"], count=len(drafts))
        return self.perspectives_text(drafts, self._local_date(session["starts_at"]), req.lang)

    def _local_date(self, when: str) -> str:
        return parse_iso(when).astimezone(self.tz).date().isoformat()

    @no_privilege(FILTERED)
    def perspectives_text(self, items: list[Perspective], date: str, lang: str = "nl") -> str:
        """Perspectives grouped by theme (taxonomy order, general ones last), scrubbed and with
        mentions broken (the moderators' Markdown is kept)."""
        order = {th.key: i for i, th in enumerate(self.region.themes)}
        groups: dict[str | None, list[Perspective]] = {}
        def rank(p: Perspective) -> tuple[int, int]:
            return (order.get(p.theme, len(order)) if p.theme else len(order) + 1, p.id)

        for p in sorted(items, key=rank):
            groups.setdefault(p.theme, []).append(p)
        lines = [f"**{t('plein.publish_title', lang, date=date)}**"]
        for theme, group in groups.items():
            label = self.region.theme_label(theme, lang) if theme else t("plein.general", lang)
            lines += ["", f"__{label}__"]
            lines += [f"- {neutralise(self.guard.scrub(p.text, what='perspective'), escape_markdown=False)}"
                      for p in group]
        return "\n".join(lines)

    @requires(Privilege.MODERATOR)
    def promote_perspective(self, req: Request, perspective_id: int, drafts_dir: Path | str, *,
                            review_by: dt.date | None = None, owner: str = "kernteam-cter",
                            reviewed_by: str | None = None) -> Path:
        """Write the perspective as a knowledge entry draft (`<drafts_dir>/<id>.md`, the format of
        `knowledge/entry.py`) for an editor to review; returns the file. Idempotent per perspective."""
        p = self.perspective(perspective_id)
        folder = Path(drafts_dir)
        try:
            private_dir(folder)
        except OSError:
            raise InvalidInput("plein.drafts_dir", path=str(folder)) from None
        session = self.session(p.session_id) if p.session_id is not None else None
        date = self._local_date(session["starts_at"] if session else p.published_at or p.created_at)
        theme = p.theme or "algemeen"
        entry_id = f"plein-{date}-{theme}-{p.id}"[:64].rstrip("-")
        label = self.region.theme_label(p.theme, "nl") if p.theme else t("plein.general", "nl")
        source = f"Informatieplein {date}" + (f", sessie #{session['id']}" if session else "")
        front = {
            "id": entry_id,
            "title": t("plein.draft_title", "nl", theme=label, date=date)[:200],
            "tags": ["informatieplein", "handelingsperspectief", theme],
            "audience": ["professionals"],
            "owner": owner,
            "review_by": review_by or self.clock.now().date() + dt.timedelta(days=REVIEW_AFTER_DAYS),
            "sources": [source],
            "sensitivity": "network",
            "provenance": {"kind": "informatieplein", "session": session["id"] if session else None,
                           "date": date, "perspective": p.id, "reviewed_by": reviewed_by or req.user_id},
        }
        body = (self.guard.scrub(p.text, what="perspective") + "\n\n"
                + t("plein.draft_footer", "nl", date=date) + "\n")
        meta = yaml.safe_dump(front, sort_keys=False, allow_unicode=True, width=100)
        text = f"---\n{meta}---\n{body}"
        path = folder / f"{entry_id}.md"
        entry, problems = parse_entry(text, str(path))
        if entry is None or problems:  # our own output must pass the knowledge check
            raise ValueError("draft entry does not validate: " + "; ".join(map(str, problems)))
        write_private(path, text)
        self.db[T.perspectives].update(p.id, {"kb_entry_id": entry_id})
        self.audit.record(req, "perspective.promote", "perspective", p.id, entry=entry_id)
        return path
