"""Text normalisation for the matcher: folding, chat-proof tokenisation, stemming.

Everything here is deterministic, pure Python and cached where it pays off:

- `fold` lower-cases and strips accents ("Cliënt" -> "client", "privéadres" -> "priveadres").
- `tokenize` (questions) survives chat: contractions ("z'n", "'t"), dotted abbreviations
  ("m.b.t."), elongations ("heeeel"), hyphenated compounds ("rechts-extremisme" -> one token with
  two parts), numbers ("1488", "112") and separable verbs ("in te schakelen"). Every token keeps
  its original spelling, sentence and clause. `DocTokenizer` does the same for entry texts, fast.
- `stem_keys` gives the index keys of a Dutch word: the Snowball Dutch stem and the older Dutch
  Porter stem (they fail on different words: "gemeld"/"melden", "radicaliseren"/"geradicaliseerd"),
  with doubled vowels undone so that "radicaliseer" and "radicaliser" meet. `stem_en` is the
  English Snowball stem with American -iz- spelled as British -is-.
- `separable_verbs` and `verb_forms` find the verb behind "bouw ... op" and "herken".
- Stop words are data: `data/stopwords_nl.txt` and `data/stopwords_en.txt`.

Compound splitting, typo correction and the thesaurus live in `knowledge.lexicon`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import Stemmer

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
        if core.isascii() and core.isalnum():
            forms = ((core.lower(), ()),)  # the common case, without the general machinery
        elif core.isalnum():
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
            if self.is_word(joined) or any(self.is_word(w) for w in verb_forms(joined)):
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
        verb = norms[i + 2]
        if norms[i] in PARTICLES and norms[i + 1] == "te" and verb.isalpha() and len(verb) > 2 \
                and verb not in STOP_NL:
            out.append((i + 2, norms[i] + norms[i + 2]))
    last = norms[-1]
    if last in PARTICLES:
        for j in range(max(0, len(norms) - 1 - reach), len(norms) - 1):
            v = norms[j]
            if v.isalpha() and len(v) > 1 and (v not in STOP_NL or v in LIGHT_VERBS):
                out.append((j, last + v))
    return out


# Particles of Dutch separable verbs: 'in te schakelen' is one word, 'inschakelen'.
# Light verbs are stop words on their own but make real verbs with a particle ('gaan ... rond').
LIGHT_VERBS = frozenset("gaan gaat ga ging gingen komen komt kwam zet zetten zette nemen neemt neem nam "
                        "geven geeft geef gaf houden houdt houd staan staat stond zitten zit lopen loopt "
                        "maken maakt maak leggen legt halen haalt".split())
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
            text = f"{t.text} {tokens[i + 1].text} {v.text}"
            out.append(Token(text, t.norm + v.norm, (), v.sentence, v.clause))
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
            if v.clause == p.clause and v.norm.isalpha() and len(v.norm) > 1 \
                    and (v.norm not in STOP_NL or v.norm in LIGHT_VERBS):
                out.append((j, p.norm + v.norm))
    return out


@lru_cache(maxsize=100_000)
def verb_forms(word: str) -> tuple[str, ...]:
    """Infinitives a verb stem may belong to: 'herken' -> 'herkenen', 'herkennen'; 'formuleer' ->
    'formuleren'; 'pak' -> 'pakken'. For words the index does not know; most guesses are no word."""
    if len(word) < 3 or not word.isalpha() or word.endswith("e"):
        return ()
    stem = _CLOSED_LONG.sub(r"\1\2", word)
    if stem.endswith("f"):
        stem = stem[:-1] + "v"
    elif stem.endswith("s") and stem[-2:-1] in ("a", "e", "o", "u", "i"):
        stem = stem[:-1] + "z"
    out = [stem + "en"]
    if stem == word and len(word) >= 3 and word[-1] not in "aeiouwjy" and word[-2] in "aeiou" \
            and word[-3] not in "aeiou":
        out.append(word + word[-1] + "en")  # short vowel: the consonant doubles
    return tuple(out)


def load_wordlist(path: Path) -> frozenset[str]:
    """One word a line, folded; blank lines and lines starting with # are skipped."""
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            words.add(fold(line))
    return frozenset(words)


STOP_NL = load_wordlist(DATA_DIR / "stopwords_nl.txt")
STOP_EN = load_wordlist(DATA_DIR / "stopwords_en.txt")


_PARTICIPLE = re.compile(r"^ge\w{3,}(?:[dt]|de|[^n]te)$")  # gemeld, geradicaliseerde; not gemeente
_CLOSED_LONG = re.compile(r"([aeou])\1([^aeiou])$")


def undouble(s: str) -> str:
    return s.replace("aa", "a").replace("ee", "e").replace("oo", "o").replace("uu", "u")


def _stems(word: str, porter: str, snow: str) -> set[str]:
    out = {undouble(porter)}
    # Snowball Dutch strips 'ge-' from every word ('gemeente' -> 'meen', 'gezin' -> 'zin'); keep
    # that only for participles ('geradicaliseerd' -> 'radicaliseer', 'gemeld' -> 'mel').
    if not (word.startswith("ge") and not snow.startswith("ge") and not _PARTICIPLE.match(word)):
        out.add(undouble(snow))
    return out


def _related(word: str) -> str | None:
    """Another form of the word that the stemmers treat differently, or None.

    A verb form in -t/-d gives its infinitive ('deelt' -> 'delen', 'bedreigd' -> 'bedreigen'); a
    plural or infinitive in -en gives its stem ('fietsen' -> 'fiets', 'brieven' -> 'brief',
    'gesprekken' -> 'gesprek'), since the stemmers keep the -s of 'fietsen' but drop that of 'fiets'.
    """
    if len(word) < 5 or not word.isalpha():
        return None
    if word.endswith(("t", "d")):
        stem = _CLOSED_LONG.sub(r"\1\2", word[:-1])
        if stem.endswith("f"):
            stem = stem[:-1] + "v"
        elif stem.endswith("s") and len(stem) > 2 and stem[-2] in "aeiou":
            stem = stem[:-1] + "z"
        return stem + "en"
    if word.endswith("en") and len(word) >= 6 and word[-3] not in "aeiou":
        stem = word[:-2]
        if stem[-1] == stem[-2]:
            stem = stem[:-1]  # gesprekken -> gesprek
        elif stem[-1] in "vz":
            stem = stem[:-1] + ("f" if stem[-1] == "v" else "s")  # brieven -> brief, reizen -> reis
        return stem
    return None


_STEM_CACHE: dict[str, tuple[str, ...]] = {}
_STEM_CACHE_MAX = 300_000


def stem_keys(word: str) -> tuple[str, ...]:
    """Index keys of a folded Dutch word: its Dutch Porter and Snowball Dutch stems, vowels undoubled,
    and those of the related form the stemmers miss (see `_related`: 'betekent' and 'betekenen',
    'fietsen' and 'fiets' share a key). Results are cached; `prime_stem_keys` fills the cache for
    many words at once.
    """
    hit = _STEM_CACHE.get(word)
    if hit is None:
        if word.isdigit() or len(word) <= 3:
            return (word,)
        stem = {word: (_DUTCH_PORTER.stemWord(word), _DUTCH.stemWord(word))}
        rel = _related(word)
        if rel:
            stem[rel] = (_DUTCH_PORTER.stemWord(rel), _DUTCH.stemWord(rel))
        hit = _keys_from(word, rel, stem)
        if len(_STEM_CACHE) < _STEM_CACHE_MAX:
            _STEM_CACHE[word] = hit
    return hit


def _keys_from(word: str, rel: str | None, stems: dict[str, tuple[str, str]]) -> tuple[str, ...]:
    keys = _stems(word, *stems[word])
    if rel:
        keys |= _stems(rel, *stems[rel])
    return tuple(sorted(keys, key=len, reverse=True))


def prime_stem_keys(words: Iterable[str]) -> None:
    """Compute `stem_keys` for many words with one call per stemmer (a large base: ~3x faster)."""
    todo = [w for w in set(words) if w not in _STEM_CACHE and len(w) > 3 and not w.isdigit()]
    todo = todo[: max(0, _STEM_CACHE_MAX - len(_STEM_CACHE))]
    infs = {w: _related(w) for w in todo}
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
