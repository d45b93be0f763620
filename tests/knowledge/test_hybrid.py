"""The fused matcher with a fake embedder (no model): fallback, learned phrasings, threads, cache."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from knowledge import embed
from knowledge.abstain import Abstention
from knowledge.answer_type import states_amount
from knowledge.hybrid import HybridMatcher
from knowledge.matcher import Matcher
from knowledge.semantic import CHUNK_PEERS, chunk_texts
from knowledge.vectors import VectorCache

from .fakes import BrokenEmbedder, FakeEmbedder
from .test_matcher import BASE, entry

NEVER = Abstention(())  # no judges: never abstains, to test ranking alone


@pytest.fixture
def emb():
    return FakeEmbedder()


def test_without_embedder_it_is_the_lexical_matcher():
    hm, lex = HybridMatcher(BASE, None), Matcher(BASE)
    assert not hm.semantic_on and "lexical" in hm.status
    for q in ("Een raadslid wordt bedreigd", "Heb je een recept voor appeltaart?", "", "@everyone"):
        assert hm.search(q) == lex.search(q)
    assert hm.encode_query("iets") is None


def test_unavailable_backend_falls_back_with_a_reason(monkeypatch):
    monkeypatch.setitem(embed.BACKENDS, "broken", BrokenEmbedder)
    e, status = embed.load_embedder("broken")
    assert e is None and "lexical" in status and "engine missing" in status
    e, status = embed.load_embedder("none")
    assert e is None and "lexical" in status
    monkeypatch.setenv(embed.ENV, "none")
    assert embed.load_embedder()[0] is None


def test_fused_result_has_the_matchers_shape(emb):
    hm = HybridMatcher(BASE, emb, abstention=NEVER)
    r = hm.search("Een wethouder krijgt dreigberichten, wat nu?")
    assert r.hits[0].entry_id == "bedreiging" and not r.abstain
    assert r.hits[0].score == 1.0 and [h.score for h in r.hits] == sorted((h.score for h in r.hits), reverse=True)
    assert any("wethouder" in w for w in r.hits[0].matched_on)
    assert 0 <= r.confidence <= 1 and 0 <= r.coverage <= 1
    assert len(hm.search("webinar", k=2).hits) == 2
    for q in ("", "   ", "?", None, "🙂👍"):
        assert hm.search(q).abstain  # wordless questions: the lexical matcher's answer
    assert hm.search("x" * 20_000).abstain


def test_a_learned_phrasing_makes_the_next_similar_question_match(emb):
    question = "Mijn buurjongen scheldt online op ongelovigen, wie kan ik daarover spreken?"
    plain = HybridMatcher(BASE, emb, abstention=NEVER)
    assert plain.search(question).hits[0].entry_id != "melden"
    learned = {"melden": ["buurjongen scheldt op ongelovigen, met wie kan ik spreken"]}
    hm = HybridMatcher(BASE, emb, phrasings=learned, abstention=NEVER)
    assert hm.search(question).hits[0].entry_id == "melden"
    # the phrasing is an extra vector of its entry (max over them), encoded as a question
    assert (learned["melden"][0],) in [t for t, q in emb.calls if q]
    q = hm.encode_query(question)
    assert hm.semantic.scores(q)[0] > plain.semantic.scores(q)[0]
    # a phrasing for an unknown entry is ignored
    assert HybridMatcher(BASE, emb, phrasings={"gone": ["x"]}, abstention=NEVER).semantic.vectors.shape[0] == len(BASE)


def test_mentions_and_urls_never_reach_either_ranking(emb):
    base = [*BASE, entry("everyone", "Everyone here: iedereen welkom", "Everyone is welcome here.", ["everyone"])]
    hm = HybridMatcher(base, emb, abstention=NEVER)
    r = hm.search("@everyone @here waar meld ik zorgen over radicalisering? https://everyone.example.org")
    assert r.hits[0].entry_id == "melden"
    encoded = emb.calls[-1][0][0]
    assert "everyone" not in encoded.lower() and "http" not in encoded


async def test_search_async_encodes_in_a_worker_thread(emb):
    hm = HybridMatcher(BASE, emb, abstention=NEVER)
    emb.threads.clear()
    r = await hm.search_async("Heb je een vergunning nodig om te demonstreren?")
    assert emb.threads and threading.get_ident() not in emb.threads  # never on the loop's thread
    assert r == hm.search("Heb je een vergunning nodig om te demonstreren?")


def test_restart_and_changed_entry_use_the_cache(emb):
    cache = VectorCache()
    first = HybridMatcher(BASE, emb, cache).encoded
    assert first == len(BASE) + sum(len(chunk_texts(e)) for e in BASE)  # passages and chunks
    assert HybridMatcher(BASE, emb, cache).encoded == 0  # a restart encodes nothing
    changed = [*BASE[:-1], entry(BASE[-1].id, BASE[-1].title, BASE[-1].body + " Nu ook live.", BASE[-1].tags)]
    emb.calls.clear()
    assert HybridMatcher(changed, emb, cache).encoded == 2  # its passage and its one chunk
    assert [len(texts) for texts, _ in emb.calls] == [1, 1]
    assert all("Nu ook live" in texts[0] for texts, _ in emb.calls)


def test_judges_fitted_for_another_model_are_not_used(emb):
    """The judges read cosines on the scale of the model they were fitted with (data/abstain.json
    names it); with another model the lexical rule decides, and the status says so."""
    from knowledge.abstain import load

    hm = HybridMatcher(BASE, emb)
    assert hm.abstention is None and "no abstention fitted for this model" in hm.status
    r = hm.search("Een raadslid wordt bedreigd, wat nu?")
    assert r.hits[0].entry_id == "bedreiging" and not r.abstain, r.reason
    off = hm.search("Heb je een recept voor appeltaart met kaneel?")
    assert off.abstain and off.hits, off.reason  # curators still see what came closest
    shipped = load()
    same = HybridMatcher(BASE, FakeEmbedder(name=shipped.model))
    assert same.abstention == shipped
    reason = same.search("Een raadslid wordt bedreigd, wat nu?").reason
    assert "lexical p=" in reason and "relative p=" in reason


def test_the_closest_chunk_of_the_top_entry_is_a_feature(emb):
    hm = HybridMatcher(BASE, emb, abstention=NEVER)
    ranked = hm.rank("Een raadslid wordt bedreigd, wat nu?")
    top = int(ranked.fused[0])
    qvec = hm.encode_query("Een raadslid wordt bedreigd, wat nu?")
    lo, hi = hm.semantic._chunk_bounds[top], hm.semantic._chunk_bounds[top + 1]
    assert ranked.features["chunk_top"] == pytest.approx(float((hm.semantic.chunk_vectors[lo:hi] @ qvec).max()))
    # its standing: a z-score among the closest chunks of the whole base
    every = np.sort(hm.semantic.chunk_vectors @ qvec)[-CHUNK_PEERS:]
    expected = (ranked.features["chunk_top"] - every.mean()) / (every.std() or 1.0)
    assert ranked.features["chunk_standing"] == pytest.approx(float(expected), rel=1e-4)
    assert ranked.features["chunk_standing"] <= (every.max() - every.mean()) / (every.std() or 1.0) + 1e-6
    # the question does not ask for an amount: nothing is unmet
    assert ranked.features["amount_unmet"] == 0.0


def test_a_question_asking_an_amount_the_closest_paragraph_lacks_is_marked(emb):
    hm = HybridMatcher(BASE, emb, abstention=NEVER)
    asks = hm.rank("Hoeveel raadsleden worden er per jaar bedreigd?")
    assert asks.features["amount_unmet"] in (0.0, 1.0)
    top = int(asks.fused[0])
    qvec = hm.encode_query("Hoeveel raadsleden worden er per jaar bedreigd?")
    lo, hi = hm.semantic._chunk_bounds[top], hm.semantic._chunk_bounds[top + 1]
    closest = chunk_texts(BASE[top])[int(np.argmax(hm.semantic.chunk_vectors[lo:hi] @ qvec))]
    assert asks.features["amount_unmet"] == float(not states_amount(closest))


def test_chunks_are_paragraphs_and_list_items_with_the_title():
    e = entry("x", "Melden", "Eerst dit.\n\n1. Bel de wijkagent.\n2. Schrijf het op.\n\nTot slot **dat**.", ["a"])
    assert chunk_texts(e) == ["Melden: Eerst dit.", "Melden: 1. Bel de wijkagent.", "Melden: 2. Schrijf het op.",
                              "Melden: Tot slot dat."]
    assert chunk_texts(entry("y", "Alleen een titel", "", ["a"])) == ["Alleen een titel"]


def test_vectors_are_grouped_per_entry(emb):
    hm = HybridMatcher(BASE, emb, phrasings={"training": ["cursus", "opleiding volgen"]}, abstention=NEVER)
    assert hm.semantic.vectors.shape[0] == len(BASE) + 2
    assert hm.semantic.scores(np.ones(emb.dim, dtype=np.float32) / np.sqrt(emb.dim)).shape == (len(BASE),)


def test_see_also_offers_only_runners_up_that_are_really_close(emb):
    """Reciprocal-rank scores put rank 2 within a few % of rank 1 whatever the gap; the hit scores
    come from the evidence on both rankings, so a weak runner-up is not offered as "zie ook"."""
    hm = HybridMatcher(BASE, emb, abstention=NEVER)
    weak = hm.search("demonstratie vergunning gemeente")  # 'melden' shares only "gemeente"
    assert weak.hits[0].entry_id == "demonstratie" and weak.hits[1].entry_id == "melden"
    assert "melden" not in {h.entry_id for h in weak.close_runners_up}
    close = hm.search("Hoe meld ik me aan voor de webinar?")  # two webinar entries: both fit
    assert "webinar-aanmelden" in {h.entry_id for h in close.hits[:1] + close.close_runners_up}


def test_recent_question_vectors_are_reused_and_can_be_cleared(emb):
    """The door encodes a question in a worker thread first; the search on the loop reuses the
    vector. The bench clears it so that its latency is the full path."""
    from knowledge.hybrid import QUERY_VECTORS

    hm = HybridMatcher(BASE, emb, abstention=NEVER)
    QUERY_VECTORS.clear()
    hm.encode_query("Heb je een vergunning nodig?")
    calls = len(emb.calls)
    hm.search("Heb je een vergunning nodig?")
    assert len(emb.calls) == calls  # reused, not encoded again
    QUERY_VECTORS.clear()
    hm.search("Heb je een vergunning nodig?")
    assert len(emb.calls) == calls + 1


def test_a_long_story_is_encoded_within_the_budget_with_its_question_kept(emb):
    """Encoding time grows with length: "fit" encodes at most `query_chars` characters, the
    question sentence always among them; a short question is encoded whole."""
    from dataclasses import replace

    from knowledge.hybrid import QUERY_VECTORS, SETTINGS

    story = ("Een jongen van zestien uit de wijk praat steeds vaker over complotten. " * 6
             + "Zijn moeder maakt zich zorgen en belde de school. Moet ik dit melden bij de gemeente?")
    hm = HybridMatcher(BASE, emb, abstention=NEVER,
                       settings=replace(SETTINGS, long_question="fit", query_chars=160))
    QUERY_VECTORS.clear()
    hm.encode_query(story)
    (encoded,), _ = emb.calls[-1]
    assert len(encoded) <= 160 and encoded.endswith("Moet ik dit melden bij de gemeente?")
    assert encoded.startswith("Een jongen van zestien")  # the sentences around it fill the rest
    hm.encode_query("Moet ik dit melden?")
    assert emb.calls[-1][0] == ("Moet ik dit melden?",)
    whole = HybridMatcher(BASE, emb, abstention=NEVER, settings=replace(SETTINGS, long_question="whole"))
    QUERY_VECTORS.clear()
    whole.encode_query(story)
    assert emb.calls[-1][0] == (story,)


def test_rank_orders_match_a_full_sort_and_the_fused_list_is_bounded(emb, monkeypatch):
    """The lexical order lists exactly the entries with a lexical score, best first, ties by
    position; the fused order is the best RANK_DEPTH of a full sort of the fused scores."""
    from knowledge import hybrid

    monkeypatch.setattr(hybrid, "RANK_DEPTH", 3)
    hm = HybridMatcher(BASE, emb, abstention=NEVER)
    for q in ("Een wethouder krijgt dreigberichten, wat nu?", "webinar", "radicalisering op school"):
        r = hm.rank(q)
        _, lex = hm.lexical.score(q)
        pos = np.arange(hm.n)
        full = pos[np.lexsort((pos, -lex))]
        assert r.lexical.tolist() == [int(i) for i in full if lex[i] > 0]
        full_fused = pos[np.lexsort((pos, -r.fused_scores))]
        assert r.fused.tolist() == full_fused[:3].tolist()
    assert len(hm.search("webinar", k=10).hits) == 3
