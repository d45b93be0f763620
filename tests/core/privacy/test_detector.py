"""The personal-data guard (bot.core.privacy). Synthetic data only: invented names and numbers that
are computed to pass their checksums."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.privacy import PII_TYPES, Detection, detect, mask_preview, redact
from bot.core.privacy.detector import PLACEHOLDERS, merge_spans
from bot.core.privacy.recognizers.numbers import eleven_test, iban_valid
from bot.core.privacy.scan import format_table, scan_jsonl


# ----------------------------------------------------------------- helpers
def make_bsn(prefix: str) -> str:
    """A nine-digit number passing the eleven-test, from an eight-digit prefix."""
    assert len(prefix) == 8
    total = sum(int(d) * w for d, w in zip(prefix, range(9, 1, -1), strict=True))
    check = total % 11
    if check == 10:
        return make_bsn(str(int(prefix) + 1).zfill(8))
    return prefix + str(check)


def make_iban(country: str, bban: str) -> str:
    for check in range(2, 99):
        cand = f"{country}{check:02d}{bban}"
        if iban_valid(cand):
            return cand
    raise AssertionError("no check digits")


def group4(value: str) -> str:
    return " ".join(value[i:i + 4] for i in range(0, len(value), 4))


BSN_A = make_bsn("12345670")
BSN_B = make_bsn("23456780")
IBAN_NL = make_iban("NL", "ABNA0123456789")
IBAN_BE = make_iban("BE", "539007547034")
IBAN_DE = make_iban("DE", "370400440532013000")


def types_found(text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in detect(text)]


def assert_found(text: str, kind: str, value: str) -> None:
    dets = detect(text)
    start = text.index(value)
    hit = [d for d in dets if d.start < start + len(value) and start < d.end]
    assert hit, f"{kind} {value!r} not found in {text!r}: {dets}"
    assert any(d.type == kind for d in hit), f"{value!r} found as {[d.type for d in hit]}, want {kind}"


def test_checksum_helpers() -> None:
    assert eleven_test(BSN_A) and eleven_test(BSN_B)
    assert not eleven_test("123456789")
    assert iban_valid(IBAN_NL) and iban_valid(IBAN_BE) and iban_valid(IBAN_DE)
    assert not iban_valid("NL00ABNA0123456789")


# ----------------------------------------------------------------- each type, several formats
FOUND = [
    # BSN
    ("BSN", f"Het bsn van de jongen is {BSN_A}, graag checken", BSN_A),
    ("BSN", f"BSN: {BSN_A[:3]}.{BSN_A[3:6]}.{BSN_A[6:]} van moeder", f"{BSN_A[:3]}.{BSN_A[3:6]}.{BSN_A[6:]}"),
    ("BSN", f"burgerservicenummer {BSN_B[:3]}-{BSN_B[3:6]}-{BSN_B[6:]}", f"{BSN_B[:3]}-{BSN_B[3:6]}-{BSN_B[6:]}"),
    ("BSN", f"nummer {BSN_B[:4]} {BSN_B[4:6]} {BSN_B[6:]} staat niet in de BRP", f"{BSN_B[:4]} {BSN_B[4:6]} {BSN_B[6:]}"),
    # PHONE
    ("PHONE", "Bel haar op 06-12345678 na vijven", "06-12345678"),
    ("PHONE", "mobiel 06 12 34 56 78", "06 12 34 56 78"),
    ("PHONE", "vader: +31 6 1234 5678", "+31 6 1234 5678"),
    ("PHONE", "nummer 0031-612345678 is van de oom", "0031-612345678"),
    ("PHONE", "vast nummer thuis 020-5551234", "020-5551234"),
    ("PHONE", "bereikbaar op (050) 3123456 voor de familie", "(050) 3123456"),
    ("PHONE", "de buurvrouw heeft 0541-495512", "0541-495512"),
    ("PHONE", "Belgisch nummer van zijn neef: +32 470 12 34 56", "+32 470 12 34 56"),
    # EMAIL
    ("EMAIL", "mail naar sanne.testhuizen@example.nl aub", "sanne.testhuizen@example.nl"),
    ("EMAIL", "Zijn adres is jongen_2009@voorbeeld.com.", "jongen_2009@voorbeeld.com"),
    # IBAN
    ("IBAN", f"rekening {IBAN_NL} voor de donaties", IBAN_NL),
    ("IBAN", f"rekening {group4(IBAN_NL)} voor de donaties", group4(IBAN_NL)),
    ("IBAN", f"Belgische rekening {group4(IBAN_BE)} gezien", group4(IBAN_BE)),
    ("IBAN", f"Duitse rekening {IBAN_DE} gezien", IBAN_DE),
    ("IBAN", f"op de flyer stond {group4(IBAN_NL).lower()}", group4(IBAN_NL).lower()),
    # ADDRESS
    ("ADDRESS", "Het gezin woont op de Kastanjelaan 12a in Zwolle", "Kastanjelaan 12a"),
    ("ADDRESS", "adres: Voorbeeldstraat 7-II", "Voorbeeldstraat 7-II"),
    ("ADDRESS", "woont nu Burgemeester Testplein 3 hs", "Burgemeester Testplein 3 hs"),
    ("ADDRESS", "zit op Fictieweg nr 101, bovenwoning", "Fictieweg nr 101"),
    ("ADDRESS", "Brief kwam van Molendreef 14 bis", "Molendreef 14 bis"),
    ("ADDRESS", "ingeschreven op Zuiderkade 8-1", "Zuiderkade 8-1"),
    # POSTCODE
    ("POSTCODE", "Nieuwe postcode is 1234 AB", "1234 AB"),
    ("POSTCODE", "verhuisd naar 3511XY Utrecht", "3511XY"),
    ("POSTCODE", "pc 9712kl volgens de brief", "9712kl"),
    # PLATE
    ("PLATE", "auto met kenteken 1-ABC-23 stond er weer", "1-ABC-23"),
    ("PLATE", "kenteken AB-123-C gezien", "AB-123-C"),
    ("PLATE", "een busje 12-AB-34 bij de school", "12-AB-34"),
    ("PLATE", "de scooter met plaat GX-239-X", "GX-239-X"),
    ("PLATE", "kenteken zvv38k volgens de camera", "zvv38k"),
    # BIRTHDATE
    ("BIRTHDATE", "De jongen is geboren op 3 maart 2009 in Utrecht", "3 maart 2009"),
    ("BIRTHDATE", "geb. 12-05-2010, woont bij oma", "12-05-2010"),
    ("BIRTHDATE", "Geboortedatum: 04/11/2008", "04/11/2008"),
    ("BIRTHDATE", "dob 2007-02-28", "2007-02-28"),
    ("BIRTHDATE", "geboortedatum (18-04-'12) en adres", "18-04-'12"),
    ("BIRTHDATE", "Sanne Testhuizen (14 februari 2006) is weer thuis", "14 februari 2006"),
    # HANDLE
    ("HANDLE", "Op insta heet hij @abu.voorbeeld_", "@abu.voorbeeld_"),
    ("HANDLE", "tiktok account @fictief2008 deelt filmpjes", "@fictief2008"),
    ("HANDLE", "Het telegramkanaal @nieuweorde heeft 3000 volgers", "@nieuweorde"),
    ("HANDLE", "Profiel: https://www.instagram.com/test.profiel88/ bekijken", "test.profiel88"),
    # PERSON
    ("PERSON", "Sanne Testhuizen belde gisteren over haar zoon", "Sanne Testhuizen"),
    ("PERSON", "Ik sprak J. de Voorbeeld over de casus", "J. de Voorbeeld"),
    ("PERSON", "Mevrouw Fictiefsma wil een gesprek", "Fictiefsma"),
    ("PERSON", "wie kent de familie Testoglu?", "Testoglu"),
    ("PERSON", "ik heb youssef el testaoui gesproken", "youssef el testaoui"),
    ("PERSON", "Volgens Fatima Bakkali gaat het slecht", "Fatima Bakkali"),
    ("PERSON", "oom Emre rijdt hem elke week", "Emre"),
    ("PERSON", "De moeder (Agnieszka Kowalska) belde", "Agnieszka Kowalska"),
    ("PERSON", "Wie kan Ravi helpen met de aanvraag?", "Ravi"),
    ("PERSON", "Het gaat om Kenneth Pinas uit Zuidoost", "Kenneth Pinas"),
    ("PERSON", "contactpersoon is dhr. A.B. van der Testen", "A.B. van der Testen"),
    ("PERSON", "Ömer Yılmaz, bsn volgt later", "Ömer Yılmaz"),
    ("PERSON", "zijn vriendin Jasmijn weet ervan", "Jasmijn"),
]


@pytest.mark.parametrize(("kind", "text", "value"), FOUND)
def test_each_type_is_found(kind: str, text: str, value: str) -> None:
    assert_found(text, kind, value)


def test_every_type_is_covered_above() -> None:
    assert {k for k, _, _ in FOUND} == set(PII_TYPES)


# ----------------------------------------------------------------- look-alikes stay quiet
QUIET = [
    "Het nummer 123456789 is geen bsn",
    "Inkoopnummer 168085307 moet op de factuur",
    "Het rapport uit 2016 gaat over de jaren 1995-2005",
    "Dossier RAD-2024-119 en zaaknummer 2024-0012345 zijn gesloten",
    "kenmerk SUB/2025/7055 op de beschikking",
    "Vergadering op 12-03-2026 om 19.30 uur in het stadhuis",
    "Teams-overleg vrijdag 25 juli, 19.30 uur. De link volgt",
    "Training ONE-on-ONE en de WIJ-school starten in september",
    "De Wet politiegegevens, de Gemeentewet en de AVG zijn van toepassing",
    "Politie, Veiligheidshuis, GGD, Openbaar Ministerie en NCTV werken samen",
    "@moderators @everyone @here kunnen jullie dit verplaatsen?",
    "@team de notulen staan klaar",
    "Bel bij acuut gevaar 112, voor advies 0800-2000 of de gemeente via 14 020",
    "De Lange Elisabethstraat wordt opnieuw ingericht",
    "In Amsterdam, Den Haag en Apeldoorn zien we meer meldingen",
    "Maandag en dinsdag zijn we dicht, in mei ook een week",
    "In postcodegebied 3827 is het jongerenwerk uitgebreid met 2 fte",
    "Het Anne Frank Huis heeft een lespakket over vooroordelen",
    "Lieve collega's, tot morgen!",
    "Wil iemand meedenken over de training Herkennen van online haat?",
]


@pytest.mark.parametrize("text", QUIET)
def test_look_alikes_stay_quiet(text: str) -> None:
    assert detect(text) == [], types_found(text)


def test_bsn_failing_eleven_test_is_ignored() -> None:
    bad = BSN_A[:-1] + str((int(BSN_A[-1]) + 1) % 10)
    assert not eleven_test(bad)
    assert detect(f"bsn {bad}") == []


def test_eight_digit_bsn_only_with_cue() -> None:
    eight = make_bsn("01234567")[1:] if make_bsn("01234567").startswith("0") else None
    assert eight is not None and len(eight) == 8
    assert ("BSN", eight) in types_found(f"oud bsn {eight} van opa")
    assert detect(f"het KvK-nummer is {eight}") == []


# ----------------------------------------------------------------- redact, offsets, preview
REDACT_TEXT = (f"Voor de casusregisseur: Sanne Testhuizen, BSN {BSN_A}, Kastanjelaan 12a, 1234 AB Zwolle, "
               f"tel 06-12345678, mail sanne.testhuizen@example.nl, rekening {IBAN_NL}, "
               f"kenteken 1-ABC-23, geboren 3 maart 2009, insta @fictief2008")


def test_redact_replaces_every_value_with_a_placeholder() -> None:
    out = redact(REDACT_TEXT)
    for raw in ("Testhuizen", BSN_A, "Kastanjelaan", "1234 AB", "06-12345678", "example.nl", IBAN_NL,
                "1-ABC-23", "3 maart 2009", "@fictief2008"):
        assert raw not in out
    for kind in PII_TYPES:
        assert PLACEHOLDERS[kind] in out, kind
    assert out.startswith("Voor de casusregisseur: [NAAM], BSN [BSN], [ADRES], [POSTCODE] Zwolle")


def test_offsets_match_text() -> None:
    dets = detect(REDACT_TEXT)
    assert dets
    for d in dets:
        assert REDACT_TEXT[d.start:d.end] == d.text
    assert [d.start for d in dets] == sorted(d.start for d in dets)
    assert all(a.end <= b.start for a, b in zip(dets, dets[1:], strict=False))


def test_overlapping_detections_are_merged() -> None:
    merged = merge_spans([(0, 10, "PERSON"), (5, 15, "ADDRESS"), (15, 20, "POSTCODE"), (30, 35, "PHONE"),
                          (31, 33, "BSN")])
    assert merged == [(0, 15, "ADDRESS"), (15, 20, "POSTCODE"), (30, 35, "BSN")]
    text = "Sanne Testhuizen woont op Kastanjelaan 12a"
    given_dets = [Detection(0, 16, "PERSON", text[0:16]), Detection(6, 16, "PERSON", text[6:16]),
                  Detection(26, 42, "ADDRESS", text[26:42])]
    assert redact(text, given_dets) == "[NAAM] woont op [ADRES]"
    assert [k for k, _ in mask_preview(text, given_dets)] == ["PERSON", "ADDRESS"]


def test_mask_preview_hides_values() -> None:
    text = "Sanne de Testhuizen, 06-12345678, sanne.t@example.nl, geb. 03-03-2009"
    preview = dict(mask_preview(text))
    assert preview["PERSON"] == "S*** de T***"
    assert preview["PHONE"] == "06-****5678"
    assert preview["EMAIL"] == "s***@e***.nl"
    assert preview["BIRTHDATE"] == "**-**-2009"
    for _, masked in mask_preview(REDACT_TEXT):
        assert "*" in masked


# ----------------------------------------------------------------- robustness
def test_unicode_and_emoji() -> None:
    text = "🙂👍 Łukasz Testowski 🎉 belde, nummer 06-12345678 😀 en @tést 👀"
    dets = detect(text)
    assert ("PERSON", "Łukasz Testowski") in [(d.type, d.text) for d in dets]
    assert ("PHONE", "06-12345678") in [(d.type, d.text) for d in dets]
    for d in dets:
        assert text[d.start:d.end] == d.text


def test_empty_and_whitespace() -> None:
    assert detect("") == []
    assert detect("   \n\t ") == []
    assert redact("") == ""
    assert mask_preview("") == []


def test_huge_text() -> None:
    chunk = f"Sanne Testhuizen belde over {BSN_A} en 06-12345678. Vergadering 12-03-2026 om 19.30 uur. 🙂 "
    text = (chunk * (100_000 // len(chunk) + 1))[:100_000]
    dets = detect(text)
    assert len(dets) > 1000
    assert all(0 <= d.start < d.end <= len(text) for d in dets)
    assert "06-12345678" not in redact(text, dets)


def test_mask_character_in_input() -> None:
    text = "Sanne\x00Testhuizen \x00\x00 06-12345678"
    assert ("PHONE", "06-12345678") in types_found(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
       | st.text(alphabet="0123456789 -./()+@abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP'", max_size=120)
       | st.lists(st.sampled_from(["Sanne", "de", "Vries", "06-12345678", "@x_1", "J.", "geb.", "12-03-2009",
                                   "mevrouw", "(", ")", ",", " ", "Kerkstraat", "12", "NL", BSN_A, IBAN_NL,
                                   "1234 AB", "ł", "🙂", "\n", "van", "der", "El"]), max_size=40).map("".join))
def test_detect_never_raises_and_spans_are_well_formed(text: str) -> None:
    dets = detect(text)
    previous_end = 0
    for d in dets:
        assert 0 <= d.start < d.end <= len(text)
        assert d.start >= previous_end
        assert d.type in PII_TYPES
        assert text[d.start:d.end] == d.text
        previous_end = d.end
    redact(text, dets)
    mask_preview(text, dets)


# ----------------------------------------------------------------- scan
def test_scan_jsonl_and_table() -> None:
    lines = [json.dumps({"id": "a", "text": "bel 06-12345678"}), "", "not json",
             json.dumps({"id": "b", "text": "niks bijzonders"}), json.dumps({"id": "c"})]
    results = list(scan_jsonl(lines))
    assert results[0] == {"id": "a", "detections": [{"start": 4, "end": 15, "type": "PHONE"}]}
    assert "error" in results[1] and results[1]["line"] == 3
    assert results[2] == {"id": "b", "detections": []}
    assert results[3]["id"] == "c" and "error" in results[3]
    table = format_table(results, {"a": "bel 06-12345678", "b": "niks bijzonders"})
    assert "06-****5678" in table and "06-12345678" not in table
    assert "4 messages, 1 with personal data: PHONE 1" in table


# ----------------------------------------------------------------- dev set
def _dev_set() -> Path | None:
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "pyproject.toml").exists():
            path = parent.parent / "shared" / "data" / "privacy" / "messages.jsonl"
            return path if path.exists() else None
    return None


def test_dev_set_recall_and_clean_pass() -> None:
    path = _dev_set()
    if path is None:
        pytest.skip("shared/data/privacy/messages.jsonl not present beside the repository")
    msgs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    found = total = clean = clean_ok = 0
    for msg in msgs:
        dets = detect(msg["text"])
        if not msg["spans"]:
            clean += 1
            clean_ok += not dets
            continue
        for span in msg["spans"]:
            total += 1
            found += any(d.start < span["end"] and span["start"] < d.end for d in dets)
    assert total and clean
    assert found / total >= 0.95, f"recall {found}/{total}"
    assert clean_ok / clean >= 0.90, f"clean pass {clean_ok}/{clean}"
