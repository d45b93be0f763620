"""Lexical resources of the matcher: general Dutch word frequencies, compounds, typos, thesaurus.

- `general_lexicon` reads Zipf frequencies of common Dutch words from the optional `wordfreq`
  package, to tell real words from typos and to judge compound splits.
- `CompoundSplitter` splits Dutch compounds into known words, allowing the linking -s-, -e- and
  -en- ("radicaliseringssignalen" -> radicalisering + signalen).
- `Speller` corrects a word that is not in the index vocabulary to the closest known word with
  rapidfuzz, within a length-aware edit distance (`max_edits`).
- `Thesaurus` reads `data/thesaurus.yaml`: chat abbreviations, Dutch synonym groups, one-way
  broader terms and an English-to-Dutch glossary, kept as data for curators.
"""

from __future__ import annotations

import gzip
import importlib.util
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .text import DATA_DIR, STOP_NL, fold, stem_en, stem_keys, tokenize


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
    header = data[0] if isinstance(data, list) and data else None
    if not isinstance(header, dict) or header.get("format") != "cB":
        return {}
    lex: dict[str, float] = {}
    for i, bucket in enumerate(data[1:]):
        zipf = 9 - i / 100
        for word in bucket:
            if isinstance(word, str) and word.isalpha():
                lex.setdefault(fold(word), zipf)
    return lex


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
    SHORT_ZIPF = 4.0  # a three-letter part must be at least this frequent
    COMMON_ZIPF = 4.5  # a word at least this frequent on its own is not split

    def __init__(self, heads: Iterable[str], modifiers: Iterable[str], head_keys: Iterable[str] = (),
                 *, freq: dict[str, float] | None = None, min_part: int = 4,
                 allow_unknown_modifier: bool = False) -> None:
        bad = STOP_NL | self.SUFFIXES
        self.freq = freq or {}
        self.heads = {w for w in heads
                      if (len(w) >= min_part or self._long_enough(w, min_part)) and w not in bad}
        self.head_keys = set(head_keys)
        self.modifiers = {w for w in modifiers
                          if (len(w) >= min_part or self._long_enough(w, min_part)) and w not in STOP_NL}
        self.min_part = min_part
        self.allow_unknown_modifier = allow_unknown_modifier
        # a modifier is a known word or the stem of a known verb ('dreig' of 'dreigen')
        verb_stems = {w[:-2] for w in self.modifiers if w.endswith("en") and len(w) > 4}
        self._mod_ok = self.modifiers | self.heads | verb_stems
        self._verb_stems = verb_stems
        self._cache: dict[str, tuple[str, ...]] = {}
        self._mod_cache: dict[str, tuple[str, ...]] = {}

    def _long_enough(self, w: str, min_part: int) -> bool:
        """Parts have `min_part` letters, or one less for very common words ('nep', 'app', 'bus')."""
        return len(w) >= min_part or (len(w) == min_part - 1 and self.freq.get(w, 0.0) >= self.SHORT_ZIPF)

    def _is_head(self, w: str) -> bool:
        if w in self.heads:
            return True
        return (len(w) >= 5 and w not in self.SUFFIXES
                and any(k in self.head_keys for k in stem_keys(w)))

    def _modifiers(self, w: str, depth: int) -> list[tuple[tuple[str, ...], bool]]:
        """Ways `w` can start a compound: a known word (after stripping a linking -s-, -en-, -e-),
        or, one level deep, itself a compound. Each with whether a link was stripped."""
        out = []
        m, ok, freq = self.min_part, self._mod_ok, self.freq
        for link in self.LINKS:
            if link:
                if not w.endswith(link):
                    continue
                base = w[: -len(link)]
            else:
                base = w
            n = len(base)
            if n < m - 1 or (n == m - 1 and freq.get(base, 0.0) < self.SHORT_ZIPF) or base in STOP_NL:
                continue
            if base in ok or (n > 3 and base[-2] == base[-3] and base[-2] in "aeou"  # 'parkeer' of 'parkeren'
                              and base[:-3] + base[-2:] in self._verb_stems):
                out.append(((base,), bool(link)))
            elif depth < 1:
                parts = self._mod_cache.get(base)
                if parts is None:
                    parts = self._mod_cache[base] = self._best(base, depth + 1)
                if parts:
                    out.append((parts, bool(link)))
        return out

    def _best(self, word: str, depth: int) -> tuple[str, ...]:
        best, best_score = (), -1.0
        m = self.min_part - 1 if self.freq else self.min_part
        zipf, known = self.freq.get, self.KNOWN_ZIPF
        heads, by_stem = self.heads, bool(self.head_keys)
        for i in range(m, len(word) - m + 1):
            head = word[i:]
            if head not in heads and not (by_stem and self._is_head(head)):
                continue
            for mod, linked in self._modifiers(word[:i], depth):
                if len(mod) == 1:
                    score = (zipf(mod[0], known) + zipf(head, known)) / 2
                else:
                    score = (sum(zipf(p, known) for p in mod) + zipf(head, known)) / (len(mod) + 1)
                if linked:
                    score -= 0.5
                if score > best_score:
                    best, best_score = (*mod, head), score
            if best and not self.freq:
                break  # without frequencies: the longest head wins
        if best and self.freq and best_score < zipf(word, 0.0):
            return ()
        return best

    def split(self, word: str) -> tuple[str, ...]:
        if not 2 * self.min_part - 1 <= len(word) <= 40 or not word.isalpha():
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
        """Query side without a lexicon: an unknown first part before a long known head
        ('judo' + 'vereniging')."""
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
