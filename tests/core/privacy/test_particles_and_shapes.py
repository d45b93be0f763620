"""Surnames without a title (issue 14, second round): particles in lower case and at the start of a
sentence, double surnames, surname shapes with a person cue, role compounds, d'/O' names; and for
every rule the look-alikes that must stay clean. Synthetic sentences, invented people, in other
wording than the suites in data/."""

from __future__ import annotations

import pytest

from bot.core.privacy import detect
from bot.core.privacy.lexicon import DATA_DIR, lexicon
from bot.core.privacy.recognizers.name_context import surname_shape


def persons(text: str) -> list[str]:
    return [d.text for d in detect(text) if d.type == "PERSON"]


def clean(text: str) -> None:
    assert detect(text) == [], [(d.type, d.text, d.rule) for d in detect(text)]


# ----------------------------------------------------------------- particles, lower case, mid-sentence
@pytest.mark.parametrize("text,value", [
    ("Het plan is besproken met van der Kolk en de school.", "van der Kolk"),
    ("Ik leg het voor aan ten Velthuis, die kent het gezin.", "ten Velthuis"),
    ("De notulen gaan naar op den Dries.", "op den Dries"),
    ("Dit loopt via uit den Haakmeester.", "uit den Haakmeester"),
    ("Overleg met de la Fuente is gepland.", "de la Fuente"),
    ("Het verzoek ligt nu bij van den Heuvel ter beoordeling.", "van den Heuvel"),
    ("Ik heb het ook gevraagd aan van 't Wout.", "van 't Wout"),
    ("Bel morgen met in de Weerd over de planning.", "in de Weerd"),
    ("De vraag kwam van van Rossem van het sociaal team.", "van Rossem"),
])
def test_lower_case_particle_surnames(text: str, value: str) -> None:
    assert value in persons(text), detect(text)


# ----------------------------------------------------------------- particles opening a sentence
@pytest.mark.parametrize("text,value", [
    ("Van der Kolk belde over de aanmelding.", "Van der Kolk"),
    ("Ten Velthuis neemt de casus over.", "Ten Velthuis"),
    ("Op den Dries heeft de ouders gesproken.", "Op den Dries"),
    ("Uit den Haakmeester is met verlof.", "Uit den Haakmeester"),
    ("In de Weerd twijfelt of de melding nodig is.", "In de Weerd"),
    ("De Bruijn vertelde dat de jongen stil is.", "De Bruijn"),
    ("El Amrani wil de moeder eerst zelf spreken.", "El Amrani"),
    ("Van Rossem gaf aan dat de school ongerust is.", "Van Rossem"),
])
def test_particle_surnames_opening_a_sentence(text: str, value: str) -> None:
    assert value in persons(text), detect(text)


@pytest.mark.parametrize("text", [
    "Ter info: het overleg schuift een week op.",
    "Ten eerste is de melding te laat gedaan.",
    "Dit stuur ik ter Informatie door.",
    "In de Achterhoek zijn nieuwe stickers gevonden.",
    "In 't Gooi zijn de scholen gewaarschuwd.",
    "Op de Veluwe is een oefenterrein gevonden.",
    "Van Amsterdam tot Maastricht hangen dezelfde posters.",
    "De Hoge Raad gaf het OM gelijk.",
    "Ze fietst elke dag van Den Ham naar Ommen.",
    "Het azc in Ter Apel zit vol.",
    "De brief gaat ter ondertekening naar de wethouder.",
    "De zitting was te Utrecht.",
    "Van de week was hij weer afwezig.",
    "Het advies kwam via Movisie van het ministerie.",
])
def test_particle_look_alikes_stay_clean(text: str) -> None:
    clean(text)


# ----------------------------------------------------------------- double surnames
@pytest.mark.parametrize("text,value", [
    ("Het verslag van Dijkstra-Hamdaoui is binnen.", "Dijkstra-Hamdaoui"),
    ("We wachten op de Jong-Vermeulen voor de handtekening.", "de Jong-Vermeulen"),
    ("Ten Have-Kılıç heeft toestemming gegeven.", "Ten Have-Kılıç"),
    ("Ik sprak Smits-van Leeuwen gisteren.", "Smits-van Leeuwen"),
])
def test_double_surnames_without_a_title(text: str, value: str) -> None:
    assert value in persons(text), detect(text)


@pytest.mark.parametrize("text", [
    "De jongen verhuisde naar Noord-Brabant.",
    "De Marokkaans-Nederlandse gemeenschap organiseert een avond.",
    "Hij reed in een Mercedes-Benz.",
    "Het Zorg- en Veiligheidshuis Brabant-Noord schuift aan.",
    "De Coca-Cola stond nog op tafel.",
])
def test_double_surname_look_alikes_stay_clean(text: str) -> None:
    clean(text)


# ----------------------------------------------------------------- bare surnames by shape and context
@pytest.mark.parametrize("text,value", [
    ("Gisteren heeft Hettinga gebeld over de zitting.", "Hettinga"),
    ("Terugkoppeling van Jellema: geen bijzonderheden.", "Jellema"),
    ("Kan Tiemersma de intake doen?", "Tiemersma"),
    ("Overleg met Gerritsen volgt na de vakantie.", "Gerritsen"),
    ("Lubbink vertelde dat de vader weer thuis is.", "Lubbink"),
    ("Haverkamp heeft de melding doorgezet.", "Haverkamp"),
    ("Volgens Maes is er geen direct gevaar.", "Maes"),
])
def test_surname_shaped_words_with_a_person_cue(text: str, value: str) -> None:
    assert value in persons(text), detect(text)


@pytest.mark.parametrize("text", [
    "Rotterdammers zijn trots op hun stad.",
    "Molukkers hebben hier een lange geschiedenis.",
    "AGENDA: OPENING, MEDEDELINGEN, CASUSSEN, RONDVRAAG",
    "De ouders werken bij Philips en bestellen alles bij Wehkamp.",
    "Hij studeerde in Darmstadt en Edinburgh.",
    "We reden via Harlingen naar Vlissingen.",
    "In de gemeente Dinkelland is het rustig.",
    "Groen heeft een motie ingediend over online haat.",
    "De Friezen en de Groningers deden mee aan de dialoog.",
])
def test_shape_look_alikes_stay_clean(text: str) -> None:
    clean(text)


def test_surname_shapes() -> None:
    assert [surname_shape(w) for w in ("wiersma", "lammerink", "claessen", "weegh", "brouwers", "darmstadt")] \
        == [2, 2, 2, 2, 1, 0]
    assert surname_shape("tas") == 0


# ----------------------------------------------------------------- roles, apostrophes, greetings
@pytest.mark.parametrize("text,value", [
    ("Afdelingsarts Scheltema wil de ouders spreken.", "Scheltema"),
    ("Overdracht aan casemanager Veenstra.", "Veenstra"),
    ("De GZ-psycholoog, Brink, schrijft het advies.", "Brink"),
    ("Vraag het aan d'Hooghe, die kent de buurt.", "d'Hooghe"),
    ("O'Sullivan neemt de casus over.", "O'Sullivan"),
    ("Dank je Mirthe! Ik zie je morgen.", "Mirthe"),
])
def test_roles_apostrophes_and_greetings(text: str, value: str) -> None:
    assert value in persons(text), detect(text)


@pytest.mark.parametrize("text,value", [
    ("Hij zegt dat Daan hem heeft geholpen.", "Daan"),
    ("Ik belde met De Haan-Boukhris over de aanvraag.", "De Haan-Boukhris"),
    ("Overleg met De Vries en De Groot volgt.", "De Groot"),
])
def test_names_after_a_conjunction_and_capitalised_articles(text: str, value: str) -> None:
    assert value in persons(text), detect(text)


@pytest.mark.parametrize("text", [
    "Hij heeft familie in Den Helder.",
    "Het weekend is hij bij zijn vader in De Lier.",
    "De familie uit de Bijlmer is verhuisd.",
    "In overleg met De Bascule is een plek gevonden.",
    "Er is een wachtlijst bij De Viersprong en bij De Jutters.",
    "In overleg met Lentis is besloten de zorg op te schalen.",
    "Van Gogh en Rembrandt staan in zijn schetsboek.",
])
def test_place_institution_and_figure_look_alikes_stay_clean(text: str) -> None:
    clean(text)


@pytest.mark.parametrize("text", [
    "De afdelingsarts wil de ouders spreken.",
    "Dank je wel voor je bericht.",
    "We overnachten in het Van der Valk hotel in Akersloot.",
    "Het congres is bij Van der Valk in Nijmegen.",
    "Bel 112 bij direct gevaar, anders 0900-8844.",
])
def test_role_and_organisation_look_alikes_stay_clean(text: str) -> None:
    clean(text)


# ----------------------------------------------------------------- the public surname list
def test_public_surname_list_states_source_and_licence_and_holds_no_words() -> None:
    text = (DATA_DIR / "surnames_public_nl.txt").read_text(encoding="utf-8")
    head = "".join(line for line in text.splitlines() if line.startswith("#"))
    assert "faker" in head and "mimesis" in head and "MIT" in head
    names = [line for line in text.splitlines() if line and not line.startswith("#")]
    lex = lexicon()
    assert len(names) > 5000 and not any(n in lex.common or n in lex.places for n in names)
    assert "lammerink" in lex.surnames
