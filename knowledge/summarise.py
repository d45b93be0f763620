"""Extractive Dutch summaries: pick the sentences that carry the most of the text's content.

No network model: sentences are scored by the summed weight of their content words (Snowball
stems, Dutch stop words removed; a word's weight is its frequency in the whole text, damped),
normalised for length, with a small bonus for sentences that read as advice ("tip", "les",
"advies", "zorg dat", imperative starts) and for the first sentence. The chosen sentences are
returned in their original order, so the summary reads as the notes did.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

import Stemmer

DATA = Path(__file__).parent / "data"
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý0-9\"'“(])|\n+\s*(?:[-*•]\s+|\d+[.)]\s+)?|\n{2,}")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*", re.UNICODE)
_ADVICE = re.compile(r"\b(tip|les|advies|aanrader|zorg dat|zorg ervoor|betrek|vraag|bel|schakel|blijf|neem|"
                     r"werk samen|gebruik|maak|deel|let op|wees)\b", re.I)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    path = DATA / "stopwords_nl.txt"
    if not path.exists():
        return frozenset()
    return frozenset(w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("dutch")


def sentences(text: str) -> list[str]:
    parts = [p.strip(" -*•\t") for p in _SPLIT.split(text or "")]
    return [p for p in parts if p and re.search(r"\w", p)]


def _terms(sentence: str) -> list[str]:
    stop = _stopwords()
    words = [w.lower() for w in _WORD.findall(sentence)]
    return _stemmer().stemWords([w for w in words if w not in stop and len(w) > 2])


def summarise(text: str, max_sentences: int = 3, max_chars: int = 700) -> str:
    """The `max_sentences` most central sentences of `text`, in order, within `max_chars`."""
    sents = sentences(text)
    if len(sents) <= max_sentences and sum(map(len, sents)) <= max_chars:
        return " ".join(sents)
    counts = Counter(t for s in sents for t in set(_terms(s)))
    scored = []
    for i, s in enumerate(sents):
        terms = _terms(s)
        if not terms:
            continue
        weight = sum(math.log1p(counts[t]) for t in set(terms)) / math.sqrt(len(terms))
        if _ADVICE.search(s):
            weight *= 1.25
        if i == 0:
            weight *= 1.1
        scored.append((weight, i))
    chosen: list[int] = []
    used = 0
    for _, i in sorted(scored, reverse=True):
        if len(chosen) >= max_sentences:
            break
        if used + len(sents[i]) > max_chars and chosen:
            continue
        chosen.append(i)
        used += len(sents[i]) + 1
    return " ".join(sents[i] for i in sorted(chosen))[:max_chars]
