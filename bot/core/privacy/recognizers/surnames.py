"""Surnames in the forms Dutch case talk uses them: with particles alone (van der Linden, in 't Veld,
ter Horst), after bare initials (J Kuipers, dr J de Graaf), at the start of a sentence when a person
verb follows (Kuipers belde), and in capitals (LEERLING JAN DE VRIES).

The frequent-surname list (``data/top_surnames_nl.txt``) is used with context only: a listed name
whose core is also a word (de Boer, Bakker, Groen) is never taken on its own; it needs a form of
address, a title, a role, initials, a first name or a run of two particles.

:class:`SurnameRules` is a mixin of the name finder (names.py); it uses the finder's token tests.
"""

from __future__ import annotations

import re

from bot.core.privacy.lexicon import Lexicon, fold
from bot.core.privacy.recognizers.name_words import (
    _PERSON_AFTER,
    ADDRESS_FORMS,
    ORG_WORDS,
    PARTICLES,
    STRONG_PARTICLE_RUNS,
    WEAK_PARTICLE_RUNS,
)

# a capital letter after one of these is a label, not an initial (route B, groep C)
_LETTER_LABELS = {"route", "plan", "type", "groep", "klas", "fase", "optie", "bijlage", "vitamine", "niveau",
                  "blok", "stap", "punt", "lokaal", "hal", "gebouw", "zaal", "vak", "sector", "hoofdstuk",
                  "artikel", "lid", "sub", "categorie", "variant", "scenario", "versie", "model", "team",
                  "afdeling", "vleugel", "ingang", "trap", "stand", "rij", "kolom", "cel", "dossier"}
_CAPS_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


class SurnameRules:
    """Rules that need the finder's tokens; mixed into ``names._Finder``."""

    def top_phrase_len(self, i: int) -> int:
        """Length in tokens of a frequent surname with particles written from token i (van den Berg)."""
        return self.phrase_len(i, self.lex.top_surnames)

    def particle_run(self, i: int) -> tuple[str, ...]:
        run: list[str] = []
        k = i
        while k < self.n and self.toks[k].low in PARTICLES and len(run) < 3 and (k == i or self.tight(k)):
            run.append(self.toks[k].low)
            k += 1
        return tuple(run)

    def particle_surname_at(self, i: int) -> int:
        """A surname with its particles and no first name: 'met van der Linden', 'Van den Berg belde'."""
        t = self.toks[i]
        run = self.particle_run(i)
        if not run:
            return 0
        j = i + len(run)
        if j >= self.n or not self.tight(j):
            return 0
        cand = self.toks[j]
        lex = self.lex
        if not cand.cap or cand.allcaps or len(cand.low) < 2 or self.streetish(cand) or cand.low in lex.places:
            return 0
        at_start = self.sentence_start(i)
        top = self.top_phrase_len(i) == len(run) + 1
        if top and (len(run) >= 2 or not self.common(cand)):
            pass  # a frequent surname written in full: van den Berg, van der Meer, Hoekstra
        elif run in STRONG_PARTICLE_RUNS and (not t.cap or at_start):
            known = cand.low in lex.surnames
            if run in WEAK_PARTICLE_RUNS or at_start:
                if not known or (self.common(cand) and not top):
                    return 0
            elif not known and (self.common(cand) or cand.low in ORG_WORDS):
                return 0
        else:
            return 0
        end = self.extend(j + 1, False)
        if end == -1:
            return 0
        end = max(end, j + 1)
        return 0 if self.vetoed_after(end) else end

    def bare_initial_at(self, i: int) -> int:
        """An initial written without its full stop: 'J Kuipers', 'dr J de Graaf'."""
        t = self.toks[i]
        if len(t.raw) != 1 or not t.raw.isupper() or t.raw == "I" or i + 1 >= self.n:
            return 0
        if self.gap(i + 1) != " " or (t.end < len(self.text) and self.text[t.end] == "."):
            return 0
        prev = self.toks[i - 1].low if i > 0 and self.gap(i) == " " else ""
        if prev in _LETTER_LABELS:
            return 0
        run = self.particle_run(i + 1)
        j = i + 1 + len(run)
        if j >= self.n or (run and not self.tight(j)):
            return 0
        cand = self.toks[j]
        lex = self.lex
        if not cand.cap or cand.allcaps or len(cand.low) < 2 or self.streetish(cand) or cand.low in lex.places:
            return 0
        if not run and cand.low not in lex.surnames and not (prev.rstrip(".") in ADDRESS_FORMS
                                                             and self.surname_like(cand)):
            return 0
        end = self.extend(j + 1, False)
        if end == -1:
            return 0
        end = max(end, j + 1)
        return 0 if self.vetoed_after(end) else end

    def surname_opens_sentence(self, i: int) -> bool:
        """'Kuipers belde net': a listed surname with a person verb after it (the verb is the context)."""
        t = self.toks[i]
        return (t.low in self.lex.surnames and t.low not in self.lex.places
                and bool(_PERSON_AFTER.match(self.text, t.end)))


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
