"""The offline door: the same operations as in Discord, in a terminal, through the same services.

Reads commands from standard input; when stdin is not a terminal it runs them as a script, so
`printf 'vraag ...\n' | labbot console` works. Each line is one command:

    vraag <tekst>          ask a question (a line without a command is a question too)
    zoek <term>            search the knowledge base
    toon <id>              show one entry
    nuttig <nr>            feedback on the answer to question <nr> ("niet-nuttig <nr>" for the opposite)
    open                   the open questions waiting for the next living lab
    help, stop
English aliases: ask, search, show, useful, not-useful, help, quit.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from bot.console.lab import HELP as LAB_HELP
from bot.console.lab import LabCommands, calendar_command, digest_command
from bot.core.app import Labbot
from bot.core.ask.render import answer_text
from bot.core.errors import LabbotError
from bot.core.guard import PersonalDataFound
from bot.core.i18n import error_text, t
from bot.core.models import Privilege, Request
from bot.core.plein.render import intake_result_text
from bot.core.store import storage_error
from bot.core.text import shorten
from knowledge.sources import shown_sources

HELP = __doc__.split("\n\n", 2)[2].rstrip()


class Console:
    def __init__(self, app: Labbot, *, user_id: str = "console:local", privilege: Privilege = Privilege.MEMBER,
                 lang: str = "nl") -> None:
        self.app = app
        self.user_id = user_id
        self.privilege = privilege
        self.lang = lang
        self._held: str | None = None               # token of an intake held by the privacy guard
        self._editing: tuple[str, str] | None = None  # (token, kind) while the member retypes
        self.commands: dict[str, Callable[[str], str]] = {
            "vraag": self.ask, "ask": self.ask,
            "zoek": self.search, "search": self.search,
            "toon": self.show, "show": self.show,
            "nuttig": lambda a: self.feedback(a, True), "useful": lambda a: self.feedback(a, True),
            "niet-nuttig": lambda a: self.feedback(a, False), "not-useful": lambda a: self.feedback(a, False),
            "open": self.open_questions,
            "help": lambda a: HELP + "\n" + LAB_HELP, "hulp": lambda a: HELP + "\n" + LAB_HELP,
        }
        self.lab = LabCommands(self)
        self.commands.update({"lab": self.lab, "digest": lambda a: digest_command(self, a),
                              "kalender": lambda a: calendar_command(self, a),
                              "calendar": lambda a: calendar_command(self, a)})
        self.renderers = {"question": lambda r: answer_text(r, self.lang), "item": self.lab.render_item,
                          "note": lambda note_id: f"Notitie #{note_id} opgeslagen.",
                          "trend": lambda r: intake_result_text(r, self.lang),
                          "perspective": lambda r: intake_result_text(r, self.lang)}

    def request(self, text: str = "") -> Request:
        return Request(user_id=self.user_id, text=text, channel_id="console", privilege=self.privilege,
                       locale=self.lang)

    def handle(self, line: str) -> str:
        """Run one command line and return what to print. Errors become their member text."""
        line = line.strip()
        if not line:
            return ""
        try:
            if self._editing:
                return self._submit_edit(line)
            if self._held:
                return self._choose(line)
            word, _, rest = line.partition(" ")
            command = self.commands.get(word.lower())
            return command(rest.strip()) if command else self.ask(line)
        except PersonalDataFound as found:
            self._held = found.token
            return error_text(found, self.lang) + "\n" + t("privacy.console_choice", self.lang)
        except LabbotError as err:
            return "! " + error_text(err, self.lang)
        except sqlite3.Error as exc:
            return "! " + error_text(storage_error(exc), self.lang)

    CHOICE_WORDS = {"anoniem": "anonymise", "anonymise": "anonymise", "a": "anonymise",
                    "bewerk": "edit", "edit": "edit", "b": "edit", "e": "edit",
                    "annuleer": "cancel", "cancel": "cancel", "c": "cancel"}

    def _choose(self, line: str) -> str:
        choice = self.CHOICE_WORDS.get(line.lower())
        if choice is None:
            return t("privacy.console_choice", self.lang)
        token, self._held = self._held, None
        kind, result = self.app.continue_intake(self.request(), token, choice)
        if result is None:
            return t("privacy.cancelled", self.lang)
        if choice == "edit":
            self._editing = (token, kind)
            return t("privacy.console_edit", self.lang, text=result.text)
        return self.render(kind, result)

    def _submit_edit(self, line: str) -> str:
        (token, kind), self._editing = self._editing, None
        fields = self.app.guard.take(token, self.user_id)
        return self.render(kind, self.app.intake(kind, self.request(line), fields))

    def render(self, kind: str, result) -> str:
        return self.renderers[kind](result)

    def ask(self, text: str) -> str:
        return self.render("question", self.app.intake("question", self.request(text)))

    def search(self, query: str) -> str:
        if not query:
            return "! " + t("error.query_empty", self.lang)
        hits = self.app.kb.search(query, self.privilege, k=5).hits
        if not hits:
            return t("kb.search_none", self.lang, query=shorten(query, 100))
        lines = [t("kb.search_header", self.lang, query=shorten(query, 100))]
        lines += [f"  {h.entry_id:<40} {self.app.kb.get(h.entry_id, self.privilege).title}" for h in hits]
        return "\n".join(lines)

    def show(self, entry_id: str) -> str:
        e = self.app.kb.get(entry_id, self.privilege)
        lines = [f"# {e.title}", f"({e.id} · {e.sensitivity} · herzien vóór {e.review_by})", "", e.body]
        if sources := shown_sources(e.sources):
            lines += ["", "Bronnen: " + ", ".join(sources)]
        return "\n".join(lines)

    def feedback(self, arg: str, helpful: bool) -> str:
        number = arg.lstrip("#")
        if not number.isdigit():
            return "! " + error_text(LabbotError("error.question_not_found", question_id=arg or "?"), self.lang)
        changed = self.app.questions.feedback(self.request(), int(number), helpful)
        return t("feedback.changed" if changed else "feedback.thanks", self.lang)

    def open_questions(self, _: str = "") -> str:
        rows = self.app.questions.open_questions(self.request())
        if not rows:
            return "Geen open vragen." if self.lang == "nl" else "No open questions."
        return "\n".join(f"  #{r['id']:<5} {shorten(r['text'], 90)}" for r in rows)

    def run(self, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
        stdin = stdin or sys.stdin
        out = out or sys.stdout
        interactive = stdin.isatty()
        if interactive:
            out.write("Labbot console. Typ 'help' voor de commando's, 'stop' om te stoppen.\n")
        lines: Iterable[str] = _prompting(stdin, out) if interactive else stdin
        for line in lines:
            if line.strip().lower() in {"stop", "quit", "exit"}:
                break
            reply = self.handle(line)
            if reply:
                if not interactive:
                    out.write(f"> {line.strip()}\n")
                out.write(reply + "\n\n")
                out.flush()
        return 0


def _prompting(stdin: TextIO, out: TextIO) -> Iterable[str]:
    while True:
        out.write("labbot> ")
        out.flush()
        line = stdin.readline()
        if not line:
            return
        yield line
