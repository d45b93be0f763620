"""Surnames without a cue word: after initials (J. de Vries, J Kuipers, dr J de Graaf), a listed or
surname-shaped word in mid-sentence (Wiersma, Lammerink, Claessen), at the start of a sentence when a
verb follows (Kuipers belde, Hendriksen heeft ...), and double surnames joined by a hyphen
(Bakker-Oosterveld, de Haan-Boukhris, Kuipers-de Graaf).

The frequent-surname list (``data/top_surnames_nl.txt``) is used with context only: a listed name
whose core is also a word (de Boer, Bakker, Groen) is never taken on its own; it needs a form of
address, a title, a role, initials, a first name, a person verb or a run of two particles. A word
that is in no list but has the shape of a Dutch surname (name_context.surname_shape) counts as
listed in mid-sentence, unless a determiner or a preposition of place stands before it.

:class:`SurnameRules` is a mixin of the name finder (names.py); it uses the finder's token tests.
"""

from __future__ import annotations

from bot.core.privacy.recognizers.name_context import (
    FINITE_AFTER,
    PERSON_AFTER,
    PERSON_PREPOSITIONS,
    PLACE_PREPOSITIONS,
)
from bot.core.privacy.recognizers.name_words import (
    ADDRESS_FORMS,
    DEFINITE_RUNS,
    FUNCTION_WORDS,
    HONORIFICS,
    ORG_WORDS,
    PARTICLES,
    WEAK_RUNS,
)

# a capital letter after one of these is a label, not an initial (route B, groep C)
_LETTER_LABELS = {"route", "plan", "type", "groep", "klas", "fase", "optie", "bijlage", "vitamine", "niveau",
                  "blok", "stap", "punt", "lokaal", "hal", "gebouw", "zaal", "vak", "sector", "hoofdstuk",
                  "artikel", "lid", "sub", "categorie", "variant", "scenario", "versie", "model", "team",
                  "afdeling", "vleugel", "ingang", "trap", "stand", "rij", "kolom", "cel", "dossier"}
# Frisian surname endings that no place name has
_NO_PLACE_ENDINGS = ("stra", "sma", "tma", "inga", "enga", "anga")
# first parts of compounds of places and regions (Noord-Brabant, Sint-Oedenrode, Oost-Groningen)
_PLACE_PARTS = {"noord", "zuid", "oost", "west", "midden", "sint", "st", "nieuw", "oud", "groot", "klein",
                "hoog", "laag", "boven", "beneden", "binnen", "buiten"}


class SurnameRules:
    """Rules that need the finder's tokens; mixed into ``names._Finder``."""

    def initials_at(self, i: int) -> int:
        if not self.is_initial(i):
            return 0
        k = i + 1
        # further initials: J.P. / J. P. / J.-P.
        while k < self.n and len(self.toks[k].raw) == 1 and self.toks[k].raw.isupper() \
                and self.gap(k) in (".", ". ", ".-") and self.text[self.toks[k].end:self.toks[k].end + 1] == ".":
            k += 1
        if k >= self.n or self.gap(k).strip(" .") != "" or len(self.gap(k)) > 3:
            return 0
        # particles, then a capitalised surname
        run = k
        while run < self.n and self.toks[run].low in PARTICLES and run - k < 3:
            run += 1
        if run >= self.n or (run > k and not self.tight(run)):
            return 0
        t = self.toks[run]
        if not t.cap or t.allcaps or len(t.low) < 2 or t.low in self.lex.places or self.streetish(t):
            return 0
        if not (t.low in self.lex.surnames or self.surname_like(t)):
            # 'Plan B. Daarna': a word after an initial is a name only after a tussenvoegsel or a cue
            cue_before = i > 0 and self.toks[i - 1].low in HONORIFICS
            if not (run > k or cue_before) or t.low in FUNCTION_WORDS or t.low in ORG_WORDS:
                return 0
        end = self.extend(run + 1, False)
        return max(end, run + 1) if end != -1 else 0

    def surname_at(self, i: int) -> int:
        """A listed or surname-shaped word: 'met Wiersma', 'Kuipers belde', 'Claessen heeft ...'."""
        t = self.toks[i]
        lex = self.lex
        if not t.cap or t.allcaps or len(t.low) < 3 or t.low in lex.places or self.vetoed_before(i):
            return 0
        if self.streetish(t) or t.low in ORG_WORDS:
            return 0
        listed = t.low in lex.surnames
        shape = 0 if self.common(t) or listed else self.shaped(t.low, i)
        if not (listed or shape):
            return 0
        if self.sentence_start(i):
            if not self.surname_opens_sentence(i):
                return 0
        elif self.common(t):
            return 0
        elif not listed:
            prev = self.prev_word(i)
            if self.determiner_before(i) or (prev in PLACE_PREPOSITIONS and not t.low.endswith(_NO_PLACE_ENDINGS)
                                             and not PERSON_AFTER.match(self.text, t.end)):
                return 0  # 'de Friese Elfstedentocht', 'naar Rijssen'; but 'terugbellen naar Jorritsma'
            if shape == 1 and not (prev in PERSON_PREPOSITIONS or self.person_around(i, i + 1, finite=True)):
                return 0  # 'Brouwers', 'Nijenhuis': also plurals and institutions
            if prev in ("en", "of") and i > 1 and self.toks[i - 2].low in lex.places:
                return 0  # 'in Edinburgh en Darmstadt': one place after another
        return self.surname_end(i)

    def surname_end(self, j: int) -> int:
        """Where a name whose surname is token `j` ends (a double surname runs on), or 0 when a word
        after it vetoes the name."""
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
        return self.surname_end(j)

    def surname_opens_sentence(self, i: int) -> bool:
        """'Kuipers belde net', 'Lammerink vertelde': a listed or surname-shaped word with a verb after
        it. A listed name that is also a word (Groen, Bakker) needs a person verb: 'Groen stemde'."""
        t = self.toks[i]
        if t.low in self.lex.places:
            return False
        if PERSON_AFTER.match(self.text, t.end):
            return t.low in self.lex.surnames or bool(self.shaped(t.low, i))
        return not self.common(t) and bool(FINITE_AFTER.match(self.text, t.end))

    def double_surname_at(self, i: int) -> int:
        """Two surnames joined by a hyphen: 'Bakker-Oosterveld', 'de Haan-Boukhris', 'Ten Brinke-Aksoy',
        'Peeters-van Rooij'. One part must be a listed or surname-shaped name, none a place."""
        run = self.particle_run(i)
        j = i + len(run)
        if j >= self.n or (run and not self.tight(j)):
            return 0
        if run and ((self.toks[i].cap and not self.sentence_start(i)) or self.preposition_first(i, run, j)):
            return 0  # capital_particle_at; 'het verslag van Dijkstra-Hamdaoui'
        if run and run not in DEFINITE_RUNS and run not in WEAK_RUNS:
            return 0
        cand = self.toks[j]
        if "-" not in cand.raw or not cand.cap or cand.allcaps:
            return 0
        parts = cand.low.split("-")
        raws = cand.raw.split("-")
        end = j + 1
        if parts[-1] in PARTICLES and not raws[-1][:1].isupper():
            # 'Peeters-van Rooij': the second name's particle is joined to the first, its core follows
            if end >= self.n or not self.tight(end) or not self.toks[end].cap:
                return 0
            parts = parts[:-1] + [self.toks[end].low]
            raws = raws[:-1] + [self.toks[end].raw]
            end += 1
        names = [(p, r) for p, r in zip(parts, raws, strict=True) if p not in PARTICLES]
        if len(names) < 2 or not all(r[:1].isupper() and len(p) >= 2 for p, r in names):
            return 0
        lex = self.lex
        if any(p in lex.places or p in _PLACE_PARTS or p in ORG_WORDS for p, _ in names):
            return 0
        # one part a listed or surname-shaped name that is no word; the other may be a word (Hofstede)
        if not any((p in lex.surnames or self.shaped(p, j)) and not self.common_word(p) for p, _ in names):
            return 0
        if self.phrase_len(j, lex.place_phrases) or self.phrase_len(j, lex.org_phrases):
            return 0
        more = self.extend(end, False)
        end = max(end, more) if more != -1 else end
        return 0 if self.vetoed_after(end) or self.vetoed_before(i) else end
