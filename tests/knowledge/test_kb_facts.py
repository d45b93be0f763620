"""Facts in the shipped knowledge base that must not drift: an edit that breaks one fails CI.

Checked against Dutch law and public sources in December 2026 (issue 20). When a fact really
changes, change the entry, the catalogue (knowledge/data/kb_facts.yaml) and this test together.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from knowledge import checks
from knowledge.entry import load_entries
from knowledge.sources import facts

RESULT = load_entries()
BY_ID = {e.id: e for e in RESULT.entries}
CHECKED_ON = dt.date(2026, 12, 4)
# The only phone numbers the base may give: 112, 113 Zelfmoordpreventie (113 and 0800-0113),
# politie 0900-8844, Meld Misdaad Anoniem 0800-7000, Veilig Thuis 0800-2000.
KNOWN_NUMBERS = {"112", "113", "0800-0113", "0900-8844", "0800-7000", "0800-2000"}


def body(entry_id: str) -> str:
    return BY_ID[entry_id].body


def test_the_shipped_base_loads_cleanly_and_passes_the_content_checks():
    assert RESULT.problems == ()
    assert checks.content_warnings(RESULT.entries, CHECKED_ON) == []


def test_phone_numbers_are_the_known_ones():
    assert {"112", "113", "0800-0113", "0900-8844", "0800-2000"} <= set(
        re.findall(facts()["phone"], body("acuut-gevaar-112")))
    assert "0800-7000" in body("politie-en-wijkagent") and "Meld Misdaad Anoniem" in body("politie-en-wijkagent")
    for e in RESULT.entries:
        unknown = set(re.findall(facts()["phone"], e.body)) - KNOWN_NUMBERS
        assert not unknown, f"{e.id}: {unknown}"
    for e in RESULT.entries:  # a number named next to Veilig Thuis is Veilig Thuis's number
        for m in re.finditer(r"Veilig Thuis[^.\n]{0,40}?(0[89]00-?\d{4})", e.body):
            assert m.group(1) == "0800-2000", e.id
    assert "0800-2000" in body("veilig-thuis")


@pytest.mark.parametrize("entry_id", ["privacy-wat-mag-je-delen", "convenant-informatiedeling"])
def test_wgs_and_wet_pga_are_the_bases_of_the_casusoverleggen(entry_id):
    text = body(entry_id)
    assert "Wet PGA" in text
    assert "Wet gegevensverwerking door samenwerkingsverbanden" in text and "WGS" in text
    assert "Stb. 2024, 198" in text and "1 maart 2025" in text
    assert any("Stb. 2024, 198" in s for s in BY_ID[entry_id].sources)


def test_the_convenant_is_never_called_a_legal_basis():
    claim = re.compile(r"grondslag|wettelijke basis|rechtsgrond", re.I)
    denial = re.compile(r"\b(geen|niet|nooit)\b", re.I)
    for e in RESULT.entries:
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", e.body):
            if re.search(r"convenant", sentence, re.I) and claim.search(sentence):
                names_law = re.search(r"Wet PGA|WGS|\bwet\b", sentence)
                assert denial.search(sentence) or names_law, f"{e.id}: {sentence}"
    assert "Een **convenant** is geen grondslag" in body("privacy-wat-mag-je-delen")
    assert "Het **convenant** is geen grondslag" in body("convenant-informatiedeling")


def test_toestemming_is_seldom_a_basis_for_a_municipality():
    assert "zelden een geldige grondslag" in body("privacy-wat-mag-je-delen")


def test_organisation_names_are_the_current_ones():
    assert "Meld.Online Discriminatie" in body("haatincidenten-en-discriminatie")
    assert "Expertise-unit Sociale Stabiliteit" in body("expertise-eenheid-sociale-stabiliteit")
    assert "Autoriteit online Terroristisch en Kinderpornografisch Materiaal" in body("terroristische-content-melden")
    for entry_id in ("familiesteunpunt-radicalisering", "landelijke-organisaties-overzicht", "ouders-zorgen-over-kind",
                     "gesprek-met-je-kind", "uitreizigers-en-terugkeerders"):
        assert "Familieondersteuning" in body(entry_id) and "Landelijk Steunpunt Extremisme" in body(entry_id)
    for e in RESULT.entries:
        assert not any("platformjep.nl" in s for s in e.sources), e.id
        assert "Rijksbrede Expertise-eenheid" not in e.body + e.title, e.id


def test_beroepsgeheim_names_the_route_at_a_suspicion_and_its_legal_sources():
    text = body("beroepsgeheim-en-conflict-van-plichten")
    assert "kun je het melden bij de politie" not in text
    assert "eerst anoniem sparren" in text and "leg de afweging vast" in text.lower() and "**112**" in text
    assert "art. 160 Wetboek van Strafvordering" in text and "art. 136 Wetboek van Strafrecht" in text
    assert "jonger dan 12" in text and "12 tot en met 15" in text and "vanaf **16**" in text


def test_twbmt_entry_is_reviewed_before_the_law_lapses():
    e = BY_ID["persoonsgerichte-aanpak"]
    assert dt.date(2027, 3, 1) in checks.lapse_dates(e.body)
    assert e.review_by < dt.date(2027, 3, 1)


def test_voting_entry_describes_what_labbot_does():
    text = body("living-lab-stemmen-en-lessen")
    assert "één stem per punt" in text and "aantal stemmen" in text
    assert "alleen de totale uitslag" not in text
