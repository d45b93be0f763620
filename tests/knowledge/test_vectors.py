"""The entry-vector cache: keyed by text and model, kept in SQLite (fake embedder, no model)."""

from __future__ import annotations

import numpy as np
import pytest
import sqlite_utils

from knowledge.vectors import TABLE, VectorCache, encode_cached

from .fakes import FakeEmbedder


@pytest.fixture
def emb():
    return FakeEmbedder()


def test_second_encode_comes_from_the_cache(emb):
    cache = VectorCache()
    texts = ["Zorgen melden bij de gemeente", "Webinars terugkijken", "Zorgen melden bij de gemeente"]
    first, n1 = encode_cached(emb, texts, cache)
    assert n1 == 2  # the repeated text is encoded once
    again, n2 = encode_cached(emb, texts, cache)
    assert n2 == 0 and np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)


def test_a_changed_text_is_encoded_alone(emb):
    cache = VectorCache()
    encode_cached(emb, ["titel een", "titel twee", "titel drie"], cache)
    emb.calls.clear()
    _, n = encode_cached(emb, ["titel een", "titel twee, herzien", "titel drie"], cache)
    assert n == 1 and emb.calls == [(("titel twee, herzien",), False)]


def test_model_name_and_kind_are_part_of_the_key(emb):
    cache = VectorCache()
    encode_cached(emb, ["een tekst"], cache)
    assert encode_cached(emb, ["een tekst"], cache, query=True)[1] == 1  # question prefix: other vector
    assert encode_cached(FakeEmbedder(name="other-model"), ["een tekst"], cache)[1] == 1
    assert cache.count() == 3 and cache.count(emb.name) == 2


def test_cache_in_the_bots_database_survives_a_restart(tmp_path, emb):
    path = tmp_path / "labbot.db"
    db = sqlite_utils.Database(path)
    encode_cached(emb, ["blijft bewaard"], VectorCache(db))
    db.close()
    db = sqlite_utils.Database(path)
    assert TABLE in db.table_names()
    assert encode_cached(emb, ["blijft bewaard"], VectorCache(db))[1] == 0
    assert encode_cached(emb, ["blijft bewaard"], VectorCache(path))[1] == 0  # a path works too


def test_prune_drops_unused_vectors(emb):
    cache = VectorCache()
    encode_cached(emb, ["oud", "nieuw"], cache)
    from knowledge.vectors import text_hash

    assert cache.prune(emb.name, [text_hash("nieuw", False)]) == 1
    assert cache.count(emb.name) == 1
