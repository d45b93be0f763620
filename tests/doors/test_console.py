"""The console door as a new user meets it (issue 16): every point names the fault it guards."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest

from bot.console.shell import Console
from bot.core import commands
from bot.core.app import build_app
from bot.core.i18n import MESSAGES
from bot.core.models import Privilege, Request
from bot.core.settings import Settings
from bot.core.store import T
from tests.conftest import SECRET

LAB = "lab plan lab | Samen tegen polarisatie | 2026-12-10 19:30 | 2026-12-10 21:30 | https://meet.example.org/lab"


@pytest.fixture
def mod(app):
    return Console(app, user_id="console:mod", privilege=Privilege.MODERATOR)


@pytest.fixture
def member(app):
    return Console(app, user_id="console:lid")


@pytest.fixture
def lab(mod):
    assert "#1" in mod.handle(LAB)
    return 1


# -- point 2: short fields are a count, never a role, never a KeyError ------------------------------
def test_lab_commands_short_of_fields_say_how_many_fields(mod):
    reply = mod.handle("lab plan lab | alleen thema")
    assert reply == "! Geef minstens 5 velden, gescheiden door |. Typ 'help'."
    assert mod.handle("inbreng afwijzen 3") == "! Geef minstens 2 velden, gescheiden door |. Typ 'help'."
    for name in ("lid", "partner", "moderator", "beheerder"):
        assert name not in mod.handle("sessie notitie 3")


def test_every_console_command_with_no_arguments_answers_without_a_traceback(mod):
    for command in commands.COMMANDS:
        if command.console and command.name not in ("help",):
            reply = mod.handle(f"{command.group} {command.name}".strip())
            assert reply and "Traceback" not in reply, command


# -- point 3: a request for anonymity is never lost -------------------------------------------------
@pytest.mark.parametrize("tail, sector", [("| anoniem", ""), ("| anoniem | onderwijs", "onderwijs"),
                                          ("| onderwijs | anoniem", "onderwijs"), ("| Anonymous", "")])
def test_anonymity_is_recognised_in_any_position(app, member, lab, tail, sector):
    reply = member.handle(f"inbreng nieuw {lab} | Een vraag over de klas | Hoe ga ik het gesprek aan? {tail}")
    assert "anoniem ingebracht" in reply
    row = next(iter(app.db[T.items].rows))
    assert row["anonymous"] == 1 and row["sector"] == sector
    assert row["author_key"] != "console:lid"


@pytest.mark.parametrize("tail", ["| onderwijs | ja", "| ja", "| onderwijs | jeugdzorg", "| anoniem | met-naam"])
def test_an_unclear_anonymity_field_is_refused_with_a_question_and_nothing_is_stored(app, member, lab, tail):
    reply = member.handle(f"inbreng nieuw {lab} | Een vraag over de klas | Hoe ga ik het gesprek aan? {tail}")
    assert reply.startswith("! ") and "?" in reply
    assert app.db[T.items].count == 0


# -- point 9: unknown commands and questions nobody can answer --------------------------------------
def test_an_unknown_command_of_a_known_group_gets_the_groups_help(member):
    for line, group in (("plein deel2 iets", "plein"), ("privacy mijn-gegeven", "privacy"), ("lab foo", "lab")):
        reply = member.handle(line)
        assert reply.startswith(f"Onbekend commando: “{line.split()[0]} {line.split()[1]}”."), line
        assert MESSAGES[f"console.help.{group}"]["nl"].splitlines()[0] in reply
        assert "kennisbank" not in reply


def test_a_question_without_a_known_word_is_not_understood_and_not_put_on_the_agenda(shipped_kb, fresh_db, clock):
    app = build_app(Settings(database_path=Path(":memory:"), pseudonym_secret=SECRET), clock=clock, kb=shipped_kb,
                    db=fresh_db)
    console = Console(app, lang="en")
    assert console.handle("foobar") == "! " + MESSAGES["error.question_not_understood"]["en"]
    assert console.handle("qwzx blorfen-plink zyxt").startswith("! I did not understand")
    assert app.db[T.questions].count == 0 and not app.questions.open_questions(
        Request(user_id="t:mod", privilege=Privilege.MODERATOR))
    console.handle("How do I talk with someone who believes in conspiracy theories?")
    console.handle("wat moet ik doen bij een zorg over een leerling")
    assert app.db[T.questions].count == 2


# -- point 10: one command table for both doors, the same operations, posts shown ------------------
def test_every_table_command_has_a_console_handler_and_help(member):
    for command in commands.COMMANDS:
        if command.console:
            assert (command.group, command.name) in member.handlers
            if command.group:
                for lang in ("nl", "en"):
                    help_text = MESSAGES[f"console.help.{command.group}"][lang]
                    assert re.search(rf"\b{re.escape(commands.spoken(command, lang))}\b", help_text), (command, lang)


def test_the_console_offers_plein_privacy_and_kennis(app, clock):
    partner = Console(app, user_id="console:partner", privilege=Privilege.PARTNER)
    shared = partner.handle("plein deel Alkmaar | polarisatie | Meer discussies in de klas over het nieuws. | "
                            "Gesprekken met de mentor | anoniem")
    assert shared.startswith("Trend #1") or "#1" in shared, shared
    assert "Alkmaar" in partner.handle("plein mijn")
    assert "Alkmaar" in partner.handle("plein overzicht")
    assert "complotdenken" in partner.handle("kennis zoek complotdenken")
    assert "complotdenken" in partner.handle("zoek complotdenken")
    export = partner.handle("privacy mijn-gegevens")
    assert json.loads(export.split("\n", 1)[1])["tables"][T.trends]
    assert "Weet je het zeker?" in partner.handle("privacy verwijder")
    assert app.db[T.trends].count == 1
    assert partner.handle("privacy verwijder ja").startswith("Gedaan.")
    assert "Alkmaar" not in partner.handle("plein mijn")


def test_the_console_shows_what_would_be_posted_in_the_network_channel(app, lab):
    script = io.StringIO(f"inbreng nieuw {lab} | Een vraag over de klas | Hoe ga ik het gesprek aan?\n"
                         "inbreng goedkeuren 1\n")
    out = io.StringIO()
    Console(app, user_id="console:mod", privilege=Privilege.MODERATOR).run(script, out)
    assert "[Discord → #netwerk]" in out.getvalue()
    assert "Een vraag over de klas" in out.getvalue().split("> inbreng goedkeuren 1", 1)[1]


# -- point 11: the digest preview is the coming one, and strict about its words ---------------------
def test_digest_previews_the_coming_digest_and_rejects_what_it_cannot_parse(app, member, clock):
    clock.set(dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC))  # Tuesday: this week's digest (Monday) is out
    coming = app.digest.coming_week()
    assert coming == "2026-W50"
    assert "week 50" in member.handle("digest")
    assert "week 50" in member.handle("digest voorbeeld")
    assert "week 49" in member.handle("digest 2026-W49")
    assert member.handle("digest volgende-week") == \
        "! “volgende-week” begrijp ik niet. Gebruik: digest voorbeeld [JJJJ-Www] [moderatoren]."


# -- point 13: scheduling that deserves a word -----------------------------------------------------
def test_scheduling_warnings(app, mod, member, lab, clock):
    same = mod.handle("lab plan plein | Plein in hetzelfde uur | 2026-12-10 20:00 | 2026-12-10 22:00 | "
                      "https://meet.example.org/plein")
    assert "⚠ Op hetzelfde moment staat al sessie #1" in same
    late = mod.handle("lab plan lab | Laat op de avond | 2026-12-17 22:30 | 2026-12-18 00:30 | "
                      "https://meet.example.org/laat")
    assert "⚠ Deze sessie loopt door tot na middernacht" in late
    early = mod.handle(f"sessie start {lab}")
    assert "⚠ Deze sessie staat gepland op 10-12-2026: je start haar 10 dagen te vroeg" in early
    closed = mod.handle(f"sessie sluit {lab}")
    assert "je sluit haar 10 dagen voor die datum" in closed
    on_the_day = mod.handle("lab plan lab | Op de dag zelf | 2026-12-03 19:30 | 2026-12-03 21:30 | "
                            "https://meet.example.org/dag")
    clock.set(dt.datetime(2026, 12, 3, 18, 0, tzinfo=dt.UTC))
    assert "⚠" not in on_the_day and "⚠" not in mod.handle("sessie start 4")


def test_intake_that_is_not_open_yet_says_when_it_opens(app, mod, member):
    assert "#1" in mod.handle("lab plan lab | Later dit jaar | 2027-03-11 19:30 | 2027-03-11 21:30 | "
                              "https://meet.example.org/later")
    reply = member.handle("inbreng nieuw 1 | Een vraag | Hoe ga ik het gesprek aan?")
    assert reply == "! De inbreng voor “Later dit jaar” is nog niet open; hij opent op 25-02-2027."


# -- point 14: one locale per reply, the console's own command names -------------------------------
def test_english_console_replies_are_english_and_name_console_commands(app, lab):
    mod = Console(app, user_id="console:mod", privilege=Privilege.MODERATOR, lang="en")
    assert mod.handle(f"session next {lab}") == "! This session is not running. Start it first with session start."
    nl = Console(app, user_id="console:mod", privilege=Privilege.MODERATOR)
    assert nl.handle(f"sessie volgende {lab}") == "! Deze sessie loopt nu niet. Start haar eerst met sessie start."
    member = Console(app, user_id="console:lid", lang="en")
    receipt = member.handle(f"contribution new {lab} | A question about class | How do I start the conversation?")
    assert receipt.startswith("“A question about class” (#1) is now waiting for a moderator. See its status with "
                              "contribution mine.")
    dutch = {v["nl"] for v in MESSAGES.values() if isinstance(v["nl"], str) and len(v["nl"]) > 12} - \
        {v["en"] for v in MESSAGES.values() if isinstance(v.get("en"), str)}
    for line in (f"contribution queue {lab}", "contribution vote 1", "contribution approve 1", "lab year-plan 2026",
                 "plein overview", "lab foo", "help", "open"):  # (the digest is the network's post: Dutch, as posted)
        reply = mod.handle(line)
        assert not any(d in reply for d in dutch), (line, reply)
        assert not re.search(r"\b(je|het|niet|wacht|gepland|Geen)\b", reply), (line, reply)


# -- point 15: counts read right --------------------------------------------------------------------
def test_counts_use_the_plural_forms_of_the_catalogue(app, mod, lab):
    voter = Console(app, user_id="console:stemmer")
    Console(app, user_id="console:lid").handle(f"inbreng nieuw {lab} | Een vraag | Hoe ga ik het gesprek aan?")
    mod.handle("inbreng goedkeuren 1")  # votes only on approved items (issue 17 point 2)
    assert "(1 stem in totaal)" in voter.handle("inbreng stem 1")
    assert "(0 stemmen in totaal)" in voter.handle("inbreng stem 1")
    assert "Er is 1 living lab gepland" in mod.handle("lab jaarplan 2026")
    for key, texts in MESSAGES.items():
        for text in texts.values():
            forms = text.values() if isinstance(text, dict) else [text]
            assert not any(re.search(r"\w\((en|s|men|sen)\)|lid/leden", f) for f in forms), key
