"""`labbot demo`: the main job, offline, on a fresh database, with no token, on simulated time.

The demo drives the console door (the same services as Discord) and prints what Labbot would post
in Discord through the console notifier. Chapters: questions in chat; a whole living lab from
plan to lessons; the informatieplein; the weekly digest; the member's rights.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import sqlite3
import sys
import tempfile
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import TextIO

from bot.console.notifier import ConsoleNotifier
from bot.console.shell import Console
from bot.core.app import Labbot, build_app
from bot.core.clock import ManualClock
from bot.core.dispatch import Dispatcher
from bot.core.errors import InvalidInput
from bot.core.i18n import t
from bot.core.models import Privilege
from bot.core.settings import Settings
from bot.core.timeparse import fmt_local, parse_local
from bot.demo.plein import plein_chapter

START = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.UTC)   # simulated: Monday 1 February 2027, 10:00 in Amsterdam
QUESTIONS = [
    "Ik maak me zorgen over een leerling die steeds extremere dingen zegt. Wat moet ik als eerste doen?",
    "bij wie kan ik ff anoniem sparren over een zorg mbt radicalisering?",
    "How do I talk with someone who believes in conspiracy theories?",
    "Wat is het verschil tussen polarisatie en radicalisering?",
]
UNANSWERABLE = "Hoeveel parkeerplekken heeft het gemeentehuis in Purmerend voor bezoekers met een bakfiets?"


class Demo:
    def __init__(self, app: Labbot, out: TextIO, out_dir: Path) -> None:
        self.app, self.out, self.out_dir = app, out, out_dir
        self.notifier = ConsoleNotifier(app, out)
        self.dispatcher = Dispatcher(app.outbox, self.notifier)
        self.dispatcher.handlers.update(self.notifier.handlers())
        self.member = Console(app, user_id="demo:professional")
        self.moderator = Console(app, user_id="demo:moderator", privilege=Privilege.MODERATOR)

    def opening(self) -> None:
        """The first lines: the knowledge base and database, which matcher answers the questions
        (the status the start-up log gives) and the simulated time."""
        settings, kb = self.app.settings, self.app.kb
        key = "demo.matcher_fused" if kb.slow_search else "demo.matcher_lexical"  # slow: the semantic ranking is on
        self.out.write(f"Labbot demo: {len(kb)} kennisitems geladen, database {settings.database_path}\n"
                       f"{t(key, self.member.lang, status=kb.matcher_status)}\n"
                       f"Gesimuleerde tijd, start {fmt_local(START, settings.tz)}.\n")

    def chapter(self, title: str) -> None:
        self.out.write(f"\n=== {title} ===\n\n")

    def note(self, text: str) -> None:
        self.out.write(f"({text})\n\n")

    def step(self, console: Console, line: str, who: str = "") -> str:
        reply = console.handle(line)
        prompt = f"{who}> " if who else "> "
        self.out.write(f"{prompt}{line}\n{reply}\n\n")
        self.deliver()
        return reply

    def as_member(self, n: int) -> Console:
        return Console(self.app, user_id=f"demo:lid-{n}")

    def deliver(self) -> None:
        """Let the outbox deliver what is due (in Discord this runs in the background)."""
        asyncio.run(self.dispatcher.drain())

    def at(self, local: str) -> None:
        self.app.clock.set(parse_local(local, self.app.settings.tz))
        self.note(f"de klok springt naar {local}")
        self.app.reminders.send_due()
        self.deliver()

    # -- chapters ------------------------------------------------------------------------------
    def questions(self) -> None:
        self.chapter("1. Vragen in de chat, beantwoord met bron")
        for q in QUESTIONS:
            self.step(self.member, f"vraag {q}")
        self.chapter("2. Een eerlijk 'nog geen goed antwoord'")
        self.step(self.member, f"vraag {UNANSWERABLE}")
        self.chapter("3. Feedback en persoonsgegevens")
        self.step(self.member, "nuttig 2")
        self.step(self.member, "vraag Wat doe ik als leerling Jan de Vries (06-12345678) dreigende taal gebruikt?")
        self.step(self.member, "anoniem")

    def living_lab(self) -> None:
        self.chapter("4. Een living lab, van jaarplan tot lessen (gesimuleerde tijd)")
        mod = self.moderator
        self.step(mod, "lab plan lab | Complotdenken in de klas | 2027-03-11 19:30 | 2027-03-11 21:30 | "
                       "https://meet.example.org/living-lab | Hoe ga je om met leerlingen die complotten delen?", "moderator")
        self.step(mod, "lab plan plein | Informatieplein voorjaar | 2027-04-15 14:00 | 2027-04-15 16:00 | "
                       "https://meet.example.org/plein", "moderator")
        self.deliver()
        self.step(mod, "lab jaarplan 2027", "moderator")
        self.at("2027-02-26 10:00")
        a, b, c = self.as_member(1), self.as_member(2), self.as_member(3)
        self.step(a, "inbreng nieuw 1 | Leerling deelt complotvideo's in de klas | Een leerling deelt steeds "
                     "complotvideo's in de groepsapp van de klas. Hoe ga ik het gesprek aan zonder hem te verliezen? "
                     "| onderwijs", "lid 1")
        self.step(b, "inbreng nieuw 1 | Complotvideo's in de klas | Leerlingen delen complotvideo's in de klas en de "
                     "groepsapp. Hoe ga ik het gesprek aan? | onderwijs | anoniem", "lid 2")
        self.step(c, "inbreng nieuw 1 | Ouders en complotdenken | Moeder van leerling Sanne Bakker stuurt ons "
                     "complotfilmpjes, mail sanne.bakker@example.org. Wat doen we? | onderwijs", "lid 3")
        self.step(c, "anoniem", "lid 3")
        for n in range(4, 9):
            self.step(self.as_member(n), "inbreng stem 1", f"lid {n}")
        self.step(self.as_member(4), "inbreng stem 3", "lid 4")
        self.step(mod, "inbreng wachtrij 1", "moderator")
        self.step(mod, "inbreng samenvoegen 2 | 1", "moderator")
        self.step(mod, "inbreng goedkeuren 1", "moderator")
        self.step(mod, "inbreng goedkeuren 3", "moderator")
        self.step(self.as_member(4), "inbreng stem 2", "lid 4")
        self.step(a, "lab interesse 1 dm", "lid 1")
        self.at("2027-03-04 19:30")
        self.at("2027-03-10 19:30")
        self.at("2027-03-11 18:30")
        self.at("2027-03-11 19:30")
        self.step(mod, "sessie start 1", "moderator")
        self.step(mod, "sessie volgende 1", "moderator")
        self.step(mod, "sessie notitie 1 | Begin het gesprek vanuit nieuwsgierigheid: vraag wat de leerling in de "
                       "video's aanspreekt. Ga niet meteen in discussie over de feiten. Tip: betrek de mentor en "
                       "spreek af wie het contact houdt. Les: leg feitelijk vast wat je ziet, met datum, en overleg "
                       "bij twijfel anoniem met de gemeentelijke specialist.", "moderator")
        self.step(mod, "sessie expert 1 | 1 | 1001,1002", "moderator")
        self.step(mod, "sessie volgende 1", "moderator")
        self.step(mod, "sessie notitie 3 | Ouders zijn vaak zelf onzeker. Tip: nodig ze uit voor een gesprek op school "
                       "en laat de zorg om het kind voorop staan. Het netwerk kent een familiesteunpunt dat ouders "
                       "kan ondersteunen.", "moderator")
        self.at("2027-03-11 21:30")
        self.step(mod, "sessie sluit 1", "moderator")
        self.step(mod, "sessie les-goedkeuren 1", "moderator")
        self.step(mod, "sessie les-goedkeuren 2", "moderator")
        self.step(mod, "sessie lessen-publiceer 1", "moderator")
        self.deliver()
        self.step(mod, "sessie promoveer 1", "moderator")
        self.note("een latere vraag vindt de les uit het living lab")
        self.step(self.member, "vraag een leerling deelt complotvideo's in de klas, hoe ga ik het gesprek aan?")

    def digest(self) -> None:
        self.chapter("6. Het weekoverzicht in het netwerkkanaal")
        self.at("2027-03-15 09:00")
        self.out.write(f"(de wekelijkse taak: {self.app.digest.run_scheduled(dt.timedelta(hours=2))})\n\n")
        self.deliver()
        self.note("het moderatorenoverzicht van dezelfde week, als Markdown (labbot digest preview)")
        digest = self.app.digest.preview(self.moderator.request(), "2027-W11", moderators=True)
        self.out.write(digest.markdown() + "\n")
        for section in digest.sections:
            if section.image is not None:
                (self.out_dir / f"weekoverzicht-{digest.week}-{section.image.name}").write_bytes(section.image.data)

    def rights(self) -> None:
        self.chapter("7. Je eigen gegevens: inzien en wissen")
        data = self.app.members.export(self.as_member(3).request())
        counts = {table: len(rows) for table, rows in data["tables"].items() if rows}
        self.out.write(f"> /privacy mijn-gegevens (lid 3)\nJSON-bestand met: {json.dumps(counts)}\n\n")
        done = self.app.members.forget(self.as_member(3).request())
        self.out.write(f"> /privacy verwijder (lid 3)\nGewist: {self.app.members.summary(done)}\n")
        self.deliver()  # the member's public vote post is taken down in Discord too


VECTORS_ENV = "LABBOT_DEMO_VECTORS"


def demo_vector_cache(environ: Mapping[str, str] = os.environ) -> Path | None:
    """Where the demo keeps the shipped base's sentence vectors between runs, so only its first run
    encodes them (about 30 s): `$LABBOT_DEMO_VECTORS` (a file, or "none" for no lasting cache),
    else (unset or empty) `labbot/demo-vectors.sqlite` in the user's cache folder
    (`$XDG_CACHE_HOME`, else `~/.cache`). None, with a line on stderr, when that folder cannot be
    made or the file is not a SQLite database (left untouched): the demo then encodes in its own
    database.
    The file holds vectors of the knowledge base's texts, keyed by a hash (no text), and of the
    demo's synthetic learned phrasings; it is a cache: deleting it costs one slow run."""
    chosen = (environ.get(VECTORS_ENV) or "").strip()
    if chosen:
        if chosen.lower() in ("none", "off", "0"):
            return None
        path = Path(chosen).expanduser()
    else:
        path = Path(environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "labbot" / "demo-vectors.sqlite"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
            raise PermissionError("not writable")
        with closing(sqlite3.connect(path)) as conn:  # creates a new file; reads an existing one
            conn.execute("pragma schema_version").fetchone()
    except (OSError, sqlite3.Error) as exc:  # a damaged file is left as it is: it may not be ours
        print(f"labbot demo: vector cache {path} unusable ({exc}); encoding in the demo's own database",
              file=sys.stderr)
        return None
    return path


def run_demo(out: TextIO, db_path: Path | None = None, out_dir: Path | None = None) -> int:
    """Run the tour. The charts and knowledge-entry drafts it makes go to `out_dir` (default: a new
    folder under the system's temp folder), named at the end. `db_path` must be new or empty: the
    tour tells a story from a fresh start, so a database that already holds sessions is refused.
    With the temporary database, entry vectors are kept between runs (`demo_vector_cache`)."""
    out_dir = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="labbot-demo-"))
    with tempfile.TemporaryDirectory(prefix="labbot-demo-db-") as tmp:
        settings = Settings(database_path=db_path or Path(tmp) / "demo.db", drafts_dir=out_dir,
                            calendar_url="https://labbot.example.org",
                            vector_cache=None if db_path else demo_vector_cache())
        app = build_app(settings, clock=ManualClock(START))
        try:
            if app.sessions.all_sessions() or any(app.outbox.counts().values()):
                raise InvalidInput("demo.db_not_empty", path=str(settings.database_path))
            out_dir.mkdir(parents=True, exist_ok=True)
            demo = Demo(app, out, out_dir)
            demo.opening()
            demo.questions()
            demo.living_lab()
            demo.chapter("5. Het informatieplein")
            session = next((s.id for s in app.sessions.upcoming("plein")), None)
            plein_chapter(app, out, demo.moderator.request(), session_id=session, out_dir=out_dir,
                          drafts_dir=out_dir)
            demo.digest()
            demo.rights()
            out.write(f"\nOutbox: {json.dumps(app.outbox.counts())}\n")
            made = sorted(p.name for p in out_dir.iterdir())
            out.write(f"\nGrafieken en concept-kennisitems staan in {out_dir}:\n"
                      + "".join(f"  {name}\n" for name in made))
        finally:
            app.close()
    return 0
