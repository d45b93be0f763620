"""The fused matcher: lexical BM25F ranking and multilingual semantic ranking, one answer.

    m = HybridMatcher(entries, embedder, cache, phrasings={"entry-id": ["a learned phrasing"]})
    r = m.search(question)                 # a `MatchResult`, as `Matcher.search` gives
    r = await m.search_async(question)     # the same, encoded in a worker thread

Without an embedder (`knowledge.embed.load_embedder` found none) it is the lexical `Matcher`,
its abstention rule included, and `status` says so.

Ranking: both rankings are fused by weighted reciprocal rank (`SETTINGS`): an entry scores
w_lex / (RRF_K + its lexical rank) + w_sem / (RRF_K + its semantic rank); an entry that shares no
word with the question has no lexical rank. Learned phrasings and (optionally) aliases are extra
vectors of their entry; it scores the best of them.

Abstention: `knowledge.abstain` (two judges that must both say "abstain"), from `features`.
Over-long and wordless questions abstain as in `Matcher`.

Encoding a question (`encode_query`, tens of milliseconds) must not run on an event loop: a
Discord door calls `await m.search_async(q)` (or `asyncio.to_thread(m.encode_query, q)` and then
`m.search(q, qvec=...)`, when the search itself must stay on the loop's thread).
"""

from __future__ import annotations

import asyncio
import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np

from .abstain import Abstention
from .abstain import load as load_abstention
from .answer_type import asks_amount
from .clean import strip_chat
from .embed import Embedder, load_embedder
from .entry import Entry
from .lexicon import Thesaurus
from .matcher import Hit, Matcher, MatchResult, top_k
from .query import MAX_QUERY_CHARS
from .semantic import SemanticIndex, fit_question, question_part
from .vectors import VectorCache


@dataclass(frozen=True)
class Settings:
    """Chosen by leave-one-kind-out on the development questions (`python -m knowledge.abstain_fit`)."""

    rrf_k: float = 60.0
    w_lex: float = 1.0
    w_sem: float = 1.0
    separate_aliases: bool = False  # aliases as extra vectors of their entry (max over them)
    long_question: str = "whole"  # "whole", "asks" or "fit": how a long question is encoded
    query_chars: int = 300  # the budget of "fit" (`knowledge.semantic.fit_question`)
    body_chars: int = 600


SETTINGS = Settings()
RANK_DEPTH = 50  # fused entries kept in order: more than any door shows (a search asks for at most this)



class _RecentVectors:
    """A small thread-safe LRU of question vectors (questions are never written anywhere)."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str]) -> np.ndarray | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def put(self, key: tuple[str, str], vector: np.ndarray) -> None:
        with self._lock:
            self._items[key] = vector
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)


QUERY_VECTORS = _RecentVectors()

def shipped_settings(abstention: Abstention | None) -> Settings:
    """The settings stored with the judges (`data/abstain.json`), else the defaults."""
    known = {f for f in Settings.__dataclass_fields__}
    stored = (abstention.settings if abstention else None) or {}
    return replace(SETTINGS, **{k: v for k, v in stored.items() if k in known})


@dataclass(frozen=True)
class Ranked:
    """Everything one question gives: both rankings, the fused one, and the abstention features."""

    lexical: np.ndarray  # entry positions, best first (entries with a lexical score only)
    semantic: np.ndarray
    fused: np.ndarray  # the best `RANK_DEPTH` entries
    fused_scores: np.ndarray
    features: dict[str, float]
    words: list  # the question's query words (`knowledge.query.QueryWord`)
    evidence: np.ndarray | None = None  # per entry: how close it is on both rankings, 0..1


def evidence(lex: np.ndarray, sem: np.ndarray) -> np.ndarray:
    """How close each entry is to the question on the two rankings' own scales, 0..1: the mean of
    its lexical score over the best one and its cosine above the median entry's over the best
    one's. Reciprocal-rank scores sit close together (rank 2 is within 10% of rank 1 whatever the
    gap), so "zie ook" asks this instead: a runner-up is offered only when it is really close."""
    lex_top = float(lex.max()) if lex.size else 0.0
    lex_part = lex / lex_top if lex_top > 0 else np.zeros_like(lex)
    floor = float(np.median(sem)) if sem.size else 0.0
    span = float(sem.max()) - floor if sem.size else 0.0
    sem_part = np.clip((sem - floor) / span, 0.0, 1.0) if span > 0 else np.zeros_like(sem)
    return (np.asarray(lex_part, dtype=np.float64) + sem_part) / 2


class HybridMatcher:
    """See the module docstring. Immutable after building; `encoded` counts texts not in the cache."""

    def __init__(self, entries: Sequence[Entry], embedder: Embedder | None = None,
                 cache: VectorCache | None = None, phrasings: Mapping[str, Sequence[str]] | None = None,
                 *, settings: Settings | None = None, abstention: Abstention | None = None,
                 thesaurus: Thesaurus | None = None, status: str = "") -> None:
        self.lexical = Matcher(entries, thesaurus)
        self.entries, self.ids, self.n = self.lexical.entries, self.lexical.ids, self.lexical.n
        self.abstention = abstention if abstention is not None else load_abstention()
        self.settings = settings or shipped_settings(self.abstention)
        other_model = (abstention is None and embedder is not None and self.abstention is not None
                       and self.abstention.model not in ("", embedder.name))
        if other_model:  # the judges read cosines on their model's scale: not another model's
            self.abstention = None
        self.semantic = (SemanticIndex(self.entries, embedder, cache, phrasings,
                                       separate_aliases=self.settings.separate_aliases,
                                       body_chars=self.settings.body_chars)
                         if embedder is not None else None)
        self.encoded = self.semantic.encoded if self.semantic else 0
        self.status = status or (f"semantic ranking on ({embedder.name})" if embedder
                                 else "semantic ranking off: lexical matching only")
        if other_model:
            self.status += "; no abstention fitted for this model (python -m knowledge.abstain_fit): the lexical rule decides"

    @property
    def semantic_on(self) -> bool:
        return self.semantic is not None

    @property
    def vector_keys(self) -> frozenset[str]:
        """The vector-cache keys of every text this matcher encodes (empty when lexical only)."""
        return self.semantic.keys if self.semantic is not None else frozenset()

    def analyse(self, query: str):
        return self.lexical.analyse(query)

    def knows_a_word(self, query: str) -> bool:
        """Whether the question holds a word Labbot knows (the lexical vocabulary decides)."""
        return self.lexical.knows_a_word(query)

    def encode_query(self, query: str) -> np.ndarray | None:
        """The question's vector (None without semantic ranking). Slow: call it off the event loop.
        Recent questions' vectors are kept (`QUERY_VECTORS`), so a door can encode a question in a
        worker thread first (`KnowledgeBase.prepare`) and the search on the loop then finds it."""
        if self.semantic is None or not isinstance(query, str):
            return None
        text = strip_chat(query[:MAX_QUERY_CHARS])
        if self.settings.long_question == "asks":
            text = question_part(text)
        elif self.settings.long_question == "fit":
            text = fit_question(text, self.settings.query_chars)
        text = text or "."
        key = (self.semantic.embedder.name, text)
        found = QUERY_VECTORS.get(key)
        if found is None:
            found = self.semantic.encode_query(text)
            QUERY_VECTORS.put(key, found)
        return found

    async def search_async(self, query: str, k: int = 5) -> MatchResult:
        """`search` with the question encoded in a worker thread (asyncio.to_thread)."""
        qvec = await asyncio.to_thread(self.encode_query, query)
        return self.search(query, k, qvec=qvec)

    def search(self, query: str, k: int = 5, *, qvec: np.ndarray | None = None) -> MatchResult:
        """Rank and decide, as `Matcher.search`; `qvec` is the question's vector when the caller
        encoded it already (see `search_async`). Never raises on odd input."""
        if self.semantic is None:
            return self.lexical.search(query, k)
        query = query if isinstance(query, str) else ""
        ranked = self.rank(query, qvec)
        if ranked is None:
            return self.lexical.search(query, k)  # wordless, empty base: the lexical answer says why
        result = self.result(ranked, len(query), k)
        if self.abstention is None and not result.abstain:  # no shipped judges: the lexical rule decides
            lr = self.lexical.search(query, k)
            if lr.abstain:
                return replace(result, abstain=True, reason=lr.reason)
        return result

    # -- internals, also used by the bench and the fitting ------------------------------------------
    def rank(self, query: str, qvec: np.ndarray | None = None) -> Ranked | None:
        """Both rankings, the fused ranking and the features; None for a wordless question."""
        assert self.semantic is not None
        words, lex = self.lexical.score(strip_chat(query[:2 * MAX_QUERY_CHARS]))
        if not words or not self.n:
            return None
        if qvec is None:
            qvec = self.encode_query(query)
        sem = self.semantic.scores(qvec)
        s = self.settings
        scored = np.flatnonzero(lex > 0)  # sorting only these is exact and, at 10,000 entries, faster
        lex_order = scored[top_k(lex[scored], len(scored))]
        sem_order = top_k(sem, self.n)  # every entry's semantic rank counts in the fusion
        fused = np.zeros(self.n, dtype=np.float64)
        fused[lex_order] += s.w_lex / (s.rrf_k + np.arange(1, len(lex_order) + 1))
        fused[sem_order] += s.w_sem / (s.rrf_k + np.arange(1, self.n + 1))
        order = top_k(fused, RANK_DEPTH)
        feats = self._features(words, lex, sem, lex_order, sem_order, order)
        feats["chunk_top"], feats["chunk_standing"], states = self.semantic.chunk_evidence(qvec, int(order[0]))
        # the question asks how many / how long / what it costs, and the closest paragraph says no amount
        feats["amount_unmet"] = float(asks_amount(query) and not states)
        return Ranked(lex_order, sem_order, order, fused, feats, words, evidence(lex, sem))

    def _features(self, words, lex, sem, lex_order, sem_order, order) -> dict[str, float]:
        top = int(order[0])
        (_, ev), = self.lexical.explain(words, np.asarray([top]))
        mean, std = float(sem.mean()), float(sem.std()) or 1.0
        s1 = float(sem[sem_order[0]])
        s2 = float(sem[sem_order[1]]) if self.n > 1 else float(mean)
        l1 = float(lex[lex_order[0]]) if len(lex_order) else 0.0
        l2 = float(lex[lex_order[1]]) if len(lex_order) > 1 else 0.0
        known = sum(1 for w in words if w.alts) / len(words)
        return {
            "aboutness": ev.aboutness, "log_mass": math.log1p(ev.mass), "coverage": ev.coverage,
            "agree": float(len(lex_order) > 0 and lex_order[0] == sem_order[0]),
            "z_top": (s1 - mean) / std, "sem_margin": (s1 - s2) / std,
            "lex_margin": (l1 - l2) / l1 if l1 > 0 else 0.0,
            "known_share": known, "log_len": math.log1p(len(words)),
        }

    def result(self, ranked: Ranked, length: int, k: int = 5) -> MatchResult:
        """The `MatchResult` of a ranked question: fused hits (score relative to the top one, the
        lexical why), and the judges' decision."""
        top = ranked.fused[:max(1, int(k))]  # k beyond RANK_DEPTH gets RANK_DEPTH hits
        explained = self.lexical.explain(ranked.words, top)
        # Order from the fusion; the score (what "zie ook" compares) from the evidence on both scales.
        basis = ranked.evidence if ranked.evidence is not None else ranked.fused_scores
        scale = float(basis[top[0]]) or 1.0
        hits = tuple(Hit(self.ids[d], round(min(1.0, float(basis[d]) / scale), 4), why)
                     for d, (why, _) in zip(top.tolist(), explained, strict=True))
        f = ranked.features
        cov = round(f["coverage"], 3)
        conf = round(min(1.0, max(0.0, f["z_top"] / 6)) * (0.7 + 0.3 * min(1.0, f["sem_margin"])), 3)
        if length > MAX_QUERY_CHARS:
            why = f"the question is {length} characters long; questions up to {MAX_QUERY_CHARS} are answered"
            return MatchResult(hits, True, why, 0.0, cov)
        if self.abstention is None:
            return MatchResult(hits, False, "no abstention data", conf, cov)
        abstain, why = self.abstention.decide(f)
        return MatchResult(hits, abstain, why, conf, cov)


class MatcherFactory:
    """Builds the bot's matchers on one embedder and one vector cache (see `matcher_factory`)."""

    def __init__(self, embedder: Embedder | None, cache: VectorCache | None, status: str,
                 phrasings: Callable[[], Mapping[str, Sequence[str]]] | None = None) -> None:
        self.embedder, self.cache, self.status, self._phrasings = embedder, cache, status, phrasings

    def __call__(self, entries: Sequence[Entry]) -> HybridMatcher:
        return HybridMatcher(entries, self.embedder, self.cache,
                             self._phrasings() if self._phrasings else None, status=self.status)

    def forget_unused(self, matchers: Iterable[HybridMatcher]) -> int:
        """Delete the cached vectors that none of `matchers` uses; how many. Called after a learned
        phrasing was erased or removed: the vector of the passage that held it is derived from a
        member's (masked) words and goes with them. Not after every build: at start-up the
        matchers are built before the phrasings are loaded, and pruning then would re-encode."""
        if self.cache is None or self.embedder is None:
            return 0
        keep: set[str] = set()
        for m in matchers:
            keep |= m.vector_keys
        return self.cache.prune(self.embedder.name, keep)


def matcher_factory(db=None, embedder: Embedder | str | None = "auto",
                    phrasings: Callable[[], Mapping[str, Sequence[str]]] | None = None
                    ) -> tuple[MatcherFactory, str]:
    """For the bot: the factory that builds the matcher for a set of entries (and prunes the
    vector cache, `MatcherFactory.forget_unused`), and the status line to log at start-up
    ("semantic ranking on: ..." or why it is lexical only).

    `db`: where entry vectors are kept (`knowledge.vectors.VectorCache`): the bot's database file
    (the cache opens its own connection, so matchers can be built in a worker thread), a
    sqlite-utils Database, or None (memory).
    `embedder`: "auto" loads the configured backend once; None means lexical only.
    `phrasings`: called at every build for the learned phrasings per entry id (masked texts)."""
    if embedder == "auto":
        embedder, status = load_embedder()
    else:
        status = f"semantic ranking on: {embedder.name}" if embedder else "semantic ranking off: lexical matching only"
    cache = VectorCache(db) if embedder is not None else None
    return MatcherFactory(embedder, cache, status, phrasings), status
