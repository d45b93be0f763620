"""The weekly digest: coming sessions, new lessons, new trends, open questions, new knowledge.

Posted to the network channel at a configurable moment (default Monday 09:00 Europe/Amsterdam),
covering the seven days before it. Only what may be shown in the network channel; the moderators'
variant adds entries with poor feedback and questions that matched nothing. Everything passes the
privacy guard again before it is posted. Exactly once per week and channel: every part has an
outbox key `digest:<channel>:<ISO week>:p<n>`, enqueued in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import defaultdict
from dataclasses import dataclass

import sqlite_utils

from bot.core import charts
from bot.core.ask.kb import KnowledgeBase
from bot.core.ask.questions import QuestionService
from bot.core.clock import Clock, iso, parse_iso
from bot.core.digest.layout import Section, layout, to_markdown
from bot.core.errors import InvalidInput, NotAllowed
from bot.core.guard import PrivacyGuard
from bot.core.i18n import t
from bot.core.identity import PLUMBING, PURE, no_privilege, requires
from bot.core.lab import Lab, kind_label
from bot.core.models import Privilege, Request
from bot.core.notify import FileData, OutMessage
from bot.core.outbox import OutboxService, describe
from bot.core.plein import PleinService, Trend
from bot.core.publish import public_text
from bot.core.settings import Settings

log = logging.getLogger("labbot.digest")
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
COMING = dt.timedelta(weeks=6)
CHART_WEEKS = 8
COLOUR = 0x006699


@dataclass(frozen=True)
class Digest:
    week: str
    title: str
    sections: tuple[Section, ...]
    empty: bool

    def markdown(self) -> str:
        return to_markdown(self.title, list(self.sections))

    def messages(self) -> list[OutMessage]:
        return layout(list(self.sections), colour=COLOUR, header=f"**{self.title}**")


def parse_week(text: str) -> tuple[int, int]:
    try:
        year, week = text.upper().split("-W")
        monday = dt.date.fromisocalendar(int(year), int(week), 1)
    except (ValueError, AttributeError):
        raise InvalidInput("digest.bad_week", value=text[:20]) from None
    return monday.isocalendar().year, monday.isocalendar().week


class DigestService:
    def __init__(self, db: sqlite_utils.Database, clock: Clock, settings: Settings, kb: KnowledgeBase,
                 lab: Lab, questions: QuestionService, plein: PleinService, guard: PrivacyGuard,
                 outbox: OutboxService, theme_label=lambda key: key, theme_colours=dict,
                 feed_address=lambda: None) -> None:
        """The digest reads through the capabilities' public faces (`lab`, `questions`, `plein`,
        the knowledge base), never their tables; `db` only for the transaction around a post."""
        self.db, self.clock, self.settings, self.kb = db, clock, settings, kb
        self.sessions, self.intake, self.lessons = lab.sessions, lab.intake, lab.lessons
        self.questions, self.plein, self.guard, self.outbox = questions, plein, guard, outbox
        self.tz = settings.tz
        self.theme_label = theme_label
        self.theme_colours = theme_colours  # label -> colour, the same in every chart
        outbox.renderers["digest"] = self.render_part
        self.feed_address = feed_address  # the network's calendar address (secret token), or None

    # -- when --------------------------------------------------------------------------------
    @no_privilege(PURE)
    def moment(self, year: int, week: int) -> dt.datetime:
        """The scheduled moment of the digest of ISO `week` (wall-clock time in the network's zone)."""
        day = dt.date.fromisocalendar(year, week, DAYS.index(self.settings.digest_day) + 1)
        hour, minute = map(int, self.settings.digest_time.split(":"))
        return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=self.tz).astimezone(dt.UTC)

    @no_privilege(PURE)
    def current_week(self) -> str:
        iso_cal = self.clock.now().astimezone(self.tz).isocalendar()
        return f"{iso_cal.year}-W{iso_cal.week:02d}"

    # -- what ----------------------------------------------------------------------------------
    @no_privilege(PLUMBING + '; doors call `preview`')
    def build(self, week: str | None = None, *, moderators: bool = False) -> Digest:
        year, number = parse_week(week or self.current_week())
        label = f"{year}-W{number:02d}"
        until = self.moment(year, number)
        since = until - dt.timedelta(days=7)
        sections = [s for s in (
            self._coming(until), self._lessons(since, until), self._trends(since, until, moderators),
            self._open_items(until), self._knowledge(since, until, moderators), self._activity(until),
        ) if s is not None]
        if moderators:
            sections += [s for s in (self._poor_feedback(), self._unmatched(since, until), self._dead_posts())
                         if s is not None]
        empty = not sections
        if empty:
            sections = [Section(t("digest.quiet_title"), (t("digest.quiet"),))]
        title = t("digest.title_moderators" if moderators else "digest.title", week=number,
                  date=f"{until.astimezone(self.tz):%d-%m-%Y}")
        return Digest(label, title, tuple(self._scrub(s) for s in sections), empty)

    def _scrub(self, section: Section) -> Section:
        return Section(section.title, tuple(self.guard.scrub(line, what="digest") for line in section.lines),
                       section.image)

    def _coming(self, until: dt.datetime) -> Section | None:
        rows = [s for s in self.sessions.upcoming(limit=20) if s.starts_at < until + COMING and s.ends_at > until]
        if not rows:
            return None
        lines = []
        for s in rows:
            kind = kind_label(s.kind)
            intake = t("digest.intake_open") if s.kind == "lab" and s.intake_open(until) else ""
            lines.append(f"- **{kind}: {public_text(s.theme, 200)}**, {self.sessions.when(s)}{intake}")
        if address := self.feed_address():
            lines.append(t("digest.calendar", url=address))
        return Section(t("digest.coming"), tuple(lines))

    def _lessons(self, since: dt.datetime, until: dt.datetime) -> Section | None:
        rows = self.lessons.published_between(since, until)
        if not rows:
            return None
        return Section(t("digest.lessons"), tuple(
            f"- **{public_text(r['title'], 200)}**: {public_text(r['text'], 220)}" for r in rows))

    def _trends(self, since: dt.datetime, until: dt.datetime, moderators: bool = False) -> Section | None:
        viewer = Privilege.MODERATOR if moderators else Privilege.MEMBER
        rows = sorted(self.plein.trends(viewer, since=iso(since), until=iso(until)),
                      key=lambda r: (r.theme, r.created_at, r.id))
        if not rows:
            return None
        by_theme: dict[str, list[Trend]] = defaultdict(list)
        for r in rows:
            by_theme[r.theme].append(r)
        lines = []
        for theme, items in sorted(by_theme.items(), key=lambda kv: -len(kv[1])):
            lines.append(f"**{self.theme_label(theme)}** ({len(items)})")
            lines += [f"- {public_text(r.municipality, 60)}: {public_text(r.seen, 160)}"
                      + (t("digest.moderators_only") if r.sensitivity == "moderators" else "") for r in items[:5]]
        return Section(t("digest.trends"), tuple(lines))

    def _open_items(self, until: dt.datetime) -> Section | None:
        rows = self.intake.open_for_agenda(until, limit=10)
        open_questions = self.questions.open_count(iso(until))
        if not rows and not open_questions:
            return None
        lines = [t("digest.open_item", title=public_text(r["title"], 200), votes=r["votes"],
                   theme=public_text(r["theme"], 60)) for r in rows]
        if open_questions:
            lines.append(t("digest.open_questions", count=open_questions))
        return Section(t("digest.open_title"), tuple(lines))

    def _knowledge(self, since: dt.datetime, until: dt.datetime, moderators: bool) -> Section | None:
        changed = [r for r in self.kb.changed_since(self.db, iso(since)) if r["updated_at"] < iso(until)]
        visible = {e.id for e in self.kb.curated if moderators or e.sensitivity in ("public", "network")}
        lines = [t("digest.entry_new" if r["first_seen"] == r["updated_at"] else "digest.entry_updated",
                   title=r["title"], entry_id=r["entry_id"]) for r in changed if r["entry_id"] in visible]
        return Section(t("digest.knowledge"), tuple(lines)) if lines else None

    def _activity(self, until: dt.datetime) -> Section | None:
        start = until - dt.timedelta(weeks=CHART_WEEKS)
        rows = sorted(self.plein.trends(Privilege.MEMBER, since=iso(start), until=iso(until)), key=lambda r: r.id)
        if len(rows) < 2:
            return None
        weeks = [(start + dt.timedelta(weeks=i)) for i in range(CHART_WEEKS)]
        labels = [t("digest.chart_week", week=f"{w.astimezone(self.tz).isocalendar().week:02d}",
                    year=w.astimezone(self.tz).isocalendar().year) for w in weeks]
        series: dict[str, list[int]] = defaultdict(lambda: [0] * CHART_WEEKS)
        for r in rows:
            index = min(int((parse_iso(r.created_at) - start) / dt.timedelta(weeks=1)), CHART_WEEKS - 1)
            series[self.theme_label(r.theme)][index] += 1
        png = charts.stacked_bar_png(labels, dict(series), title=t("digest.chart_title"),
                                     ylabel=t("digest.chart_axis"),
                                     colors=charts.palette(list(self.theme_colours()) + sorted(series)))
        return Section(t("digest.activity"), (t("digest.activity_line", count=len(rows), weeks=CHART_WEEKS),),
                       FileData("activiteit.png", png))

    def _poor_feedback(self) -> Section | None:
        rows = [r for r in self.questions.entry_feedback() if r["unhelpful"] and r["unhelpful"] >= r["helpful"]]
        if not rows:
            return None
        return Section(t("digest.poor_feedback"), tuple(
            t("digest.poor_feedback_line", entry_id=r["entry_id"], unhelpful=r["unhelpful"], total=r["total"])
            for r in rows[:15]))

    def _dead_posts(self) -> Section | None:
        """Posts Discord refused for good, so moderators see them until they are sent again."""
        rows = self.outbox.dead(limit=15)
        if not rows:
            return None
        return Section(t("digest.dead_posts"), tuple(
            t("outbox.dead_line", id=r["id"], what=describe(r["key"]), reason=public_text(r["last_error"], 150))
            for r in rows))

    def _unmatched(self, since: dt.datetime, until: dt.datetime) -> Section | None:
        rows = self.questions.unmatched(iso(since), iso(until), limit=15)
        if not rows:
            return None
        return Section(t("digest.unmatched"),
                       tuple(f"- #{r['id']}: {public_text(r['text'], 150)}" for r in rows))

    # -- posting -------------------------------------------------------------------------------
    @no_privilege(PURE)
    def key(self, channel: str, week: str, part: int) -> str:
        return f"digest:{channel}:{week}:p{part}"

    @no_privilege(PLUMBING)
    def posted(self, week: str, channel: str = "network") -> bool:
        """Sent or on its way. A skipped week and a part Discord refused for good are not posted:
        `post` queues them again."""
        rows = [self.outbox.get(self.key(channel, week, 1))]
        rows += [self.outbox.get(self.key(channel, week, n)) for n in range(2, 11) if rows[-1] is not None]
        rows = [r for r in rows if r is not None]
        return bool(rows) and all(r["status"] in ("sent", "pending", "claimed", "cancelled") for r in rows)

    @no_privilege(PLUMBING + ' (the weekly job and post_now)')
    def post(self, week: str | None = None, channel: str = "network", *, moderators: bool = False) -> int:
        """Queue the digest of `week` for `channel`; returns the number of new parts (0: posted before).
        Parts are queued as references and built again when they are sent (an erasure in between
        is respected); a part that died or a week that was skipped is queued again."""
        digest = self.build(week, moderators=moderators)
        added = 0
        with self.db.atomic():
            for n, _ in enumerate(digest.messages(), 1):
                added += self.outbox.enqueue(self.key(channel, digest.week, n), channel, revive=True, render={
                    "kind": "digest", "week": digest.week, "part": n, "moderators": moderators})
        log.info("digest %s for %s: %d parts queued", digest.week, channel, added)
        return added

    @no_privilege(PLUMBING + ' (the outbox renders digest parts when it sends them)')
    def render_part(self, spec: dict) -> OutMessage | None:
        """One part of a queued digest, built from the database as it is now (None: no such part)."""
        messages = self.build(spec["week"], moderators=spec["moderators"]).messages()
        return messages[spec["part"] - 1] if spec["part"] <= len(messages) else None

    @requires(Privilege.MODERATOR)
    def post_now(self, req: Request, *, moderators: bool = False) -> int:
        """`/digest nu`: moderators post this week's digest early; the scheduled run then skips it."""
        return self.post(channel="network" if not moderators else "moderators", moderators=moderators)

    @no_privilege(PLUMBING)
    def run_scheduled(self, grace: dt.timedelta) -> str:
        """The weekly job (and its catch-up at start): post this week's digest once when its moment
        has come, unless it is more than `grace` late (then log and skip)."""
        week = self.current_week()
        year, number = parse_week(week)
        due = self.moment(year, number)
        now = self.clock.now()
        if now < due:
            return "not-due"
        if self.posted(week):
            return "posted-before"
        if now - due > grace:  # a skip is not a post: `/digest nu` can still post that week
            log.info("digest %s skipped: due %s, Labbot was down too long", week, iso(due))
            self.outbox.record_skip(self.key("network", week, 1))
            return "skipped"
        self.post(week)
        return "posted"

    # -- previews ------------------------------------------------------------------------------
    @no_privilege(PURE)
    def coming_week(self) -> str:
        """The week of the next digest that is not due yet: this week's until its moment, then next week's."""
        year, number = parse_week(self.current_week())
        if self.clock.now() < self.moment(year, number):
            return f"{year}-W{number:02d}"
        nxt = (self.moment(year, number) + dt.timedelta(days=7)).astimezone(self.tz).isocalendar()
        return f"{nxt.year}-W{nxt.week:02d}"

    @requires(Privilege.MEMBER)
    def preview(self, req: Request, week: str | None = None, *, moderators: bool = False) -> Digest:
        """What will be posted: the coming digest unless a week is named (`labbot digest preview`).
        The network's variant for everyone; the moderators' variant (poor feedback, unmatched
        questions, moderators-only trends) for moderators only."""
        if moderators and req.privilege < Privilege.MODERATOR:
            raise NotAllowed("error.not_allowed", needed=int(Privilege.MODERATOR))
        return self.build(week or self.coming_week(), moderators=moderators)
