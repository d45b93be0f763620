"""The knowledge base as the services see it: entries, visibility by sensitivity, search.

One matcher per audience, so that abstention is decided on what the asker may see: members see
`public` and `network` entries; moderators and admins also see `moderators` entries.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from rapidfuzz import fuzz, process

from knowledge.entry import Entry, Problem, load_entries
from knowledge.matcher import Matcher, MatchResult

from .errors import NotFound
from .models import Privilege

MEMBER_VISIBLE = frozenset({"public", "network"})


def visible_to(entry: Entry, privilege: Privilege) -> bool:
    return entry.sensitivity in MEMBER_VISIBLE or privilege >= Privilege.MODERATOR


class KnowledgeBase:
    def __init__(self, entries: Sequence[Entry], problems: Sequence[Problem] = (),
                 matcher_factory: Callable[[Sequence[Entry]], Matcher] = Matcher) -> None:
        self.entries = tuple(entries)
        self.problems = tuple(problems)
        self._by_id = {e.id: e for e in self.entries}
        members = [e for e in self.entries if e.sensitivity in MEMBER_VISIBLE]
        self._member_matcher = matcher_factory(members)
        self._all_matcher = (
            self._member_matcher if len(members) == len(self.entries) else matcher_factory(self.entries)
        )

    @classmethod
    def load(cls, directory: Path | str | None = None) -> KnowledgeBase:
        """Load the curated base; malformed files are reported in `problems`, valid ones served."""
        result = load_entries(directory)
        return cls(result.entries, result.problems)

    def __len__(self) -> int:
        return len(self.entries)

    def get(self, entry_id: str, privilege: Privilege = Privilege.MEMBER) -> Entry:
        entry = self._by_id.get((entry_id or "").strip())
        if entry is None or not visible_to(entry, privilege):
            raise NotFound("error.entry_not_found", entry_id=(entry_id or "").strip()[:80])
        return entry

    def search(self, query: str, privilege: Privilege = Privilege.MEMBER, k: int = 5) -> MatchResult:
        matcher = self._all_matcher if privilege >= Privilege.MODERATOR else self._member_matcher
        return matcher.search(query, k=k)

    def titles_like(self, text: str, privilege: Privilege = Privilege.MEMBER, limit: int = 25) -> list[Entry]:
        """Entries whose title or id resembles `text`, for autocomplete (all entries when empty)."""
        pool = [e for e in self.entries if visible_to(e, privilege)]
        text = (text or "").strip()
        if not text:
            return sorted(pool, key=lambda e: e.title.casefold())[:limit]
        choices = {i: f"{e.title} {e.id}" for i, e in enumerate(pool)}
        found = process.extract(text, choices, scorer=fuzz.WRatio, limit=limit, score_cutoff=45)
        return [pool[i] for _, _, i in found]
