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
