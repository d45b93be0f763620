"""A compact BM25F index, built with numpy in a few vectorised passes.

Each document has several fields (title, aliases, tags, body). For a key k in document d:

    tf~(k, d) = sum over fields f of  w_f * tf_f(k, d) / (1 - b_f + b_f * len_f(d) / avglen_f)
    score(k, d) = idf(k) * tf~ / (k1 + tf~),   idf(k) = ln(1 + (N - df + 0.5) / (df + 0.5))

Postings are stored key by key in three flat arrays (document, precomputed score, bit mask of the
fields the key occurs in), so a lookup is two slice operations and the index costs about 9 bytes
per (key, document) pair plus the key dictionary.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

BATCH = 1 << 16  # tokens per counting batch: bounds the temporary memory of building


class FieldIndex:
    """BM25F postings over `n_docs` documents.

    `streams[f]` is a pair of equally long int arrays for field f: the document of every token and
    the token's id. `token_keys[id]` lists the index keys of a token id (empty for stop words).
    `weights[f]` and `bs[f]` are the field's weight and length normalisation.
    """

    def __init__(self, n_docs: int, streams: Sequence[tuple[np.ndarray, np.ndarray]],
                 token_keys: Sequence[Sequence[str]], weights: Sequence[float], bs: Sequence[float],
                 k1: float = 1.2) -> None:
        self.n = n_docs
        self.kid: dict[str, int] = {}
        flat: list[int] = []
        ptr = np.zeros(len(token_keys) + 1, dtype=np.int64)
        for t, keys in enumerate(token_keys):
            for k in keys:
                flat.append(self.kid.setdefault(k, len(self.kid)))
            ptr[t + 1] = len(flat)
        n_keys = max(1, len(self.kid))
        flat_arr = np.asarray(flat, dtype=np.int64)
        del flat
        nkeys = np.diff(ptr)
        pieces: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (key*N+doc, weighted tf, field)
        for f, (docs, tids) in enumerate(streams):
            docs = np.asarray(docs, dtype=np.int64)
            tids = np.asarray(tids, dtype=np.int64)
            cnt = nkeys[tids] if len(tids) else np.zeros(0, dtype=np.int64)
            lengths = np.bincount(docs[cnt > 0], minlength=n_docs).astype(np.float64)
            avg = max(1.0, float(lengths.mean()) if n_docs else 1.0)
            norm = weights[f] / (1 - bs[f] + bs[f] * lengths / avg)  # per document
            # documents come in order: count (key, document) pairs a batch of tokens at a time
            for lo in range(0, len(tids), BATCH):
                c = cnt[lo:lo + BATCH]
                total = int(c.sum())
                if not total:
                    continue
                keys = flat_arr[np.repeat(ptr[tids[lo:lo + BATCH]], c)
                                + np.arange(total) - np.repeat(np.cumsum(c) - c, c)]
                pair, tf = np.unique(keys * n_docs + np.repeat(docs[lo:lo + BATCH], c), return_counts=True)
                weighted = (tf * norm[pair % n_docs]).astype(np.float32)
                pieces.append((pair, weighted, np.full(len(pair), f, dtype=np.int8)))
        if pieces:
            pair = np.concatenate([p[0] for p in pieces])
            order = np.argsort(pair, kind="stable")
            pair = pair[order]
            weighted = np.concatenate([p[1] for p in pieces])[order]
            bits = (1 << np.concatenate([p[2] for p in pieces]).astype(np.int64))[order]
            del pieces, order
            first = np.flatnonzero(np.concatenate([[True], pair[1:] != pair[:-1]]))
            uniq = pair[first]
            tf_sum = np.add.reduceat(weighted.astype(np.float64), first)
            # a batch boundary may split one document's tokens: OR the field bits, not add them
            masks = np.bitwise_or.reduceat(bits, first).astype(np.uint8)
            del pair, weighted, bits
        else:
            uniq = np.zeros(0, dtype=np.int64)
            tf_sum = np.zeros(0)
            masks = np.zeros(0, dtype=np.uint8)
        key_of = uniq // max(n_docs, 1)
        doc_of = uniq % max(n_docs, 1)
        df = np.bincount(key_of, minlength=n_keys)
        self.idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5))
        self.docs = doc_of.astype(np.int32)
        self.contrib = (self.idf[key_of] * tf_sum / (k1 + tf_sum)).astype(np.float32)
        self.masks = masks
        self.bounds = np.concatenate([[0], np.cumsum(df)]).astype(np.int64)
        if (df == 0).any():  # keys of tokens cut off by a length limit
            self.kid = {k: i for k, i in self.kid.items() if df[i] > 0}
        self.idf_unknown = math.log(1 + (n_docs + 0.5) / 0.5)

    def __contains__(self, key: str) -> bool:
        return key in self.kid

    def __len__(self) -> int:
        return len(self.kid)

    def get(self, key: str) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(documents, scores, field masks) of `key`, documents ascending; None for an unknown key."""
        i = self.kid.get(key)
        if i is None:
            return None
        lo, hi = self.bounds[i], self.bounds[i + 1]
        return self.docs[lo:hi], self.contrib[lo:hi], self.masks[lo:hi]

    def idf_of(self, key: str) -> float:
        i = self.kid.get(key)
        return float(self.idf[i]) if i is not None else self.idf_unknown
