"""The knowledge base's matchers are rebuilt through a worker when one is given (issue 13:
building encodes new texts, which must never run on an event loop)."""

from __future__ import annotations

from bot.core.ask.kb import KnowledgeBase
from tests.conftest import SYNTHETIC

ODD = "Mijn buurjongen praat ineens over de grote reset en wantrouwt alles"


def test_without_a_worker_a_rebuild_is_inline():
    kb = KnowledgeBase(SYNTHETIC)
    kb.set_phrasings({"complotdenken": [ODD]})
    assert kb.search(ODD).hits[0].entry_id == "complotdenken"


def test_with_a_worker_searches_use_the_old_matchers_until_the_rebuild_ran():
    jobs = []
    kb = KnowledgeBase(SYNTHETIC)
    kb.run_rebuilds_with(jobs.append)
    before = kb.search(ODD)
    kb.set_phrasings({"complotdenken": [ODD]})
    assert len(jobs) == 1 and kb.search(ODD) == before  # nothing built on the caller's thread
    jobs.pop()()
    assert kb.search(ODD).hits[0].entry_id == "complotdenken"


def test_the_newest_rebuild_wins_whatever_order_the_workers_finish_in():
    """A member's erasure right after a "nuttig": the older rebuild (with the phrasing) must not
    overwrite the newer one (without it) when it happens to finish last."""
    jobs = []
    kb = KnowledgeBase(SYNTHETIC)
    kb.run_rebuilds_with(jobs.append)
    kb.set_phrasings({"complotdenken": [ODD]})
    kb.set_phrasings({})
    newer, older = jobs.pop(), jobs.pop()
    newer()
    older()
    assert kb.search(ODD) == KnowledgeBase(SYNTHETIC).search(ODD)  # as if nothing was learned
    assert kb.entries == tuple(SYNTHETIC)  # entries themselves change at once (get() sees them)



def test_an_erased_phrasing_leaves_no_vector_behind_and_a_restart_re_encodes_nothing():
    """The vector of a passage that held a learned phrasing is derived from a member's words: when
    the phrasing is erased (or a curator removes it), the cache drops it. A restart, which builds
    before the phrasings are loaded, prunes nothing and encodes nothing new."""
    from knowledge.hybrid import matcher_factory
    from tests.knowledge.fakes import FakeEmbedder

    emb = FakeEmbedder()
    factory, _ = matcher_factory(embedder=emb)
    cache = factory.cache
    kb = KnowledgeBase(SYNTHETIC, matcher_factory=factory)
    plain = kb._all_matcher.vector_keys
    kb.set_phrasings({"complotdenken": [ODD]})
    held = sorted(kb._all_matcher.vector_keys - plain)  # the passage with the phrasing in it
    assert held and len(cache.get_many(emb.name, held)) == len(held)

    restarted = KnowledgeBase(SYNTHETIC, matcher_factory=factory)  # builds without phrasings first
    emb.calls.clear()
    restarted.set_phrasings({"complotdenken": [ODD]})
    assert emb.calls == [], "a restart finds every vector in the cache"

    restarted.set_phrasings({})  # the member's erasure
    assert cache.get_many(emb.name, held) == {}
    assert cache.count(emb.name) == len(plain)


def test_a_prune_that_fails_is_logged_and_tried_again_at_the_next_build(caplog):
    from bot.core.ask.kb import Matcher as LexicalMatcher

    calls = []

    class Factory:
        def __call__(self, entries):
            return LexicalMatcher(entries)

        def forget_unused(self, matchers):
            calls.append(len(matchers))
            if len(calls) == 1:
                raise OSError("database is locked")

    kb = KnowledgeBase(SYNTHETIC, matcher_factory=Factory())
    kb.set_phrasings({"complotdenken": [ODD]})
    assert calls == []  # nothing removed: no prune
    with caplog.at_level("WARNING", logger="labbot.kb"):
        kb.set_phrasings({})
    assert calls == [2] and "not pruned" in caplog.text
    kb.set_lessons([])  # any later build retries
    assert calls == [2, 2]
    kb.set_lessons([])
    assert calls == [2, 2]  # and only until it succeeded
