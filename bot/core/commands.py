"""The command table: every operation a member can start, with its Dutch and English name, once.

Both doors offer these operations under these names: the Discord cogs as slash commands (their
names and en-US localisations are checked against this table by `tests/doors/discord/test_command_table.py`)
and the console as `group name arguments` lines (it dispatches, aliases and helps from this table).
A text in a catalogue that names a command writes its Dutch slash form (`/sessie start`); a door
shows it in its own form with `command_names` (the console writes `sessie start`, or
`session start` with English names for an English reader).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    group: str          # "" for a command without a group
    name: str           # the Dutch name (Discord's default and the console's)
    en: str             # the English name (Discord's en-US localisation, the console's alias)
    slash: bool = True  # a slash command in Discord (else a button there, or console only)
    console: bool = True


def _g(group: str, *pairs: str, slash: bool = True, console: bool = True) -> list[Command]:
    return [Command(group, nl, en, slash, console) for nl, en in (p.split("=") for p in pairs)]


#: The groups' names (Dutch -> English).
GROUPS: dict[str, str] = {"lab": "lab", "inbreng": "contribution", "sessie": "session", "plein": "plein",
                          "kennis": "knowledge", "privacy": "privacy", "beheer": "admin", "digest": "digest"}

COMMANDS: tuple[Command, ...] = tuple(
    _g("", "vraag=ask")
    + _g("", "nuttig=useful", "niet-nuttig=not-useful", slash=False)  # buttons under an answer in Discord
    + _g("", "open=open", "kalender=calendar", "help=help", slash=False)  # the calendar is a feed in Discord
    + _g("", "klok=clock", slash=False)  # simulated time (`labbot console --now`)
    + _g("kennis", "zoek=search", "toon=show")
    # /lab had reached Discord's 25 subcommands: planning, hand-in and the queue, running a session
    + _g("lab", "plan=plan", "verzet=reschedule", "annuleer=cancel", "jaarplan=year-plan", "ics=ics",
         "interesse=interest")
    + _g("inbreng", "nieuw=new", "mijn=mine", "wachtrij=queue", "goedkeuren=approve", "afwijzen=reject",
         "claim=claim", "bewerk=edit", "samenvoegen=merge", "volgorde=order")
    + _g("inbreng", "stem=vote", slash=False)  # the vote button under each agenda item in Discord
    + _g("sessie", "start=start", "volgende=next", "notitie=note", "expert=expert", "sluit=close",
         "lessen=lessons", "les-goedkeuren=lesson-approve", "les-bewerk=lesson-edit",
         "lessen-publiceer=lessons-publish", "promoveer=promote")
    + _g("plein", "deel=share", "bijwerken=update", "intrekken=withdraw", "mijn=mine", "overzicht=overview",
         "samenvoegen=merge", "beeld=picture")
    + _g("privacy", "mijn-gegevens=my-data", "verwijder=erase")
    + _g("beheer", "audit=audit")
    + _g("digest", "nu=now", "voorbeeld=preview", "outbox=outbox")
)

#: The names from before /lab was regrouped (issue 16, point 18): `lab <name>` still finds the
#: command in /inbreng or /sessie (console scripts and texts written before); these were renamed.
MOVED: dict[str, tuple[str, str]] = {"inbreng": ("inbreng", "nieuw"), "submit": ("inbreng", "nieuw"),
                                     "mijn-inbreng": ("inbreng", "mijn"), "my-contributions": ("inbreng", "mijn")}
REGROUPED = ("inbreng", "sessie")  # where the other former /lab commands went, under their names


def find(group: str, word: str) -> Command | None:
    """The command called `word` (Dutch or English) in `group` ("" for the top level); under "lab"
    also a command that moved out of it (its `group` then says where it is now)."""
    word = word.lower()
    found = next((c for c in COMMANDS if c.group == group and word in (c.name, c.en)), None)
    if found is None and group == "lab":
        if word in MOVED:
            return find(*MOVED[word])
        found = next((c for c in COMMANDS if c.group in REGROUPED and word in (c.name, c.en)), None)
    return found


def group_of(word: str) -> str | None:
    """The Dutch name of the group called `word` (Dutch or English), or None."""
    word = word.lower()
    return next((nl for nl, en in GROUPS.items() if word in (nl, en)), None)


def spoken(command: Command, lang: str) -> str:
    """`group name` as a console user types it, in the reader's language."""
    english = lang == "en"
    group = (GROUPS[command.group] if english else command.group) if command.group else ""
    return f"{group} {command.en if english else command.name}".strip()


_SLASH = re.compile(r"(?<![\w/.:])/([a-z][a-z-]*)(?: ([a-z][a-z-]*))?")


def command_names(text: str, lang: str) -> str:
    """`text` with every slash command of the table (`/sessie start`, or in an English text
    `/session start`) written as the console types it."""

    def swap(m: re.Match[str]) -> str:
        group, word = group_of(m.group(1)) or m.group(1), m.group(2)
        if group in GROUPS and word and (command := find(group, word)):
            return spoken(command, lang)
        if command := find("", group):
            return spoken(command, lang) + (f" {word}" if word else "")
        return m.group(0)

    return _SLASH.sub(swap, text)
