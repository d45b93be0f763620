"""Surnames with particles and no first name, in the forms Dutch writes them.

Dutch grammar decides most cases. Written in lower case in mid-sentence, ``van der``, ``van den``,
``ter``, ``ten``, ``op den``, ``uit den``, ``de la`` stand only before a surname (``ter`` and ``ten``
are no longer prepositions of place, ``den`` survives only in names), so ``ter Beek`` is a person
even though Beek is a village. Runs that are also a preposition and an article (``van``, ``de``,
``van de``, ``op de``, ``in 't``) need more: a listed or surname-shaped word after them, or a person
cue around them; a preposition right before them makes them a particle (``wachten op in 't Zandt``).
A capitalised particle in mid-sentence (``met Van Ommen``) is a surname, even before a place name;
at the start of a sentence, where every word has a capital, a verb after the name decides
(``Ten Cate neemt ...``, ``In de Braekt twijfelt ...``). A lower-case particle followed by a
capitalised one starts a place name (``van Den Ham``). ``d'Hondt`` and ``O'Neill`` are names.

:class:`ParticleRules` is a mixin of the name finder (names.py); it uses the finder's token tests.
"""

from __future__ import annotations

import re

from bot.core.privacy.recognizers.name_context import (
    AFFILIATION_AFTER,
    FINITE_AFTER,
    PERSON_AFTER,
    PERSON_PREPOSITIONS,
)
from bot.core.privacy.recognizers.name_words import (
    CAP_PARTICLES,
    DEFINITE_RUNS,
    LOCATIVE_RUNS,
    ORG_WORDS,
    PARTICLES,
    PREPOSITIONS,
    WEAK_RUNS,
)

# particles that are also articles and so start place names (De Bilt, Den Ham, Het Gooi)
_ARTICLES = {"de", "den", "het", "'t"}
_COMPASS = {"noord", "zuid", "oost", "west", "noorden", "zuiden", "oosten", "westen", "midden", "centrum"}
# fixed expressions with 'ter' and 'ten', sometimes written with a capital: 'ter Info', 'ten Behoeve van'
_TER_EXPRESSIONS = {"info", "informatie", "kennisname", "plaatse", "hoogte", "zake", "beschikking", "sprake",
                    "ondertekening", "beoordeling", "vergelijking", "illustratie", "herinnering", "voorbereiding",
                    "aanvulling", "goedkeuring", "inzage", "overname", "afsluiting", "zitting", "gelegenheid",
                    "ere", "dood", "wereld", "tijd", "behoeve", "aanzien", "opzichte", "minste", "slotte",
                    "eerste", "tweede", "laatste", "onrechte", "gevolge", "koste", "huize", "overvloede",
                    "grondslag", "bestemming", "verantwoording", "advisering", "bespreking", "vaststelling"}
# particles that are also prepositions: 'het verslag van Jellema' is not 'van Jellema'
_PREPOSITION_PARTICLES = {"van", "op", "in", "uit", "aan", "te"}
_APOSTROPHE_NAME = re.compile(r"(?:[dD]|[oO])['’][A-Z][^\W\d_]{2,}")


class ParticleRules:
    """Rules for surnames with particles; mixed into ``names._Finder``."""

    def particle_run(self, i: int) -> tuple[str, ...]:
        run: list[str] = []
        k = i
        while k < self.n and self.toks[k].low in PARTICLES and len(run) < 3 and (k == i or self.tight(k)):
            run.append(self.toks[k].low)
            k += 1
        return tuple(run)

    def top_phrase_len(self, i: int) -> int:
        """Length in tokens of a frequent surname with particles written from token i (van den Berg)."""
        return self.phrase_len(i, self.lex.top_surnames)

    def evidence(self, k: int, run: tuple[str, ...] = ()) -> int:
        """How much token k looks like a surname by itself: 2 listed (and no word) or surname-shaped
        (Wiersma, Lammerink), 1 weakly shaped (Brouwers), 0 otherwise. Arabic names with their
        article are listed joined (El Khatib as 'elkhatib' or 'alkhatib')."""
        t = self.toks[k]
        if self.common(t):
            return 0
        surnames = self.lex.surnames
        if run in (("el",), ("al",)) and ("el" + t.low in surnames or "al" + t.low in surnames):
            return 2
        return 2 if t.low in surnames else self.shaped(t.low, k)

    def person_around(self, i: int, end: int, finite: bool = False) -> bool:
        """A person cue around tokens i..end-1: a person verb after, an affiliation after ('van het
        wijkteam'), or (with ``finite``) any finite verb after."""
        at = self.toks[end - 1].end
        if PERSON_AFTER.match(self.text, at) or AFFILIATION_AFTER.match(self.text, at):
            return True
        return finite and bool(FINITE_AFTER.match(self.text, at))

    def prev_word(self, i: int) -> str:
        return self.toks[i - 1].low if i > 0 and self.gap(i) == " " else ""

    def preposition_first(self, i: int, run: tuple[str, ...], core: int) -> bool:
        """The first word of the run at i is a preposition, not part of the name: 'het verslag van
        de Vries', 'terugkoppeling van Jellema', 'wachten op de Jong-Vermeulen'. So when the rest of
        the run is a particle run of its own, or the name is known without it; not after another
        preposition ('met van Dijk') nor at the start of a sentence."""
        if run[0] not in _PREPOSITION_PARTICLES or run in DEFINITE_RUNS or self.sentence_start(i) \
                or self.toks[i].cap:
            return False  # 'van 't Hof', 'van der Wal' stay whole
        if i == 0 or self.prev_word(i) in PREPOSITIONS:
            return False
        rest = run[1:]
        if rest:
            return rest in DEFINITE_RUNS or rest in WEAK_RUNS
        return self.evidence(core) == 2 or self.known_parts(core)

    def known_parts(self, k: int) -> bool:
        """Token k is a double surname with a listed or surname-shaped part (Dijkstra-Hamdaoui)."""
        t = self.toks[k]
        return "-" in t.low and any(p in self.lex.surnames and not self.common_word(p) or self.shaped(p, k)
                                    for p in t.low.split("-"))

    def particle_surname_at(self, i: int) -> int:
        """A surname with its particles and no first name: 'met van der Linden', 'via van Woerkom van
        het wijkteam', 'Ten Cate neemt ...', 'Van den Berg belde'."""
        t = self.toks[i]
        run = self.particle_run(i)
        if not run or any(self.toks[i + k].cap for k in range(1, len(run))):
            return 0  # 'van Den Ham': a capital inside the run opens a place name
        j = i + len(run)
        if j >= self.n or not self.tight(j) or self.preposition_first(i, run, j):
            return 0
        cand = self.toks[j]
        lex = self.lex
        if not cand.cap or cand.allcaps or len(cand.low) < 2 or self.streetish(cand) or cand.low in ORG_WORDS:
            return 0
        if cand.low in _COMPASS or self.phrase_len(j, lex.org_phrases) or self.vetoed_before(i):
            return 0
        at_start = self.sentence_start(i)
        if t.cap and not at_start:
            return 0  # capital_particle_at
        top = self.top_phrase_len(i) == len(run) + 1
        evidence = 2 if top else self.evidence(j, run)
        place = cand.low in lex.places
        end = self.surname_end(j)
        if not end:
            return 0
        definite = run in DEFINITE_RUNS or (run in LOCATIVE_RUNS and not at_start
                                            and self.prev_word(i) in PREPOSITIONS)
        if at_start:
            if (place and not top) or (run[0] in _ARTICLES and len(run) == 1 and not evidence):
                return 0
            if run in LOCATIVE_RUNS:  # 'In de Bijlmer zijn ...' is a place; 'In de Braekt twijfelt' a person
                return end if self.person_around(i, end) else 0
            if definite:  # 'Ten Cate neemt', 'Op den Kamp heeft'; 'Ter info:' is no name
                if cand.low in _TER_EXPRESSIONS:
                    return 0
                listed = cand.low in lex.surnames
                return end if evidence or listed or not self.common(cand) or self.person_around(i, end, True) else 0
            return end if (evidence and self.person_around(i, end, finite=True)) or \
                self.person_around(i, end) and not self.common(cand) else 0
        if definite:  # lower-case 'van der', 'ter', 'op den' before a capital: a surname, also a word
            return 0 if cand.low in _TER_EXPRESSIONS else end  # (van der Wal) but not 'ter Info'

        if run not in WEAK_RUNS or place:
            return 0
        if evidence == 2:
            return end
        if run in LOCATIVE_RUNS and (cand.low in lex.surnames or evidence) and self.person_around(i, end):
            return end  # 'Ik heb in 't Veld gevraagd ...': a person verb says who
        if run[0] in _ARTICLES or run in LOCATIVE_RUNS:
            return 0  # 'de Hema', 'op de Dam': an article before a name of a thing
        cue = self.person_around(i, end) or self.prev_word(i) in PERSON_PREPOSITIONS
        if evidence == 1 and cue:
            return end
        return end if not self.common(cand) and self.person_around(i, end) else 0

    def capital_particle_at(self, i: int) -> int:
        """'met Van Dijk en De Jong': a capitalised particle in mid-sentence opens a surname (before a
        place name too: 'Van Ommen'; not 'De Bilt', where the article belongs to the place)."""
        t = self.toks[i]
        if not t.cap or t.low not in CAP_PARTICLES or self.sentence_start(i):
            return 0
        run = i + 1
        while run < self.n and self.tight(run) and self.toks[run].low in PARTICLES and run - i < 3:
            run += 1
        if run >= self.n or not self.tight(run):
            return 0
        cand = self.toks[run]
        lex = self.lex
        if not (cand.cap and (cand.low in lex.surnames or self.surname_like(cand, places=t.low not in _ARTICLES))):
            return 0
        if self.common(cand) and cand.low not in lex.surnames:
            return 0
        if self.streetish(cand) or (cand.low in lex.places and t.low in _ARTICLES) or self.vetoed_before(i):
            return 0
        if t.low in _ARTICLES and not (cand.low in lex.surnames or self.top_phrase_len(i) or self.evidence(run) == 2
                                       or self.known_parts(run)):
            return 0  # 'bij De Viersprong', 'met De Bascule': institutions are named with an article too
        return self.surname_end(run)

    def apostrophe_name_at(self, i: int) -> int:
        """d'Hondt, D'Ancona, O'Neill: one token with an apostrophe after d or o and a capital."""
        t = self.toks[i]
        if not _APOSTROPHE_NAME.fullmatch(t.raw) or t.low.split("'", 1)[1] in self.lex.common:
            return 0
        return self.surname_end(i)
