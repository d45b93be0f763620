"""Surnames in the forms Dutch case talk uses them: after initials (J. de Vries, J Kuipers,
dr J de Graaf), with a capitalised particle (Van Dijk), a listed surname in mid-sentence, with
particles and no first name (van der Linden, in 't Veld, ter Horst), and at the start of a sentence
when a person verb follows (Kuipers belde).

The frequent-surname list (``data/top_surnames_nl.txt``) is used with context only: a listed name
whose core is also a word (de Boer, Bakker, Groen) is never taken on its own; it needs a form of
address, a title, a role, initials, a first name or a run of two particles.

:class:`SurnameRules` is a mixin of the name finder (names.py); it uses the finder's token tests.
"""

from __future__ import annotations

from bot.core.privacy.recognizers.name_words import (
    _PERSON_AFTER,
    ADDRESS_FORMS,
    CAP_PARTICLES,
    FUNCTION_WORDS,
    HONORIFICS,
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

    def capital_particle_at(self, i: int) -> int:
        t = self.toks[i]
        if not t.cap or t.low not in CAP_PARTICLES or self.sentence_start(i):
            return 0
        run = i + 1
        while run < self.n and self.tight(run) and self.toks[run].low in PARTICLES and run - i < 3:
            run += 1
        if run >= self.n or not self.tight(run):
            return 0
        cand = self.toks[run]
        if not (cand.cap and (cand.low in self.lex.surnames or self.surname_like(cand))):
            return 0
        if self.common(cand) and cand.low not in self.lex.surnames:
            return 0
        if self.streetish(cand) or cand.low in self.lex.places:
            return 0
        end = max(self.extend(run + 1, False), run + 1)
        return 0 if self.vetoed_after(end) else end

    def surname_at(self, i: int) -> int:
        t = self.toks[i]
        lex = self.lex
        if not t.cap or t.allcaps or len(t.low) < 3 or t.low not in lex.surnames:
            return 0
        if t.low in lex.places or self.vetoed_before(i):
            return 0
        if self.sentence_start(i):
            if not self.surname_opens_sentence(i):
                return 0
        elif self.common(t):
            return 0
        end = max(self.extend(i + 1, False), i + 1)
        return 0 if self.vetoed_after(end) else end

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
        if not cand.cap or cand.allcaps or len(cand.low) < 2 or self.streetish(cand):
            return 0
        if cand.low in lex.places and run[-1] != "der":  # 'in 't Zandt' may be the village; 'van der' is not
            return 0
        at_start = self.sentence_start(i)
        top = self.top_phrase_len(i) == len(run) + 1
        if top and (len(run) >= 2 or not self.common(cand)):
            pass  # a frequent surname written in full: van den Berg, van der Meer, Hoekstra
        elif run in STRONG_PARTICLE_RUNS and (not t.cap or at_start):
            known = cand.low in lex.surnames
            if at_start and run not in WEAK_PARTICLE_RUNS and _PERSON_AFTER.match(self.text, cand.end):
                pass  # 'Van der Heide belde terug': the verb says who
            elif run in WEAK_PARTICLE_RUNS or at_start:
                if not known or (self.common(cand) and not top):
                    return 0
            elif not known and (self.common(cand) or cand.low in ORG_WORDS):
                return 0
        else:
            return 0
        return self.surname_end(j)

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
        """'Kuipers belde net': a listed surname with a person verb after it (the verb is the context)."""
        t = self.toks[i]
        return (t.low in self.lex.surnames and t.low not in self.lex.places
                and bool(_PERSON_AFTER.match(self.text, t.end)))
