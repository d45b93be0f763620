"""Matcher behaviour on a small synthetic base (no dependence on the development data)."""

from __future__ import annotations

import pytest

from knowledge.entry import Entry
from knowledge.matcher import CLOSE_RATIO, Hit, Matcher, MatchResult


def entry(id_: str, title: str, body: str, tags=(), aliases=()) -> Entry:
    return Entry(id=id_, title=title, body=body, tags=tuple(tags), aliases=tuple(aliases),
                 sensitivity="public")


BASE = [
    entry("melden", "Zorgen over radicalisering melden bij de gemeente",
          "Heb je zorgen dat iemand radicaliseert? Bespreek het met een collega en neem contact op met de "
          "gemeentelijke specialist radicalisering. Je kunt eerst anoniem sparren.",
          tags=["melden", "signalering"]),
    entry("complot", "In gesprek met iemand die in complotverhalen gelooft",
          "Stel open vragen, vermijd spot en houd het contact warm. Met feiten alleen overtuig je niemand.",
          tags=["complotdenken", "gespreksvoering"]),
    entry("demonstratie", "Demonstraties en de rol van de burgemeester",
          "Voor een demonstratie is geen vergunning nodig, wel een kennisgeving aan de burgemeester. "
          "Die kan voorschriften geven over plaats en tijd.",
          tags=["demonstraties", "burgemeester"]),
    entry("bedreiging", "Bedreiging van lokale politici",
          "Raadsleden en wethouders worden soms bedreigd of geïntimideerd. Doe aangifte en bewaar bewijs, "
          "zoals schermafbeeldingen van berichten.",
          tags=["bedreiging", "politici", "aangifte"]),
    entry("symbolen", "Extremistische symbolen en codes herkennen",
          "Cijfercodes zoals 88 en 1488, de zwarte zon en de wolfsangel komen voor bij rechts-extremisten. "
          "Eén symbool is geen bewijs: let op de context.",
          tags=["symbolen", "rechts-extremisme"]),
    entry("training", "Trainingsaanbod van het netwerk",
          "Het netwerk biedt trainingen signaleren en gespreksvoering. Deelname is kosteloos.",
          tags=["training", "deskundigheid"], aliases=["welke cursussen zijn er"]),
    entry("webinar", "Webinars terugkijken",
          "De opname van een webinar kun je een week later terugkijken in de mediatheek.",
          tags=["webinar"]),
    entry("webinar-aanmelden", "Webinars aanmelden",
          "Aanmelden voor een webinar gaat via de agenda; je krijgt de link een dag van tevoren.",
          tags=["webinar"]),
]


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(BASE)


def top(m: Matcher, q: str) -> str:
    return m.search(q).hits[0].entry_id


@pytest.mark.parametrize("question, expected", [
    ("Bij wie kan ik terecht als ik denk dat een jongere radicaliseert?", "melden"),
    ("Hoe praat ik met een cliënt die in complotten gelooft?", "complot"),
    ("Heb je een vergunning nodig om te demonstreren?", "demonstratie"),
    ("Een wethouder krijgt dreigberichten, wat nu?", "bedreiging"),
    ("wat betekent 1488", "symbolen"),
    ("complotdenkers hoe ga je daarmee in gesprek", "complot"),  # compound, chat
    ("radicalisring melden bij gemeente", "melden"),  # typo
    ("welke cursussen kan ik volgen", "training"),  # alias
])
def test_right_entry_first(matcher, question, expected):
    r = matcher.search(question)
    assert r.hits[0].entry_id == expected
    assert not r.abstain, r.reason


def test_english_question_finds_dutch_entry(matcher):
    r = matcher.search("What should a local councillor do about threats?")
    assert r.hits[0].entry_id == "bedreiging" and not r.abstain
    assert top(matcher, "How do I talk to someone who believes in conspiracy theories?") == "complot"
    assert top(matcher, "Do you need a permit to hold a demonstration?") == "demonstratie"


def test_matched_on_explains_word_and_field(matcher):
    r = matcher.search("Hoe herken ik extremistische symbolen?")
    why = r.hits[0].matched_on
    assert any(w.startswith("symbolen") and "title" in w for w in why), why
    assert any(w.startswith("extremistische") for w in why), why
    r = matcher.search("wat te doen tegen een wappie")  # a thesaurus synonym is named in the why
    assert r.hits[0].entry_id == "complot"
    assert any("wappie→" in w for w in r.hits[0].matched_on), r.hits[0].matched_on


def test_abbreviations_are_expanded(matcher):
    words = matcher.analyse("info over lln ivm radicalisering")
    texts = {w.norm for w in words}
    assert "leerlingen" in texts and "informatie" in texts and "ivm" not in texts


@pytest.mark.parametrize("question", [
    "Heb je een recept voor appeltaart?",
    "Wat voor weer wordt het morgen in Utrecht?",
    "Hoe zet ik een afwezigheidsbericht aan in Outlook?",
    "Can you recommend a good hotel in Amsterdam?",
])
def test_abstains_on_off_topic_questions(matcher, question):
    r = matcher.search(question)
    assert r.abstain, (question, r.reason, r.hits[:1])
    assert r.reason


@pytest.mark.parametrize("question", ["", "   ", "a", "?", "🙂👍🔥", "\x00\x01", "<script>",
                                      "de het een"])
def test_empty_or_wordless_questions_abstain(matcher, question):
    r = matcher.search(question)
    assert r.abstain and r.reason and r.confidence == 0.0
    assert isinstance(r, MatchResult)


def test_huge_question_abstains_without_error(matcher):
    r = matcher.search("x" * 20_000)
    assert r.abstain and r.reason
    r = matcher.search(("Ik maak me zorgen over een leerling die radicaliseert. " * 400)[:20_000])
    assert r.abstain and "20000 characters" in r.reason
    assert r.hits and r.hits[0].entry_id == "melden"  # curators still see what it was about


def test_long_story_is_answered(matcher):
    story = ("Ik werk als jongerenwerker in een kleine gemeente. Een jongen die ik al jaren ken, deelt "
             "sinds de zomer filmpjes en zegt dingen over ongelovigen. Zijn moeder maakt zich zorgen. "
             "Ik wil het vertrouwen niet kwijt. Bij wie kan ik melden dat ik denk dat hij radicaliseert?")
    r = matcher.search(story)
    assert r.hits[0].entry_id == "melden" and not r.abstain, r.reason


def test_non_string_question_abstains(matcher):
    assert matcher.search(None).abstain  # type: ignore[arg-type]


def test_result_fields_are_bounded(matcher):
    for q in ("complotdenken", "Heb je een recept voor appeltaart?", "webinar", ""):
        r = matcher.search(q)
        assert 0.0 <= r.confidence <= 1.0 and 0.0 <= r.coverage <= 1.0
        assert len(r.hits) <= 5
        assert all(isinstance(h, Hit) for h in r.hits)
        assert [h.score for h in r.hits] == sorted((h.score for h in r.hits), reverse=True)


def test_hits_are_kept_when_abstaining(matcher):
    r = matcher.search("Wat kost een parkeervergunning bij de burgemeester?")
    assert r.hits, "curators see what came closest"


def test_k_limits_hits(matcher):
    assert len(matcher.search("webinar", k=2).hits) == 2
    assert len(matcher.search("webinar", k=50).hits) == len(BASE)


def test_close_runners_up(matcher):
    r = matcher.search("webinar")
    ids = {h.entry_id for h in r.hits[:2]}
    assert ids == {"webinar", "webinar-aanmelden"}
    close = r.close_runners_up
    assert close and close[0].entry_id in ids and close[0] is r.hits[1]
    assert all(h.score >= CLOSE_RATIO * r.hits[0].score for h in close)
    assert len(close) <= 2
    far = matcher.search("Wat betekent de zwarte zon?")
    assert far.close_runners_up == ()


def test_empty_base_abstains():
    r = Matcher([]).search("radicalisering")
    assert r.abstain and r.hits == () and "empty" in r.reason


def test_single_entry_base():
    m = Matcher([BASE[0]])
    r = m.search("radicalisering melden")
    assert r.hits[0].entry_id == "melden" and not r.abstain
    assert r.close_runners_up == ()


def test_deterministic(matcher):
    a = matcher.search("Een raadslid wordt bedreigd")
    b = Matcher(BASE).search("Een raadslid wordt bedreigd")
    assert a == b
