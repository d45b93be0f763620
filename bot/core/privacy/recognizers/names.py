"""Person names in Dutch chat text.

A name is anchored on one of: a known first name (lists of Dutch, Moroccan, Turkish, Surinamese,
Polish and other communities), initials (``J. de Vries``), a cue word (``mevrouw``, ``familie``,
``moeder``, ``genaamd`` ...), a known surname written with a capital in mid-sentence, or two
unknown capitalised words in mid-sentence. From the anchor the name is extended over tussenvoegsels
and surname-like words. First names that are also common words (Roos, Storm, Ben) need a capital
in mid-sentence or a surname; place names, organisations, months, public figures and streets stop
or veto a name.

This module holds the finder's token tests, the first-name and unknown-word rules and the driver;
the other rules are mixins: cues.py (forms of address, titles, roles), particles.py (surnames with
particles, d'Hondt), surnames.py (initials, listed and surname-shaped words, double surnames), with
their words in name_words.py and their context patterns in name_context.py.
"""

from __future__ import annotations

import unicodedata

from bot.core.privacy.lexicon import Lexicon, lexicon
from bot.core.privacy.recognizers.capitals import restore_case
from bot.core.privacy.recognizers.cues import CueRules
from bot.core.privacy.recognizers.name_context import (
    PERSON_AFTER,
    PERSON_BEFORE,
    PRONOUN_AFTER,
    STRONG_AFTER,
    surname_shape,
)
from bot.core.privacy.recognizers.name_words import (
    _QUOTES,
    _SPECIAL_LETTERS,
    ABBREVIATIONS,
    CAP_PARTICLES,
    DETERMINERS,
    HONORIFICS,
    KIN,
    ORG_NOUNS,
    ORG_SUFFIXES,
    ORG_WORDS,
    PARTICLES,
    TITLES_VETO,
    Tok,
    tokens,
)
from bot.core.privacy.recognizers.particles import ParticleRules
from bot.core.privacy.recognizers.surnames import SurnameRules

# words that are determiners and also conjunctions or relatives: a first name may follow them
_CONJUNCTIONS = {"dat", "die", "wat"}
# 'dank je Wouter', 'spreek je morgen, Sanne': after these verbs 'je' is a pronoun, not 'your'
_VERBS_BEFORE_JE = {"dank", "bedank", "zie", "spreek", "hoor", "groet", "bel", "mail", "app", "help", "vraag",
                    "hoi", "hey", "hallo", "succes", "sterkte", "fijn", "welkom", "hebben", "heb", "wil"}


class _Finder(CueRules, ParticleRules, SurnameRules):
    def __init__(self, text: str, lex: Lexicon, original: str | None = None):
        self.text = text
        self.original = text if original is None else original
        self.lex = lex
        self.toks = tokens(text)
        self.n = len(self.toks)
        self.kept: list | None = None

    # ------------------------------------------------------------ token tests
    def gap(self, k: int) -> str:
        """Text between token k-1 and token k."""
        return self.text[self.toks[k - 1].end:self.toks[k].start] if k > 0 else self.text[:self.toks[k].start]

    def tight(self, k: int) -> bool:
        """Token k follows token k-1 within the same name: one space, nothing else."""
        if not 0 < k < self.n:
            return False
        g = self.gap(k)
        if g in (" ", "\u00a0"):
            return True
        # a name broken over two lines after a particle: 'Jan de' / 'Vries'
        return g in ("\n", " \n", "\r\n") and self.toks[k - 1].low in PARTICLES and not self.toks[k - 1].cap

    def is_initial(self, k: int) -> bool:
        t = self.toks[k]
        return (len(t.raw) == 1 and t.raw.isupper() and t.end < len(self.text) and self.text[t.end] == "."
                and (k == 0 or not self.gap(k).endswith((".", "-"))))

    def sentence_start(self, k: int) -> bool:
        before = self.gap(k).rstrip()
        if k == 0 and not before:
            return True
        if not before:
            return False
        c = before[-1]
        if c in _QUOTES:
            return True
        if c in "!?\n…" or c == "\r":
            return True
        if c == ".":
            if k > 0 and self.gap(k).strip() == ".":
                prev = self.toks[k - 1]
                if prev.low in ABBREVIATIONS or (len(prev.raw) == 1 and prev.raw.isupper()):
                    return False
            return True
        return unicodedata.category(c) in ("So", "Sk", "Cs", "Co")

    def determiner_before(self, k: int) -> bool:
        if not (k > 0 and self.gap(k).strip() == "" and self.toks[k - 1].low in DETERMINERS):
            return False
        return not (self.toks[k - 1].low == "je" and k > 1 and self.toks[k - 2].low in _VERBS_BEFORE_JE)

    def is_first(self, t: Tok) -> bool:
        if t.low in self.lex.first_names:
            return True
        if "-" in t.low:
            parts = t.low.split("-")
            return parts[0] in self.lex.first_names and all(
                p in self.lex.first_names or (p not in self.lex.common and len(p) > 2) for p in parts[1:])
        return False

    def common(self, t: Tok) -> bool:
        """A word of the language (Ömer folds to a word, but no Dutch word has an Ö)."""
        return t.low in self.lex.common and not t.foreign

    def common_word(self, low: str) -> bool:
        return low in self.lex.common

    def shaped(self, low: str, k: int) -> int:
        """The surname shape of ``low`` (part of token k), unless token k was written in capitals: a
        word given back its case (CASUSSEN) is not known to be a name by its ending."""
        t = self.toks[k]
        return 0 if self.original[t.start:t.end] != t.raw else surname_shape(low)

    def streetish(self, t: Tok) -> bool:
        return t.low.endswith(ORG_SUFFIXES) and t.low not in self.lex.surnames and t.low not in ORG_WORDS

    def surname_like(self, t: Tok, lowercase: bool = False, places: bool = False) -> bool:
        """A word that may be (part of) a surname; ``places``: a place name may be one (Van Ommen)."""
        lex = self.lex
        low = t.low
        if len(low) < 2 or t.allcaps or low in PARTICLES:
            return False
        parts = low.split("-") if "-" in low else [low]
        if len(parts) > 1:
            parts = [p for p in parts if p not in PARTICLES] or parts
        if lowercase:
            if t.cap:
                return False
            return all((p in lex.surnames or t.foreign or (p not in lex.common and len(p) >= 3))
                       and p not in lex.places
                       for p in parts)
        if not t.cap:
            return False
        if self.streetish(t) or low in ORG_WORDS:
            return False
        return all(p in lex.surnames or p in lex.first_names or t.foreign
                   or (p not in lex.common and (places or p not in lex.places))
                   for p in parts)

    # ------------------------------------------------------------ phrases
    def phrase_len(self, k: int, table: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        cands = table.get(self.toks[k].low)
        if not cands:
            return 0
        for phrase in cands:
            if k + len(phrase) <= self.n and all(self.toks[k + i].low == w for i, w in enumerate(phrase)):
                return len(phrase)
        return 0

    # ------------------------------------------------------------ extension
    def extend(self, j: int, lowercase: bool) -> int:
        """From token j on, take surname-like words and particles; returns index after the last taken."""
        k = j
        last = j
        taken = 0
        while k < self.n and self.tight(k) and taken < 5:
            t = self.toks[k]
            if t.low in PARTICLES and (not t.cap or t.low in CAP_PARTICLES):
                run = k
                while run < self.n and self.tight(run) and self.toks[run].low in PARTICLES and run - k < 3:
                    run += 1
                if run < self.n and self.tight(run) and self.surname_like(self.toks[run], lowercase):
                    if self.streetish(self.toks[run]):
                        return -1
                    k = run + 1
                    last = k
                    taken += 1
                    continue
                break
            if self.surname_like(t, lowercase) or (t.cap and not t.allcaps and t.low in self.lex.surnames
                                                   and not self.streetish(t)):
                k += 1
                last = k
                taken += 1
                continue
            if self.streetish(t) and t.cap:
                return -1
            break
        return last

    def vetoed_after(self, k: int) -> bool:
        """The words after the name make it an organisation, a street or a building."""
        if k < self.n and self.tight(k):
            t = self.toks[k]
            if t.cap and (t.low in ORG_WORDS or t.low.endswith(ORG_SUFFIXES)):
                return True
            if not t.cap and t.low in ORG_NOUNS and k > 0 and self.toks[k - 1].cap:
                return True  # 'het Van der Valk hotel', 'de Jansen stichting'
        return False

    def vetoed_before(self, i: int) -> bool:
        if i == 0:
            return False
        prev = self.toks[i - 1]
        g = self.gap(i).strip()
        if g:
            return False
        return prev.low in TITLES_VETO or prev.low == "het" or (prev.cap and prev.low in ("de", "het"))

    # ------------------------------------------------------------ anchors
    def first_name_at(self, i: int) -> int:
        t = self.toks[i]
        lex = self.lex
        if t.allcaps or not self.is_first(t) or t.low in lex.places:
            return 0
        if self.vetoed_before(i):
            return 0
        ambiguous = t.low in lex.ambiguous_first
        start_of_sentence = self.sentence_start(i)
        # further first names (Anna Maria), then particles and surnames
        k = i + 1
        while k < self.n and self.tight(k) and self.is_first(self.toks[k]) and self.toks[k].cap == t.cap \
                and self.toks[k].low not in lex.ambiguous_first and k - i < 3:
            k += 1
        end = self.extend(k, not t.cap)
        if end == -1:
            return 0
        has_more = end > i + 1
        if self.vetoed_after(end):
            return 0
        if has_more:
            if t.cap or not ambiguous:
                return end
            return 0
        cue_before = i > 0 and self.toks[i - 1].low.rstrip(".") in HONORIFICS | KIN
        if ambiguous:
            if cue_before and t.cap:
                return i + 1
            possessive = i > 0 and self.gap(i) == " " and self.toks[i - 1].low in ("zijn", "haar", "hun", "z'n", "m'n")
            if t.cap and not start_of_sentence and not self.determiner_before(i) and not possessive:
                return i + 1  # 'in zijn Mercedes' is a car
            return 0
        if t.cap:
            if len(t.low) <= 2 and start_of_sentence:
                return 0
            if self.determiner_before(i) and not cue_before and self.toks[i - 1].low not in _CONJUNCTIONS:
                return 0  # but 'zegt dat Jesse hem ...': 'dat' and 'die' are also conjunctions
            return i + 1
        # lower case, alone: only distinctive names
        if len(t.low) >= 3 and not self.common(t) and not self.determiner_before(i):
            return i + 1
        return 0

    def unknown_pair_at(self, i: int) -> int:
        t = self.toks[i]
        lex = self.lex
        if not t.cap or t.allcaps or len(t.low) < 3 or self.determiner_before(i):
            return 0
        if self.common(t) or t.low in lex.places or self.streetish(t) or t.low in ORG_WORDS:
            return 0
        if i + 1 >= self.n or not self.tight(i + 1):
            return 0
        nxt = self.toks[i + 1]
        if nxt.low in PARTICLES:
            end = self.extend(i + 1, False)
            if end <= i + 1:
                return 0
        else:
            if len(nxt.low) < 3 or not self.surname_like(nxt) or self.common(nxt):
                return 0
            end = max(self.extend(i + 1, False), i + 2)
        if end == -1 or self.vetoed_after(end) or self.vetoed_before(i):
            return 0
        if self.sentence_start(i) and not PERSON_AFTER.match(self.text, self.toks[end - 1].end):
            return 0  # 'Vreedzame Wijk draait ...': at the start only with a person after it
        return end

    def unknown_single_at(self, i: int) -> int:
        """One capitalised unknown word with a person around it: 'kan iemand Rayhana bellen?'."""
        t = self.toks[i]
        lex = self.lex
        if not t.cap or t.allcaps or len(t.low) < 3 or self.determiner_before(i):
            return 0
        if self.common(t) or t.low in lex.places or self.streetish(t) or t.low in ORG_WORDS:
            return 0
        if self.vetoed_before(i) or self.vetoed_after(i + 1):
            return 0
        if self.sentence_start(i):
            return i + 1 if STRONG_AFTER.match(self.text, t.end) else 0
        after = PERSON_AFTER.match(self.text, t.end)
        prev = self.toks[i - 1].low if i > 0 and self.gap(i) == " " else ""
        if after or (prev in PERSON_BEFORE and self.text[t.end:t.end + 1] in ("?", ")")):
            return i + 1
        if prev in ("om", "over") and PRONOUN_AFTER.match(self.text, t.end):
            return i + 1  # 'zorgen om Siebren, hij ...'
        # not 'in overleg met X' alone: care providers are talked of that way too (Arkin, Lentis, Yulius)
        return 0

    def lowercase_pair_at(self, i: int) -> int:
        """Two unknown lower-case words, one with Turkish or Polish letters: 'nesibe karadayı'."""
        if i + 1 >= self.n or not self.tight(i + 1):
            return 0
        a, b = self.toks[i], self.toks[i + 1]
        lex = self.lex
        if a.cap or b.cap or len(a.low) < 3 or len(b.low) < 3:
            return 0
        if not (_SPECIAL_LETTERS & set(a.raw) or _SPECIAL_LETTERS & set(b.raw)):
            return 0
        for t in (a, b):
            if self.common(t) or t.low in lex.places or t.low in PARTICLES:
                return 0
        return i + 2

    # ------------------------------------------------------------ driver
    def run(self) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        i = 0
        lex = self.lex
        rules = (("person: first name", self.first_name_at),
                 ("person: double surname", self.double_surname_at),
                 ("person: surname with particles", self.particle_surname_at),
                 ("person: initial without full stop", self.bare_initial_at),
                 ("person: capitalised particle + surname", self.capital_particle_at),
                 ("person: d'/o' + surname", self.apostrophe_name_at),
                 ("person: listed or surname-shaped word", self.surname_at),
                 ("person: two unknown capitalised words", self.unknown_pair_at),
                 ("person: unknown word with a person around it", self.unknown_single_at),
                 ("person: two words with foreign letters", self.lowercase_pair_at))
        while i < self.n:
            skip = (self.phrase_len(i, lex.figure_phrases) or self.phrase_len(i, lex.place_phrases)
                    or self.phrase_len(i, lex.org_phrases))
            if skip:
                if self.kept is not None:
                    self.kept.append((self.toks[i].start, self.toks[i + skip - 1].end, "known organisation, "
                                      "place or public figure"))
                i += skip
                continue
            start = i
            rule = "person: initials + surname"
            end = self.initials_at(i)
            if not end:
                s, e = self.cue_at(i)
                if e:
                    start, end = s, e
                    rule = f"person: after cue '{self.toks[i].raw}'"
            if not end:
                for rule, method in rules:  # noqa: B007  (the rule that fired is kept)
                    end = method(i)
                    if end:
                        break
            if end:
                if not any(self.phrase_len(k, lex.figure_phrases) for k in range(start, end)):
                    spans.append((self.toks[start].start, self.toks[end - 1].end, rule))
                i = end
            else:
                i += 1
        return spans


def find_persons_explained(text: str, kept: list | None = None) -> list[tuple[int, int, str]]:
    """Character spans of person names in ``text`` (already masked for other detections), each with
    the rule that found it; phrases passed over as known non-persons go to ``kept``."""
    if not text:
        return []
    lex = lexicon()
    finder = _Finder(restore_case(text, lex), lex, text)
    finder.kept = kept
    return finder.run()


def find_persons(text: str) -> list[tuple[int, int]]:
    """Character spans of person names in ``text`` (already masked for other detections)."""
    return [(s, e) for s, e, _ in find_persons_explained(text)]
