"""The semantic ranking: every entry as one or more vectors, a question as one, cosine between.

An entry's main vector encodes a passage of its title, aliases, tags and the start of its body
(`passage_text`). Extra vectors may stand for the same entry: its aliases one by one
(`separate_aliases`) and learned phrasings (masked questions members marked useful), encoded as
questions; an entry scores the maximum over its vectors. Vectors come from a `VectorCache` when
the text was encoded before.

Each entry is also cut into chunks, its paragraphs and list items (`chunk_texts`), each encoded
with the title in front: how close the question comes to the top entry's best chunk, and how that
chunk stands among the closest chunks of the whole base (`chunk_evidence`), tell a question that
entry answers from one that is only on its topic. They are features of the abstention
(`knowledge.abstain`), not of the ranking.

Long questions (a dilemma told as a story) may be encoded whole, by their question sentences
(`question_part`), or fitted into a character budget with the question sentences kept first
(`fit_question`); which is used is a setting of `knowledge.hybrid`, chosen on cross-validation.
Encoding time grows with the question's length (about 0.6 ms per token on two cores), so a budget
also bounds the slowest questions.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from .answer_type import states_amount
from .embed import Embedder
from .entry import Entry
from .vectors import VectorCache, encode_cached

BODY_CHARS = 600  # start of the body in an entry's passage
CHUNK_CHARS = 500  # of one paragraph in a chunk
MAX_CHUNKS = 12  # per entry: bounds the encoding of a long entry
CHUNK_PEERS = 10  # closest chunks of the whole base a top entry's best chunk is compared with
_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\s*(?:\d+[.)]|[-*•])\s)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
_MD = re.compile(r"[*_#>`|]+")


def passage_text(e: Entry, body_chars: int = BODY_CHARS) -> str:
    """Title, aliases, tags and the start of the body, as one passage (Markdown marks dropped)."""
    body = _MD.sub("", e.body).strip()
    if len(body) > body_chars:
        cut = body.rfind(" ", 0, body_chars)
        body = body[:cut if cut > 0 else body_chars]
    parts = [e.title.strip()]
    if e.aliases:
        parts.append("; ".join(a.strip() for a in e.aliases))
    if e.tags:
        parts.append(", ".join(e.tags))
    parts.append(body)
    return "\n".join(p for p in parts if p)


def chunk_texts(e: Entry) -> list[str]:
    """The entry's paragraphs and list items (at most `MAX_CHUNKS`), each as "title: paragraph",
    Markdown marks dropped; the title alone for an entry without a body."""
    paragraphs = [_MD.sub("", p).strip() for p in _PARAGRAPH.split(e.body)]
    out = [f"{e.title.strip()}: {p[:CHUNK_CHARS]}" for p in paragraphs if p][:MAX_CHUNKS]
    return out or [e.title.strip() or e.id]


def question_part(text: str, min_chars: int = 300) -> str:
    """For a long text: its sentences that end in '?' (the last sentence when none do); shorter
    texts are returned whole."""
    if len(text) < min_chars:
        return text
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    asks = [s for s in sentences if s.endswith("?")]
    return " ".join(asks) if asks else (sentences[-1] if sentences else text)


def fit_question(text: str, budget: int) -> str:
    """`text` within about `budget` characters: whole when it fits; else its question sentences
    (the last sentence when none ends in '?') and then the other sentences in order, as many as
    fit, in the text's own order. Cut at a word when even the question sentences are too long."""
    if budget <= 0 or len(text) <= budget:
        return text
    sentences = [s.strip() for s in _SENTENCE.split(text) if s.strip()]
    keep = {i for i, s in enumerate(sentences) if s.endswith("?")} or {len(sentences) - 1}
    used = sum(len(sentences[i]) + 1 for i in keep)
    for i, s in enumerate(sentences):
        if i not in keep and used + len(s) + 1 <= budget:
            keep.add(i)
            used += len(s) + 1
    out = " ".join(sentences[i] for i in sorted(keep))
    if len(out) > budget:
        cut = out.rfind(" ", 0, budget)
        out = out[:cut if cut > 0 else budget]
    return out


class SemanticIndex:
    """Vectors of `entries` (see the module docstring). `phrasings` maps an entry id to extra
    texts that stand for it. Immutable after building; `encoded` tells how many texts were not
    in the cache."""

    def __init__(self, entries: Sequence[Entry], embedder: Embedder, cache: VectorCache | None = None,
                 phrasings: Mapping[str, Sequence[str]] | None = None, *, separate_aliases: bool = False,
                 body_chars: int = BODY_CHARS) -> None:
        self.embedder = embedder
        self.n = len(entries)
        pos = {e.id: i for i, e in enumerate(entries)}
        passages = [passage_text(e, body_chars) for e in entries]
        extra: list[tuple[int, str]] = []
        if separate_aliases:
            extra.extend((i, a) for i, e in enumerate(entries) for a in e.aliases if a.strip())
        for eid, texts in (phrasings or {}).items():
            if eid in pos:
                extra.extend((pos[eid], t) for t in texts if t and t.strip())
        keys: set[str] = set()  # the cache keys of every text this index uses (`VectorCache.prune`)
        main, n_main = encode_cached(embedder, passages, cache, query=False, keys=keys)
        more, n_more = encode_cached(embedder, [t for _, t in extra], cache, query=True, keys=keys)
        self.encoded = n_main + n_more
        self.vectors = np.concatenate([main, more]) if len(extra) else main
        owner = np.concatenate([np.arange(self.n), np.asarray([i for i, _ in extra], dtype=np.int64)])
        order = np.argsort(owner, kind="stable")  # rows grouped by entry, for reduceat
        self.vectors = np.ascontiguousarray(self.vectors[order])
        self._starts = np.flatnonzero(np.concatenate([[True], owner[order][1:] != owner[order][:-1]]))
        self._grouped = len(extra) > 0
        chunks = [chunk_texts(e) for e in entries]
        self.chunk_vectors, n_chunks = encode_cached(embedder, [c for cs in chunks for c in cs], cache, query=False,
                                                     keys=keys)
        self.encoded += n_chunks
        self._chunk_bounds = np.concatenate([[0], np.cumsum([len(cs) for cs in chunks])]).astype(np.int64)
        self._chunk_amounts = np.asarray([states_amount(c) for cs in chunks for c in cs], dtype=bool)
        self.keys = frozenset(keys)

    def encode_query(self, text: str) -> np.ndarray:
        return self.embedder.encode([text], query=True)[0]

    def chunk_evidence(self, qvec: np.ndarray, pos: int) -> tuple[float, float, bool]:
        """How entry `pos` answers the question paragraph by paragraph: the cosine of the question
        with the entry's closest chunk; that cosine's standing among the `CHUNK_PEERS` closest
        chunks of the whole base (a z-score): a question the entry answers comes closer to one of
        its paragraphs than to the paragraphs elsewhere, one only on its topic does not; and
        whether that closest chunk states an amount (`knowledge.answer_type`)."""
        scores = self.chunk_vectors @ np.asarray(qvec, dtype=np.float32)
        lo, hi = self._chunk_bounds[pos], self._chunk_bounds[pos + 1]
        at = lo + int(np.argmax(scores[lo:hi]))
        best = float(scores[at])
        k = min(CHUNK_PEERS, len(scores))
        peers = np.partition(scores, len(scores) - k)[-k:]
        return best, (best - float(peers.mean())) / (float(peers.std()) or 1.0), bool(self._chunk_amounts[at])

    def scores(self, qvec: np.ndarray) -> np.ndarray:
        """Cosine of the question with every entry (the best of the entry's vectors)."""
        if not self.n:
            return np.zeros(0, dtype=np.float32)
        sims = self.vectors @ np.asarray(qvec, dtype=np.float32)
        return np.maximum.reduceat(sims, self._starts) if self._grouped else sims
