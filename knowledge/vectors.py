"""Entry vectors cached in SQLite, so a restart or an unchanged entry never re-encodes.

    cache = VectorCache(db)          # a sqlite-utils Database, a path, or None (memory only)
    V = encode_cached(embedder, texts, cache, query=False)

A vector is keyed by the embedder's `name` and the SHA-256 of the exact text encoded (with its
kind, query or passage): a changed entry has another text and is encoded alone; a new model
version has another name and starts afresh. Only texts of the knowledge base (entries, aliases,
learned phrasings that were masked before they were stored) go in; members' questions are never
cached. `prune(model, keep)` drops vectors no longer used: the bot calls it when a learned
phrasing was erased or removed (`knowledge.hybrid.MatcherFactory.forget_unused`), since that
passage's vector is derived from a member's words; not after every build, so a restart re-encodes
nothing.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from .embed import Embedder

TABLE = "kb_vectors"
BATCH = 64  # texts per encode call: bounds the memory of one batch
_SCHEMA = (f"create table if not exists {TABLE} (model text not null, hash text not null, "
           "dim integer not null, vec blob not null, primary key (model, hash))")


def text_hash(text: str, query: bool) -> str:
    return hashlib.sha256(("q\0" if query else "p\0").encode() + text.encode("utf-8")).hexdigest()


class VectorCache:
    """Vectors by (model, text hash) in a table `kb_vectors` of `db` (see the module docstring).

    `db` is a sqlite-utils `Database`, a file path, or None for a cache in memory only."""

    def __init__(self, db=None) -> None:
        if db is None:
            self.conn = sqlite3.connect(":memory:", check_same_thread=False)
        elif isinstance(db, str | Path):
            Path(db).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(str(db), check_same_thread=False)
        else:
            self.conn = db.conn  # sqlite-utils Database
        self._lock = threading.Lock()
        with self._lock:
            self.conn.execute(_SCHEMA)
            self.conn.commit()

    def get_many(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        with self._lock:
            for lo in range(0, len(hashes), 500):
                chunk = list(hashes[lo:lo + 500])
                marks = ",".join("?" * len(chunk))
                for h, dim, blob in self.conn.execute(
                        f"select hash, dim, vec from {TABLE} where model = ? and hash in ({marks})",
                        [model, *chunk]):
                    v = np.frombuffer(blob, dtype=np.float32)
                    if len(v) == dim:
                        out[h] = v
        return out

    def put_many(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        rows = [(model, h, int(len(v)), np.asarray(v, dtype=np.float32).tobytes()) for h, v in items]
        with self._lock:
            with self.conn:
                self.conn.executemany(f"insert or replace into {TABLE} values (?, ?, ?, ?)", rows)

    def prune(self, model: str, keep: Iterable[str]) -> int:
        """Delete this model's vectors whose hash is not in `keep`; returns how many."""
        keep = set(keep)
        with self._lock:
            stale = [h for (h,) in self.conn.execute(f"select hash from {TABLE} where model = ?", [model])
                     if h not in keep]
            with self.conn:
                self.conn.executemany(f"delete from {TABLE} where model = ? and hash = ?",
                                      [(model, h) for h in stale])
        return len(stale)

    def count(self, model: str | None = None) -> int:
        with self._lock:
            if model is None:
                return self.conn.execute(f"select count(*) from {TABLE}").fetchone()[0]
            return self.conn.execute(f"select count(*) from {TABLE} where model = ?", [model]).fetchone()[0]


def encode_cached(embedder: Embedder, texts: Sequence[str], cache: VectorCache | None, *,
                  query: bool = False, keys: set[str] | None = None) -> tuple[np.ndarray, int]:
    """Vectors of `texts` (rows in order) and how many had to be encoded; the rest come from `cache`.
    Equal texts are encoded once. `keys`, when given, receives the cache keys of `texts` (what
    `VectorCache.prune` must keep for them)."""
    out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
    if not texts:
        return out, 0
    hashes = [text_hash(t, query) for t in texts]
    if keys is not None:
        keys.update(hashes)
    known = cache.get_many(embedder.name, list(dict.fromkeys(hashes))) if cache is not None else {}
    todo: dict[str, str] = {}
    for t, h in zip(texts, hashes, strict=True):
        if h not in known and h not in todo:
            todo[h] = t
    fresh: dict[str, np.ndarray] = {}
    pending = list(todo.items())
    for lo in range(0, len(pending), BATCH):
        chunk = pending[lo:lo + BATCH]
        vecs = embedder.encode([t for _, t in chunk], query=query)
        batch = list(zip((h for h, _ in chunk), vecs, strict=True))
        fresh.update(batch)
        if cache is not None:
            cache.put_many(embedder.name, batch)
    for i, h in enumerate(hashes):
        v = known.get(h)
        out[i] = v if v is not None and len(v) == embedder.dim else fresh[h]
    return out, len(todo)
