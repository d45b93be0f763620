"""The matcher: finds the knowledge entry that answers a question, or abstains honestly.

    m = Matcher(entries)          # builds the index
    r = m.search(question, k=5)   # -> MatchResult: ranked hits, abstain or not, and why

How a question is scored
------------------------
Entries are indexed with BM25F (`knowledge.bm25f`): title, aliases, tags and body are tokenised
separately, each field's term frequency is length-normalised with its own `b` and weighted
(`FIELD_WEIGHTS`), and the weighted sum is saturated once with `K1`. Index keys are Dutch stems
(`knowledge.text.stem_keys`); compounds are also indexed under their parts, and separable verbs
("breng je een dilemma in") under the whole verb. The question is analysed into query words with
alternatives (synonyms, typo corrections, compound parts, English translations; see
`knowledge.query`); an entry's score is the sum over query words of the word's best alternative.
Among the best `TITLE_POOL` entries, a score is raised by up to `TITLE_BONUS` for the share of
the entry's title words the question matches, so of two equally good matches the one whose title
is the question comes first.

When to abstain
---------------
See `Matcher._decide`: the bot answers only when the top entry is about what was asked. The rule
uses the question's IDF-weighted words, with title/alias/tag matches counting fully and body-only
matches partly (`BODY_CREDIT`); its thresholds are constants, set by hand on half of the
development questions and checked on the other half, never fitted at run time.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from .bm25f import FieldIndex
from .clean import strip_chat
from .entry import Entry
from .lexicon import CompoundSplitter, Speller, Thesaurus, general_lexicon
from .query import MAX_QUERY_CHARS, Alt, QueryAnalyzer, QueryWord
from .text import STOP_EN, STOP_NL, DocTokenizer, prime_stem_keys, stem_en, stem_keys, tokenize

FIELDS = ("title", "alias", "tag", "body")
FIELD_WEIGHTS = {"title": 2.5, "alias": 2.5, "tag": 2.0, "body": 1.0}
FIELD_B = {"title": 0.4, "alias": 0.4, "tag": 0.3, "body": 0.75}
STRONG_FIELDS = 0b0111  # title, alias, tag: what an entry is about
K1 = 1.2
TITLE_BONUS = 0.15
TITLE_POOL = 20

# Abstention (see `Matcher._decide`); set by hand on half of the development questions and
# checked on the other half, never fitted at run time.
BODY_CREDIT = 0.3
MIN_ABOUTNESS = 0.22
MIN_MASS = 2.0
CLOSE_RATIO = 0.8  # a runner-up within this share of the top score is offered as "zie ook"


@dataclass(frozen=True)
class Hit:
    entry_id: str
    score: float
    matched_on: tuple[str, ...]  # "word (field)", or "word→synonym (field)" when matched through it


@dataclass(frozen=True)
class MatchResult:
    """The ranked entries and the decision whether to answer.

    - `hits`: best first, up to k, also when abstaining (curators see what came closest).
    - `abstain`: True when no entry is a good answer; `reason` says why, in short English.
    - `confidence` (0..1): how sure the answer is, for display and logging: the top entry's
      aboutness (see `Matcher._decide`) relative to twice the abstention threshold, capped at 1,
      times 0.7 + 0.3 * margin (the top score's lead over the runner-up, as a share of the top
      score). 0 when nothing matches. It is not a calibrated probability.
    - `coverage` (0..1): the IDF-weighted share of the question's content words that the top entry
      contains, in any field.
    """

    hits: tuple[Hit, ...]
    abstain: bool
    reason: str
    confidence: float
    coverage: float

    @property
    def close_runners_up(self) -> tuple[Hit, ...]:
        """The next up-to-two hits scoring at least `CLOSE_RATIO` of the best (for "zie ook")."""
        if not self.hits or self.hits[0].score <= 0:
            return ()
        top = self.hits[0].score
        return tuple(h for h in self.hits[1:3] if h.score >= CLOSE_RATIO * top)


class Evidence(NamedTuple):
    """What an entry shares with the question (see `Matcher._decide`)."""

    coverage: float
    aboutness: float
    mass: float


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Positions of the `k` highest scores, best first (ties: lower position first)."""
    n = len(scores)
    kk = min(max(1, k), n)
    if kk == n:  # the whole order: a stable sort keeps ties by position, as the lexsort below does
        return np.argsort(-scores, kind="stable")
    top = np.argpartition(-scores, kk - 1)[:kk]
    return top[np.lexsort((top, -scores[top]))]


@lru_cache(maxsize=1)
def default_thesaurus() -> Thesaurus:
    return Thesaurus.load()


class Matcher:
    """Index over `entries`; `search(query)` returns a `MatchResult`. Immutable after building."""

    def __init__(self, entries: Iterable[Entry], thesaurus: Thesaurus | None = None) -> None:
        self.entries = tuple(entries)
        self.ids = tuple(e.id for e in self.entries)
        self.th = thesaurus or default_thesaurus()
        self.n = n = len(self.entries)
        self.lexicon = general_lexicon()
        # pass 1: tokens of every field, as ids into a table of distinct (word, hyphen parts)
        tokenizer = DocTokenizer(self.lexicon.__contains__ if self.lexicon else None)
        streams: list[tuple[array, array]] = [(array("i"), array("i")) for _ in FIELDS]
        for d, e in enumerate(self.entries):
            for f, (text, limit) in enumerate(((e.title, 100), ("\n".join(e.aliases), 1000),
                                               ("\n".join(e.tags), 200), (e.body, 20_000))):
                ids = tokenizer.ids(text, limit)
                streams[f][1].extend(ids)
                streams[f][0].extend([d] * len(ids))
        n_tok = max(1, len(tokenizer.words))
        pairs = np.concatenate([np.frombuffer(a, dtype=np.int32).astype(np.int64) * n_tok
                                + np.frombuffer(b, dtype=np.int32) for a, b in streams])
        pairs.sort()
        pairs = pairs[np.concatenate([[True], pairs[1:] != pairs[:-1]])] if len(pairs) else pairs
        counts = np.bincount(pairs % n_tok, minlength=len(tokenizer.words))  # entries per token
        del pairs
        surface: dict[str, int] = {}
        for (norm, _), c in zip(tokenizer.words, counts.tolist(), strict=True):
            surface[norm] = surface.get(norm, 0) + c
        # pass 2: index keys per distinct token (stems, hyphen parts, compound parts), then BM25F
        general = {w for w in self.lexicon if len(w) >= 3}
        splitter = CompoundSplitter(surface.keys() | general, surface.keys() | general, freq=self.lexicon)
        words = [(norm, self._doc_parts(norm, parts, splitter)) for norm, parts in tokenizer.words]
        prime_stem_keys([p for norm, parts in words if parts is not None for p in (norm, *parts)])
        token_keys = [self._doc_keys(norm, parts) for norm, parts in words]
        del words
        # title words per entry (their keys), for the title-coverage bonus
        tdocs = np.frombuffer(streams[0][0], dtype=np.int32)
        tids = np.frombuffer(streams[0][1], dtype=np.int32)
        self._titles: list[list[tuple[str, ...]]] = [[] for _ in range(n)]
        for d, t in zip(tdocs.tolist(), tids.tolist(), strict=True):
            if token_keys[t]:
                self._titles[d].append(token_keys[t])
        del tokenizer, splitter
        self.index = FieldIndex(n, [(np.frombuffer(a, dtype=np.int32), np.frombuffer(b, dtype=np.int32))
                                    for a, b in streams], token_keys,
                                [FIELD_WEIGHTS[f] for f in FIELDS], [FIELD_B[f] for f in FIELDS], K1)
        del token_keys, streams
        known = {w: c for w, c in surface.items() if w not in STOP_NL}
        for syns in self.th.synonyms.values():
            for s in syns:
                for w in s.split():
                    known.setdefault(w, 1)
        qsplitter = CompoundSplitter(known.keys() | general, known.keys() | general, self.index.kid.keys(),
                                     freq=self.lexicon, allow_unknown_modifier=not self.lexicon)
        self.analyzer = QueryAnalyzer(self.index, self.th, self.lexicon, Speller(known), qsplitter)
        self.idf_unknown = self.index.idf_unknown
        self._english_words = {w for phrase in self.th.english for w in phrase.split()}

    def analyse(self, query: str) -> list[QueryWord]:
        """The question as query words (for curators' tools and debugging)."""
        return self.analyzer.analyse(query)

    def knows_a_word(self, query: str) -> bool:
        """Whether the question holds at least one word Labbot knows: a Dutch or English function
        word, a word of general Dutch (`wordfreq`), of the index or the thesaurus, a typo of an
        index word, or a compound of known parts. 'foobar qwerty' holds none: nobody can answer
        it, so it is not put on a living lab's agenda."""
        analyzer = self.analyzer
        for t in analyzer._expand(tokenize(query[:MAX_QUERY_CHARS])):
            w = t.norm
            if not w.isalpha() or len(w) < 2:
                continue
            if (w in STOP_NL or w in STOP_EN or w in self.lexicon or analyzer._known(w)
                    or w in self.th.synonyms or stem_en(w) in self._english_words):
                return True
            if analyzer.speller.correct(w) or analyzer.splitter.split(w):
                return True
        return False

    # -- building -------------------------------------------------------------------------------
    @staticmethod
    def _doc_parts(norm: str, parts: tuple[str, ...], splitter: CompoundSplitter) -> tuple[str, ...] | None:
        """The other words an indexed word stands for: its hyphen parts and compound parts (a
        three-part compound also gives its last two parts: 'familiesteunpunt' -> 'steunpunt').
        None for a word that is not indexed at all (stop words, single letters)."""
        if norm in STOP_NL or (len(norm) < 2 and not norm.isdigit()):
            return None
        split = splitter.split(norm)
        if len(split) > 2:
            split = (*split, split[-2] + split[-1])
        return tuple(p for p in (*parts, *split) if p not in STOP_NL and len(p) > 1)

    @staticmethod
    def _doc_keys(norm: str, parts: tuple[str, ...] | None) -> tuple[str, ...]:
        if parts is None:
            return ()
        out = list(stem_keys(norm))
        for p in parts:
            out.extend(stem_keys(p))
        return tuple(dict.fromkeys(out))

    # -- scoring --------------------------------------------------------------------------------
    def _word_scores(self, w: QueryWord) -> np.ndarray:
        """Score of word `w` in every entry: its best alternative (a multi-word one: the mean)."""
        vec = np.zeros(self.n, dtype=np.float32)
        singles: list[tuple[np.ndarray, np.ndarray]] = []  # (documents, scores) of one-word alternatives
        for a in w.alts:
            if len(a.slots) == 1:
                singles.extend(self._key_scores(w, a, k, a.weight) for k in a.slots[0] if k in self.index)
                continue
            acc = np.zeros(self.n, dtype=np.float32)
            for slot in a.slots:
                sv = np.zeros(self.n, dtype=np.float32)
                for k in slot:
                    if k in self.index:
                        docs, vals = self._key_scores(w, a, k, 1.0)
                        sv[docs] = np.maximum(sv[docs], vals)
                acc += sv
            np.maximum(vec, acc * (a.weight / len(a.slots)), out=vec)
        if len(singles) == 1 and not vec.any():
            vec[singles[0][0]] = singles[0][1]
        elif singles:
            docs = np.concatenate([d for d, _ in singles])
            np.maximum.at(vec, docs, np.concatenate([v for _, v in singles]))
        return vec * w.weight

    def _title_bonus(self, words: list[QueryWord], scores: np.ndarray) -> None:
        """Among the best `TITLE_POOL` entries, raise a score by up to `TITLE_BONUS` for the share
        of the entry's title words the question matches: of two entries that match equally well,
        the one whose title is the question wins."""
        pool = min(TITLE_POOL, self.n)
        cand = np.argpartition(-scores, pool - 1)[:pool] if self.n > pool else np.arange(self.n)
        keys = {k for w in words for a in w.alts for slot in a.slots for k in slot}
        for d in cand.tolist():
            title = self._titles[d]
            if title and scores[d] > 0:
                share = sum(1 for t in title if not keys.isdisjoint(t)) / len(title)
                scores[d] *= 1 + TITLE_BONUS * share

    def _field_masks(self, words: list[QueryWord], docs: np.ndarray) -> dict[str, list[int]]:
        """For every key of the question: the fields (bit mask) it occurs in, for each of `docs`."""
        out: dict[str, list[int]] = {}
        for w in words:
            for a in w.alts:
                for slot in a.slots:
                    for k in slot:
                        p = None if k in out else self.index.get(k)
                        if p is None:
                            continue
                        pdocs, _, pmasks = p
                        j = np.minimum(np.searchsorted(pdocs, docs), len(pdocs) - 1)
                        out[k] = np.where(pdocs[j] == docs, pmasks[j], 0).tolist()
        return out

    def _key_scores(self, w: QueryWord, a: Alt, key: str, scale: float) -> tuple[np.ndarray, np.ndarray]:
        docs, contrib, _ = self.index.get(key)
        idf = self.index.idf_of(key)
        if a.label and idf > w.idf:  # an alternative never outweighs the word itself
            scale *= w.idf / idf
        return docs, contrib * scale

    @staticmethod
    def _explain(w: QueryWord, col: int, masks: dict[str, list[int]]) -> tuple[float, float, str | None]:
        """How much of word `w` an entry covers: (in any field, in title/alias/tag, why-text)."""
        best, strong, why = 0.0, 0.0, None
        for a in w.alts:
            got = got_strong = fields = 0
            for slot in a.slots:
                hit = 0
                for k in slot:
                    m = masks.get(k)
                    if m is not None:
                        hit |= m[col]
                got += hit > 0
                got_strong += (hit & STRONG_FIELDS) > 0
                fields |= hit
            frac = a.weight * got / len(a.slots)
            strong = max(strong, a.weight * got_strong / len(a.slots))
            if frac > best:
                names = "+".join(f for b, f in enumerate(FIELDS) if fields >> b & 1)
                via = f"→{a.label}" if a.label else ""
                best, why = frac, f"{w.text}{via} ({names})"
            if strong >= 1.0:
                break  # the word itself, in a title, alias or tag: nothing can do better
        return min(best, 1.0), min(strong, 1.0), why

    def score(self, query: str) -> tuple[list[QueryWord], np.ndarray]:
        """The question's query words and every entry's lexical score (zeros when no word).
        `query` is taken as it is: `search` strips chat markup first (`knowledge.clean`)."""
        words = self.analyzer.analyse(query) if self.n else []  # analyses at most MAX_QUERY_CHARS
        scores = np.zeros(self.n, dtype=np.float32)
        for w in words:
            scores += self._word_scores(w)
        if words:
            self._title_bonus(words, scores)
        return words, scores

    def explain(self, words: list[QueryWord], docs: np.ndarray) -> list[tuple[tuple[str, ...], Evidence]]:
        """For each of `docs` (entry positions): why it matched, and what it shares with the
        question (`Evidence`: coverage, aboutness, mass; see `_decide`)."""
        masks = self._field_masks(words, np.asarray(docs, dtype=np.int32))
        total = sum(w.weight * w.idf for w in words) or 1.0
        out = []
        for col in range(len(docs)):
            matched = about = 0.0
            why = []
            for w in words:
                full, strong, text = self._explain(w, col, masks)
                if text:
                    why.append(text)
                matched += w.weight * w.idf * full
                about += w.weight * w.idf * (strong + BODY_CREDIT * max(0.0, full - strong))
            out.append((tuple(why), Evidence(matched / total, about / total, matched / self.idf_unknown)))
        return out

    def search(self, query: str, k: int = 5) -> MatchResult:
        """Rank entries for `query` and decide whether to answer. Never raises on odd input."""
        k = max(1, int(k))
        query = query if isinstance(query, str) else ""
        length = len(query)
        words, scores = self.score(strip_chat(query[:2 * MAX_QUERY_CHARS]))
        if not words:
            why = "the knowledge base is empty" if not self.n else "the question has no words to match"
            return MatchResult((), True, why, 0.0, 0.0)
        top = top_k(scores, k)
        explained = self.explain(words, top)
        hits = tuple(Hit(self.ids[d], round(float(scores[d]), 4), why)
                     for d, (why, _) in zip(top.tolist(), explained, strict=True))
        evidence = explained[0][1]
        if length > MAX_QUERY_CHARS:  # not a question: hits for curators, but no answer
            why = (f"the question is {length} characters long; "
                   f"questions up to {MAX_QUERY_CHARS} are answered")
            return MatchResult(hits, True, why, 0.0, round(evidence.coverage, 3))
        return self._decide(hits, *evidence)

    def _decide(self, hits: tuple[Hit, ...], coverage: float, aboutness: float, mass: float) -> MatchResult:
        """Answer or abstain, from what the top entry shares with the question.

        - `coverage`: IDF-weighted share of the question's words found anywhere in the top entry.
        - `aboutness`: the same share, but a word found only in the body counts `BODY_CREDIT`
          instead of 1: title, aliases and tags say what an entry is about, the body mentions
          many things in passing.
        - `mass`: the IDF the top entry matches, in units of the IDF of a word found in a single
          entry: about how many specific words the question and the entry share.

        Words are weighted by IDF: a word in few entries says more than one in all of them. A word
        no entry contains weighs as much as a word in none (`idf_unknown`), lowered for words that
        are common in general Dutch (`knowledge.query.QueryAnalyzer._specificity`): a question about
        a 'sanctielijst' asks for something the base lacks, 'gooien' or 'onzin' say little. A typo
        or English word weighs what its correction or translation weighs.

        Abstain when nothing matches, or when `aboutness < MIN_ABOUTNESS` and `mass < MIN_MASS`.
        The mass escape is for long dilemma stories, whose narrative dilutes the share although
        they share many specific words with the entry they are about. Over-long input is never
        answered (`MAX_QUERY_CHARS`). The margin to the runner-up is not part of the rule: a close
        runner-up usually means a second relevant entry ("zie ook"), and abstaining on small
        margins only lost answers on the development questions; it does lower `confidence`.
        The thresholds were set by hand on half of the development questions (even ids) and
        checked on the other half; they are not fitted at run time.
        """
        top = hits[0].score if hits else 0.0
        second = hits[1].score if len(hits) > 1 else 0.0
        margin = (top - second) / top if top > 0 else 0.0
        conf = min(1.0, aboutness / (2 * MIN_ABOUTNESS)) * (0.7 + 0.3 * margin) if top > 0 else 0.0
        facts = f"aboutness {aboutness:.2f}, coverage {coverage:.2f}, mass {mass:.1f}, margin {margin:.2f}"
        if top <= 0:
            return MatchResult(hits, True, "no entry shares a word with the question", 0.0, 0.0)
        if aboutness < MIN_ABOUTNESS and mass < MIN_MASS:
            reason = f"aboutness {aboutness:.2f} < {MIN_ABOUTNESS} and mass {mass:.1f} < {MIN_MASS}"
            return MatchResult(hits, True, reason, round(conf, 3), round(coverage, 3))
        return MatchResult(hits, False, facts, round(conf, 3), round(coverage, 3))
