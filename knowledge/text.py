"""Text normalisation for the matcher: folding, chat-proof tokenisation, stemming, compounds, typos.

Everything here is deterministic, pure Python and cached where it pays off:

- `fold` lower-cases and strips accents ("Cliënt" -> "client", "privéadres" -> "priveadres").
- `tokenize` survives chat: contractions ("z'n", "'t"), dotted abbreviations ("m.b.t."),
  elongations ("heeeel"), hyphenated compounds ("rechts-extremisme" -> one token with two parts)
  and numbers ("1488", "112"). Every token remembers its original spelling and sentence.
- `stem_keys` gives the index keys of a Dutch word: the Snowball Dutch stem and the older Dutch
  Porter stem (they fail on different words: "gemeld"/"melden", "radicaliseren"/"geradicaliseerd"),
  with doubled vowels undone so that "radicaliseer" and "radicaliser" meet. `stem_en` is the
  English Snowball stem with American -iz- spelled as British -is-.
- `CompoundSplitter` splits Dutch compounds into known words, allowing the linking -s-, -e- and
  -en- ("radicaliseringssignalen" -> radicalisering + signalen).
- `Speller` corrects a word that is not in the index vocabulary to the closest known word with
  rapidfuzz, within a length-aware edit distance.
- `Thesaurus` reads `data/thesaurus.yaml`: chat abbreviations, Dutch synonym groups, one-way
  broader terms and an English-to-Dutch glossary, kept as data for curators.
"""

from __future__ import annotations

import gzip
import importlib.util
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import Stemmer
import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

DATA_DIR = Path(__file__).parent / "data"

_DUTCH = Stemmer.Stemmer("dutch", 0)  # no internal cache: ours is faster
_DUTCH_PORTER = Stemmer.Stemmer("dutch_porter", 0)
_ENGLISH = Stemmer.Stemmer("english", 0)

# Contractions and pronoun clitics of Dutch chat, folded and with the apostrophe kept.
CONTRACTIONS = {
    "z'n": "zijn", "m'n": "mijn", "d'r": "haar", "zo'n": "zo een", "'t": "het", "'s": "des",
    "'n": "een", "'m": "hem", "'k": "ik", "'ns": "eens",
}

_APOSTROPHE_CHARS = "’‘`´ʼ"
_APOSTROPHES = str.maketrans({c: "'" for c in _APOSTROPHE_CHARS})
_STRIP = "'\".,;:!?()[]{}“”«»…*_#/\\|<>=+~^%&@$-–—•·"
_CLAUSE_CHARS = ".,;:!?)]\"“”"
_DASHES = ("-", "–", "—")
_DOTTED_ABBR = re.compile(r"\b(?:[^\W\d_]\.){2,}(?![^\W\d_])")
_ELONGATION = re.compile(r"([^\W\d_])\1{2,}")
_WORD = re.compile(r"'?[^\W_]+(?:'[^\W_]+)*(?:-[^\W_]+)*")
_CLAUSE_SPLIT = re.compile(r"([.!?]+(?=\s|$)|\n+|[,;:()\[\]\"“”]|\s[-–—]\s)")
_SENTENCE_DELIM = re.compile(r"[.!?\n]")
_DOUBLE_VOWEL = re.compile(r"([aeou])\1")

MAX_TOKENS = 400  # a question is never longer than this in words; longer input is cut, not refused


def fold(text: str) -> str:
    """Lower case without accents: 'Cliënt Privé-adres' -> 'client prive-adres'."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES).replace("ĳ", "ij").replace("Ĳ", "IJ"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


class Token(NamedTuple):
    """One word of a message: its original spelling, folded form, hyphen parts and position."""

    text: str
    norm: str
    parts: tuple[str, ...] = ()
    sentence: int = 0
    clause: int = 0  # clauses end at punctuation: a particle last in its clause may belong to a verb


@lru_cache(maxsize=200_000)
def _word_forms(raw: str, chat: bool = True) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(folded word, hyphen parts) for a raw word; a contraction gives several words. With `chat`,
    elongations are undone ('heeeel' -> 'heel'); curated texts do not need that."""
    folded = _ELONGATION.sub(r"\1\1", fold(raw)) if chat else fold(raw)
    expansion = CONTRACTIONS.get(folded)
    if expansion:
        return tuple((w, ()) for w in expansion.split())
    pieces = tuple(p for p in folded.strip("'").replace("'", "").split("-") if p)
    if not pieces:
        return ()
    return (("".join(pieces), pieces if len(pieces) > 1 else ()),)


def tokenize(text: str, *, limit: int = MAX_TOKENS) -> list[Token]:
    """Words of `text` as `Token`s, at most `limit` of them.

    'z'n' becomes 'zijn', "camera's" becomes 'cameras', 'm.b.t.' becomes 'mbt', 'heeeel' becomes
    'heel', 'rechts-extremisme' becomes 'rechtsextremisme' with parts ('rechts', 'extremisme').
    """
    if not text:
        return []
    text = text.translate(_APOSTROPHES)
    if "." in text:
        text = _DOTTED_ABBR.sub(lambda m: m.group().replace(".", ""), text)
    out: list[Token] = []
    sentence = clause = 0
    pieces = _CLAUSE_SPLIT.split(text)  # text, delimiter, text, delimiter, ...
    for i in range(0, len(pieces), 2):
        for raw in _WORD.findall(pieces[i]):
            for norm, parts in _word_forms(raw):
                out.append(Token(raw.strip("'"), norm, parts, sentence, clause))
        if len(out) >= limit:
            break
        clause += 1
        if i + 1 < len(pieces) and _SENTENCE_DELIM.match(pieces[i + 1]):
            sentence += 1
    out = out[:limit]
    return _join_separable(out) if any(t.norm == "te" for t in out) else out


class DocTokenizer:
    """Turns document texts into token ids, fast enough for large bases.

    A token is a (folded word, hyphen parts) pair; `words[i]` is token i. Texts are split on white
    space, and each distinct chunk ('zorgen,' '**Meld') is analysed once and cached, so a word
    costs a dictionary lookup. With `is_word`, separable verbs are added as extra tokens when the
    joined form is a word: 'in te schakelen' and 'breng ... in' (a particle last in its clause) give
    'inschakelen' and 'inbreng'.
    """

    def __init__(self, is_word=None) -> None:
        self.is_word = is_word
        self.words: list[tuple[str, tuple[str, ...]]] = []
        self._ids: dict[tuple[str, tuple[str, ...]], int] = {}
        self._chunks: dict[str, tuple[tuple[int, ...], int]] = {}
        self._particles = frozenset(self._id((p, ())) for p in PARTICLES)
        self._te = self._id(("te", ()))

    def _id(self, word: tuple[str, tuple[str, ...]]) -> int:
        i = self._ids.get(word)
        if i is None:
            i = self._ids[word] = len(self.words)
            self.words.append(word)
        return i

    def _chunk(self, chunk: str) -> tuple[tuple[int, ...], int]:
        """Token ids of a white-space separated chunk, and flags: 1 when it ends a clause with a
        particle ('in?'), 2 when it is 'te'."""
        core = chunk.strip(_STRIP)
        if not core:
            return (), 0
        if core.isalnum():
            forms = _word_forms(core, False)
        elif "." in core and all(len(p) == 1 for p in core.split(".")):
            forms = _word_forms(core.replace(".", ""), False)  # 'm.b.t.'
        else:
            forms = tuple(f for raw in _WORD.findall(core) for f in _word_forms(raw, False))
        ids = tuple(self._id(f) for f in forms)
        last_particle = bool(forms) and forms[-1][0] in PARTICLES
        flags = 1 if last_particle and chunk[-1] in _CLAUSE_CHARS else 0
        return ids, flags | (2 if forms == (("te", ()),) else 0)

    def ids(self, text: str, limit: int = 20_000) -> list[int]:
        """Token ids of `text` (at most `limit`), plus those of the separable verbs in it."""
        if not text:
            return []
        for a in _APOSTROPHE_CHARS:
            if a in text:
                text = text.replace(a, "'")
        chunks = (text.replace("\n", ".\n") + ".").split()  # a line end ends a clause
        get = self._chunks.get
        hits = [get(c) for c in chunks]
        if None in hits:
            hits = [self._learn(c) if h is None else h for h, c in zip(hits, chunks, strict=True)]
        out = [i for h in hits for i in h[0]][:limit]
        if self.is_word is not None:
            for k in [k for k, h in enumerate(hits) if h[1] & 3]:
                out.extend(self._separable(chunks, hits, k))
        return out

    def _separable(self, chunks: list[str], hits: list, k: int) -> list[int]:
        """Ids of the real words made by the particle of chunk `k`: the clause-final 'in' of
        'breng je een dilemma in?', or the 'te' of 'in te schakelen'."""
        end = min(k + 1, len(chunks) - 1) if hits[k][1] & 2 else k
        start = k
        while start > 0 and k - start < 8 and chunks[start - 1][-1] not in _CLAUSE_CHARS:
            start -= 1
        norms = [self.words[i][0] for h in hits[start:end + 1] for i in h[0]]
        out = []
        for _, joined in _separable_in_clause(norms):
            if any(self.is_word(w) for w in (joined, *verb_forms(joined))):
                out.append(self._id((joined, ())))
        return out

    def _learn(self, chunk: str) -> tuple[tuple[int, ...], int]:
        hit = self._chunk(chunk)
        if len(self._chunks) < 500_000:
            self._chunks[chunk] = hit
        return hit


def _separable_in_clause(norms: list[str], reach: int = 8) -> list[tuple[int, str]]:
    """(index, joined) candidates in one clause: 'in te schakelen', and a clause-final particle."""
    out = []
    for i in range(len(norms) - 2):
        if norms[i] in PARTICLES and norms[i + 1] == "te" and norms[i + 2].isalpha() and len(norms[i + 2]) > 2 \
                and norms[i + 2] not in STOP_NL:
            out.append((i + 2, norms[i] + norms[i + 2]))
    last = norms[-1]
    if last in PARTICLES:
        for j in range(max(0, len(norms) - 1 - reach), len(norms) - 1):
            v = norms[j]
            if v.isalpha() and len(v) > 1 and v not in STOP_NL:
                out.append((j, last + v))
    return out


# Particles of Dutch separable verbs: 'in te schakelen' is one word, 'inschakelen'.
PARTICLES = frozenset("aan af bij door in mee na op over terug toe uit vast weg voor samen neer rond".split())


def _join_separable(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (t.norm in PARTICLES and i + 2 < len(tokens) and tokens[i + 1].norm == "te"
                and tokens[i + 2].norm.isalpha() and len(tokens[i + 2].norm) > 2
                and tokens[i + 2].norm not in STOP_NL):
            v = tokens[i + 2]
            out.append(Token(f"{t.text} {tokens[i + 1].text} {v.text}", t.norm + v.norm, (), v.sentence, v.clause))
            i += 3
        else:
            out.append(t)
            i += 1
    return out


def separable_verbs(tokens: list[Token], reach: int = 8) -> list[tuple[int, str]]:
    """Candidate separable verbs: a particle last in its clause joined to a word before it.

    'Hoe bouw je contacten op?' gives (1, 'opbouw'); the caller keeps the candidates that are
    real words ('opbouwen'). Returns (index of the verb token, joined word) pairs.
    """
    out = []
    for i, p in enumerate(tokens):
        if p.norm not in PARTICLES or (i + 1 < len(tokens) and tokens[i + 1].clause == p.clause):
            continue
        for j in range(max(0, i - reach), i):
            v = tokens[j]
            if v.clause == p.clause and v.norm.isalpha() and len(v.norm) > 1 and v.norm not in STOP_NL:
                out.append((j, p.norm + v.norm))
    return out


def verb_forms(word: str) -> list[str]:
    """Infinitives a verb stem may belong to: 'herken' -> 'herkenen', 'herkennen'; 'formuleer' ->
    'formuleren'; 'pak' -> 'pakken'. For words the index does not know; most guesses are no word."""
    if len(word) < 3 or not word.isalpha() or word.endswith("e"):
        return []
    stem = _CLOSED_LONG.sub(r"\1\2", word)
    if stem.endswith("f"):
        stem = stem[:-1] + "v"
    elif stem.endswith("s") and stem[-2:-1] in ("a", "e", "o", "u", "i"):
        stem = stem[:-1] + "z"
    out = [stem + "en"]
    if stem == word and len(word) >= 3 and word[-1] not in "aeiouwjy" and word[-2] in "aeiou" \
            and word[-3] not in "aeiou":
        out.append(word + word[-1] + "en")  # short vowel: the consonant doubles
    return out


def load_wordlist(path: Path) -> frozenset[str]:
    """One word a line, folded; blank lines and lines starting with # are skipped."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(fold(line))
    return frozenset(words)


def _wordfreq_small_nl() -> Path | None:
    """Where the optional `wordfreq` package keeps its small Dutch list, without importing it
    (importing wordfreq itself takes seconds; its data file loads in a fraction of that)."""
    try:
        spec = importlib.util.find_spec("wordfreq")
    except (ImportError, ValueError):
        return None
    for loc in (spec.submodule_search_locations or []) if spec else []:
        path = Path(loc) / "data" / "small_nl.msgpack.gz"
        if path.is_file():
            return path
    return None


@lru_cache(maxsize=1)
def general_lexicon() -> dict[str, float]:
    """Zipf frequency (3..8) of the ~29,000 most frequent Dutch words, folded; {} when unavailable.

    Read from the `wordfreq` package's data file when it is installed (format 'cB': bucket i holds
    words of frequency 10**(-i/100)). The matcher uses it to tell a real but unindexed word
    ('plakken') from a typo ('radicalisring'), and to accept compound parts ('judo' + 'vereniging').
    Without it the matcher still works, correcting every unknown word it can.
    """
    path = _wordfreq_small_nl()
    if path is None:
        return {}
    try:
        import msgpack

        with gzip.open(path, "rb") as fh:
            data = msgpack.load(fh, raw=False)
    except Exception:  # a broken or foreign data file must never break matching
        return {}
    if not isinstance(data, list) or not data or not isinstance(data[0], dict) or data[0].get("format") != "cB":
        return {}
    lex: dict[str, float] = {}
    for i, bucket in enumerate(data[1:]):
        zipf = 9 - i / 100
        for word in bucket:
            if isinstance(word, str) and word.isalpha():
                lex.setdefault(fold(word), zipf)
    return lex


STOP_NL = load_wordlist(DATA_DIR / "stopwords_nl.txt")
STOP_EN = load_wordlist(DATA_DIR / "stopwords_en.txt")


_PARTICIPLE = re.compile(r"^ge\w{3,}[dt]$")
_CLOSED_LONG = re.compile(r"([aeou])\1([^aeiou])$")


def _undouble(s: str) -> str:
    return s.replace("aa", "a").replace("ee", "e").replace("oo", "o").replace("uu", "u")


def _stems(word: str, porter: str, snow: str) -> set[str]:
    out = {_undouble(porter)}
    # Snowball Dutch strips 'ge-' from every word ('gemeente' -> 'meen', 'gezin' -> 'zin'); keep
    # that only for participles ('geradicaliseerd' -> 'radicaliseer', 'gemeld' -> 'mel').
    if not (word.startswith("ge") and not snow.startswith("ge") and not _PARTICIPLE.match(word)):
        out.add(_undouble(snow))
    return out


def _infinitive(word: str) -> str | None:
    """The infinitive a word ending in -t or -d may be a form of: 'deelt' -> 'delen'."""
    if len(word) < 5 or not word.endswith(("t", "d")) or not word.isalpha():
        return None
    stem = _CLOSED_LONG.sub(r"\1\2", word[:-1])
    if stem.endswith("f"):
        stem = stem[:-1] + "v"
    elif stem.endswith("s") and len(stem) > 2 and stem[-2] in "aeiou":
        stem = stem[:-1] + "z"
    return stem + "en"


_STEM_CACHE: dict[str, tuple[str, ...]] = {}
_STEM_CACHE_MAX = 300_000


def stem_keys(word: str) -> tuple[str, ...]:
    """Index keys of a folded Dutch word: its Dutch Porter and Snowball Dutch stems, vowels undoubled.

    A word ending in -t or -d also gets the keys of the infinitive it may be a verb form of, since
    the stemmers leave those alone: 'betekent' -> 'betekenen', 'gelooft' -> 'geloven', 'bedreigd' ->
    'bedreigen'. Results are cached; `prime_stem_keys` fills the cache for many words at once.
    """
    hit = _STEM_CACHE.get(word)
    if hit is None:
        if word.isdigit() or len(word) <= 3:
            return (word,)
        stem = {word: (_DUTCH_PORTER.stemWord(word), _DUTCH.stemWord(word))}
        inf = _infinitive(word)
        if inf:
            stem[inf] = (_DUTCH_PORTER.stemWord(inf), _DUTCH.stemWord(inf))
        hit = _keys_from(word, inf, stem)
        if len(_STEM_CACHE) < _STEM_CACHE_MAX:
            _STEM_CACHE[word] = hit
    return hit


def _keys_from(word: str, inf: str | None, stems: dict[str, tuple[str, str]]) -> tuple[str, ...]:
    keys = _stems(word, *stems[word])
    if inf:
        keys |= _stems(inf, *stems[inf])
    return tuple(sorted(keys, key=len, reverse=True))


def prime_stem_keys(words: Iterable[str]) -> None:
    """Compute `stem_keys` for many words with one call per stemmer (a large base: ~3x faster)."""
    todo = [w for w in set(words) if w not in _STEM_CACHE and len(w) > 3 and not w.isdigit()]
    todo = todo[: max(0, _STEM_CACHE_MAX - len(_STEM_CACHE))]
    infs = {w: _infinitive(w) for w in todo}
    batch = list(dict.fromkeys([*todo, *(i for i in infs.values() if i)]))
    stems = dict(zip(batch, zip(_DUTCH_PORTER.stemWords(batch), _DUTCH.stemWords(batch), strict=True),
                     strict=True))
    for w in todo:
        _STEM_CACHE[w] = _keys_from(w, infs[w], stems)


@lru_cache(maxsize=50_000)
def stem_en(word: str) -> str:
    """English Snowball stem; 'radicalization' and 'radicalisation' give the same stem."""
    return _ENGLISH.stemWord(word.replace("iz", "is"))


def looks_english(tokens: Iterable[Token]) -> bool:
    """True when a message has more English than Dutch function words (and at least two)."""
    en = nl = 0
    for t in tokens:
        en += t.norm in STOP_EN and t.norm not in STOP_NL
        nl += t.norm in STOP_NL and t.norm not in STOP_EN
    return en >= 2 and en > nl


class CompoundSplitter:
    """Splits Dutch compounds into parts that are known words.

    `heads` are words that may end a compound (checked on the surface form or, for `head_keys`,
    on its stem keys); `modifiers` are words that may start one. Between parts the linking
    morphemes -s-, -e- and -en- are allowed. Parts are at least `min_part` letters; stop words and
    derivational suffixes ('-lijk', '-heid', '-baar') are never parts, so 'onderwijs' does not
    become 'onder' + 'wijs' and 'mogelijk' is left alone.

    With `freq` (Zipf frequencies of general Dutch) the split follows Koehn & Knight (2003): words
    that are common by themselves are not split, and of the possible splits the one whose parts
    are most frequent wins, if they are at least as frequent as the whole ('gemeentehuis' ->
    gemeente + huis, not gemeen + tehuis; 'vertellen' stays whole). Words the index knows but
    `freq` does not count as `KNOWN_ZIPF`. Returns the parts, or () for no split.
    """

    LINKS = ("", "s", "en", "e")
    SUFFIXES = frozenset("lijk lijke lijks heid heden baar bare schap loos loze ling lingen rijk rijke "
                         "matig achtig ende eren ing ingen isch ische".split())
    KNOWN_ZIPF = 3.0
    COMMON_ZIPF = 4.5  # a word at least this frequent on its own is not split

    def __init__(self, heads: Iterable[str], modifiers: Iterable[str], head_keys: Iterable[str] = (),
                 *, freq: dict[str, float] | None = None, min_part: int = 4,
                 allow_unknown_modifier: bool = False) -> None:
        bad = STOP_NL | self.SUFFIXES
        self.heads = {w for w in heads if len(w) >= min_part and w not in bad}
        self.head_keys = set(head_keys)
        self.modifiers = {w for w in modifiers if len(w) >= min_part and w not in STOP_NL}
        self.freq = freq or {}
        self.min_part = min_part
        self.allow_unknown_modifier = allow_unknown_modifier
        self._cache: dict[str, tuple[str, ...]] = {}
        self._mod_cache: dict[str, tuple[str, ...]] = {}

    def _is_head(self, w: str) -> bool:
        if w in self.heads:
            return True
        return (len(w) >= 5 and w not in self.SUFFIXES
                and any(k in self.head_keys for k in stem_keys(w)))

    def _modifiers(self, w: str, depth: int) -> list[tuple[tuple[str, ...], bool]]:
        out = []
        for link in self.LINKS:
            if link and not w.endswith(link):
                continue
            base = w[: len(w) - len(link)] if link else w
            if len(base) < self.min_part or base in STOP_NL:
                continue
            if base in self.modifiers or base in self.heads or self._verb_stem(base):
                out.append(((base,), bool(link)))
            elif depth < 1:
                parts = self._mod_cache.get(base)
                if parts is None:
                    parts = self._mod_cache[base] = self._best(base, depth + 1)
                if parts:
                    out.append((parts, bool(link)))
        return out

    def _verb_stem(self, w: str) -> bool:
        """'dreig' in 'dreigbrief', 'parkeer' in 'parkeervergunning': the stem of a known verb."""
        return (w + "en") in self.modifiers or (_undouble(w) + "en") in self.modifiers

    def _best(self, word: str, depth: int) -> tuple[str, ...]:
        best, best_score = (), -1.0
        m = self.min_part
        zipf = self.freq.get
        heads, by_stem = self.heads, bool(self.head_keys)
        for i in range(m, len(word) - m + 1):
            head = word[i:]
            if head not in heads and not (by_stem and self._is_head(head)):
                continue
            for mod, linked in self._modifiers(word[:i], depth):
                parts = (*mod, head)
                score = sum(zipf(p, self.KNOWN_ZIPF) for p in parts) / len(parts) - (0.5 if linked else 0.0)
                if score > best_score:
                    best, best_score = parts, score
            if best and not self.freq:
                break  # without frequencies: the longest head wins
        if best and self.freq and best_score < self.freq.get(word, 0.0):
            return ()
        return best

    def split(self, word: str) -> tuple[str, ...]:
        if not 2 * self.min_part <= len(word) <= 40 or not word.isalpha():
            return ()
        hit = self._cache.get(word)
        if hit is None:
            hit = () if self.freq.get(word, 0.0) >= self.COMMON_ZIPF else self._best(word, 0)
            if not hit and self.allow_unknown_modifier:
                hit = self._split_unknown_modifier(word)
            if len(self._cache) < 100_000:
                self._cache[word] = hit
        return hit

    def _split_unknown_modifier(self, word: str) -> tuple[str, ...]:
        """Query side without a lexicon: an unknown first part before a long known head ('judo' + 'vereniging')."""
        for i in range(self.min_part, len(word) - 4):
            head = word[i:]
            if len(head) >= 5 and self._is_head(head):
                mod = word[:i]
                for link in ("s", "en", "e"):
                    if mod.endswith(link) and len(mod) - len(link) >= self.min_part:
                        mod = mod[: -len(link)]
                        break
                return (mod, head)
        return ()


def max_edits(word: str) -> int:
    """Edits allowed to correct a word of this length: none up to 4 letters, then 1, 2 from 7, 3 from 13."""
    n = len(word)
    return 0 if n <= 4 else 1 if n <= 6 else 2 if n <= 12 else 3


class Speller:
    """Corrects unknown words to the closest vocabulary word (Levenshtein, length-aware cutoff).

    The vocabulary is bucketed by first letter and length, so a lookup only compares against words
    that could be within reach; ties go to the word found in more entries (`counts`). A typo in the
    first letter is not corrected: that costs little recall and keeps lookups fast on large bases.
    """

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._buckets: dict[tuple[str, int], list[str]] = {}
        for w in counts:
            if len(w) >= 4 and w.isalpha():
                self._buckets.setdefault((w[0], len(w)), []).append(w)
        self._cache: dict[str, str | None] = {}

    def correct(self, word: str) -> str | None:
        if word in self.counts:
            return word
        if word in self._cache:
            return self._cache[word]
        best = None
        k = max_edits(word)
        if k and word.isalpha():
            found: list[tuple[int, int, str]] = []
            for n in range(len(word) - k, len(word) + k + 1):
                cands = self._buckets.get((word[0], n))
                if not cands:
                    continue
                for cand, dist, _ in process.extract(word, cands, scorer=Levenshtein.distance,
                                                     score_cutoff=k, limit=3):
                    found.append((dist, -self.counts[cand], cand))
            if found:
                best = min(found)[2]
        if len(self._cache) < 50_000:
            self._cache[word] = best
        return best


@dataclass
class Thesaurus:
    """Curated vocabulary from `data/thesaurus.yaml` (see the comments in that file).

    - `abbreviations`: chat abbreviation -> expansion ('ivm' -> 'in verband met').
    - `groups`: Dutch synonym groups; a query word in a group also searches the other members.
    - `broader`: one-way: a specific word also searches a broader term ('tiktok' -> 'online').
    - `english`: English word or phrase (stemmed, space separated) -> Dutch alternatives.
    Single Dutch words are keyed by their `stem_keys`, so inflections match; phrases of several
    words are keyed by their folded words joined with spaces ('sociale media').
    """

    abbreviations: dict[str, str] = field(default_factory=dict)
    synonyms: dict[str, set[str]] = field(default_factory=dict)  # stem key -> Dutch words
    english: dict[str, tuple[str, ...]] = field(default_factory=dict)  # 'far right' (stemmed) -> nl
    english_max_words: int = 1
    phrase_max_words: int = 1

    @classmethod
    def load(cls, path: Path | str | None = None) -> Thesaurus:
        data = yaml.safe_load(Path(path or DATA_DIR / "thesaurus.yaml").read_text(encoding="utf-8")) or {}
        th = cls()
        for abbr, expansion in (data.get("abbreviations") or {}).items():
            th.abbreviations[fold(str(abbr))] = fold(str(expansion))
        for group in data.get("groups") or []:
            words = [fold(str(w)) for w in group]
            for w in words:
                th._link(w, [x for x in words if x != w])
        for word, broader in (data.get("broader") or {}).items():
            th._link(fold(str(word)), [fold(str(b)) for b in _as_list(broader)])
        for phrase, dutch in (data.get("english") or {}).items():
            key = " ".join(stem_en(t.norm) for t in tokenize(str(phrase)))
            if key:
                known = th.english.get(key, ())
                th.english[key] = tuple(dict.fromkeys((*known, *(fold(str(d)) for d in _as_list(dutch)))))
                th.english_max_words = max(th.english_max_words, key.count(" ") + 1)
        return th

    def _link(self, word: str, others: list[str]) -> None:
        norms = [t.norm for t in tokenize(word)]
        if not norms:
            return
        keys = stem_keys(norms[0]) if len(norms) == 1 else (" ".join(norms),)
        self.phrase_max_words = max(self.phrase_max_words, len(norms))
        for key in keys:
            self.synonyms.setdefault(key, set()).update(others)

    def synonyms_of(self, word: str) -> set[str]:
        """Dutch words the thesaurus offers for a folded Dutch word (via any of its stem keys)."""
        out: set[str] = set()
        for key in stem_keys(word):
            out |= self.synonyms.get(key, set())
        return out


def _as_list(value) -> list:
    return list(value) if isinstance(value, list | tuple) else [value]
