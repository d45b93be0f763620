"""Word lists of the privacy guard: loaded once, lazily, from plain text files in ``data/``.

Every list holds one entry a line, lowercase. Keys are compared after :func:`fold`, which also
drops diacritics, so ``Yildiz`` and ``Yıldız`` meet.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

_SPECIAL = str.maketrans({
    "ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "þ": "th",
    "’": "'", "‘": "'", "ʼ": "'", "`": "'",
})


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lowercase, map special letters and strip combining marks: ``Güneş`` -> ``gunes``."""
    low = word.casefold().translate(_SPECIAL)
    if low.isascii():
        return low
    decomposed = unicodedata.normalize("NFKD", low)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def read_list(path: Path) -> list[str]:
    """The lines of a data file, stripped, without blank lines and # comments."""
    with path.open(encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


def _load_set(pattern: str) -> frozenset[str]:
    words: set[str] = set()
    for path in sorted(DATA_DIR.glob(pattern)):
        words.update(fold(w) for w in read_list(path))
    return frozenset(words)


def _load_phrases(name: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Multi-word entries keyed by their first folded token (for quick phrase look-up)."""
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for line in read_list(DATA_DIR / name):
        toks = tuple(fold(t) for t in line.split())  # hyphenated words stay one token, as in the text
        if toks:
            by_first.setdefault(toks[0], []).append(toks)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in by_first.items()}


@dataclass(frozen=True)
class Lexicon:
    first_names: frozenset[str]
    surnames: frozenset[str]
    ambiguous_first: frozenset[str]
    common: frozenset[str]
    places: frozenset[str]
    place_phrases: dict[str, tuple[tuple[str, ...], ...]]
    figure_phrases: dict[str, tuple[tuple[str, ...], ...]]
    org_phrases: dict[str, tuple[tuple[str, ...], ...]]
    top_surnames: dict[str, tuple[tuple[str, ...], ...]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The word lists, loaded on first use and cached for the life of the process."""
    places = _load_phrases("places.txt")
    single_places = frozenset(toks[0] for v in places.values() for toks in v if len(toks) == 1)
    return Lexicon(
        first_names=_load_set("first_names_*.txt"),
        surnames=_load_set("surnames_*.txt"),
        ambiguous_first=_load_set("ambiguous_first_names.txt"),
        common=_load_set("common_words.txt"),
        places=single_places,
        place_phrases=places,
        figure_phrases=_load_phrases("public_figures.txt"),
        org_phrases=_load_phrases("organisations.txt"),
        top_surnames=_load_phrases("top_surnames_nl.txt"),
    )
