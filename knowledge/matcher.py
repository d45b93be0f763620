"""The matcher: finds the knowledge entry that answers a question, or abstains honestly.

How a question is scored
------------------------
Entries are indexed with BM25F: title, aliases, tags and body are tokenised separately, each
field's term frequency is length-normalised with its own `b` and weighted (`FIELD_WEIGHTS`), and
the weighted sum is saturated once with `K1`. Index keys are Dutch stems (two stemmers, see
`knowledge.text.stem_keys`); compounds are also indexed under their parts.

A question becomes a list of *query words*. Each word has alternatives, and the word scores with
its best alternative, so a word never counts twice:

- the word itself (weight 1);
- when the word is unknown to the index: its hyphen or compound parts (`W_COMPOUND`, scored as the
  mean of the parts), the typo-corrected word (`W_TYPO`), its English-to-Dutch translation;
- thesaurus synonyms and broader terms (`W_SYNONYM`), never worth more than the word itself.

English questions (more English than Dutch function words) are translated phrase by phrase through
the thesaurus glossary; untranslated words are kept, since many English words of the field are
also Dutch ("online", "webinar").

Abstention
----------
See `Matcher._decide`. It uses three numbers, all computed per question with no fitting at run time:

- `coverage`: the share of the question's content, weighted by how informative each word is
  (its IDF; a word the base has never seen counts as maximally informative), that the top entry
  matches. A question about a parking permit mentions things the base never talks about.
- `strength`: the top score divided by the question's maximum achievable score (the sum of its
  words' IDFs): how strongly the top entry matches what was asked.
- `margin`: how far the top entry is ahead of the runner-up.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .bm25f import FieldIndex
from .entry import Entry
from .text import (
    STOP_EN,
    STOP_NL,
    CompoundSplitter,
    DocTokenizer,
    Speller,
    Thesaurus,
    Token,
    general_lexicon,
    looks_english,
    prime_stem_keys,
    separable_verbs,
    stem_en,
    stem_keys,
    tokenize,
    verb_forms,
)

FIELDS = ("title", "alias", "tag", "body")
FIELD_WEIGHTS = {"title": 2.5, "alias": 2.5, "tag": 2.0, "body": 1.0}
STRONG_FIELDS = 0b0111  # title, alias, tag
FIELD_B = {"title": 0.4, "alias": 0.4, "tag": 0.3, "body": 0.75}
K1 = 1.2

W_SYNONYM = 0.6
W_SYNONYM_ONLY = 0.8  # synonyms of a word the index does not know are its only evidence
W_TYPO = 0.85
W_COMPOUND = 0.8
W_ENGLISH = 1.0
SPELL_MAX_ZIPF = 3.0
SPEC_LO, SPEC_HI, SPEC_MIN = 3.0, 5.5, 0.3  # words at least this frequent in general Dutch are never "corrected"
MAX_QUERY_CHARS = 4000  # longer input is cut here: a question is never this long

# Abstention (see `Matcher._decide`); set by hand on half of the development questions and
# checked on the other half, never fitted at run time.
BODY_CREDIT = 0.3
MIN_ABOUTNESS = 0.2
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

    `confidence` (0..1) is `coverage` times `strength` scaled so that a clear answer is near 1,
    times a margin factor; it is 0 when there is nothing to match. `coverage` is the share of the
    question's content (IDF-weighted) that the top entry matches.
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


@dataclass
class _Alt:
    slots: tuple[tuple[str, ...], ...]  # every slot should match (mean); a slot matches on any key
    weight: float
    label: str = ""  # "" for the word itself, else the form it was matched through


@dataclass
class _QWord:
    text: str
    weight: float
    norm: str = ""
    alts: list[_Alt] = field(default_factory=list)
    idf: float = 0.0  # reference informativeness of the word (see `_finish`)


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
        general = {w for w in self.lexicon if len(w) >= 4}
        splitter = CompoundSplitter(surface.keys() | general, surface.keys() | general, freq=self.lexicon)
        prime_stem_keys([p for norm, parts in tokenizer.words for p in (norm, *parts)])
        token_keys = [self._doc_keys(norm, parts, splitter) for norm, parts in tokenizer.words]
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
        self._speller = Speller(known)
        self._qsplitter = CompoundSplitter(known.keys() | general, known.keys() | general, self.index.kid.keys(),
                                           freq=self.lexicon, allow_unknown_modifier=not self.lexicon)
        self.idf_unknown = self.index.idf_unknown
        self._slot_cache: dict[str, tuple[tuple[str, ...], ...]] = {}

    # -- building -------------------------------------------------------------------------------
    @staticmethod
    def _doc_keys(norm: str, parts: tuple[str, ...], splitter: CompoundSplitter) -> tuple[str, ...]:
        if norm in STOP_NL or (len(norm) < 2 and not norm.isdigit()):
            return ()
        out = list(stem_keys(norm))
        for p in (*parts, *splitter.split(norm)):
            if p not in STOP_NL and len(p) > 1:
                out.extend(stem_keys(p))
        return tuple(dict.fromkeys(out))

    # -- query analysis -------------------------------------------------------------------------
    def _known(self, word: str) -> tuple[str, ...]:
        return tuple(k for k in stem_keys(word) if k in self.index.kid)

    def _slots(self, text: str) -> tuple[tuple[str, ...], ...]:
        """Index keys of a (thesaurus) text: one slot per content word, the word's stem keys."""
        hit = self._slot_cache.get(text)
        if hit is None:
            hit = tuple(stem_keys(t.norm) for t in tokenize(text) if t.norm not in STOP_NL)
            if len(self._slot_cache) < 20_000:
                self._slot_cache[text] = hit
        return hit

    def _expand(self, tokens: list[Token]) -> list[Token]:
        out: list[Token] = []
        for t in tokens:
            exp = self.th.abbreviations.get(t.norm)
            if exp and exp != t.norm:
                out.extend(Token(t.text, x.norm, x.parts, t.sentence) for x in tokenize(exp))
            else:
                out.append(t)
        return out

    def analyse(self, query: str) -> list[_QWord]:
        """The question as weighted query words with their alternatives."""
        tokens = self._expand(tokenize(query[:MAX_QUERY_CHARS]))
        words = self._english(tokens) if looks_english(tokens) else self._dutch(tokens)
        merged: dict[str, _QWord] = {}
        for w in words:
            key = w.alts[0].slots[0][0] if w.alts else "?" + w.text.casefold()
            if key in merged:
                merged[key].weight = min(2.0, merged[key].weight + 0.5 * w.weight)
            else:
                merged[key] = w
        return [self._finish(w) for w in merged.values()]

    def _dutch(self, tokens: list[Token]) -> list[_QWord]:
        norms = [t.norm for t in tokens]
        forms: dict[int, list[str]] = {}
        for j, joined in separable_verbs(tokens):  # 'hoe bouw je contacten op' -> 'opbouwen'
            if self._known(joined) or any(self._known(f) for f in verb_forms(joined)):
                forms.setdefault(j, []).append(joined)
        phrase_syn: dict[int, set[str]] = {}
        for size in range(self.th.phrase_max_words, 1, -1):
            for i in range(len(tokens) - size + 1):
                syns = self.th.synonyms.get(" ".join(norms[i:i + size]))
                if syns:
                    phrase_syn.setdefault(i + size - 1, set()).update(syns)
        out = []
        for i, t in enumerate(tokens):
            if t.norm in STOP_NL or (len(t.norm) < 2 and not t.norm.isdigit()):
                continue
            if t.norm in STOP_EN and not self._known(t.norm):
                continue
            out.append(self._word(t, phrase_syn.get(i, set()), forms.get(i, ())))
        return out

    def _word(self, t: Token, extra_syn: set[str], joined: Iterable[str] = ()) -> _QWord:
        w = _QWord(t.text, 1.0, t.norm)
        sources = [t.norm]
        base = self._known(t.norm)
        if base:
            w.alts.append(_Alt((base,), 1.0))
        for form in (*joined, *([] if base else verb_forms(t.norm))):
            keys = self._known(form) or next((self._known(f) for f in verb_forms(form) if self._known(f)), ())
            if keys:  # the same verb: 'bouw ... op' is 'opbouwen', 'herken' is 'herkennen'
                w.alts.append(_Alt((keys,), 1.0, form))
                sources.append(form)
        if not base and len(w.alts) == 0:
            if t.parts:
                parts = [p for p in t.parts if p not in STOP_NL and len(p) > 1]
                if parts:
                    w.alts.append(_Alt(tuple(stem_keys(p) for p in parts), W_COMPOUND, "+".join(parts)))
            dutch = self.th.english.get(stem_en(t.norm))
            for d in dutch or ():
                w.alts.append(_Alt(self._slots(d), W_ENGLISH, d))
            fixed = self._speller.correct(t.norm) if self._typo_candidate(t.norm) else None
            if fixed == t.norm:
                fixed = None  # a thesaurus word that no entry uses: its synonyms speak for it
            if fixed is None and t.norm.endswith("e") and self._known(t.norm + "n"):
                fixed = t.norm + "n"  # chat drops the final -n: 'terugkijke', 'kunne'
            if fixed:
                w.alts.append(_Alt((stem_keys(fixed),), W_TYPO, fixed))
                sources.append(fixed)
            elif not t.parts:
                parts = self._qsplitter.split(t.norm)
                if parts:
                    mods = tuple(stem_keys(p) for p in parts[:-1])
                    w.alts.append(_Alt((*mods, stem_keys(parts[-1])), W_COMPOUND, "+".join(parts)))
                    for s in sorted(self.th.synonyms_of(parts[-1])):  # 'evenementen' + 'toestemming'
                        slots = self._slots(s)
                        if len(slots) == 1:
                            w.alts.append(_Alt((*mods, slots[0]), W_SYNONYM, "+".join((*parts[:-1], s))))
        syns = set(extra_syn)
        for s in sources:
            syns |= self.th.synonyms_of(s)
        weight = W_SYNONYM if base else W_SYNONYM_ONLY
        for s in sorted(syns - set(sources)):
            slots = self._slots(s)
            if slots:
                w.alts.append(_Alt(slots, weight, s))
        return w

    def _typo_candidate(self, word: str) -> bool:
        """Only words that are not common Dutch words are corrected ('plakken' is not a typo)."""
        return self.lexicon.get(word, 0.0) < SPELL_MAX_ZIPF

    def _english(self, tokens: list[Token]) -> list[_QWord]:
        stems = [stem_en(t.norm) for t in tokens]
        out = []
        i = 0
        while i < len(tokens):
            for size in range(min(self.th.english_max_words, len(tokens) - i), 0, -1):
                dutch = self.th.english.get(" ".join(stems[i:i + size]))
                if dutch:
                    text = " ".join(t.text for t in tokens[i:i + size])
                    w = _QWord(text, 1.0, "", [_Alt(self._slots(d), W_ENGLISH, d) for d in dutch])
                    for d in dutch:
                        for s in sorted(self.th.synonyms_of(d)):
                            w.alts.append(_Alt(self._slots(s), W_SYNONYM, s))
                    out.append(w)
                    i += size
                    break
            else:
                t = tokens[i]
                i += 1
                if t.norm not in STOP_EN and (len(t.norm) > 1 or t.norm.isdigit()):
                    out.append(self._word(t, set()))
        return out

    def _finish(self, w: _QWord) -> _QWord:
        """Drop empty alternatives and set the word's reference IDF.

        The reference IDF is the word's own IDF when the index knows it, otherwise that of its
        best alternative (a typo or translation should not make a question look off-topic),
        otherwise the IDF of a word found in no entry.
        """
        w.alts = [a for a in w.alts if a.slots and all(a.slots)]
        if w.alts and not w.alts[0].label:
            w.idf = max(self.index.idf_of(k) for k in w.alts[0].slots[0])
            return w
        best = 0.0
        for a in w.alts:
            if a.label and a.weight >= W_TYPO:
                idfs = [max((self.index.idf_of(k) for k in slot if k in self.index), default=0.0)
                        for slot in a.slots]
                if all(idfs):
                    best = max(best, sum(idfs) / len(idfs))
        w.idf = best or self.idf_unknown * self._specificity(w)
        return w

    def _specificity(self, w: _QWord) -> float:
        """How specific an unknown word is in general Dutch: 1 for rare words, down to 0.3 for common ones."""
        if not self.lexicon:
            return 1.0
        z = self.lexicon.get(w.norm, 0.0)
        return min(1.0, max(SPEC_MIN, (SPEC_HI - z) / (SPEC_HI - SPEC_LO)))

    # -- scoring --------------------------------------------------------------------------------
    def _word_scores(self, w: _QWord) -> np.ndarray:
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
            np.maximum.at(vec, np.concatenate([d for d, _ in singles]), np.concatenate([v for _, v in singles]))
        return vec * w.weight

    def _field_masks(self, words: list[_QWord], docs: np.ndarray) -> dict[str, np.ndarray]:
        """For every key of the question: the fields (bit mask) it occurs in, for each of `docs`."""
        out: dict[str, np.ndarray] = {}
        for w in words:
            for a in w.alts:
                for slot in a.slots:
                    for k in slot:
                        p = None if k in out else self.index.get(k)
                        if p is None:
                            continue
                        pdocs, _, pmasks = p
                        j = np.minimum(np.searchsorted(pdocs, docs), len(pdocs) - 1)
                        out[k] = np.where(pdocs[j] == docs, pmasks[j], 0)
        return out

    def _key_scores(self, w: _QWord, a: _Alt, key: str, scale: float) -> tuple[np.ndarray, np.ndarray]:
        docs, contrib, _ = self.index.get(key)
        idf = self.index.idf_of(key)
        if a.label and idf > w.idf:  # an alternative never outweighs the word itself
            scale *= w.idf / idf
        return docs, contrib * scale

    @staticmethod
    def _explain(w: _QWord, col: int, masks: dict[str, np.ndarray]) -> tuple[float, float, str | None]:
        """How much of word `w` an entry covers: (in any field, in title/alias/tag, why-text)."""
        best, strong, why = 0.0, 0.0, None
        for a in w.alts:
            got = got_strong = fields = 0
            for slot in a.slots:
                hit = 0
                for k in slot:
                    m = masks.get(k)
                    if m is not None:
                        hit |= int(m[col])
                got += hit > 0
                got_strong += (hit & STRONG_FIELDS) > 0
                fields |= hit
            frac = a.weight * got / len(a.slots)
            strong = max(strong, a.weight * got_strong / len(a.slots))
            if frac > best:
                names = "+".join(f for b, f in enumerate(FIELDS) if fields >> b & 1)
                via = f"→{a.label}" if a.label else ""
                best, why = frac, f"{w.text}{via} ({names})"
        return min(best, 1.0), min(strong, 1.0), why

    def search(self, query: str, k: int = 5) -> MatchResult:
        """Rank entries for `query` and decide whether to answer. Never raises on odd input."""
        k = max(1, int(k))
        words = self.analyse(query or "") if self.n else []
        if not words:
            why = "the knowledge base is empty" if not self.n else "the question has no words to match"
            return MatchResult((), True, why, 0.0, 0.0)
        scores = np.zeros(self.n, dtype=np.float32)
        for w in words:
            scores += self._word_scores(w)
        kk = min(k, self.n)
        top = np.argpartition(-scores, kk - 1)[:kk] if self.n > kk else np.arange(self.n)
        top = top[np.lexsort((top, -scores[top]))]
        masks = self._field_masks(words, top.astype(np.int32))
        total = sum(w.weight * w.idf for w in words)
        hits, evidence = [], (0.0, 0.0, 0.0)
        for col, d in enumerate(top):
            matched = about = 0.0
            why = []
            for w in words:
                full, strong, text = self._explain(w, col, masks)
                if text:
                    why.append(text)
                matched += w.weight * w.idf * full
                about += w.weight * w.idf * (strong + BODY_CREDIT * max(0.0, full - strong))
            if col == 0:
                evidence = (matched / total, about / total, matched / self.idf_unknown)
            hits.append(Hit(self.ids[d], round(float(scores[d]), 4), tuple(why)))
        return self._decide(tuple(hits), *evidence)

    def _decide(self, hits: tuple[Hit, ...], coverage: float, aboutness: float, mass: float) -> MatchResult:
        """Answer or abstain, from what the top entry shares with the question.

        - `coverage`: IDF-weighted share of the question's words found anywhere in the top entry.
        - `aboutness`: the same share, but a word found only in the body counts `BODY_CREDIT`
          instead of 1: title, aliases and tags say what an entry is about, the body mentions
          many things in passing.
        - `mass`: the IDF the top entry matches, in units of the IDF of a word found in a single
          entry: about how many specific words the question and the entry share.

        Abstain when nothing matches, or when `aboutness < MIN_ABOUTNESS` and `mass < MIN_MASS`.
        The mass escape is for long dilemma stories, whose narrative dilutes the share although
        they share many specific words with the entry they are about. The thresholds were set by
        hand on half of the development questions and checked on the other half.
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
