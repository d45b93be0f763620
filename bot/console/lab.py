"""The console's `lab`, `inbreng` and `sessie` commands: the same services, groups and names as
/lab, /inbreng and /sessie in Discord. Fields are separated by " | "; the usage is in the
catalogue (`console.help.lab`, `console.help.inbreng`, `console.help.sessie`)."""

from __future__ import annotations

from collections.abc import Callable

from bot.core.commands import command_names
from bot.core.errors import InvalidInput
from bot.core.lab.calendar import calendar_bytes
from bot.core.lab.items import Item
from bot.core.lab.sessions import notice_lines
from bot.core.text import shorten
from bot.core.timeparse import parse_local

#: words that ask for an anonymous contribution, and words that say it is not (any field after the text)
ANONYMOUS = frozenset({"anoniem", "anonymous", "anon"})
NAMED = frozenset({"niet-anoniem", "met-naam", "named", "not-anonymous"})
YES_NO = frozenset({"ja", "nee", "yes", "no", "j", "n", "y"})
#: `inbreng claim <inbreng> overnemen`: take another moderator's claim over (audit-logged)
TAKE_OVER = frozenset({"overnemen", "take-over", "takeover"})


def number(text: str) -> int:
    text = text.strip().lstrip("#")
    if not text.isdigit():
        raise InvalidInput("console.number", value=text[:20])
    return int(text)


def fields(args: str, least: int, most: int | None = None) -> list[str]:
    parts = [p.strip() for p in args.split("|")] if args.strip() else []
    if len(parts) < least:
        raise InvalidInput("console.fields", count=least)
    if most is not None and len(parts) > most:
        raise InvalidInput("console.fields_most", count=most)
    return parts


def anonymity(extra: list[str]) -> tuple[bool, str]:
    """(anonymous, sector) from the fields after the text, in any order. Anything that could be
    a yes/no for anonymity, or more than one other field, is refused with a question: a request
    for anonymity is never lost (stored as a sector, or dropped)."""
    words = [e.casefold() for e in extra]
    anonymous = any(w in ANONYMOUS for w in words)
    named = any(w in NAMED for w in words)
    rest = [e for e, w in zip(extra, words, strict=True) if w not in ANONYMOUS | NAMED]
    if anonymous and named:
        raise InvalidInput("console.anonymous_both")
    if any(w.casefold() in YES_NO for w in rest):
        raise InvalidInput("console.anonymous_unclear", value=next(w for w in rest if w.casefold() in YES_NO))
    if len(rest) > 1:
        raise InvalidInput("console.anonymous_unclear", value=" | ".join(rest))
    return anonymous, rest[0] if rest else ""


class LabCommands:
    """Each method takes the text after `<group> <command>` and returns what to print."""

    def __init__(self, console) -> None:
        self.c = console
        self.app = console.app

    def handlers(self) -> dict[tuple[str, str], Callable[[str], str]]:
        """(group, Dutch name) -> handler, for the table's /lab, /inbreng and /sessie rows."""
        return {
            **{("lab", name): f for name, f in {
                "plan": self.plan, "verzet": self.reschedule, "annuleer": self.cancel, "jaarplan": self.year,
                "ics": self.ics, "interesse": self.interest}.items()},
            **{("inbreng", name): f for name, f in {
                "nieuw": self.submit, "stem": self.vote, "mijn": self.mine, "wachtrij": self.queue,
                "goedkeuren": self.approve, "claim": self.claim, "afwijzen": self.reject, "bewerk": self.edit,
                "samenvoegen": self.merge, "volgorde": self.order}.items()},
            **{("sessie", name): f for name, f in {
                "start": self.start, "volgende": self.next, "notitie": self.note, "expert": self.expert,
                "sluit": self.close, "lessen": self.lessons, "les-goedkeuren": self.approve_lesson,
                "les-bewerk": self.edit_lesson, "lessen-publiceer": self.publish, "promoveer": self.promote}.items()},
        }

    def t(self, key: str, **params: object) -> str:
        return self.c.t(key, **params)

    def _time(self, text: str, field: str):
        return parse_local(text, self.app.settings.tz, field=self.t(f"lab.field.{field}"))

    def _warned(self, text: str, notices: list[tuple[str, dict]]) -> str:
        lang = self.c.lang
        return "\n".join([text, *(command_names(line, lang) for line in notice_lines(notices, lang))])

    def item_line(self, item: Item) -> str:
        anon = " · " + self.t("lab.anonymous") if item.anonymous else ""
        return (f"  #{item.id:<4} [{self.t(f'lab.item_status.{item.status}')}] {item.title} "
                f"({self.t('lab.votes', count=item.votes)}){anon}")

    # planning
    def plan(self, args: str) -> str:
        kind, theme, start, end, where, *rest = fields(args, 5, 6)
        s = self.app.sessions.plan(self.c.request(), kind, theme, rest[0] if rest else "",
                                   self._time(start, "start"), self._time(end, "end"), where)
        sessions = self.app.sessions
        text = self.t("console.planned", kind=self.t(f"lab.kind.{s.kind}"), session_id=s.id, theme=s.theme,
                      when=sessions.when(s, self.c.lang), opens=sessions.local_date(s.intake_opens_at))
        return self._warned(text, sessions.plan_notices(s))

    def reschedule(self, args: str) -> str:
        sid, start, end = fields(args, 3, 3)
        s = self.app.sessions.reschedule(self.c.request(), number(sid), self._time(start, "start"),
                                         self._time(end, "end"))
        text = self.t("console.rescheduled", session_id=s.id, when=self.app.sessions.when(s, self.c.lang),
                      sequence=s.sequence)
        return self._warned(text, self.app.sessions.plan_notices(s))

    def cancel(self, args: str) -> str:
        s = self.app.sessions.cancel(self.c.request(), number(args))
        return self.t("lab.cancelled", kind=self.t(f"lab.kind.{s.kind}"), session_id=s.id)

    def year(self, args: str) -> str:
        year = number(args) if args else self.app.clock.now().astimezone(self.app.settings.tz).year
        plan = self.app.sessions.year_plan(year)
        lines = [self.t("lab.year_title", year=year) + ":"]
        lines += [f"  #{s.id:<3} {self.t(f'lab.kind.{s.kind}'):<16} {self.app.sessions.when(s, self.c.lang)}  {s.theme}"
                  for s in plan.sessions] or ["  " + self.t("lab.year_empty", year=year)]
        lines += ["  ⚠ " + self.t(key, **params) for key, params in plan.warnings]
        return "\n".join(lines)

    def ics(self, args: str) -> str:
        session = self.app.sessions.get(number(args))
        return calendar_bytes([session], self.app.settings.tz, self.app.clock.now()).decode("utf-8")

    def interest(self, args: str) -> str:
        sid, _, dm = args.partition(" ")
        wants_dm = dm.strip().lower() == "dm"
        self.app.reminders.interest(self.c.request(), number(sid), wants_dm)
        theme = self.app.sessions.get(number(sid)).theme
        return self.t("lab.interest_saved", theme=theme) + ("\n" + self.t("lab.interest_dm") if wants_dm else "")

    # intake and queue
    def submit(self, args: str) -> str:
        sid, title, text, *extra = fields(args, 3, 5)
        if {title.casefold(), text.casefold()} & ANONYMOUS:
            raise InvalidInput("console.anonymous_unclear", value=title if title.casefold() in ANONYMOUS else text)
        anonymous, sector = anonymity(extra)
        fields_ = {"session_id": number(sid), "title": title, "sector": sector, "anonymous": anonymous}
        return self.c.render("item", self.app.intake("item", self.c.request(text), fields_))

    def render_item(self, item: Item) -> str:
        lines = [self.t("lab.receipt", title=item.title, item_id=item.id)]
        if item.anonymous:
            lines.append(self.t("lab.receipt_anonymous"))
        found = self.app.kb.find(f"{item.title}. {item.text}", self.c.privilege, k=3, unless_abstain=True)
        if found:
            lines.append(self.t("lab.maybe_answered") + ":")
            lines += [f"  - {entry.title} (`{entry.id}`)" for entry in found]
        return "\n".join(lines)

    def vote(self, args: str) -> str:
        voted, count = self.app.intake_items.toggle_vote(self.c.request(), number(args))
        return self.t("lab.vote_added" if voted else "lab.vote_removed", count=count)

    def queue(self, args: str) -> str:
        sid = number(args)
        queue = self.app.intake_items.queue(self.c.request(), sid)  # moderators only: the service checks
        session = self.app.sessions.get(sid)
        lines = [self.t("lab.queue_title", theme=session.theme, session_id=sid)]
        lines += [self.item_line(i) for i in queue.pending + queue.approved] or ["  " + self.t("lab.queue_empty")]
        for a, b, score in queue.duplicates:
            lines.append("  ≈ " + self.t("console.duplicate", a=a, b=b, score=score))
        if queue.stale_claims:
            lines.append("  " + self.t("lab.queue_stale", ids=", ".join(f"#{i}" for i in sorted(queue.stale_claims))))
        return "\n".join(lines)

    def approve(self, args: str) -> str:
        item = self.app.intake_items.approve(self.c.request(), number(args))
        return self.t("lab.done_approve", item_id=item.id) + "\n" + self.item_line(item)

    def claim(self, args: str) -> str:
        words = args.split()
        take_over = len(words) > 1 and words[1].casefold() in TAKE_OVER
        item = self.app.intake_items.claim(self.c.request(), number(words[0] if words else ""), take_over=take_over)
        return self.t("lab.done_claim", item_id=item.id) + "\n" + self.item_line(item)

    def reject(self, args: str) -> str:
        item, reason = fields(args, 2, 2)
        done = self.app.intake_items.reject(self.c.request(), number(item), reason)
        return self.t("lab.done_reject", item_id=done.id) + "\n" + self.item_line(done)

    def edit(self, args: str) -> str:
        item, title, text = fields(args, 3, 3)
        done = self.app.intake_items.edit(self.c.request(), number(item), title or None, text or None)
        return self.t("lab.done_edit", item_id=done.id) + "\n" + self.item_line(done)

    def merge(self, args: str) -> str:
        source, target = fields(args, 2, 2)
        kept = self.app.intake_items.merge(self.c.request(), number(source), number(target))
        return self.t("lab.done_merge", source=number(source), target=kept.id, votes=kept.votes) + "\n" \
            + self.item_line(kept)

    def order(self, args: str) -> str:
        sid, ids = fields(args, 2, 2)
        agenda = self.app.intake_items.order(self.c.request(), number(sid),
                                             [number(i) for i in ids.split(",") if i.strip()])
        return self.t("lab.done_order", order=", ".join(f"#{i.id}" for i in agenda)) + "\n" + \
            "\n".join(self.item_line(i) for i in agenda)

    def mine(self, args: str) -> str:
        rows = self.app.intake_items.mine(self.c.request())
        if not rows:
            return self.t("lab.mine_empty")
        return "\n".join(f"  #{r['id']:<4} [{self.t('lab.item_status.' + r['status'])}] {r['title']}"
                         + (" · " + self.t("lab.mine_reason", reason=r["reason"]) if r["reason"] else "")
                         for r in rows)

    # the session
    def start(self, args: str) -> str:
        sid = number(args)
        agenda = self.app.intake_items.agenda(sid)
        s = self.app.sessions.start(self.c.request(), sid, [{"title": i.title, "votes": i.votes} for i in agenda])
        lines = [self.t("lab.started", kind=self.t(f"lab.kind.{s.kind}"), session_id=sid)]
        lines += [self.item_line(i) for i in agenda] or [self.t("lab.agenda_empty")]
        return self._warned("\n".join(lines), self.app.sessions.timing_notices(s, "start"))

    def next(self, args: str) -> str:
        sid = number(args)
        session = self.app.sessions.get(sid)
        if session.current_item_id:
            self.app.intake_items.mark_discussed(self.c.request(), session.current_item_id)
        todo = [i for i in self.app.intake_items.agenda(sid) if i.status == "approved"]
        if not todo:
            self.app.sessions.set_current(self.c.request(), sid, None)
            return self.t("lab.agenda_done")
        self.app.sessions.set_current(self.c.request(), sid, todo[0].id, todo[0].title)
        return self.t("lab.next_item", item_id=todo[0].id, title=todo[0].title)

    def note(self, args: str) -> str:
        item, text = fields(args, 2, 2)
        return self.c.render("note", self.app.intake("note", self.c.request(text), {"item_id": number(item)}))

    def expert(self, args: str) -> str:
        sid, item, members = fields(args, 3, 3)
        ids = [number(m) for m in members.split(",") if m.strip()]
        title = self.app.intake_items.get(number(item)).title
        existed = self.app.sessions.expert_thread(self.c.request(), number(sid), number(item), title, ids)
        return self.t("lab.expert_added" if existed else "lab.expert_opened", item_id=number(item), count=len(ids))

    def close(self, args: str) -> str:
        sid = number(args)
        s = self.app.sessions.close(self.c.request(), sid)
        drafts = self.app.lessons.draft_for_session(sid)
        text = self.t("lab.closed", kind=self.t(f"lab.kind.{s.kind}"), session_id=sid, count=len(drafts))
        return self._warned(text + "\n" + self.lessons(str(sid)), self.app.sessions.timing_notices(s, "close"))

    def lessons(self, args: str) -> str:
        rows = self.app.lessons.drafts(self.c.request(), number(args))  # drafts: moderators only
        return "\n".join(f"  #{r['id']} [{self.t('lab.lesson_status.' + r['status'])}] {r['title']}\n"
                         f"    {shorten(r['text'], 300)}" for r in rows) or self.t("lab.lessons_empty")

    def approve_lesson(self, args: str) -> str:
        lesson = self.app.lessons.approve(self.c.request(), number(args))
        return self.t("lab.lesson_approved", lesson_id=lesson["id"])

    def edit_lesson(self, args: str) -> str:
        lesson, title, text = fields(args, 3, 3)
        done = self.app.lessons.edit(self.c.request(), number(lesson), title or None, text or None)
        return self.t("lab.lesson_edited", lesson_id=done["id"])

    def publish(self, args: str) -> str:
        return self.t("lab.lessons_published", count=self.app.lessons.publish(self.c.request(), number(args)))

    def promote(self, args: str) -> str:
        path = self.app.lessons.promote(self.c.request(), number(args), self.app.settings.drafts_dir)
        return self.t("lab.promoted", path=path)
