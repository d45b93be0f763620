"""Person names in Dutch chat text.

A name is anchored on one of: a known first name (lists of Dutch, Moroccan, Turkish, Surinamese,
Polish and other communities), initials (``J. de Vries``), a cue word (``mevrouw``, ``familie``,
``moeder``, ``genaamd`` ...), a known surname written with a capital in mid-sentence, or two
unknown capitalised words in mid-sentence. From the anchor the name is extended over tussenvoegsels
and surname-like words. First names that are also common words (Roos, Storm, Ben) need a capital
in mid-sentence or a surname; place names, organisations, months, public figures and streets stop
or veto a name.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bot.core.privacy.lexicon import Lexicon, fold, lexicon

_TOKEN = re.compile(r"['’]t(?![^\W\d_])|[^\W\d_]+(?:['’\-][^\W\d_]+)*")

PARTICLES = {"van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "el", "al", "ben", "bin", "ibn", "abu",
             "bou", "ait", "da", "di", "du", "dos", "das", "do", "le", "la", "von", "zu", "mac", "della",
             "del", "los", "lo", "op", "in", "vd", "v/d"}
# particles that may stand in front of a surname with a capital in mid-sentence (Van der Berg)
CAP_PARTICLES = {"van", "de", "der", "den", "ter", "ten", "el", "al", "ben", "ait", "abu", "von", "da", "dos"}
HONORIFICS = {"meneer", "mevrouw", "mevr", "mw", "mvr", "mevrouwtje", "dhr", "hr", "heer", "mr", "mrs", "ms",
              "miss", "fam", "familie", "juf", "juffrouw", "meester", "dokter", "dr", "drs", "ir", "ing", "prof",
              "tnv", "t.n.v", "ontvanger", "rekeninghouder", "genaamd", "heet", "heten", "alias", "bijnaam",
              "naam", "namen", "roepnaam", "achternaam", "voornaam", "sheikh", "sjeik", "ustadh", "hoca", "hodja",
              "abi", "abla", "amca", "teyze", "oom", "tante", "oma", "opa"}
KIN = {"moeder", "vader", "zoon", "dochter", "broer", "broertje", "zus", "zusje", "zuster", "neef", "nicht",
       "neefje", "nichtje", "stiefvader", "stiefmoeder", "stiefzoon", "stiefdochter", "stiefbroer", "stiefzus",
       "halfbroer", "halfzus", "schoonvader", "schoonmoeder", "schoonzus", "zwager", "grootvader",
       "grootmoeder", "kleinzoon", "kleindochter", "echtgenoot", "echtgenote", "man", "vrouw", "partner",
       "vriend", "vriendin", "vriendje", "vriendinnetje", "ex", "verloofde", "jongen", "meisje", "jongere",
       "jongeman", "leerling", "leerlinge", "cliënt", "client", "cliënte", "deelnemer", "deelneemster",
       "pupil", "mentor", "mentee", "docent", "docente", "leraar", "lerares", "collega", "buurman",
       "buurvrouw", "buurjongen", "buurmeisje", "voogd", "gezinsvoogd", "contactpersoon", "ouder", "kind",
       "baby", "tiener", "puber", "student", "studente", "scholier", "verdachte", "dader", "slachtoffer",
       "getuige", "melder", "betrokkene", "persoon", "imam", "afzender", "mama", "papa", "mams", "paps",
       "stiefpa", "stiefma", "jochie", "knul", "dame", "meid", "gast", "mevrouwtje"}
AFTER_VERB_CUES = {"ondertekend", "gestuurd", "verstuurd", "gemeld", "geschreven", "opgericht", "beheerd"}
DETERMINERS = {"de", "het", "een", "'t", "die", "dat", "deze", "dit", "onze", "ons", "mijn", "jouw", "je",
               "uw", "elk", "elke", "ieder", "iedere", "welke", "geen", "the", "a", "an", "this", "that",
               "veel", "weinig", "meer", "minder", "wat", "zo'n", "zulk", "zulke"}
TITLES_VETO = {"koning", "koningin", "prins", "prinses", "sint", "st", "heilige", "paus", "profeet", "keizer",
               "keizerin", "hertog", "graaf", "gravin", "tsaar", "sultan", "kalief", "emir", "jonkheer"}
ORG_WORDS = {"ziekenhuis", "college", "school", "lyceum", "gymnasium", "academie", "universiteit",
             "hogeschool", "instituut", "stichting", "fonds", "huis", "museum", "centrum", "kliniek", "prijs",
             "lezing", "methode", "award", "arena", "stadion", "zaal", "kerk", "moskee", "tempel", "hal",
             "theater", "bibliotheek", "campus", "foundation", "institute", "centre", "center", "group",
             "groep", "bv", "b.v", "nv", "vof", "holding", "wet", "regeling", "fabriek", "kazerne", "park",
             "bos", "zorg", "kinderziekenhuis", "mc", "umc", "lezingen", "festival", "route", "brug",
             "tunnel", "polder", "haven", "plein", "straat", "laan", "weg", "markt", "kade", "gracht"}
# endings of streets and institutions; surnames such as Buitendijk or Nieuwenhuis end otherwise
ORG_SUFFIXES = ("straat", "laan", "weg", "plein", "singel", "gracht", "kade", "dreef", "steeg", "plantsoen",
                "school", "college", "ziekenhuis", "stichting", "fonds", "museum", "centrum", "kliniek",
                "kerk", "moskee", "lyceum", "academie", "park", "markt", "prijs", "lezing", "wet", "brug",
                "tunnel", "haven", "stadion", "arena", "zaal", "boulevard", "allee")
ABBREVIATIONS = {"dhr", "mw", "mevr", "geb", "nr", "tnv", "ca", "bijv", "evt", "o.a", "mr", "dr", "drs", "ir",
                 "ing", "prof", "st", "jl", "vs", "resp", "incl", "excl", "tel", "fam", "hr", "mvr", "art"}
FUNCTION_WORDS = set("""
de het een en of maar ik jij je u hij zij ze wij we jullie hun hen mijn zijn haar ons onze deze die dit dat
wat wie waar wanneer hoe waarom als dan toen omdat want dus ook nog al wel niet geen is was heeft had wordt
werd kan kon zal zou moet mag wil bij in op aan van voor met naar uit over door tot om te er hier daar nu zo
heel erg veel meer even graag weer zelf alleen samen thuis vandaag morgen gisteren
""".split())
# a capitalised unknown word is taken for a name when the words around it speak of a person
_PERSON_AFTER = re.compile(
    r"\s(?:en (?:haar|zijn) (?:moeder|vader|ouders|broer|zus|man|vrouw|kinderen|zoon|dochter)\b"
    r"|\((?:[0-9]{1,2}|[0-9]{1,2} jaar)\)|,? [0-9]{1,2} jaar\b"
    r"|(?:belde|appte|mailde|zegt|zei|vertelt|vertelde|vroeg|vraagt|woont|woonde|huilde|dreigde|dreigt"
    r"|bellen|mailen|appen|spreken|helpen|bereiken|ondersteunen|begeleiden|aanspreken|uitnodigen"
    r"|is [0-9]{1,2}\b|heeft (?:gebeld|gezegd|verteld|gemaild|geappt))\b)"
)
_PERSON_BEFORE = {"met", "namens", "volgens", "bel", "belde", "sprak", "spreek", "gesproken", "app", "mail",
                  "ken", "kent", "kende", "zag", "help", "hielp", "vraag", "vroeg", "tegen", "aan", "voor"}
_SPECIAL_LETTERS = set("ıışğłżźśćńąęőűřčšžđ")
_QUOTES = "\"'“”‘’«»"


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    raw: str
    low: str
    cap: bool
    allcaps: bool


def _tokens(text: str) -> list[Tok]:
    out = []
    for m in _TOKEN.finditer(text):
        raw = m.group()
        first = raw[0] if raw[0] not in "'’" else "t"
        out.append(Tok(m.start(), m.end(), raw, fold(raw), first.isupper(),
                       len(raw) > 1 and raw.isupper()))
    return out


class _Finder:
    def __init__(self, text: str, lex: Lexicon):
        self.text = text
        self.lex = lex
        self.toks = _tokens(text)
        self.n = len(self.toks)

    # ------------------------------------------------------------ token tests
    def gap(self, k: int) -> str:
        """Text between token k-1 and token k."""
        return self.text[self.toks[k - 1].end:self.toks[k].start] if k > 0 else self.text[:self.toks[k].start]

    def tight(self, k: int) -> bool:
        """Token k follows token k-1 within the same name: one space, nothing else."""
        return k < self.n and k > 0 and self.gap(k) in (" ", "\u00a0")

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
        return k > 0 and self.gap(k).strip() == "" and self.toks[k - 1].low in DETERMINERS

    def is_first(self, t: Tok) -> bool:
        if t.low in self.lex.first_names:
            return True
        if "-" in t.low:
            parts = t.low.split("-")
            return parts[0] in self.lex.first_names and all(
                p in self.lex.first_names or (p not in self.lex.common and len(p) > 2) for p in parts[1:])
        return False

    def streetish(self, t: Tok) -> bool:
        return t.low.endswith(ORG_SUFFIXES) and t.low not in self.lex.surnames and t.low not in ORG_WORDS

    def surname_like(self, t: Tok, lowercase: bool = False) -> bool:
        lex = self.lex
        low = t.low
        if len(low) < 2 or t.allcaps or low in PARTICLES:
            return False
        parts = low.split("-") if "-" in low else [low]
        if lowercase:
            if t.cap:
                return False
            return all((p in lex.surnames or (p not in lex.common and len(p) >= 3)) and p not in lex.places
                       for p in parts)
        if not t.cap:
            return False
        if self.streetish(t) or low in ORG_WORDS:
            return False
        return all(p in lex.surnames or p in lex.first_names or (p not in lex.common and p not in lex.places)
                   for p in parts)

    # ------------------------------------------------------------ phrases
    def phrase_len(self, k: int, table: dict[str, tuple[tuple[str, ...], ...]]) -> int:
        cands = table.get(self.toks[k].low)
        if not cands:
            return 0
        for phrase in cands:
            words = [w for w in phrase if w != "-"]
            if k + len(words) > self.n:
                continue
            if all(self.toks[k + i].low == w for i, w in enumerate(words)):
                return len(words)
            # hyphenated tokens: compare joined text
            joined = fold(self.text[self.toks[k].start:self.toks[min(self.n, k + len(words)) - 1].end])
            if joined.replace(" ", "") == "".join(phrase):
                return len(words)
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
            if self.surname_like(t, lowercase):
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
    def initials_at(self, i: int) -> int:
        k = i
        while k < self.n and self.is_initial(k):
            k += 1
            if k < self.n and not self.gap(k).strip(" .") == "" :
                return 0
        if k == i or k >= self.n:
            return 0
        # particles, then a capitalised surname
        run = k
        while run < self.n and self.toks[run].low in PARTICLES and run - k < 3:
            run += 1
        if run >= self.n or (run > k and not self.tight(run)):
            return 0
        t = self.toks[run]
        if not t.cap or not (t.low in self.lex.surnames or self.surname_like(t)):
            return 0
        if t.low in self.lex.common and t.low not in self.lex.surnames:
            return 0
        end = self.extend(run + 1, False)
        return max(end, run + 1) if end != -1 else 0

    def cue_at(self, i: int) -> tuple[int, int]:
        """(start, end) token indices of a name introduced by a cue at i, or (0, 0)."""
        t = self.toks[i]
        low = t.low.rstrip(".")
        is_honorific = low in HONORIFICS
        is_kin = low in KIN
        if low == "door" and i > 0 and self.toks[i - 1].low in AFTER_VERB_CUES:
            is_honorific = True
        if not (is_honorific or is_kin) or i + 1 >= self.n:
            return 0, 0
        g = self.gap(i + 1)
        if g.strip() not in ("", ".", "(", ":", ".(", ",") or len(g) > 4:
            return 0, 0
        j = i + 1
        if self.is_initial(j):
            return 0, 0  # handled by initials_at
        run = j
        while run < self.n and self.toks[run].low in PARTICLES and not self.toks[run].cap and run - j < 3:
            run += 1
        if run >= self.n:
            return 0, 0
        cand = self.toks[run]
        lex = self.lex
        if cand.cap:
            # after a cue a capital in mid-sentence marks a name, even when it is also a word (Jasmijn)
            ok = (self.surname_like(cand) or (cand.low in lex.common and not self.sentence_start(run)
                                              and cand.low not in FUNCTION_WORDS and cand.low not in lex.places
                                              and not self.streetish(cand) and cand.low not in ORG_WORDS
                                              and not cand.allcaps and len(cand.low) >= 3))
        else:
            ok = (is_honorific and run == j and len(cand.low) >= 3 and cand.low not in lex.common
                  and cand.low not in lex.places)
        if not ok or self.streetish(cand):
            return 0, 0
        end = self.extend(run + 1, not cand.cap)
        if end == -1:
            return 0, 0
        end = max(end, run + 1)
        if self.vetoed_after(end):
            return 0, 0
        return j, end

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
            if t.cap and not start_of_sentence and not self.determiner_before(i):
                return i + 1
            return 0
        if t.cap:
            if len(t.low) <= 2 and start_of_sentence:
                return 0
            if self.determiner_before(i) and not cue_before:
                return 0
            return i + 1
        # lower case, alone: only distinctive names
        if len(t.low) >= 3 and t.low not in lex.common and not self.determiner_before(i):
            return i + 1
        return 0

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
        if cand.low in self.lex.common and cand.low not in self.lex.surnames:
            return 0
        if self.streetish(cand) or cand.low in self.lex.places:
            return 0
        end = max(self.extend(run + 1, False), run + 1)
        return 0 if self.vetoed_after(end) else end

    def surname_at(self, i: int) -> int:
        t = self.toks[i]
        lex = self.lex
        if not t.cap or t.allcaps or len(t.low) < 3 or t.low not in lex.surnames or t.low in lex.common:
            return 0
        if t.low in lex.places or self.sentence_start(i) or self.vetoed_before(i):
            return 0
        end = max(self.extend(i + 1, False), i + 1)
        return 0 if self.vetoed_after(end) else end

    def unknown_pair_at(self, i: int) -> int:
        t = self.toks[i]
        lex = self.lex
        if not t.cap or t.allcaps or len(t.low) < 3 or self.sentence_start(i) or self.determiner_before(i):
            return 0
        if t.low in lex.common or t.low in lex.places or self.streetish(t) or t.low in ORG_WORDS:
            return 0
        if i + 1 >= self.n or not self.tight(i + 1):
            return 0
        nxt = self.toks[i + 1]
        if nxt.low in PARTICLES:
            end = self.extend(i + 1, False)
            if end <= i + 1:
                return 0
        else:
            if len(nxt.low) < 3 or not self.surname_like(nxt) or nxt.low in lex.common:
                return 0
            end = max(self.extend(i + 1, False), i + 2)
        if end == -1 or self.vetoed_after(end) or self.vetoed_before(i):
            return 0
        return end

    def unknown_single_at(self, i: int) -> int:
        """One capitalised unknown word with a person around it: 'kan iemand Rayhana bellen?'."""
        t = self.toks[i]
        lex = self.lex
        if not t.cap or t.allcaps or len(t.low) < 3 or self.sentence_start(i) or self.determiner_before(i):
            return 0
        if t.low in lex.common or t.low in lex.places or self.streetish(t) or t.low in ORG_WORDS:
            return 0
        if self.vetoed_before(i) or self.vetoed_after(i + 1):
            return 0
        after = _PERSON_AFTER.match(self.text, t.end)
        before = i > 0 and self.gap(i) == " " and self.toks[i - 1].low in _PERSON_BEFORE
        if after or (before and self.text[t.end:t.end + 1] in ("?", ")")):
            return i + 1
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
            if t.low in lex.common or t.low in lex.places or t.low in PARTICLES:
                return 0
        return i + 2

    # ------------------------------------------------------------ driver
    def run(self) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = []
        i = 0
        lex = self.lex
        while i < self.n:
            skip = self.phrase_len(i, lex.figure_phrases) or self.phrase_len(i, lex.place_phrases)
            if skip:
                i += skip
                continue
            start = i
            end = self.initials_at(i)
            if not end:
                s, e = self.cue_at(i)
                if e:
                    start, end = s, e
            if not end:
                end = (self.first_name_at(i) or self.capital_particle_at(i) or self.surname_at(i)
                       or self.unknown_pair_at(i) or self.unknown_single_at(i) or self.lowercase_pair_at(i))
            if end:
                if not any(self.phrase_len(k, lex.figure_phrases) for k in range(start, end)):
                    spans.append((self.toks[start].start, self.toks[end - 1].end))
                i = end
            else:
                i += 1
        return spans


def find_persons(text: str) -> list[tuple[int, int]]:
    """Character spans of person names in ``text`` (already masked for other detections)."""
    if not text:
        return []
    return _Finder(text, lexicon()).run()
