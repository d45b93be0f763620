"""Living-lab, digest and calendar commands for the console (the same services as /lab in Discord).

Fields are separated by " | ":

    lab plan lab|plein | <thema> | <start> | <eind> | <kanaal-id of https-link> [| <beschrijving>]
    lab verzet <sessie> | <start> | <eind>        lab annuleer <sessie>        lab jaarplan [jaar]
    lab inbreng <sessie> | <titel> | <tekst> [| <sector> [| anoniem]]
    lab stem <item>      lab wachtrij <sessie>    lab goedkeuren <item>        lab claim <item> [overnemen]
    lab afwijzen <item> | <reden>                 lab samenvoegen <bron> | <doel>
    lab volgorde <sessie> | 3,1,2                 lab interesse <sessie> [dm]  lab mijn-inbreng
    lab start <sessie>   lab volgende <sessie>    lab notitie <item> | <tekst> lab sluit <sessie>
    lab expert <sessie> | <item> | <lid-id,lid-id>
    lab lessen <sessie>  lab les-goedkeuren <les> lab publiceer <sessie>       lab promoveer <les>
    digest [JJJJ-Www] [moderatoren]               kalender
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.lab.intake import Item
from bot.core.text import shorten
from bot.core.timeparse import parse_local

HELP = __doc__.split("\n\n", 2)[2].rstrip()


def _int(text: str) -> int:
    text = text.strip().lstrip("#")
    if not text.isdigit():
        raise InvalidInput("console.number", value=text[:20])
    return int(text)


def item_line(item: Item) -> str:
    anon = " · anoniem" if item.anonymous else ""
    return f"  #{item.id:<4} [{item.status}] {item.title} ({item.votes} ▲){anon}"


class LabCommands:
    """Registered on a `Console`; each method takes the text after its command word."""

    def __init__(self, console) -> None:
        self.c = console
        self.app = console.app
        self.sub: dict[str, Callable[[str], str]] = {
            "plan": self.plan, "verzet": self.reschedule, "annuleer": self.cancel, "jaarplan": self.year,
            "inbreng": self.submit, "stem": self.vote, "wachtrij": self.queue, "goedkeuren": self.approve,
            "claim": self.claim, "afwijzen": self.reject, "samenvoegen": self.merge, "volgorde": self.order,
            "interesse": self.interest, "mijn-inbreng": self.mine, "start": self.start, "volgende": self.next,
            "notitie": self.note, "expert": self.expert, "sluit": self.close, "lessen": self.lessons,
            "les-goedkeuren": self.approve_lesson, "publiceer": self.publish, "promoveer": self.promote,
        }

    def __call__(self, rest: str) -> str:
        word, _, args = rest.strip().partition(" ")
        command = self.sub.get(word.lower())
        if command is None:
            return HELP
        return command(args.strip())

    def _fields(self, args: str, least: int) -> list[str]:
        parts = [p.strip() for p in args.split("|")]
        if len(parts) < least:
            raise InvalidInput("console.fields", needed=least)
        return parts

    def _time(self, text: str, field: str):
        return parse_local(text, self.app.settings.tz, field=field)

    # planning
    def plan(self, args: str) -> str:
        kind, theme, start, end, where, *rest = self._fields(args, 5)
        s = self.app.sessions.plan(self.c.request(), kind, theme, rest[0] if rest else "",
                                   self._time(start, "start"), self._time(end, "eind"), where)
        return f"Gepland: sessie #{s.id}, {s.theme}, {self.app.sessions.when(s)} (inbreng vanaf " \
               f"{s.intake_opens_at.astimezone(self.app.settings.tz):%d-%m-%Y})"

    def reschedule(self, args: str) -> str:
        sid, start, end = self._fields(args, 3)
        s = self.app.sessions.reschedule(self.c.request(), _int(sid), self._time(start, "start"), self._time(end, "eind"))
        return f"Verzet: sessie #{s.id} nu {self.app.sessions.when(s)} (versie {s.sequence})"

    def cancel(self, args: str) -> str:
        s = self.app.sessions.cancel(self.c.request(), _int(args))
        return f"Geannuleerd: sessie #{s.id} ({s.theme})"

    def year(self, args: str) -> str:
        year = _int(args) if args else self.app.clock.now().astimezone(self.app.settings.tz).year
        plan = self.app.sessions.year_plan(year)
        lines = [f"Jaarplan {year}:"] + [f"  #{s.id:<3} {s.kind:<6} {self.app.sessions.when(s)}  {s.theme}"
                                         for s in plan.sessions]
        lines += ["  ! " + t(key, self.c.lang, **params) for key, params in plan.warnings]
        return "\n".join(lines)

    # intake and queue
    def submit(self, args: str) -> str:
        sid, title, text, *rest = self._fields(args, 3)
        anonymous = len(rest) > 1 and rest[1].lower() in ("anoniem", "ja", "anonymous")
        fields = {"session_id": _int(sid), "title": title, "sector": rest[0] if rest else "", "anonymous": anonymous}
        return self.c.render("item", self.app.intake("item", replace(self.c.request(text)), fields))

    def render_item(self, item: Item) -> str:
        lines = [f"Ontvangen: inbreng #{item.id} “{item.title}”" + (" (anoniem)" if item.anonymous else "")
                 + ". Moderatoren kijken ernaar."]
        found = self.app.kb.find(f"{item.title}. {item.text}", self.c.privilege, k=3, unless_abstain=True)
        if found:
            lines.append("Misschien helpt dit al:")
            lines += [f"  - {entry.title} (`{entry.id}`)" for entry in found]
        return "\n".join(lines)

    def vote(self, args: str) -> str:
        voted, count = self.app.intake_items.toggle_vote(self.c.request(), _int(args))
        return f"{'Gestemd' if voted else 'Stem ingetrokken'}: nu {count} stem(men)."

    def queue(self, args: str) -> str:
        queue = self.app.intake_items.queue(self.c.request(), _int(args))  # moderators only
        lines = ["Wachtrij:"] + [item_line(i) + (" · claim verlopen" if i.id in queue.stale_claims else "")
                                 for i in queue.pending + queue.approved]
        lines += [f"  ≈ #{a} en #{b} lijken op elkaar ({score}%): lab samenvoegen {b} | {a}"
                  for a, b, score in queue.duplicates]
        return "\n".join(lines)

    def approve(self, args: str) -> str:
        return "Goedgekeurd:\n" + item_line(self.app.intake_items.approve(self.c.request(), _int(args)))

    def claim(self, args: str) -> str:
        item, _, take_over = args.partition(" ")
        done = self.app.intake_items.claim(self.c.request(), _int(item), take_over=take_over.strip() == "overnemen")
        return "Geclaimd:\n" + item_line(done)

    def reject(self, args: str) -> str:
        item, reason = self._fields(args, 2)
        return "Afgewezen (de indiener krijgt de reden privé):\n" + item_line(
            self.app.intake_items.reject(self.c.request(), _int(item), reason))

    def merge(self, args: str) -> str:
        source, target = self._fields(args, 2)
        return "Samengevoegd:\n" + item_line(self.app.intake_items.merge(self.c.request(), _int(source), _int(target)))

    def order(self, args: str) -> str:
        sid, ids = self._fields(args, 2)
        agenda = self.app.intake_items.order(self.c.request(), _int(sid), [_int(i) for i in ids.split(",") if i.strip()])
        return "Agenda:\n" + "\n".join(item_line(i) for i in agenda)

    def interest(self, args: str) -> str:
        sid, _, dm = args.partition(" ")
        self.app.reminders.interest(self.c.request(), _int(sid), dm.strip().lower() == "dm")
        return "Genoteerd" + (", je krijgt ook een privé-herinnering." if dm.strip().lower() == "dm" else ".")

    def mine(self, args: str) -> str:
        rows = self.app.intake_items.mine(self.c.request())
        return "\n".join([f"  #{r['id']:<4} [{r['status']}] {r['title']}" + (f" · reden: {r['reason']}" if r["reason"]
                                                                            else "") for r in rows]) or "Geen inbreng."

    # the session
    def start(self, args: str) -> str:
        sid = _int(args)
        agenda = self.app.intake_items.agenda(sid)
        self.app.sessions.start(self.c.request(), sid, [{"title": i.title, "votes": i.votes} for i in agenda])
        return "Gestart. Agenda:\n" + "\n".join(item_line(i) for i in agenda)

    def next(self, args: str) -> str:
        sid = _int(args)
        session = self.app.sessions.get(sid)
        if session.current_item_id:
            self.app.intake_items.mark_discussed(self.c.request(), session.current_item_id)
        todo = [i for i in self.app.intake_items.agenda(sid) if i.status == "approved"]
        if not todo:
            self.app.sessions.set_current(self.c.request(), sid, None)
            return "De agenda is klaar."
        self.app.sessions.set_current(self.c.request(), sid, todo[0].id, todo[0].title)
        return "Nu aan de beurt:\n" + item_line(todo[0])

    def note(self, args: str) -> str:
        item, text = self._fields(args, 2)
        return self.c.render("note", self.app.intake("note", self.c.request(text), {"item_id": _int(item)}))

    def expert(self, args: str) -> str:
        sid, item, members = self._fields(args, 3)
        title = self.app.intake_items.get(_int(item)).title
        self.app.sessions.expert_thread(self.c.request(), _int(sid), _int(item), title,
                                        [_int(m) for m in members.split(",") if m.strip()])
        return "Een privé-thread voor de experts wordt geopend."

    def close(self, args: str) -> str:
        sid = _int(args)
        self.app.sessions.close(self.c.request(), sid)
        drafts = self.app.lessons.draft_for_session(sid)
        return f"Gesloten. {len(drafts)} concept-lessen gemaakt:\n" + self.lessons(str(sid))

    def lessons(self, args: str) -> str:
        rows = self.app.lessons.drafts(self.c.request(), _int(args))  # drafts: moderators only
        return "\n".join(f"  les #{r['id']} [{r['status']}] {r['title']}\n    {shorten(r['text'], 300)}"
                         for r in rows) or "Geen lessen."

    def approve_lesson(self, args: str) -> str:
        lesson = self.app.lessons.approve(self.c.request(), _int(args))
        return f"Les #{lesson['id']} goedgekeurd."

    def publish(self, args: str) -> str:
        return f"{self.app.lessons.publish(self.c.request(), _int(args))} lessen gepubliceerd in het netwerkkanaal."

    def promote(self, args: str) -> str:
        path = self.app.lessons.promote(self.c.request(), _int(args), self.app.settings.drafts_dir)
        return f"Concept-kennisitem geschreven: {path}"


def digest_command(console, args: str) -> str:
    words = args.split()
    week = next((w for w in words if "-W" in w.upper()), None)
    moderators = "moderatoren" in words or "moderators" in words
    return console.app.digest.preview(console.request(), week, moderators=moderators).markdown()


def calendar_command(console, args: str) -> str:
    """The feed the console user may see (members: without meeting links and descriptions)."""
    audience, _address = console.app.feeds.address(console.request())
    return console.app.feeds.feed(audience).decode("utf-8")
