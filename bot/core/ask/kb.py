"""The knowledge base as the services see it: entries, visibility by sensitivity, search.

One matcher per audience, so that abstention is decided on what the asker may see: members see
`public` and `network` entries; moderators and admins also see `moderators` entries.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.core.errors import NotFound
from bot.core.identity import FILTERED, PLUMBING, PUBLIC, PURE, no_privilege
from bot.core.models import Privilege
from bot.core.store import T
from knowledge.entry import Entry, Problem, load_entries
from knowledge.matcher import Matcher, MatchResult

log = logging.getLogger("labbot.kb")

MEMBER_VISIBLE = frozenset({"public", "network"})


def visible_to(entry: Entry, privilege: Privilege) -> bool:
    return entry.sensitivity in MEMBER_VISIBLE or privilege >= Privilege.MODERATOR


class KnowledgeBase:
    def __init__(self, entries: Sequence[Entry], problems: Sequence[Problem] = (),
                 matcher_factory: Callable[[Sequence[Entry]], Matcher] = Matcher) -> None:
        self.curated = tuple(entries)
        self.problems = tuple(problems)
        self._factory = matcher_factory
        self._lessons: tuple[Entry, ...] = ()
        self._phrasings: dict[str, tuple[str, ...]] = {}
        self._submit: Callable[[Callable[[], None]], object] | None = None
        self._generation = 0
        self._prune_pending = False  # a phrasing was removed: the next build that lands prunes the cache
        self._swap_lock = threading.Lock()
        self.rebuild: object = None  # what `_submit` returned for the latest rebuild (a future)
        self._build()

    @no_privilege(PLUMBING)
    def run_rebuilds_with(self, submit: Callable[[Callable[[], None]], object]) -> None:
        """Rebuild the matchers (after new lessons or learned phrasings) through `submit`, for
        example a worker thread, instead of inline: building encodes new texts, which must not run
        on an event loop. Searches meanwhile use the previous matchers; the newest rebuild wins."""
        self._submit = submit

    @no_privilege(PLUMBING)
    def set_lessons(self, lessons: Sequence[Entry]) -> None:
        """Published living-lab lessons are matched like entries ("besproken in het living lab")."""
        self._lessons = tuple(lessons)
        self._build()

    @no_privilege(PLUMBING)
    def set_phrasings(self, phrasings: Mapping[str, Sequence[str]]) -> None:
        """Learned phrasings (masked questions members marked "nuttig") per entry id: matched as
        extra aliases of that entry, by the lexical and the semantic ranking alike."""
        new = {k: tuple(v) for k, v in phrasings.items() if v}
        removed = any(set(texts) - set(new.get(k, ())) for k, texts in self._phrasings.items())
        self._phrasings = new
        self._build(forget_unused=removed)

    def _build(self, forget_unused: bool = False) -> None:
        """Build both matchers (inline or through `run_rebuilds_with`). `forget_unused`: a learned
        phrasing was erased or removed, so the factory then drops the cached vectors that neither
        new matcher uses (`knowledge.hybrid.MatcherFactory.forget_unused`); when a newer build
        overtakes this one, the newer one does it."""
        self.entries = self.curated + self._lessons
        self._by_id = {e.id: e for e in self.entries}
        matched = [replace(e, aliases=e.aliases + self._phrasings[e.id]) if e.id in self._phrasings else e
                   for e in self.entries]
        with self._swap_lock:
            self._generation += 1
            generation = self._generation
            self._prune_pending = self._prune_pending or forget_unused

        def job() -> None:
            members = [e for e in matched if e.sensitivity in MEMBER_VISIBLE]
            member = self._factory(members)
            everyone = member if len(members) == len(matched) else self._factory(matched)
            with self._swap_lock:
                prune = False
                if generation == self._generation:  # else a newer rebuild started meanwhile: it wins
                    self._member_matcher, self._all_matcher = member, everyone
                    prune, self._prune_pending = self._prune_pending, False
            forget = getattr(self._factory, "forget_unused", None)
            if prune and forget is not None:
                try:
                    forget((member, everyone))
                except Exception as exc:  # a locked or broken database file: the next build tries again
                    log.warning("vector cache not pruned (%s: %s); retried at the next rebuild",
                                type(exc).__name__, exc)
                    with self._swap_lock:
                        self._prune_pending = True

        if self._submit is None:
            job()  # the first build (in __init__, before any worker is given), and every build without one
        else:
            self.rebuild = self._submit(job)

    @classmethod
    def load(cls, directory: Path | str | None = None,
             matcher_factory: Callable[[Sequence[Entry]], Matcher] = Matcher) -> KnowledgeBase:
        """Load the curated base; malformed files are reported in `problems`, valid ones served."""
        result = load_entries(directory)
        return cls(result.entries, result.problems, matcher_factory)

    def __len__(self) -> int:
        return len(self.curated)

    @no_privilege(FILTERED)
    def get(self, entry_id: str, privilege: Privilege = Privilege.MEMBER) -> Entry:
        entry = self._by_id.get((entry_id or "").strip())
        if entry is None or not visible_to(entry, privilege):
            raise NotFound("error.entry_not_found", entry_id=(entry_id or "").strip()[:80])
        return entry

    @property
    def slow_search(self) -> bool:
        """True when a search encodes the question (semantic ranking): doors call `prepare` in a
        worker thread first."""
        return bool(getattr(self._member_matcher, "semantic_on", False))

    @property
    def matcher_status(self) -> str:
        """One line: semantic ranking on (which model) or why the matching is lexical only."""
        return getattr(self._member_matcher, "status", "lexical matching only")

    @no_privilege(PURE + ': encodes a question vector, stores nothing')
    def prepare(self, query: str) -> None:
        """Encode the question's vector ahead of `search` (slow: call it off the event loop)."""
        encode = getattr(self._member_matcher, "encode_query", None)
        if encode is not None:
            encode(query)

    @no_privilege(FILTERED)
    def search(self, query: str, privilege: Privilege = Privilege.MEMBER, k: int = 5) -> MatchResult:
        matcher = self._all_matcher if privilege >= Privilege.MODERATOR else self._member_matcher
        return matcher.search(query, k=k)

    @no_privilege(FILTERED)
    def knows_a_word(self, query: str, privilege: Privilege = Privilege.MEMBER) -> bool:
        """Whether `query` holds a word Labbot knows (see `Matcher.knows_a_word`)."""
        matcher = self._all_matcher if privilege >= Privilege.MODERATOR else self._member_matcher
        return matcher.knows_a_word(query)

    @no_privilege(FILTERED)
    def find(self, query: str, privilege: Privilege = Privilege.MEMBER, k: int = 5, *,
                unless_abstain: bool = False) -> list[Entry]:
        """Search, then the entries of the hits the viewer may see, best first (the "search, then
        get" of every door). `unless_abstain`: nothing when the matcher is not confident."""
        result = self.search(query, privilege, k=k)
        if unless_abstain and result.abstain:
            return []
        found = []
        for hit in result.hits[:k]:
            try:
                found.append(self.get(hit.entry_id, privilege))
            except NotFound:  # a lesson withdrawn since the index was built
                continue
        return found

    @no_privilege(PLUMBING)
    def record_versions(self, db, now: str) -> None:
        """Remember a content hash per curated entry, so the digest can list new and updated ones.
        On the very first run every entry is the baseline (not "new")."""
        table = db[T.kb_versions]
        baseline = table.count == 0
        known = {r["entry_id"]: r for r in table.rows}
        rows = []
        for e in self.curated:
            digest = hashlib.sha256(f"{e.title}\n{e.body}\n{e.sources}".encode()).hexdigest()[:16]
            old = known.get(e.id)
            if old is None:
                first = "" if baseline else now
                rows.append({"entry_id": e.id, "hash": digest, "title": e.title, "first_seen": first, "updated_at": first})
            elif old["hash"] != digest:
                rows.append(dict(old, hash=digest, title=e.title, updated_at=now))
        if rows:
            table.upsert_all(rows, pk="entry_id")

    @no_privilege(PUBLIC + ': which entries changed (the digest filters by sensitivity)')
    def changed_since(self, db, since: str) -> list[dict]:
        """Curated entries new or updated since `since` (ISO), newest first."""
        return list(db[T.kb_versions].rows_where("updated_at >= ? and updated_at != ''", [since],
                                                 order_by="updated_at desc"))

    @no_privilege(FILTERED)
    def titles_like(self, text: str, privilege: Privilege = Privilege.MEMBER, limit: int = 25) -> list[Entry]:
        """Entries whose title or id resembles `text`, for autocomplete (all entries when empty)."""
        pool = [e for e in self.entries if visible_to(e, privilege)]
        text = (text or "").strip()
        if not text:
            return sorted(pool, key=lambda e: e.title.casefold())[:limit]
        choices = {i: f"{e.title} {e.id}" for i, e in enumerate(pool)}
        found = process.extract(text, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=45)
        return [pool[i] for _, _, i in found]
