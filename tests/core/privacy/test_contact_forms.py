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
    "De gemeente Amsterdam is bereikbaar via 14 020.",  # the municipal short number: public
    "Het getal 025182739 staat op de lijst.",  # nine digits in one run: not a Belgian number
    "Code 030 28394716 in het systeem.",  # too long for Dutch, and no neighbour country named
])
def test_phone_look_alikes_stay_clean(text: str) -> None:
    assert kinds(text) == []


def test_a_real_service_number_is_still_a_number() -> None:
    text = "Haar waarzeglijn is 0906 1700123, ze vraagt 80 cent per minuut."
    assert ("PHONE", "0906 1700123") in kinds(text)


# ----------------------------------------------------------------- e-mail
@pytest.mark.parametrize("text,address", [
    ("Hij noemde yusuf.k apenstaartje hotmail punt com als zijn adres.", "yusuf.k apenstaartje hotmail punt com"),
    ("Schrijf naar sanne.v (apenstaartje) ziggo (punt) nl", "sanne.v (apenstaartje) ziggo (punt) nl"),
    ("Oud adres: h.kramer(a)planet.nl", "h.kramer(a)planet.nl"),
    ("Haar adres is josé.álvarez@gmail.com, zegt de school.", "josé.álvarez@gmail.com"),
    ("Mail van de oom: çelik.a@hotmail.com", "çelik.a@hotmail.com"),
])
def test_email_forms_found(text: str, address: str) -> None:
    assert ("EMAIL", address) in kinds(text), kinds(text)


@pytest.mark.parametrize("text", [
    "Punt (a) van de agenda is de evaluatie, punt (b) de planning.",
    "Het apenstaartje ontbreekt in het adres, daarom kwam de mail terug.",
    "Stuur het maar naar info@ van de gemeente.",
])
def test_email_look_alikes_stay_clean(text: str) -> None:
    assert [k for k, _ in kinds(text) if k == "EMAIL"] == []


# ----------------------------------------------------------------- handles without @
@pytest.mark.parametrize("text,name", [
    ("snap: daan_123", "daan_123"),
    ("Discord: nachtvlinder#4821", "nachtvlinder#4821"),
    ("Zijn Discord-naam is stille.wolf07, zegt zijn zus.", "stille.wolf07"),
    ("Snapchat van het meisje: r.vos_99", "r.vos_99"),
    ("Gebruikersnaam op Snapchat: kev1n.010", "kev1n.010"),
])
def test_account_named_after_its_platform(text: str, name: str) -> None:
    assert ("HANDLE", name) in kinds(text), kinds(text)


@pytest.mark.parametrize("text", [
    "Snapchat: geen account gevonden onder zijn naam.",
    "insta: nog niet gecheckt, doe ik morgen.",
    "Instagram: 30k volgers, vooral jongeren.",
    "Telegram: versie 10.4 staat op haar telefoon.",
    "Hij zit veel op Telegram, maar we weten niet onder welke naam.",
])
def test_platform_words_without_an_account_stay_clean(text: str) -> None:
    assert kinds(text) == []


# ----------------------------------------------------------------- links, providers, said user names
def test_phone_number_inside_a_whatsapp_link() -> None:
    assert kinds("Stuur hem een appje via https://wa.me/31612345678 of bel.") == [("PHONE", "31612345678")]
    assert kinds("Zie https://www.rijksoverheid.nl/onderwerpen/radicalisering voor de folder.") == []


def test_address_at_a_mail_provider_without_its_domain_end() -> None:
    assert kinds("Zijn gmail is j.jansen@gmail, zegt hij.") == [("EMAIL", "j.jansen@gmail")]
    assert kinds("Stuur het naar info@gemeente, die weten het.") == []


def test_a_word_said_to_be_a_user_name() -> None:
    assert ("HANDLE", "nachtwolf") in kinds("Zijn Discord-naam is nachtwolf, zegt zijn zus.")
    assert kinds("Gebruikersnaam: nog onbekend.") == []
    assert kinds("Discord: zie het kanaal voor de casuïstiek.") == []


# ----------------------------------------------------------------- classes from contactcheck's misses
def test_letter_o_for_the_leading_zero() -> None:
    assert kinds("Nummer op het briefje: O6-18273946") == [("PHONE", "O6-18273946")]
    assert kinds("Het O2-netwerk had storing, O2 is een provider.") == []


def test_local_part_with_spaced_dots_is_masked_whole() -> None:
    assert kinds("reageren op lisa . veenstra @ gmail . com") == [("EMAIL", "lisa . veenstra @ gmail . com")]


def test_account_after_a_comma() -> None:
    assert kinds("Hij heeft een tweede snap, mila.x2010.") == [("HANDLE", "mila.x2010")]
    assert kinds("Snapchat, TikTok en Instagram gebruikt ze allemaal.") == []


def test_meeting_dial_in_number_is_one_phone_and_no_bsn() -> None:
    # not read as a BSN in pieces ("20 123 45 67"), and the meeting ID is no number to mask
    assert kinds("Inbelnummer van het overleg: +31 20 123 45 67, vergader-ID 482 917 36.") == [
        ("PHONE", "+31 20 123 45 67")]
    assert ("PHONE", "020 518 27 39") in kinds("Mijn vaste nummer voor het overleg: 020 518 27 39")


# ----------------------------------------------------------------- fourth round: landlines (geo.jsonl)
@pytest.mark.parametrize("text,number", [
    ("Oma heeft alleen een vaste lijn: 0169-287341.", "0169-287341"),  # area code not allocated
    ("Zijn broer: (014) 3928 417", "(014) 3928 417"),
    ("Opa belt met +31 148 629 301.", "+31 148 629 301"),
])
def test_a_landline_with_an_area_code_not_in_use_is_still_a_number(text: str, number: str) -> None:
    assert ("PHONE", number) in kinds(text), kinds(text)


def test_ten_digits_outside_the_geographic_plan_are_not_made_phones() -> None:
    # 08x/09x are service and company numbers: libphonenumber's word stands
    assert [k for k, _ in kinds("Code 0891234567 op het formulier.")] == []


def test_a_date_and_time_is_not_read_as_a_landline() -> None:
    # "05-12-2026 14" has the ten digits of a number in Drachten (0512)
    assert kinds("Het overleg is op 05-12-2026 14:00 uur in het stadhuis.") == []
    assert kinds("Ingepland: 05-12-2026 0612345678 bellen") == [("PHONE", "0612345678")]


@pytest.mark.parametrize("text,number", [
    ("NOODNUMMER VAN DE GROOTVADER IS 0174 - 283 910", "0174 - 283 910"),
    ("TERUGBELLEN, urgent volgens de receptie: nummer 0513 627 481.", "0513 627 481"),  # a call-back
    ("De receptie van het ziekenhuis: 030-2509111.", "030-2509111"),
    ("Het hoofdnummer van de gemeente is 030-2861111.", "030-2861111"),
    ("Het noodnummer van de huisartsenpost is 0900-1234567.", "0900-1234567"),
])
def test_a_number_is_masked_whoever_it_belongs_to(text: str, number: str) -> None:
    # the words around a number do not tell reliably whose it is: only listed public numbers stay
    assert kinds(text) == [("PHONE", number)]


@pytest.mark.parametrize("text", [
    "Twijfel je? Bel Veilig Thuis: 0800 - 2000, dag en nacht.",
    "Anoniem melden kan bij Meld Misdaad Anoniem via 0800-7000.",
    "De politie is zonder spoed bereikbaar op 0900 8844.",
    "De Luisterlijn: 088 0767 000.",
])
def test_a_listed_public_number_stays_readable(text: str) -> None:
    assert kinds(text) == []


def test_the_postcode_of_a_post_office_box_is_an_organisations_address() -> None:
    assert kinds("Postbus 1234, 3500 AB Utrecht is het postadres van het bureau.") == []
    assert ("POSTCODE", "3512 AB") in kinds("Ze woont op 3512 AB, tweede etage.")
