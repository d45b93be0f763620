"""A fake `Embedder` for tests that must not need a model: hashed bags of Dutch stems."""

from __future__ import annotations

import threading
import zlib

import numpy as np

from knowledge.text import STOP_NL, stem_keys, tokenize


class FakeEmbedder:
    """Each content word adds one to a hashed coordinate of its first stem key; rows normalised.
    A constant coordinate keeps every cosine above zero, as real sentence embeddings do.
    Records the texts and threads it was called with."""

    def __init__(self, dim: int = 512, name: str = "fake-bag-of-stems") -> None:
        self.dim = dim
        self.name = name
        self.calls: list[tuple[tuple[str, ...], bool]] = []
        self.threads: set[int] = set()

    def encode(self, texts, *, query: bool) -> np.ndarray:
        self.calls.append((tuple(texts), query))
        self.threads.add(threading.get_ident())
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, 0] = 0.5
            for tok in tokenize(t):
                if tok.norm not in STOP_NL and len(tok.norm) > 1:
                    out[i, 1 + zlib.crc32(stem_keys(tok.norm)[0].encode()) % (self.dim - 1)] += 1.0
        return out / np.linalg.norm(out, axis=1, keepdims=True)

    @property
    def encoded_texts(self) -> int:
        return sum(len(t) for t, _ in self.calls)


class BrokenEmbedder:
    def __init__(self) -> None:
        raise OSError("engine missing for this platform")
