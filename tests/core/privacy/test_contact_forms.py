"""Issue 14, third round: phone numbers, e-mail addresses and handles in the forms Dutch case talk,
signatures and chat use, each with look-alikes that must stay clean. Synthetic sentences, invented
people and fictitious numbers; other wording than the shared set and the data files."""

from __future__ import annotations

import pytest

from bot.core.privacy import detect


def kinds(text: str) -> list[tuple[str, str]]:
    return [(d.type, d.text) for d in detect(text)]


# ----------------------------------------------------------------- phone numbers
@pytest.mark.parametrize("text,number", [
    ("Tel.06-11223344 (moeder)", "06-11223344"),  # an abbreviation's dot right before the number
    ("T.020-5172839 | M.06-11223344", "020-5172839"),
    ("Hij ligt in het ziekenhuis, tel. 030-2918374.", "030-2918374"),  # an institution named is not enough
    ("Zijn werkgever gaf het nummer van zijn bureau door: 013-5827364 (rechtstreeks).", "013-5827364"),
    ("Tante in Brussel, vast nummer 02 518 27 39.", "02 518 27 39"),  # Belgian, nine digits in groups
    ("Zijn oom in Antwerpen: 03/281.94.72", "03/281.94.72"),
    ("Zijn oom in Berlijn: 030 28394716", "030 28394716"),  # German, a German place named beside it
])
def test_phone_forms_found(text: str, number: str) -> None:
    assert ("PHONE", number) in kinds(text), kinds(text)


def test_two_numbers_joined_by_a_slash_are_both_found() -> None:
    assert kinds("Nummers: 0611223344/0205172839") == [("PHONE", "0611223344"), ("PHONE", "0205172839")]


@pytest.mark.parametrize("text", [
    "We zijn op werkdagen open van 0900-1700 uur.",  # two clock times, not a 0900 number
    "Het telefonisch spreekuur loopt van 0800-1000.",
    "De receptie van het ziekenhuis: 030-2509111.",  # a switchboard says so
    "Het hoofdnummer van de gemeente is 030-2861111.",
    "De gemeente Amsterdam is bereikbaar via 14 020.",  # the municipal short number: public
    "Het getal 025182739 staat op de lijst.",  # nine digits in one run: not a Belgian number
    "Code 030 28394716 in het systeem.",  # too long for Dutch, and no neighbour country named
])
def test_phone_look_alikes_stay_clean(text: str) -> None:
    assert kinds(text) == []


def test_a_real_service_number_is_still_a_number() -> None:
    text = "Haar waarzeglijn is 0906 1700123, ze vraagt 80 cent per minuut."
    assert ("PHONE", "0906 1700123") in kinds(text)
