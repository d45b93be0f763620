"""The expected-answer-type check behind the abstention feature `amount_unmet`."""

from __future__ import annotations

import pytest

from knowledge.answer_type import asks_amount, states_amount


@pytest.mark.parametrize("question", [
    "Hoeveel meldingen kwamen er vorig jaar binnen?",
    "hoe lang duurt zo'n traject eigenlijk",
    "Hoe vaak komt de stuurgroep bij elkaar?",
    "Wat kost een training voor ons team?",
    "How many municipalities take part?",
    "how long do you keep my notes",
])
def test_questions_that_ask_for_an_amount(question: str) -> None:
    assert asks_amount(question)


@pytest.mark.parametrize("question", [
    "Wanneer schakel ik de wijkagent in?",  # 'wanneer' asks for a situation as often as a time
    "Hoe pak ik een gesprek met ouders aan?",
    "Wat doe ik als een leerling dreigt?",
    "How do I refer someone to the exit programme?",
])
def test_questions_that_ask_for_something_else(question: str) -> None:
    assert not asks_amount(question)


@pytest.mark.parametrize("text,states", [
    ("Je krijgt binnen 10 werkdagen bericht.", True),
    ("Het overleg komt elke twee weken bij elkaar.", True),
    ("De training is gratis voor partners.", True),
    ("De stuurgroep vergadert maandelijks.", True),
    ("Bespreek het eerst met een collega en schrijf feitelijk op wat je ziet.", False),
    ("Een netwerk van sleutelfiguren helpt signalen vroeg op te vangen.", False),
])
def test_paragraphs_that_state_an_amount_or_not(text: str, states: bool) -> None:
    assert states_amount(text) is states
