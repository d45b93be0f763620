"""Names written in capitals (``LEERLING JAN DE VRIES``) given back their ordinary case, so that the
name rules, which read capitals as a sign of a name, can see them."""

from __future__ import annotations

import re

from bot.core.privacy.lexicon import Lexicon, fold
from bot.core.privacy.recognizers.name_words import PARTICLES

_CAPS_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def restore_case(text: str, lex: Lexicon) -> str:
    """Names in capitals written as names (``JAN DE VRIES`` -> ``Jan de Vries``); same length.

    In a text mostly in capitals every capitalised word is rewritten: words of the language in
    lower case, particles in lower case, other words (names, unknown words) with one capital. In
    other text only runs of two or more capitalised words that hold a first name are rewritten.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not any(ch.isupper() for ch in letters):
        return text
    words = list(_CAPS_WORD.finditer(text))
    caps = [m for m in words if len(m.group()) > 1 and m.group().isupper()]
    if not caps:
        return text
    shouting = sum(ch.isupper() for ch in letters) >= 0.7 * len(letters) and len(words) >= 3
    chosen: list[re.Match[str]] = []
    if shouting:
        chosen = caps
    else:
        run: list[re.Match[str]] = []
        for m in words + [None]:
            if m is not None and m in caps and (not run or text[run[-1].end():m.start()] == " "):
                run.append(m)
                continue
            if len(run) >= 2 and any(fold(r.group()) in lex.first_names
                                     and fold(r.group()) not in lex.ambiguous_first for r in run):
                chosen.extend(run)
            run = [m] if m is not None and m in caps else []
    if not chosen:
        return text
    chars = list(text)
    for m in chosen:
        raw = m.group()
        low = fold(raw)
        if low in PARTICLES or (low in lex.common and low not in lex.first_names and low not in lex.surnames):
            new = raw.lower()
        elif len(raw) <= 3 and low not in lex.first_names and low not in lex.surnames:
            new = raw.lower()  # GGD, JJI: abbreviations, not names
        else:
            new = raw[0] + raw[1:].lower()
        if len(new) == len(raw):
            chars[m.start():m.end()] = new
    return "".join(chars)
