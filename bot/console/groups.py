"""The console's other commands: `kennis`, `plein`, `privacy`, `beheer`, `digest`, and the
commands without a group (`nuttig`, `niet-nuttig`, `open`, `kalender`). The same services as the
Discord cogs; the usage is in the catalogue (`console.help.*`)."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.console.lab import ANONYMOUS, fields, number
from bot.core.errors import InvalidInput
from bot.core.plein.render import mine_text, overview_text, trend_line
from bot.core.text import shorten
from bot.core.timeparse import fmt_local, parse_local
from knowledge.sources import shown_sources

PLEIN_PERIODS = ("30d", "91d", "182d", "365d", "all")
CONFIRM = frozenset({"ja", "yes", "bevestig", "confirm"})
MODERATORS = frozenset({"moderatoren", "moderators"})
WEEK = re.compile(r"^\d{4}-[Ww]\d{1,2}$")


class Groups:
    def __init__(self, console) -> None:
        self.c = console
        self.app = console.app

    def handlers(self) -> dict[tuple[str, str], Callable[[str], str]]:
        return {
            ("", "nuttig"): lambda a: self.feedback(a, True), ("", "niet-nuttig"): lambda a: self.feedback(a, False),
            ("", "open"): self.open_questions, ("", "kalender"): self.calendar, ("", "klok"): self.clock,
            ("kennis", "zoek"): self.search, ("kennis", "toon"): self.show,
            ("plein", "deel"): self.share, ("plein", "bijwerken"): self.update, ("plein", "intrekken"): self.withdraw,
            ("plein", "mijn"): self.mine, ("plein", "overzicht"): self.overview, ("plein", "samenvoegen"): self.merge,
            ("plein", "beeld"): self.picture,
            ("privacy", "mijn-gegevens"): self.my_data, ("privacy", "verwijder"): self.erase,
            ("beheer", "audit"): self.audit,
            ("digest", "voorbeeld"): self.digest_preview, ("digest", "nu"): self.digest_now,
            ("digest", "outbox"): self.digest_outbox,
        }

    def t(self, key: str, **params: object) -> str:
        return self.c.t(key, **params)

    # -- questions and the knowledge base -------------------------------------------------------
    def feedback(self, arg: str, helpful: bool) -> str:
        question = number(arg)
        changed = self.app.questions.feedback(self.c.request(), question, helpful)
        return self.t("feedback.changed" if changed else "feedback.thanks")

    def open_questions(self, _: str = "") -> str:
        rows = self.app.questions.open_questions(self.c.request())  # their texts: moderators only
        if not rows:
            return self.t("console.no_open_questions")
        return "\n".join(f"  #{r['id']:<5} {shorten(r['text'], 90)}" for r in rows)

    def calendar(self, _: str = "") -> str:
        """The feed the console user may see (members: without meeting links and descriptions)."""
        audience, _address = self.app.feeds.address(self.c.request())
        return self.app.feeds.feed(audience).decode("utf-8")

    def clock(self, args: str) -> str:
        """Move simulated time (only with `labbot console --now`); reminders that fall due are sent."""
        clock = self.app.clock
        if not hasattr(clock, "set"):
            return "! " + self.t("console.clock_real")
        if args.strip():
            clock.set(parse_local(args, self.app.settings.tz, field=self.t("console.clock_field")))
            self.app.reminders.send_due()
        return self.t("console.clock_now", when=fmt_local(clock.now(), self.app.settings.tz, self.c.lang))

    def search(self, query: str) -> str:
        if not query:
            return "! " + self.t("error.query_empty")
        entries = self.app.kb.find(query, self.c.privilege, k=5)
        if not entries:
            return self.t("kb.search_none", query=shorten(query, 100))
        lines = [self.t("kb.search_header", query=shorten(query, 100))]
        return "\n".join(lines + [f"  {e.id:<40} {e.title}" for e in entries])

    def show(self, entry_id: str) -> str:
        e = self.app.kb.get(entry_id, self.c.privilege)
        lines = [f"# {e.title}", self.t("console.entry_meta", entry_id=e.id, sensitivity=e.sensitivity,
                                        review_by=str(e.review_by)), "", e.body]
        if sources := shown_sources(e.sources):
            lines += ["", self.t("console.sources", sources=", ".join(sources))]
        return "\n".join(lines)

    # -- the informatieplein ------------------------------------------------------------------
    def share(self, args: str) -> str:
        """plein deel <gemeente> | <thema> | <wat zie je> [| <wat helpt>] [| richting] [| anoniem]"""
        municipality, theme, seen, *extra = fields(args, 3, 6)
        anonymous = any(e.casefold() in ANONYMOUS for e in extra)
        extra = [e for e in extra if e.casefold() not in ANONYMOUS]
        helps = extra[0] if extra else ""
        direction = extra[1] if len(extra) > 1 else "steady"
        sensitivity = extra[2] if len(extra) > 2 else "network"
        trend = self.app.plein.share(self.c.request(), municipality=municipality, theme=theme, seen=seen,
                                     helps=helps, direction=direction, sensitivity=sensitivity, anonymous=anonymous)
        return self.c.render("trend", trend)

    def update(self, args: str) -> str:
        trend, direction, *text = fields(args, 2, 3)
        done = self.app.plein.update(self.c.request(), number(trend), direction=direction or None,
                                     seen=text[0] if text else None)
        return self.c.render("trend", done)

    def withdraw(self, args: str) -> str:
        done = self.app.plein.withdraw(self.c.request(), number(args))
        return self.t("plein.withdrawn", trend_id=done.id)

    def mine(self, _: str = "") -> str:
        return mine_text(self.app.plein.mine(self.c.request())[:20], self.c.lang)

    def overview(self, args: str) -> str:
        parts = [p.strip() for p in args.split("|")] if args.strip() else []
        theme, region, period = (parts + ["", "", ""])[:3]
        if len(parts) > 3:
            raise InvalidInput("console.fields_most", count=3)
        ov = self.app.plein.overview(self.c.request(), theme=theme or None, region=region or None,
                                     period=period or "182d")
        return overview_text(ov, self.app.plein.region, self.c.lang)

    def merge(self, args: str) -> str:
        trend, into = fields(args, 2, 2)
        kept = self.app.plein.merge(self.c.request(), number(trend), number(into))
        return self.t("plein.merged", trend_id=number(trend), into=kept.id) + "\n" + trend_line(kept, self.c.lang)

    def picture(self, args: str) -> str:
        picture = self.app.plein.compile_picture(self.c.request(), args.strip() or None)
        lines = list(picture.chunks)
        if picture.png:
            path = self.app.settings.database_path.parent / picture.png_name
            path.write_bytes(picture.png)
            lines.append(self.t("console.chart_written", path=str(path)))
        return "\n".join(lines)

    # -- the member's rights and the audit log ------------------------------------------------
    def my_data(self, _: str = "") -> str:
        return self.t("rights.export") + "\n" + self.app.members.export_json(self.c.request()).decode("utf-8")

    def erase(self, args: str) -> str:
        if args.strip().casefold() not in CONFIRM:
            return self.t("rights.confirm") + "\n" + self.t("console.erase_confirm")
        done = self.app.members.forget(self.c.request())
        summary = ", ".join(f"{what}: {n}" for what, n in done.items() if n) or self.t("rights.nothing")
        return self.t("rights.forgotten", summary=summary)

    def audit(self, args: str) -> str:
        rows = self.app.audit.read(self.c.request(), limit=number(args) if args.strip() else 20)
        if not rows:
            return self.t("audit.empty")
        return "\n".join(f"{r['created_at'][:16]} {r['actor_id']} {r['action']} {r['item_kind']} {r['item_id']}"
                         for r in rows)

    # -- the digest ---------------------------------------------------------------------------
    def _digest_words(self, args: str) -> tuple[str | None, bool]:
        week, moderators = None, False
        for word in args.split():
            if word.casefold() in MODERATORS:
                moderators = True
            elif week is None and WEEK.match(word):
                week = word
            else:
                raise InvalidInput("console.digest_words", value=shorten(word, 40))
        return week, moderators

    def digest_preview(self, args: str) -> str:
        week, moderators = self._digest_words(args)
        return self.app.digest.preview(self.c.request(), week, moderators=moderators).markdown()

    def digest_outbox(self, args: str) -> str:
        """Undelivered posts, or queue one again (`digest outbox 12`)."""
        args = args.strip()
        if args and not args.isdigit():
            raise InvalidInput("console.digest_words", value=shorten(args, 40))
        return self.app.outbox.moderate_dead(self.c.request(), int(args) if args else None)

    def digest_now(self, args: str) -> str:
        _, moderators = self._digest_words(args)
        parts = self.app.digest.post_now(self.c.request(), moderators=moderators)
        return self.t("digest.queued", count=parts) if parts else self.t("digest.before")
