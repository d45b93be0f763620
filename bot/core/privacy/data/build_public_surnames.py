"""Rebuilds ``surnames_public_nl.txt`` from the Dutch surname lists shipped in two MIT-licensed
packages on PyPI: Faker (``faker/providers/person/nl_NL``, ``Provider.last_names``) and Mimesis
(``mimesis/datasets/nl/person.json``, key ``surnames``). Neither is a dependency of the guard: install
them in a throw-away environment, run this script there, and commit the text file.

    python -m venv /tmp/names && /tmp/names/bin/pip install 'faker==40.63.0' 'mimesis==22.2.0'
    /tmp/names/bin/python bot/core/privacy/data/build_public_surnames.py

Kept: the core word of each name (its particles dropped: ``ter Steege`` -> ``steege``), folded like
every list here, at least three letters, and only when it is NOT a frequent Dutch or English word
(``common_words.txt``) nor a place (``places.txt``) nor already in a hand-written surname list: a
surname that is also a word (Bakker, Visser, Groen) is left to the hand-written lists, which the
recogniser uses with more context.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "surnames_public_nl.txt"
# words that open a Dutch (or Belgian, German, French) surname and are not part of its core
_PARTICLES = {"van", "de", "der", "den", "het", "'t", "t", "ter", "ten", "te", "in", "op", "aan", "aen", "uit",
              "onder", "over", "bij", "voor", "la", "le", "les", "du", "d'", "da", "di", "del", "della", "dos",
              "von", "zu", "vom", "vander", "vanden", "'s", "s", "el", "al", "ben", "bin", "ait", "abu"}


def _read(name: str) -> set[str]:
    from bot.core.privacy.lexicon import fold, read_list  # noqa: PLC0415  (the repo's own folding)

    return {fold(w) for w in read_list(HERE / name)}


def _sources() -> list[tuple[str, list[str]]]:
    from faker.providers.person.nl_NL import Provider  # noqa: PLC0415  (build-time only)

    mimesis = importlib.resources.files("mimesis") / "datasets" / "nl" / "person.json"
    return [(f"faker {importlib.metadata.version('faker')}", list(Provider.last_names)),
            (f"mimesis {importlib.metadata.version('mimesis')}",
             json.loads(mimesis.read_text(encoding="utf-8"))["surnames"])]


def build() -> tuple[list[str], list[str]]:
    from bot.core.privacy.lexicon import fold  # noqa: PLC0415

    skip = _read("common_words.txt") | _read("places.txt")
    for path in HERE.glob("surnames_*.txt"):
        if path != OUT:
            skip |= _read(path.name)
    cores: set[str] = set()
    used = []
    for label, names in _sources():
        used.append(f"{label}: {len(names)} names")
        for name in names:
            words = name.replace("’", "'").split()
            while words and fold(words[0]) in _PARTICLES:
                words = words[1:]
            cores.update(f for f in (fold(w) for w in words) if len(f) >= 3 and f.isalpha() and f not in skip)
    return sorted(cores), used


def main() -> None:
    sys.path.insert(0, str(HERE.parents[3]))  # the repository, for its folding and lists
    cores, used = build()
    header = [
        "# Dutch surnames (core word, particles dropped) from two MIT-licensed packages on PyPI:",
        "# " + "; ".join(used) + ".",
        "# Faker: Copyright (c) 2012 Daniele Faraglia, MIT licence. Mimesis: Copyright (c) 2016-present",
        "# Isaak Uchakaev, MIT licence. Only names that are not a frequent word, not a place and not in a",
        "# hand-written list; no data about individuals. Rebuilt by build_public_surnames.py.",
    ]
    OUT.write_text("\n".join(header + cores) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(cores)} surnames")


if __name__ == "__main__":
    main()
