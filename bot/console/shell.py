"""The offline door: the same operations as in Discord, in a terminal, through the same services.

Reads commands from standard input; when stdin is not a terminal it runs them as a script, so
`printf 'vraag ...\\n' | labbot console` works. A line is `<group> <command> <arguments>` or a
command without a group (`vraag`, `zoek`, `toon`, `nuttig`, `open`, `kalender`, `help`, `stop`);
the names and their English aliases come from the command table (`bot.core.commands`), the usage
from the catalogue (`console.help.*`). A line that is no command is a question. What Labbot would
post in Discord is printed as it is delivered (the console notifier).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Callable, Iterable
from typing import TextIO

from bot.console.groups import Groups
from bot.console.lab import LabCommands
from bot.core.app import Labbot
from bot.core.ask.render import answer_text
from bot.core.commands import COMMANDS, GROUPS, command_names, find, group_of
from bot.core.errors import LabbotError
from bot.core.guard import PersonalDataFound
from bot.core.i18n import error_text, t
from bot.core.models import Privilege, Request
from bot.core.plein.render import intake_result_text
from bot.core.store import storage_error

STOP_WORDS = frozenset({"stop", "quit", "exit"})
DEFAULT_COMMAND = {"digest": "voorbeeld"}  # a group whose bare name runs one of its commands


class Console:
    def __init__(self, app: Labbot, *, user_id: str = "console:local", privilege: Privilege = Privilege.MEMBER,
                 lang: str = "nl") -> None:
        self.app = app
        self.user_id = user_id
        self.privilege = privilege
        self.lang = lang
        self._held: str | None = None               # token of an intake held by the privacy guard
        self._editing: tuple[str, str] | None = None  # (token, kind) while the member retypes
        self.lab = LabCommands(self)
        self.groups = Groups(self)
        #: (group, Dutch name) -> handler of the text after the command words; one per table row
        self.handlers: dict[tuple[str, str], Callable[[str], str]] = {
            ("", "vraag"): self.ask, ("", "help"): self.help,
            **self.lab.handlers(),
            **self.groups.handlers(),
        }
        missing = [c for c in COMMANDS if c.console and (c.group, c.name) not in self.handlers]
        if missing:
            raise RuntimeError(f"console commands without a handler: {missing}")
        self.renderers = {"question": lambda r: answer_text(r, self.lang), "item": self.lab.render_item,
                          "note": lambda note_id: self.t("lab.note_saved", note_id=note_id),
                          "trend": lambda r: intake_result_text(r, self.lang),
                          "perspective": lambda r: intake_result_text(r, self.lang)}

    def t(self, key: str, **params: object) -> str:
        """A catalogue text in the console user's language, naming console commands."""
        return command_names(t(key, self.lang, **params), self.lang)

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
            return self.dispatch(line)
        except PersonalDataFound as found:
            self._held = found.token
            return self.error(found) + "\n" + self.t("privacy.console_choice")
        except LabbotError as err:
            return "! " + self.error(err)
        except sqlite3.Error as exc:
            return "! " + self.error(storage_error(exc))

    def error(self, err: LabbotError) -> str:
        return command_names(error_text(err, self.lang), self.lang)

    def dispatch(self, line: str) -> str:
        word, _, rest = line.partition(" ")
        group = group_of(word)
        if group is not None and not find("", word):
            sub, _, args = rest.strip().partition(" ")
            command = find(group, sub)
            if command is None and group in DEFAULT_COMMAND:  # `digest [week]`: the preview
                return self.handlers[(group, DEFAULT_COMMAND[group])](rest.strip())
            if command is None or not command.console:
                unknown = self.t("console.unknown_command", command=f"{word} {sub}".strip()) + "\n" if sub else ""
                return unknown + self.help(group)
            # command.group, not group: `lab <name>` from before the regrouping finds /inbreng or /sessie
            return self.handlers[(command.group, command.name)](args.strip())
        if find("kennis", word):  # `zoek` and `toon` need no group
            return self.dispatch("kennis " + line)
        command = find("", word)
        if command is not None and command.console:
            return self.handlers[("", command.name)](rest.strip())
        return self.ask(line)

    def help(self, args: str = "") -> str:
        group = group_of(args.split()[0]) if args.split() else None
        if group is not None:
            return self.t(f"console.help.{group}")
        return "\n".join([self.t("console.help")] + [self.t(f"console.help.{g}") for g in GROUPS])

    # -- the privacy choice -------------------------------------------------------------------
    CHOICE_WORDS = {"anoniem": "anonymise", "anonymise": "anonymise", "a": "anonymise",
                    "bewerk": "edit", "edit": "edit", "b": "edit", "e": "edit",
                    "annuleer": "cancel", "cancel": "cancel", "c": "cancel"}

    def _choose(self, line: str) -> str:
        choice = self.CHOICE_WORDS.get(line.lower())
        if choice is None:
            return self.t("privacy.console_choice")
        token, self._held = self._held, None
        kind, result = self.app.continue_intake(self.request(), token, choice)
        if result is None:
            return self.t("privacy.cancelled")
        if choice == "edit":
            self._editing = (token, kind)
            return self.t("privacy.console_edit", text=result.text)
        return self.render(kind, result)

    def _submit_edit(self, line: str) -> str:
        (token, kind), self._editing = self._editing, None
        fields = self.app.guard.take(token, self.user_id)
        return self.render(kind, self.app.intake(kind, self.request(line), fields))

    def render(self, kind: str, result) -> str:
        return command_names(self.renderers[kind](result), self.lang)

    def ask(self, text: str) -> str:
        return self.render("question", self.app.intake("question", self.request(text)))

    # -- the loop -----------------------------------------------------------------------------
    def run(self, stdin: TextIO | None = None, out: TextIO | None = None) -> int:
        """Read commands until the end or `stop`; after each, deliver what Labbot would post in
        Discord (printed by the console notifier)."""
        from bot.console.notifier import ConsoleNotifier
        from bot.core.dispatch import Dispatcher

        stdin = stdin or sys.stdin
        out = out or sys.stdout
        notifier = ConsoleNotifier(self.app, out, self.lang)
        dispatcher = Dispatcher(self.app.outbox, notifier)
        dispatcher.handlers.update(notifier.handlers())
        interactive = stdin.isatty()
        if interactive:
            out.write(self.t("console.welcome", path=str(self.app.settings.database_path)) + "\n")
        lines: Iterable[str] = _prompting(stdin, out) if interactive else stdin
        for line in lines:
            if line.strip().lower() in STOP_WORDS:
                break
            reply = self.handle(line)
            if reply:
                if not interactive:
                    out.write(f"> {line.strip()}\n")
                out.write(reply + "\n")
                asyncio.run(dispatcher.drain())
                out.write("\n")
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
