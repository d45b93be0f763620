"""Chat markup is stripped before matching (synthetic base, no model)."""

from __future__ import annotations

import pytest

from knowledge.clean import strip_chat
from knowledge.entry import Entry
from knowledge.matcher import Matcher


@pytest.mark.parametrize("raw, expected", [
    ("@everyone hoe meld ik dit?", "hoe meld ik dit?"),
    ("@here <@123456789012345678> en <@!42> vragen", "en vragen"),
    ("zie <#998877> en <@&5566> **nu**", "zie en nu"),
    ("lees https://example.org/a?b=c eerst", "lees eerst"),
    ("[de folder](https://example.org/f.pdf) lezen", "de folder lezen"),
    ("> citaat\n# Kop\n- punt één\n1. stap", "citaat\nKop\npunt één\nstap"),
    ("```\ncode hier\n``` en `inline` __vet__ ||spoiler|| ~~weg~~", "code hier\nen inline vet spoiler weg"),
    ("mail naar jan@voorbeeld.nl of @jansen", "mail naar jan@voorbeeld.nl of"),
    ("", ""),
])
def test_strip_chat(raw, expected):
    assert strip_chat(raw) == expected


def _entry(id_: str, title: str, body: str, tags=()) -> Entry:
    return Entry(id=id_, title=title, body=body, tags=tuple(tags), sensitivity="public")


BASE = [
    _entry("iedereen", "Everyone welcome: open inloopuur voor iedereen",
           "Everyone is welcome at the open hour; iedereen mag binnenlopen.", ["everyone", "inloop"]),
    _entry("folder", "Folder over polarisatie bestellen", "Bestel de folder via het secretariaat.",
           ["folder", "polarisatie"]),
]


def test_everyone_mention_does_not_match_on_everyone():
    m = Matcher(BASE)
    r = m.search("@everyone waar bestel ik de folder over polarisatie?")
    assert r.hits[0].entry_id == "folder" and not r.abstain
    assert not any("everyone" in w.lower() for h in r.hits for w in h.matched_on)
    assert m.search("@everyone @here").abstain
    assert m.search("https://everyone.example.org/everyone").abstain
